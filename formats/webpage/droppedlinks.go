package webpage

import (
	"fmt"
	"strings"

	"folio/pipeline/doc"
)

// unlinkDropped turns the page's links to a place it left out into their
// text, and says so for each, as news (links-to-dropped, an info): a
// documentation page's headings link back to its table of contents, a
// citation to a reference the extraction did not keep. Left as links,
// each was a broken-internal-link warning that a reader of a saved page
// can do nothing about. A link to an id the page does not have at all
// stays, for normalize to warn about, and so does one that a heading or an
// anchor kept in the document answers to, by its id or its text.
func (c *converter) unlinkDropped(d *doc.Document) []doc.Warning {
	page := map[string]bool{}
	for _, in := range c.elems {
		for _, k := range []string{"id", "name"} {
			if v := strings.TrimSpace(attrOf(in.attrs, k)); v != "" {
				page[v] = true
			}
		}
	}
	kept := map[string]bool{}
	doc.Walk(d, func(n doc.Node, entering bool) doc.WalkStatus {
		if !entering {
			return doc.WalkContinue
		}
		switch n := n.(type) {
		case *doc.Heading:
			kept[fold(n.ID)] = true
			kept[fold(doc.PlainText(n.Content))] = true
			for _, a := range n.Anchors {
				kept[fold(a)] = true
			}
		case *doc.Anchor:
			kept[fold(n.ID)] = true
		}
		return doc.WalkContinue
	})
	dropped := func(l *doc.Link) bool {
		frag, ok := doc.Fragment(strings.TrimSpace(l.URL))
		return ok && page[frag] && !kept[fold(frag)]
	}
	var ws []doc.Warning
	doc.MapInlines(d, func(is []doc.Inline) []doc.Inline {
		return doc.Splice(is, func(_ int, in doc.Inline) ([]doc.Inline, bool) {
			l, ok := in.(*doc.Link)
			if !ok || !dropped(l) {
				return nil, false
			}
			ws = append(ws, doc.Warning{Pos: l.Pos, Code: "links-to-dropped",
				Message: fmt.Sprintf("link to %q goes to a passage left out of the article; its text is kept", l.URL)})
			return l.Content, true
		})
	})
	return ws
}

// fold is a fragment or a heading's text compared without case, spaces or
// punctuation (its slugWords run together): "#Early_history" answers to
// the heading "Early history".
func fold(s string) string { return strings.Join(slugWords(s), "") }
