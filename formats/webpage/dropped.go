package webpage

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"

	"folio/formats/internal/htmltree"
	"folio/pipeline/doc"
)

// The extractor keeps the article and drops the rest of the page. So that
// nothing disappears silently, what the page's body held and the document
// does not is summarised in content-dropped warnings: one per stretch of
// left-out passages, at the line where it starts, with how many
// paragraphs, list items, tables and figures it held and which headings.
// Navigation, forms, scripts and hidden elements are not counted: they
// never carry article text. A passage counts as kept when its text is in
// the document (its body, or the title, subtitle, byline, publisher or
// section in the metadata), so what moved into Meta is not reported.

const (
	// maxDroppedWarnings bounds the warnings for one page; the rest are
	// summed up in one more.
	maxDroppedWarnings = 12
	// maxSearches bounds the substring searches over the document's text
	// (a passage not matching a block exactly is searched for).
	maxSearches = 400
	// maxListedHeadings is how many headings one warning names.
	maxListedHeadings = 4
)

// unit is one passage of the page: a paragraph, a heading, a list item, a
// table, a figure.
type unit struct {
	kind string // "paragraph", "heading", "list item", "table", "figure"
	text string // normalised for comparison
	head string // a heading's text as shown
	line int
	kept bool
}

func (c *converter) droppedWarnings(root *html.Node, d *doc.Document) []doc.Warning {
	body := findElement(root, "body")
	if body == nil {
		return nil
	}
	units := c.units(body)
	if len(units) == 0 {
		return nil
	}
	segs, all := outputText(d)
	searches := 0
	for i := range units {
		u := &units[i]
		switch {
		case u.text == "" || segs[u.text]:
			u.kept = true
		case searches < maxSearches:
			searches++
			u.kept = strings.Contains(all, u.text)
		}
	}
	var ws []doc.Warning
	extra := 0
	for i := 0; i < len(units); {
		if units[i].kept {
			i++
			continue
		}
		j := i
		for j < len(units) && !units[j].kept {
			j++
		}
		if len(ws) < maxDroppedWarnings {
			ws = append(ws, doc.Warning{Pos: c.at(units[i].line), Code: "content-dropped", Message: describeDropped(units[i:j])})
		} else {
			extra += j - i
		}
		i = j
	}
	if extra > 0 {
		ws = append(ws, doc.Warning{Pos: ws[len(ws)-1].Pos, Code: "content-dropped",
			Message: fmt.Sprintf("and %d more passages further down were left out", extra)})
	}
	return ws
}

// describeDropped says what one stretch of left-out passages held.
func describeDropped(us []unit) string {
	counts := map[string]int{}
	var heads []string
	for _, u := range us {
		if u.kind == "heading" {
			if len(heads) < maxListedHeadings {
				heads = append(heads, fmt.Sprintf("%q", shorten(u.head, 60)))
			} else if len(heads) == maxListedHeadings {
				heads = append(heads, "…")
			}
			continue
		}
		counts[u.kind]++
	}
	var parts []string
	for _, k := range []string{"paragraph", "list item", "table", "figure"} {
		if n := counts[k]; n > 0 {
			s := fmt.Sprintf("%d %s", n, k)
			if n > 1 {
				s += "s"
			}
			parts = append(parts, s)
		}
	}
	if len(heads) > 0 {
		h := "the heading "
		if len(heads) > 1 {
			h = "the headings "
		}
		parts = append(parts, h+strings.Join(heads, ", "))
	}
	what := parts[0]
	if n := len(parts); n > 1 {
		what = strings.Join(parts[:n-1], ", ") + " and " + parts[n-1]
	}
	lines := fmt.Sprintf("line %d", us[0].line)
	if last := us[len(us)-1].line; last != us[0].line {
		lines = fmt.Sprintf("lines %d–%d", us[0].line, last)
	}
	return fmt.Sprintf("not part of the article, left out: %s (%s); --keep-boilerplate keeps the whole page", what, lines)
}

