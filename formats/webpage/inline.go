package webpage

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"

	"folio/pipeline/doc"
)

// text converts a text node, its white space collapsed as a browser shows
// it; tidy trims it at the edges of its block later.
func (c *converter) text(n *html.Node) doc.Inline {
	lead := len(n.Data) - len(strings.TrimLeft(n.Data, " \t\n\r\f"))
	t := &doc.Text{Value: collapse(n.Data), Pos: c.at(c.line + newlines(n.Data[:lead]))}
	c.line += newlines(n.Data)
	return t
}

// inlines converts the children of n in inline context.
func (c *converter) inlines(n *html.Node, depth int) []doc.Inline {
	if depth > maxWalk {
		return []doc.Inline{&doc.Text{Value: collapse(textContent(n)), Pos: c.at(c.line)}}
	}
	var out []doc.Inline
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		switch ch.Type {
		case html.TextNode:
			out = append(out, c.text(ch))
		case html.CommentNode:
			c.line += newlines(ch.Data)
		case html.ElementNode:
			out = append(out, c.inline(ch, depth+1)...)
		}
	}
	return out
}

// inline converts one element in inline context.
func (c *converter) inline(n *html.Node, depth int) []doc.Inline {
	if c.dropped(n) {
		return nil
	}
	pos := c.pos(n)
	c.enter(n)
	switch n.Data {
	case "em", "i", "cite", "dfn", "var":
		return wrap(c.inlines(n, depth), func(is []doc.Inline) doc.Inline { return &doc.Emph{Content: is, Pos: pos} })
	case "strong", "b":
		return wrap(c.inlines(n, depth), func(is []doc.Inline) doc.Inline { return &doc.Strong{Content: is, Pos: pos} })
	case "s", "strike", "del":
		return wrap(c.inlines(n, depth), func(is []doc.Inline) doc.Inline { return &doc.Strike{Content: is, Pos: pos} })
	case "sub":
		return wrap(c.inlines(n, depth), func(is []doc.Inline) doc.Inline { return &doc.Sub{Content: is, Pos: pos} })
	case "sup":
		return wrap(c.inlines(n, depth), func(is []doc.Inline) doc.Inline { return &doc.Sup{Content: is, Pos: pos} })
	case "code", "kbd", "samp", "tt":
		text := textContent(n)
		c.line += newlines(text)
		if v := strings.TrimSpace(collapse(text)); v != "" {
			return []doc.Inline{&doc.Code{Value: v, Pos: pos}}
		}
		return nil
	case "br":
		return []doc.Inline{&doc.LineBreak{Pos: pos}}
	case "wbr":
		return nil
	case "img":
		if img := c.image(n, pos); img != nil {
			return []doc.Inline{img}
		}
		return nil
	case "a":
		content := c.inlines(n, depth)
		href := strings.TrimSpace(attr(n, "href"))
		if href == "" {
			return content
		}
		return wrap(content, func(is []doc.Inline) doc.Inline {
			return &doc.Link{URL: c.resolve(href), Title: clean(attr(n, "title")), Content: is, Pos: pos}
		})
	case "q":
		open, close := quotes(c.lang)
		content := c.inlines(n, depth)
		out := append([]doc.Inline{&doc.Text{Value: open, Pos: pos}}, content...)
		return append(out, &doc.Text{Value: close, Pos: pos})
	}
	content := c.inlines(n, depth)
	if blockElements[n.Data] {
		// A block inside a line (a paragraph in a table cell or heading):
		// keep its words apart from its neighbours'.
		content = append([]doc.Inline{&doc.Text{Value: " ", Pos: pos}}, content...)
		content = append(content, &doc.Text{Value: " ", Pos: pos})
	}
	return content
}

// wrap puts content into a formatting node, or drops the node when it has
// no content.
func wrap(content []doc.Inline, mk func([]doc.Inline) doc.Inline) []doc.Inline {
	if len(content) == 0 {
		return nil
	}
	return []doc.Inline{mk(content)}
}

// quotes are the marks a <q> is shown with in the document's language.
func quotes(lang string) (string, string) {
	switch doc.PrimaryLang(lang) {
	case "ru", "uk", "be", "fr", "es", "it", "pt", "ar", "fa":
		return "«", "»"
	case "de", "cs", "pl", "bg":
		return "„", "“"
	}
	return "“", "”"
}

// image reads an <img>: its source as written (a saved page's NAME_files/
// path stays relative), falling back to the lazy-loading attributes and
// srcset when src is missing or a placeholder. Tracking pixels are dropped.
func (c *converter) image(n *html.Node, pos doc.Pos) *doc.Image {
	if w, h := strings.TrimSpace(attr(n, "width")), strings.TrimSpace(attr(n, "height")); (w == "1" || w == "0") && (h == "1" || h == "0") {
		return nil
	}
	src := imageSrc(n)
	if src == "" {
		return nil
	}
	return &doc.Image{Src: src, Alt: clean(attr(n, "alt")), Title: clean(attr(n, "title")), Pos: pos}
}

func imageSrc(n *html.Node) string {
	src := strings.TrimSpace(attr(n, "src"))
	if src == "" || strings.HasPrefix(strings.ToLower(src), "data:") && len(src) < 200 {
		for _, k := range []string{"data-src", "data-lazy-src", "data-original", "data-url"} {
			if v := strings.TrimSpace(attr(n, k)); v != "" {
				return v
			}
		}
	}
	if src == "" {
		if set := strings.TrimSpace(attr(n, "srcset")); set != "" {
			src, _, _ = strings.Cut(set, " ")
			src = strings.TrimSuffix(src, ",")
		}
	}
	return src
}

