package htmltree

import (
	"strings"

	"golang.org/x/net/html"

	"folio/pipeline/doc"
)

// math reads a MathML formula as text, since no writer typesets it: its
// alttext, else its TeX source (an <annotation> in TeX), else its
// characters with the structure a line of text can show (a^b, a_b,
// (a)/(b), √(a)). It is code, so that it reads as a formula, and one
// warning per document says so.
func (c *Converter) math(n *html.Node) []doc.Inline {
	pos := c.Pos(n)
	text := strings.TrimSpace(Collapse(Attr(n, "alttext")))
	if text == "" {
		text = strings.TrimSpace(Collapse(texAnnotation(n)))
	}
	if text == "" {
		var b strings.Builder
		mathText(&b, n)
		text = strings.TrimSpace(Collapse(b.String()))
	}
	c.Line += Newlines(TextContent(n))
	c.warnOnce("math", doc.Warning{Pos: pos, Code: "math-as-text",
		Message: "MathML formulas are shown as text (their alt text, TeX source or characters), as Folio does not typeset them"})
	if text == "" {
		return nil
	}
	return []doc.Inline{&doc.Code{Value: text, Pos: pos}}
}

// texAnnotation is the TeX source a formula carries in its semantics, or
// "".
func texAnnotation(n *html.Node) string {
	var out string
	walkElements(n, func(m *html.Node) bool {
		if m.Data == "annotation" && strings.Contains(strings.ToLower(Attr(m, "encoding")), "tex") {
			out = TextContent(m)
			return false
		}
		return true
	})
	return out
}

// mathText writes the characters of presentation MathML with the structure
// of scripts, fractions and roots; annotations are left out.
func mathText(b *strings.Builder, n *html.Node) {
	if n.Type == html.TextNode {
		b.WriteString(n.Data)
		return
	}
	if n.Type != html.ElementNode && n.Type != html.DocumentNode {
		return
	}
	var kids []*html.Node
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.ElementNode || strings.TrimSpace(ch.Data) != "" {
			kids = append(kids, ch)
		}
	}
	part := func(k *html.Node) string {
		var s strings.Builder
		mathText(&s, k)
		return strings.TrimSpace(s.String())
	}
	group := func(k *html.Node) string {
		s := part(k)
		if len([]rune(s)) > 1 {
			s = "(" + s + ")"
		}
		return s
	}
	switch {
	case n.Data == "annotation" || n.Data == "annotation-xml":
		return
	case (n.Data == "msup" || n.Data == "msub") && len(kids) == 2:
		op := "^"
		if n.Data == "msub" {
			op = "_"
		}
		b.WriteString(part(kids[0]) + op + group(kids[1]))
		return
	case n.Data == "msubsup" && len(kids) == 3:
		b.WriteString(part(kids[0]) + "_" + group(kids[1]) + "^" + group(kids[2]))
		return
	case n.Data == "mfrac" && len(kids) == 2:
		b.WriteString(group(kids[0]) + "/" + group(kids[1]))
		return
	case n.Data == "msqrt":
		var s strings.Builder
		for _, k := range kids {
			mathText(&s, k)
		}
		b.WriteString("√(" + strings.TrimSpace(s.String()) + ")")
		return
	case n.Data == "mroot" && len(kids) == 2:
		b.WriteString("root(" + part(kids[1]) + ", " + part(kids[0]) + ")")
		return
	}
	for _, k := range kids {
		mathText(b, k)
	}
}
