package htmltree

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"

	"folio/pipeline/doc"
)

// Mapped are the elements that become nodes of the tree (or that only
// structure others: html, body, tbody, picture…). Any other element is
// unwrapped, its content kept, with one html-element-unwrapped warning per
// tag name and document.
var Mapped = set("html", "head", "body",
	"p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "address", "center",
	"br", "wbr", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
	"b", "strong", "i", "em", "cite", "dfn", "var", "u", "ins", "s", "del", "strike", "mark", "small", "big", "abbr", "q",
	"sub", "sup", "kbd", "code", "samp", "tt", "pre", "listing", "xmp", "plaintext",
	"blockquote", "ul", "ol", "menu", "dir", "li", "dl", "dt", "dd",
	"table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col",
	"figure", "figcaption", "img", "picture", "a", "details", "summary")

// unknown reports an element the tree has no node for, once per tag name.
func (c *Converter) unknown(n *html.Node, pos doc.Pos) {
	if Mapped[n.Data] {
		return
	}
	c.warnOnce("unknown:"+n.Data, doc.Warning{Pos: pos, Code: "html-element-unwrapped",
		Message: "<" + n.Data + "> has no counterpart in the document; its text is kept without it"})
}

// own asks the reader's Own hook about n.
func (c *Converter) own(n *html.Node) ([]doc.Block, []doc.Inline, bool) {
	if n.Type != html.ElementNode {
		return nil, nil, false
	}
	if n.Data == "math" && (n.Namespace == "math" || n.Namespace == "") {
		return nil, c.math(n), true // math.go
	}
	if c.Own == nil {
		return nil, nil, false
	}
	return c.Own(n)
}

// ownsBlocks reports an element the reader converts itself into blocks.
func (c *Converter) ownsBlocks(n *html.Node) bool {
	bs, _, ok := c.own(n)
	return ok && bs != nil
}

// blockText is blocks read in inline context: their paragraphs' and
// headings' content one after another, other blocks as their text.
func blockText(bs []doc.Block) []doc.Inline {
	var out []doc.Inline
	for _, b := range bs {
		if len(out) > 0 {
			out = append(out, &doc.Text{Value: " ", Pos: b.Position()})
		}
		switch b := b.(type) {
		case *doc.Paragraph:
			out = append(out, b.Content...)
		case *doc.Heading:
			out = append(out, b.Content...)
		default:
			var sb strings.Builder
			doc.WalkBlocks([]doc.Block{b}, func(n doc.Node, entering bool) doc.WalkStatus {
				switch n := n.(type) {
				case *doc.Text:
					if entering {
						sb.WriteString(n.Value + " ")
					}
				case *doc.Code:
					if entering {
						sb.WriteString(n.Value + " ")
					}
				case *doc.CodeBlock:
					if entering {
						sb.WriteString(n.Text + " ")
					}
				}
				return doc.WalkContinue
			})
			out = append(out, &doc.Text{Value: Collapse(sb.String()), Pos: b.Position()})
		}
	}
	return out
}

// scriptURL reports a link target that would run code when followed
// (javascript:, vbscript:, data:), however its scheme is disguised with
// case, white space or control characters.
func scriptURL(href string) bool {
	s := strings.Map(func(r rune) rune {
		if r <= ' ' {
			return -1
		}
		return r
	}, href)
	if u, err := url.Parse(s); err == nil {
		s = u.Scheme
	} else if i := strings.IndexByte(s, ':'); i >= 0 {
		s = s[:i]
	}
	switch strings.ToLower(s) {
	case "javascript", "vbscript", "data", "livescript":
		return true
	}
	return false
}

// quote shortens s for a message.
func quote(s string) string {
	if r := []rune(s); len(r) > 60 {
		s = string(r[:57]) + "…"
	}
	return `"` + s + `"`
}
