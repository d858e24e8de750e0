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

// headingLevels makes the outline well formed: the body's headings start
// at level 2 (level 1 is the title), no level is skipped on the way down
// ("##" then "#####" becomes 2 then 3), and every level is at most 6,
// whatever the source said (a JSON tree may say 0 or 99). Each heading
// goes one level below the nearest earlier heading written shallower
// than it, and beside earlier ones written at its own level, so sibling
// sections stay siblings. In fragment mode the body keeps its levels as
// written, only brought into 1–6.
func headingLevels(ctx context.Context, d *doc.Document, o *Options) error {
	if o.Fragment {
		walkHeadings(d, func(h *doc.Heading) { h.Level = min(max(h.Level, 1), 6) })
		return nil
	}
	type open struct{ written, level int }
	var stack []open // the headings still open, shallowest first
	walkHeadings(d, func(h *doc.Heading) {
		for len(stack) > 0 && stack[len(stack)-1].written >= h.Level {
			stack = stack[:len(stack)-1]
		}
		level := 2
		if len(stack) > 0 {
			level = min(stack[len(stack)-1].level+1, 6)
		}
		stack = append(stack, open{h.Level, level})
		h.Level = level
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