func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// units lists the passages of the page body in document order.
func (c *converter) units(body *html.Node) []unit {
	var us []unit
	htmltree.WalkNodes(body, func(n *html.Node) htmltree.Walk {
		if n.Type != html.ElementNode {
			return htmltree.WalkSkip
		}
		if dropAlways[n.Data] || n.Namespace != "" || n.Data == "nav" || isBreadcrumb(c, n) {
			return htmltree.WalkSkip
		}
		if _, ok := htmltree.AttrOK(n, "hidden"); ok || strings.EqualFold(htmltree.Attr(n, "aria-hidden"), "true") || hiddenStyle.MatchString(c.orig(n, "style")) {
			return htmltree.WalkSkip
		}
		kind := ""
		switch n.Data {
		case "p":
			kind = "paragraph"
		case "h1", "h2", "h3", "h4", "h5", "h6":
			kind = "heading"
		case "li", "blockquote", "dd":
			if findMarked(n, func(m *html.Node) bool {
				return m.Data == "p" || m.Data == "li" || len(m.Data) == 2 && m.Data[0] == 'h'
			}) != nil {
				return htmltree.WalkIn
			}
			kind = map[string]string{"li": "list item", "blockquote": "paragraph", "dd": "paragraph"}[n.Data]
		case "pre":
			kind = "paragraph"
		case "table":
			kind = "table"
		case "figure":
			kind = "figure"
		default:
			return htmltree.WalkIn
		}
		raw := clean(spacedText(n))
		u := unit{kind: kind, text: comparable(raw), head: raw, line: c.pos(n).Line}
		if img := findElement(n, "img"); kind == "figure" && img != nil {
			// A picture is kept when the document shows the same file
			// (its caption loses a credit label, so text would not match).
			if srcs := c.imageSources(img); len(srcs) > 0 {
				u.text = "\x00img " + imageBase(srcs[0])
			}
		}
		if u.text != "" {
			us = append(us, u)
		}
		return htmltree.WalkSkip
	})
	return us
}

// outputText is the document's text in comparable form: each block's text
// on its own (for exact matches) and all of it together.
func outputText(d *doc.Document) (map[string]bool, string) {
	segs := map[string]bool{}
	var all strings.Builder
	add := func(s string) {
		s = comparable(s)
		if s != "" {
			segs[s] = true
			all.WriteString(s)
			all.WriteByte(' ')
		}
	}
	m := d.Meta
	add(m.Title)
	add(m.Subtitle)
	add(strings.Join(m.Authors, " "))
	add(m.Publisher)
	add(m.Section)
	var cur strings.Builder
	flush := func() { add(cur.String()); cur.Reset() }
	doc.Walk(d, func(n doc.Node, entering bool) doc.WalkStatus {
		switch n := n.(type) {
		case *doc.Text:
			if entering {
				cur.WriteString(n.Value)
			}
		case *doc.Code:
			if entering {
				cur.WriteString(n.Value)
			}
		case *doc.LineBreak:
			cur.WriteByte(' ')
		case *doc.CodeBlock:
			if entering {
				add(n.Text)
			}
		case *doc.Image:
			for _, s := range append([]string{n.Src}, n.Fallback...) {
				segs["\x00img "+imageBase(s)] = true
			}
		case *doc.Table:
			if entering {
				flush()
				add(tableText(n))
			}
			return doc.WalkSkipChildren
		case *doc.Figure:
			if entering {
				flush()
				for _, s := range append([]string{n.Src}, n.Fallback...) {
					segs["\x00img "+imageBase(s)] = true
				}
			} else {
				flush()
				add(n.Credit)
			}
		case *doc.Heading, *doc.Paragraph:
			flush()
		}
		return doc.WalkContinue
	})
	flush()
	return segs, all.String()
}

// comparable reduces text to lower-case letters and digits separated by
// single spaces, so that quotation marks a <q> gained, a line break or
// spacing do not make a kept passage look dropped.
func comparable(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		} else {
			space = true
		}
	}
	return b.String()
}

// tableText is a table's cells' text, in order, as the page's text
// content runs.
func tableText(t *doc.Table) string {
	var b strings.Builder
	for _, r := range append(append([]*doc.Row{}, t.Header...), t.Body...) {
		for _, c := range r.Cells {
			b.WriteString(doc.PlainText(c.Content))
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// spacedText is the text below n with a space where a block element or a
// line break meets text, as the document separates them.
func spacedText(n *html.Node) string {
	var b strings.Builder
	htmltree.WalkNodes(n, func(m *html.Node) htmltree.Walk {
		switch {
		case m.Type == html.TextNode:
			b.WriteString(m.Data)
		case m.Type == html.ElementNode && (blockElements[m.Data] || m.Data == "br"):
			b.WriteByte(' ')
		}
		return htmltree.WalkIn
	})
	return b.String()
}
