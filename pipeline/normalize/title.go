package normalize

import (
	"context"
	"strings"

	"folio/pipeline/doc"
)

// liftTitle makes the first level-1 heading the title when the metadata has
// none, and removes it from the body. When the metadata has a title, a
// leading level-1 heading that repeats it is removed too, so the finished
// page shows the title once.
func liftTitle(ctx context.Context, d *doc.Document, o *Options) error {
	for i, b := range d.Blocks {
		h, ok := b.(*doc.Heading)
		if !ok || h.Level != 1 {
			continue
		}
		text := strings.TrimSpace(doc.PlainText(h.Content))
		switch {
		case d.Meta.Title == "":
			d.Meta.Title = text
		case !sameTitle(d.Meta.Title, text):
			return nil
		}
		d.Blocks = append(d.Blocks[:i:i], d.Blocks[i+1:]...)
		return nil
	}
	return nil
}

func sameTitle(a, b string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
}

// headingLevels shifts every heading so that the highest level in the body
// is 2 (level 1 is the title), and clamps at 6.
func headingLevels(ctx context.Context, d *doc.Document, o *Options) error {
	top := 7
	walkHeadings(d, func(h *doc.Heading) {
		top = min(top, h.Level)
	})
	if top == 7 || top == 2 {
		return nil
	}
	shift := 2 - top
	walkHeadings(d, func(h *doc.Heading) {
		h.Level = min(max(h.Level+shift, 2), 6)
	})
	return nil
}

// walkHeadings visits the headings of the body in order, including those
// nested in quotes and lists.
func walkHeadings(d *doc.Document, fn func(*doc.Heading)) {
	doc.WalkBlocks(d.Blocks, func(n doc.Node, entering bool) doc.WalkStatus {
		if h, ok := n.(*doc.Heading); ok && entering {
			fn(h)
			return doc.WalkSkipChildren
		}
		if _, ok := n.(doc.Inline); ok {
			return doc.WalkSkipChildren
		}
		return doc.WalkContinue
	})
}
