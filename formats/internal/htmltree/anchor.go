package htmltree

import (
	"strings"

	"golang.org/x/net/html"

	"folio/pipeline/doc"
)

// LinkTargets are the ids that the links of a page name: the fragment of
// every href that is only a fragment, unescaped as a browser matches it.
// hrefs yields each element's href as the page wrote it.
func LinkTargets(hrefs func(yield func(string) bool)) map[string]bool {
	var ids map[string]bool
	for h := range hrefs {
		frag, ok := doc.Fragment(strings.TrimSpace(h))
		if !ok {
			continue
		}
		if ids == nil {
			ids = map[string]bool{}
		}
		ids[frag] = true
	}
	return ids
}

// anchor is the place n names when a link of the page goes to it (its id,
// or the name of an <a name>), or nil.
func (c *Converter) anchor(n *html.Node, pos doc.Pos) *doc.Anchor {
	if len(c.Targets) == 0 {
		return nil
	}
	id := strings.TrimSpace(c.orig(n, "id"))
	if !c.Targets[id] && n.Data == "a" {
		id = strings.TrimSpace(c.orig(n, "name"))
	}
	if id == "" || !c.Targets[id] {
		return nil
	}
	return &doc.Anchor{ID: id, Pos: pos}
}

// hold keeps the anchor of a block element for the first text inside it.
func (c *Converter) hold(n *html.Node, pos doc.Pos) {
	if a := c.anchor(n, pos); a != nil {
		c.pending = append(c.pending, a)
	}
}

// release puts the held anchors before is when is shows something.
func (c *Converter) release(is []doc.Inline) []doc.Inline {
	if len(c.pending) == 0 || blank(is) {
		return is
	}
	out := append(c.pending, is...)
	c.pending = nil
	return out
}

// headingAnchors takes the anchors out of a heading's content, with those
// held for it, as the heading's other names.
func (c *Converter) headingAnchors(is []doc.Inline) ([]doc.Inline, []string) {
	var names []string
	for _, a := range c.pending {
		names = append(names, a.(*doc.Anchor).ID)
	}
	c.pending = nil
	anchors, rest := splitAnchors(is)
	for _, a := range anchors {
		names = append(names, a.(*doc.Anchor).ID)
	}
	return rest, names
}

// anchorsOf makes anchors of names, for the text after a heading that
// showed nothing.
func anchorsOf(names []string, pos doc.Pos) []doc.Inline {
	out := make([]doc.Inline, len(names))
	for i, id := range names {
		out[i] = &doc.Anchor{ID: id, Pos: pos}
	}
	return out
}

// splitAnchors parts is into its top-level anchors and the rest, each in
// order.
func splitAnchors(is []doc.Inline) (anchors, rest []doc.Inline) {
	rest = make([]doc.Inline, 0, len(is))
	for _, n := range is {
		if _, ok := n.(*doc.Anchor); ok {
			anchors = append(anchors, n)
		} else {
			rest = append(rest, n)
		}
	}
	return anchors, rest
}

// appendAnchor appends a to is when there is one.
func appendAnchor(is []doc.Inline, a *doc.Anchor) []doc.Inline {
	if a == nil {
		return is
	}
	return append(is, a)
}
