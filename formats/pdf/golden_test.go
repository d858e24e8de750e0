package pdf

import (
	"crypto/sha256"
	"flag"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"folio/internal/goldentree"
	"folio/pipeline/doc"
)

var update = flag.Bool("update", false, "rewrite the layout goldens in testdata/")

// TestLayoutGolden pins how three documents are set: every line of text the
// writer draws, with its page, baseline and start (points from the top
// left), faces, sizes and text, then the SHA-256 of the PDF's bytes. A
// change to the measure, the line breaking, hyphenation, keeps, the title
// block or the running header shows as a readable diff of the runs; a
// change only to the bytes (a library's serialisation, compression) shows
// in the last line. Review the diff, then `go test ./formats/pdf -run
// TestLayoutGolden -update`.
func TestLayoutGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		d    func() *doc.Document
		opts Options
	}{
		{"briefing-a4", briefing, Options{Marking: "INTERNAL"}},
		{"arabic-letter", arabicDoc, Options{Paper: "letter"}},
		{"russian-justified", func() *doc.Document { return bookDoc("ru", russianVocab, 3) }, Options{Align: "justify"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var runs []string
			opts := tc.opts
			opts.trace = func(r []string) { runs = append([]string(nil), r...) }
			b, _ := write(t, tc.d(), opts)
			if len(runs) == 0 {
				t.Fatal("the writer traced no text")
			}
			got := strings.Join(runs, "\n") + fmt.Sprintf("\nsha256 %x\n", sha256.Sum256(b))
			goldentree.Check(t, filepath.Join("testdata", tc.name+".layout"), []byte(got), *update)
		})
	}
}
