package normalize

import (
	"context"
	"strings"

	"folio/pipeline/doc"
)

// buildTOC nests the body's top-level headings by level into d.TOC.
// Headings inside quotes or lists are not sections and stay out.
func buildTOC(ctx context.Context, d *doc.Document, o *Options) error {
	d.TOC = nil
	var stack []*doc.TOCEntry
	for _, b := range d.Blocks {
		h, ok := b.(*doc.Heading)
		if !ok {
			continue
		}
		e := &doc.TOCEntry{Level: h.Level, ID: h.ID, Title: strings.Join(strings.Fields(doc.PlainText(h.Content)), " ")}
		for len(stack) > 0 && stack[len(stack)-1].Level >= h.Level {
			stack = stack[:len(stack)-1]
		}
		if len(stack) == 0 {
			d.TOC = append(d.TOC, e)
		} else {
			parent := stack[len(stack)-1]
			parent.Children = append(parent.Children, e)
		}
		stack = append(stack, e)
	}
	return nil
}
