package htmltree

import (
	"strings"

	"golang.org/x/net/html"

	"folio/formats/internal/lazyre"
	"folio/pipeline/doc"
)

// creditClass finds the element of a caption that holds the photo credit.
var creditClass = lazyre.New(`(?i)(^|[-_\s])(credit|credits|copyright|photographer|attribution|source|byline|author|courtesy)($|[-_\s])`)

// creditLabel finds "Photo: Jane Doe" (and its kin in other languages) at
// the end of a caption, or as a whole credit element.
var creditLabel = lazyre.New(`(?i)(?:^|[\s(])((?:photo(?:graph)?|image|picture|credit|illustration|source|video|chart|graphic|map|фото(?:графия)?|иллюстрация|источник|снимок|صورة|الصورة|تصوير|المصدر|رسم)\s*:\s*)([^:()]+?)\)?\s*$`)

// figure reads a <figure>: one Figure per image, the first with the
// caption and credit. A figure without an image keeps its caption (the
// writers show the text, as for a lost photo); one that wraps a quote,
// code or table is read as those blocks.
func (c *Converter) figure(n *html.Node, pos doc.Pos, depth, nest int) []doc.Block {
	var imgs []*html.Node
	var caption *html.Node
	other := false
	WalkNodes(n, func(m *html.Node) Walk {
		if m.Type != html.ElementNode {
			return WalkIn
		}
		if c.Dropped(m) {
			return WalkSkip
		}
		switch m.Data {
		case "figcaption":
			if caption == nil {
				caption = m
			}
			return WalkSkip
		case "img":
			if c.image(m, pos) != nil {
				imgs = append(imgs, m)
			}
		case "blockquote", "pre", "table", "ul", "ol", "dl", "p", "h2", "h3", "h4":
			other = true
		}
		return WalkIn
	})
	if len(imgs) == 0 && other {
		return c.blocks(n, depth, nest)
	}
	var capInlines []doc.Inline
	credit := ""
	if caption != nil {
		capInlines, credit = c.caption(caption, depth)
		// The figure's own id a link names lands on its caption.
		capInlines = c.release(capInlines)
	}
	if len(imgs) == 0 {
		if len(capInlines) == 0 && credit == "" {
			return nil
		}
		return []doc.Block{&doc.Figure{Caption: capInlines, Credit: credit, Pos: pos}}
	}
	var out []doc.Block
	for i, m := range imgs {
		img := c.image(m, c.Pos(m))
		f := &doc.Figure{Src: img.Src, Fallback: img.Fallback, Alt: img.Alt, Title: img.Title, Pos: img.Pos}
		if i == 0 {
			f.Pos = pos
			f.Caption, f.Credit = capInlines, credit
		}
		out = append(out, f)
	}
	return out
}

// caption reads a figcaption, taking the credit out of it: an element
// marked as a credit, or a trailing "Photo: …" label.
func (c *Converter) caption(n *html.Node, depth int) ([]doc.Inline, string) {
	credit := ""
	var creditNode *html.Node
	walkElements(n, func(m *html.Node) bool {
		if creditClass.MatchString(c.orig(m, "class") + " " + c.orig(m, "itemprop")) {
			creditNode = m
			return false
		}
		return true
	})
	if creditNode != nil {
		credit = clean(TextContent(creditNode))
		if m := creditLabel.FindStringSubmatch(credit); m != nil && strings.TrimSpace(credit[:len(credit)-len(m[0])]) == "" {
			credit = clean(m[2])
		}
		// Out of the caption's text while it is read, and back after: the
		// safety net may read the page a second time (salvage.go).
		parent, next := creditNode.Parent, creditNode.NextSibling
		parent.RemoveChild(creditNode)
		defer parent.InsertBefore(creditNode, next)
	}
	c.enter(n)
	is := tidy(c.inlines(n, depth+1))
	if credit == "" && len(is) > 0 {
		if t, ok := is[len(is)-1].(*doc.Text); ok {
			if m := creditLabel.FindStringSubmatchIndex(t.Value); m != nil {
				credit = clean(t.Value[m[4]:m[5]])
				t.Value = strings.TrimRight(t.Value[:m[0]], " (;|—–-")
				is = tidy(is)
			}
		}
	}
	return is, credit
}

// LabelledCredit returns the name in a text that is only a credit label
// ("Photo: Jane Doe" → "Jane Doe"), for a credit a page puts beside its
// figure rather than in the caption.
func LabelledCredit(text string) (string, bool) {
	m := creditLabel.FindStringSubmatch(text)
	if m == nil || strings.TrimSpace(text[:len(text)-len(m[0])]) != "" {
		return "", false
	}
	return strings.Join(strings.Fields(m[2]), " "), true
}

// CreditClass reports a class (or itemprop) naming a photo credit.
func CreditClass(class string) bool { return creditClass.MatchString(class) }
