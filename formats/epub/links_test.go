package epub

import (
	"testing"

	"folio/pipeline/doc"
)

func TestBrokenInternalLinkNamesWhereItIsWritten(t *testing.T) {
	at := doc.Pos{File: "a.md", Line: 7, Col: 3}
	d := &doc.Document{Meta: doc.Meta{Title: "T", Lang: "en"}, Blocks: []doc.Block{
		&doc.Paragraph{Content: []doc.Inline{&doc.Link{URL: "#nowhere", Content: []doc.Inline{&doc.Text{Value: "see"}}, Pos: at}}},
	}}
	_, ws := build(t, d)
	for _, w := range ws {
		if w.Code == "broken-internal-link" {
			if w.Pos != at {
				t.Errorf("warning at %v, want %v", w.Pos, at)
			}
			return
		}
	}
	t.Errorf("no broken-internal-link warning in %v", ws)
}
