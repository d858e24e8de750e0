// Package epub writes a document as an EPUB 3 book (with an EPUB 2 toc.ncx
// for older readers), for e-readers: Kindle (through Send to Kindle), Kobo,
// Apple Books and the rest.
//
// The book is assembled by go-epub (github.com/go-shiori/go-epub, the
// maintained continuation of bmaupin/go-epub) and then repaired by one
// post-pass, finish, that re-reads go-epub's zip and fixes what the library
// gets wrong (clock-based dcterms:modified, random manifest and zip order,
// broken NCX, missing metadata, no lang on pages). engine.go, the adapter,
// lists every go-epub defect the writer works around and what shows each
// repair is needed.
//
// Layout of a book: a cover page (the document's cover image or a generated
// typographic one, its text shaped with HarfBuzz so Arabic and Persian
// titles are set right to left with joined letters), a title page (title,
// standfirst, byline, date, source, tags), the body — one XHTML file, or one
// per level-2 section when the document is long — and a notes page of
// <aside epub:type="footnote"> notes: pop-ups where the reader supports
// them, endnotes with links back to the text where it does not (see
// notesPage). The nav nests the document's sections under its title.
// Bodies are rendered by formats/internal/markup, shared with the HTML
// writer.
//
// The writer is a pure function of the tree and the options: nothing is
// fetched, nothing touches the disk, and the same document gives the same
// bytes (dates from the document or SourceDate, identifier from the
// content).
package epub

import (
	"context"
	"io"
	"strings"
	"time"

	"folio/pipeline/doc"
)

// Options configure the EPUB writer.
type Options struct {
	// SourceDate is the timestamp used when the document has no date (from
	// SOURCE_DATE_EPOCH); when zero too, 1970-01-01T00:00:00Z.
	SourceDate time.Time
}

// defaultSplitChars is the amount of text above which the body is split
// into one file per level-2 section (readers page through small files
// faster; a short article stays one file).
const defaultSplitChars = 20000

// Writer writes EPUB books. It is safe for concurrent use.
type Writer struct {
	opts       Options
	splitChars int
}

// New returns an EPUB writer.
func New(opts Options) *Writer {
	return &Writer{opts: opts, splitChars: defaultSplitChars}
}

// Write renders d as an EPUB to out.
func (w *Writer) Write(ctx context.Context, d *doc.Document, out io.Writer) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	b, err := w.plan(ctx, d)
	if err != nil {
		return err
	}
	return emit(b, out)
}

// emit assembles the planned book, repairs it and writes it to out.
func emit(b *book, out io.Writer) error {
	raw, replace, err := assemble(b)
	if err != nil {
		return err
	}
	replace["EPUB/nav.xhtml"] = navXHTML(b)
	replace["EPUB/toc.ncx"] = tocNCX(b)
	data, err := finish(raw, fixes{
		metadata: metadataXML(b),
		lang:     b.lang,
		dir:      b.dir,
		modified: b.modified,
		replace:  replace,
		coverAlt: b.title,
		pageLang: pageLangs(b),
	})
	if err != nil {
		return err
	}
	_, err = out.Write(data)
	return err
}

// book is everything go-epub and finish need, decided from the tree.
type book struct {
	title, subtitle, description string
	authors, subjects            []string
	editors, sources             []string // a pack's editor and its articles' sources
	lang, dir                    string
	date, publisher, source      string
	rights, identifier           string
	modified                     time.Time
	labels                       doc.Labels
	access                       accessibility

	cover     *media
	images    []*media
	pages     []*page
	nav       []*navEntry
	landmarks []landmark

	// In a pack: the file holding each heading of every article (ids
	// are unique across the pack) and each article's first file, for
	// links between articles (doc.BatchTarget.Article).
	packFileOf map[string]string
	packStart  []string
}

// media is a file of the book other than a page: an image or the cover.
type media struct {
	file      string // name inside EPUB/images/
	mediaType string
	data      []byte
}

// page is one XHTML file of the spine.
type page struct {
	file  string // name inside EPUB/xhtml/
	title string // the page's <title>
	body  string // XHTML inside <body>
	lang  string // the page's language when it is not the book's (a pack's article)
}

// plan decides the book: metadata, media, pages and table of contents.
func (w *Writer) plan(ctx context.Context, d *doc.Document) (*book, error) {
	m := &d.Meta
	if _, ok := bookLang(m.Lang); !ok {
		doc.Warn(ctx, doc.Warning{Pos: m.Pos, Code: "lang-invalid", Message: "language " + quote(m.Lang) + " is not a BCP 47 tag; using en"})
	}
	b := articleBook(d)
	b.identifier = identifier(d)
	b.modified = modifiedTime(m, w.opts.SourceDate)

	imgs := collectImages(ctx, d)
	b.images = imgs.list
	b.access = accessibility{images: len(imgs.list) > 0, allAlt: imgs.allAlt}
	cover, err := coverMedia(d, b)
	if err != nil {
		return nil, err
	}
	b.cover = cover

	w.paginate(ctx, d, b, imgs)
	return b, nil
}

// articleBook is what a document says about itself, as the book's
// metadata: cleaned of what XML cannot carry, in a valid language.
func articleBook(d *doc.Document) *book {
	m := &d.Meta
	b := &book{
		subtitle:  clean(m.Subtitle),
		date:      dcDate(m.Date),
		publisher: clean(m.Publisher),
		source:    clean(m.Source),
		rights:    clean(m.Rights),
	}
	b.lang, _ = bookLang(m.Lang)
	b.dir = "ltr"
	if doc.IsRTL(b.lang) {
		b.dir = "rtl"
	}
	b.labels = doc.LabelsFor(b.lang)
	b.title = bookTitle(d)
	for _, a := range m.Authors {
		if a = clean(a); a != "" {
			b.authors = append(b.authors, a)
		}
	}
	for _, t := range m.Tags {
		if t = clean(t); t != "" {
			b.subjects = append(b.subjects, t)
		}
	}
	b.description = clean(m.Summary)
	if b.description == "" {
		b.description = b.subtitle
	}
	return b
}

// bookTitle is the document's title, or (for a document without one) the
// first heading or the first words of the text, so dc:title is never
// empty.
func bookTitle(d *doc.Document) string {
	if t := clean(d.Meta.Title); t != "" {
		return t
	}
	for _, e := range d.TOC {
		if t := clean(e.Title); t != "" {
			return t
		}
	}
	var text string
	for _, bl := range d.Blocks {
		if p, ok := bl.(*doc.Paragraph); ok {
			text = clean(doc.PlainText(p.Content))
			if text != "" {
				break
			}
		}
	}
	if text == "" {
		return "Untitled"
	}
	words := strings.Fields(text)
	if len(words) > 8 {
		return strings.Join(words[:8], " ") + "…"
	}
	return strings.Join(words, " ")
}

func quote(s string) string {
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return `"` + clean(s) + `"`
}