// resolve makes a relative link absolute against the page's canonical URL.
// Fragment links stay as written (they point into the article), and so
// does everything when the page names no canonical URL.
func (c *converter) resolve(href string) string {
	if strings.HasPrefix(href, "#") || c.base == nil {
		return href
	}
	u, err := url.Parse(href)
	if err != nil || u.Scheme != "" {
		return href
	}
	return c.base.ResolveReference(u).String()
}

// collapse replaces each run of HTML white space with one space.
func collapse(s string) string {
	if !strings.ContainsAny(s, " \t\n\r\f") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\n', '\r', '\f':
			if !space {
				b.WriteByte(' ')
			}
			space = true
		default:
			b.WriteByte(s[i])
			space = false
		}
	}
	return b.String()
}

func blank(is []doc.Inline) bool {
	for _, n := range is {
		if t, ok := n.(*doc.Text); !ok || strings.TrimSpace(t.Value) != "" {
			return false
		}
	}
	return true
}

// tidy finishes a line of inlines as a browser lays it out: one space
// where runs of spaces meet across elements, none at the start or end of
// the block or around a line break, no empty text or empty formatting, no
// line break at either end.
func tidy(is []doc.Inline) []doc.Inline {
	space := true
	trimLeft(is, &space)
	space = true
	trimRight(is, &space)
	is = hoistSpaces(prune(is))
	for len(is) > 0 {
		if _, ok := is[0].(*doc.LineBreak); !ok {
			break
		}
		is = is[1:]
	}
	for len(is) > 0 {
		if _, ok := is[len(is)-1].(*doc.LineBreak); !ok {
			break
		}
		is = is[:len(is)-1]
	}
	return is
}

// trimLeft drops a leading space from each text that follows a space, a
// line break or the start of the block.
func trimLeft(is []doc.Inline, space *bool) {
	for _, n := range is {
		switch n := n.(type) {
		case *doc.Text:
			if *space {
				n.Value = strings.TrimLeft(n.Value, " ")
			}
			if n.Value != "" {
				*space = strings.HasSuffix(n.Value, " ")
			}
		case *doc.LineBreak:
			*space = true
		case *doc.Code, *doc.Image:
			*space = false
		default:
			if kids := children(n); kids != nil {
				trimLeft(kids, space)
			}
		}
	}
}

// trimRight drops a trailing space from each text before a line break or
// the end of the block.
func trimRight(is []doc.Inline, space *bool) {
	for i := len(is) - 1; i >= 0; i-- {
		switch n := is[i].(type) {
		case *doc.Text:
			if *space {
				n.Value = strings.TrimRight(n.Value, " ")
			}
			if n.Value != "" {
				*space = false
			}
		case *doc.LineBreak:
			*space = true
		case *doc.Code, *doc.Image:
			*space = false
		default:
			if kids := children(n); kids != nil {
				trimRight(kids, space)
			}
		}
	}
}

func children(n doc.Inline) []doc.Inline {
	switch n := n.(type) {
	case *doc.Emph:
		return n.Content
	case *doc.Strong:
		return n.Content
	case *doc.Strike:
		return n.Content
	case *doc.Sub:
		return n.Content
	case *doc.Sup:
		return n.Content
	case *doc.Link:
		return n.Content
	}
	return nil
}

// hoistSpaces moves a space at the edge of a formatting node out of it
// ("<em>two </em>three" reads as "_two_ three"), so writers that mark
// emphasis with delimiters get clean ones.
func hoistSpaces(is []doc.Inline) []doc.Inline {
	var out []doc.Inline
	for _, n := range is {
		kids := children(n)
		if kids == nil {
			out = append(out, n)
			continue
		}
		kids = hoistSpaces(kids)
		setChildren(n, kids)
		if len(kids) == 0 {
			continue
		}
		lead, trail := false, false
		if t, ok := kids[0].(*doc.Text); ok && strings.HasPrefix(t.Value, " ") {
			t.Value, lead = t.Value[1:], true
		}
		if t, ok := kids[len(kids)-1].(*doc.Text); ok && strings.HasSuffix(t.Value, " ") {
			t.Value, trail = t.Value[:len(t.Value)-1], true
		}
		if lead {
			out = append(out, &doc.Text{Value: " ", Pos: n.Position()})
		}
		if setChildren(n, prune(kids)); len(children(n)) > 0 {
			out = append(out, n)
		}
		if trail {
			out = append(out, &doc.Text{Value: " ", Pos: n.Position()})
		}
	}
	return out
}

func setChildren(n doc.Inline, kids []doc.Inline) {
	switch n := n.(type) {
	case *doc.Emph:
		n.Content = kids
	case *doc.Strong:
		n.Content = kids
	case *doc.Strike:
		n.Content = kids
	case *doc.Sub:
		n.Content = kids
	case *doc.Sup:
		n.Content = kids
	case *doc.Link:
		n.Content = kids
	}
}

// prune removes empty texts and formatting left empty by trimming.
func prune(is []doc.Inline) []doc.Inline {
	out := is[:0]
	for _, n := range is {
		switch n := n.(type) {
		case *doc.Text:
			if n.Value == "" {
				continue
			}
		case *doc.Emph:
			if n.Content = prune(n.Content); len(n.Content) == 0 {
				continue
			}
		case *doc.Strong:
			if n.Content = prune(n.Content); len(n.Content) == 0 {
				continue
			}
		case *doc.Strike:
			if n.Content = prune(n.Content); len(n.Content) == 0 {
				continue
			}
		case *doc.Sub:
			if n.Content = prune(n.Content); len(n.Content) == 0 {
				continue
			}
		case *doc.Sup:
			if n.Content = prune(n.Content); len(n.Content) == 0 {
				continue
			}
		case *doc.Link:
			if n.Content = prune(n.Content); len(n.Content) == 0 {
				continue
			}
		}
		out = append(out, n)
	}
	return out
}
