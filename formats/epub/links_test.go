package epub

import (
	"strings"
	"testing"

	"folio/pipeline/doc"
)

// TestBrokenInternalLinkStaysInTheBook: a link to no id of the document
// (normalize has warned about it, for every format) points to the file it
// stands in, never to a fragment the book lacks, which EPUBCheck refuses.
func TestBrokenInternalLinkStaysInTheBook(t *testing.T) {
	at := doc.Pos{File: "a.md", Line: 7, Col: 3}
	d := &doc.Document{Meta: doc.Meta{Title: "T", Lang: "en"}, Blocks: []doc.Block{
		&doc.Paragraph{Content: []doc.Inline{&doc.Link{URL: "#nowhere", Content: []doc.Inline{&doc.Text{Value: "see"}}, Pos: at}}},
	}}
	data, _ := build(t, d)
	o := open(t, data)
	for _, name := range o.pages() {
		if strings.Contains(string(o.files[name]), "#nowhere") {
			t.Errorf("%s links to #nowhere", name)
		}
	}
}
