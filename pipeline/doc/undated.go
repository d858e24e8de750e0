package doc

import "time"

// UndatedStamp is the timestamp file metadata carries (the PDF's
// CreationDate and ModDate, the EPUB's required dcterms:modified) for a
// document that has no date when SOURCE_DATE_EPOCH is not set either.
//
// The decision: nothing on a page or title block ever shows a date the
// document does not have (an EPUB without a date has no dc:date, so
// readers show no publication date). Only the timestamps the formats
// require, or that fpdf always writes, need a value, and it must be the
// same on every run and machine, so it cannot be the clock or a file's
// modification time. 1970-01-01 reads as a broken date in every reader;
// Folio uses the first day of the year of this release line instead, a
// date that is plausibly "when this file was made" and is documented
// here and in the README. Set SOURCE_DATE_EPOCH (or give the document a
// date) to choose it.
//
// Rejected: the newest dated input's date in the batch. A document's bytes
// would depend on which other files were exported with it (export a.md
// and export . would differ, and so would --shard runs unless each read
// every input), and --incremental would have to rebuild every undated
// document when a newer one appears. File modification times are not
// reproducible (git does not keep them). A pack, one publication made of
// its articles, does take its newest article's date (pipeline.packMeta).
func UndatedStamp() time.Time { return time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC) }
