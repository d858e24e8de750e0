package htmltree

import (
	"cmp"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/net/html"

	"folio/pipeline/doc"
)

// text converts a text node, its white space collapsed as a browser shows
// it; tidy trims it at the edges of its block later.
func (c *Converter) text(n *html.Node) doc.Inline {
	lead := len(n.Data) - len(strings.TrimLeft(n.Data, " \t\n\r\f"))
	t := &doc.Text{Value: Collapse(n.Data), Pos: c.At(c.Line + Newlines(n.Data[:lead]))}
	c.Line += Newlines(n.Data)
	return t
}

// inlines converts the children of n in inline context.
func (c *Converter) inlines(n *html.Node, depth int) []doc.Inline {
	return c.appendInlines(nil, n, depth)
}

// appendInlines appends the children of n, converted in inline context, to
// out. Elements that leave no node of their own (unknown ones, a link
// without a usable href) append their children to the same slice, so a
// run of nested wrappers costs nothing per level: returning each level's
// slice for its parent to copy made the 64 nested <e> of the goldmark#555
// mix copy every inline of the paragraph 64 times.
func (c *Converter) appendInlines(out []doc.Inline, n *html.Node, depth int) []doc.Inline {
	if depth > maxWalk {
		return append(out, &doc.Text{Value: Collapse(TextContent(n)), Pos: c.At(c.Line)})
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		switch ch.Type {
		case html.TextNode:
			out = append(out, c.text(ch))
		case html.CommentNode:
			c.Line += Newlines(ch.Data)
		case html.ElementNode:
			out = c.appendInline(out, ch, depth+1)
		}
	}
	return out
}

// inline converts one element in inline context.
func (c *Converter) inline(n *html.Node, depth int) []doc.Inline {
	return c.appendInline(nil, n, depth)
}

// appendInline appends one element, converted in inline context, to out.
func (c *Converter) appendInline(out []doc.Inline, n *html.Node, depth int) []doc.Inline {
	if bs, is, ok := c.own(n); ok {
		if bs != nil {
			return append(out, blockText(bs)...)
		}
		return append(out, is...)
	}
	if c.Dropped(n) {
		return out
	}
	pos := c.Pos(n)
	c.enter(n)
	if a := c.anchor(n, pos); a != nil {
		out = append(out, a)
	}
	switch n.Data {
	case "em", "i", "cite", "dfn", "var":
		return append(out, wrap(c.inlines(n, depth), func(is []doc.Inline) doc.Inline { return &doc.Emph{Content: is, Pos: pos} })...)
	case "strong", "b":
		return append(out, wrap(c.inlines(n, depth), func(is []doc.Inline) doc.Inline { return &doc.Strong{Content: is, Pos: pos} })...)
	case "s", "strike", "del":
		return append(out, wrap(c.inlines(n, depth), func(is []doc.Inline) doc.Inline { return &doc.Strike{Content: is, Pos: pos} })...)
	case "sub":
		return append(out, wrap(c.inlines(n, depth), func(is []doc.Inline) doc.Inline { return &doc.Sub{Content: is, Pos: pos} })...)
	case "sup":
		return append(out, wrap(c.inlines(n, depth), func(is []doc.Inline) doc.Inline { return &doc.Sup{Content: is, Pos: pos} })...)
	case "u", "ins":
		return append(out, wrap(c.inlines(n, depth), func(is []doc.Inline) doc.Inline { return &doc.Span{Style: doc.SpanUnderline, Content: is, Pos: pos} })...)
	case "mark":
		return append(out, wrap(c.inlines(n, depth), func(is []doc.Inline) doc.Inline { return &doc.Span{Style: doc.SpanMark, Content: is, Pos: pos} })...)
	case "kbd":
		return append(out, wrap(c.inlines(n, depth), func(is []doc.Inline) doc.Inline { return &doc.Span{Style: doc.SpanKbd, Content: is, Pos: pos} })...)
	case "code", "samp", "tt":
		text := TextContent(n)
		c.Line += Newlines(text)
		if v := strings.TrimSpace(Collapse(text)); v != "" {
			return append(out, &doc.Code{Value: v, Pos: pos})
		}
		return out
	case "br":
		return append(out, &doc.LineBreak{Pos: pos})
	case "wbr":
		return out
	case "img":
		if img := c.image(n, pos); img != nil {
			return append(out, img)
		}
		return out
	case "a":
		href := strings.TrimSpace(Attr(n, "href"))
		if permalinkMark(n, href) {
			return out
		}
		if id := cmp.Or(Attr(n, "id"), Attr(n, "name")); href == "" && c.Anchors && id != "" && !strings.ContainsAny(id, "\"'<>") {
			out = append(out, &doc.RawInline{Format: "html", Text: `<a id="` + id + `"></a>`, Pos: pos})
		}
		if href == "" || scriptURL(href) {
			out = c.appendInlines(out, n, depth)
			if href != "" {
				c.warnOnce("url:"+href, doc.Warning{Pos: pos, Code: "html-link-dropped",
					Message: "link to " + quote(href) + " left out (a script URL); its text is kept"})
			}
			return out
		}
		return append(out, wrap(c.inlines(n, depth), func(is []doc.Inline) doc.Inline {
			return &doc.Link{URL: c.resolve(href), Title: clean(Attr(n, "title")), Content: is, Pos: pos}
		})...)
	case "q":
		open, close := quotes(c.Lang)
		out = append(out, &doc.Text{Value: open, Pos: pos})
		out = c.appendInlines(out, n, depth)
		return append(out, &doc.Text{Value: close, Pos: pos})
	}
	c.unknown(n, pos)
	if !BlockElements[n.Data] {
		return c.appendInlines(out, n, depth)
	}
	// A block inside a line (a paragraph in a table cell or heading):
	// keep its words apart from its neighbours'.
	out = append(out, &doc.Text{Value: " ", Pos: pos})
	out = c.appendInlines(out, n, depth)
	return append(out, &doc.Text{Value: " ", Pos: pos})
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

// image reads an <img>. Its sources, best first, are the srcset
// candidates (with a <picture>'s sources and the lazy-loading data-srcset)
// from the largest down, then the lazy-loading attributes (data-src and
// kin), then src; a tiny data: placeholder is left out when there is
// anything else. The first is Src and the rest Fallback: the pipeline's
// resolver takes the first that reads, so a saved page's NAME_files/ copy
// is used when the larger remote candidates are not fetched. Sources stay
// as written (relative to the page's folder). Tracking pixels are dropped.
func (c *Converter) image(n *html.Node, pos doc.Pos) *doc.Image {
	if w, h := strings.TrimSpace(Attr(n, "width")), strings.TrimSpace(Attr(n, "height")); (w == "1" || w == "0") && (h == "1" || h == "0") {
		return nil
	}
	srcs := c.ImageSources(n)
	if len(srcs) == 0 {
		return nil
	}
	img := &doc.Image{Src: srcs[0], Alt: clean(Attr(n, "alt")), Title: clean(Attr(n, "title")), Pos: pos}
	if len(srcs) > 1 {
		img.Fallback = srcs[1:]
	}
	return img
}

// lazySrcAttrs are where lazy-loading scripts keep an image's real source.
var lazySrcAttrs = []string{"data-src", "data-lazy-src", "data-original", "data-url", "data-hi-res-src", "data-full-src"}

// maxSources bounds the sources kept for one image.
const maxSources = 8

// ImageSources are an <img>'s sources, best first (see image), read from
// the attributes as the source wrote them: Readability rewrites
// lazy-loading attributes into src and srcset itself.
func (c *Converter) ImageSources(n *html.Node) []string {
	var cands []srcCandidate
	if n.Parent != nil && n.Parent.Type == html.ElementNode && n.Parent.Data == "picture" {
		for s := n.Parent.FirstChild; s != nil; s = s.NextSibling {
			if s.Type == html.ElementNode && s.Data == "source" && embeddableType(c.orig(s, "type")) {
				cands = append(cands, parseSrcset(c.orig(s, "srcset"))...)
				cands = append(cands, parseSrcset(c.orig(s, "data-srcset"))...)
			}
		}
	}
	for _, k := range []string{"srcset", "data-srcset", "data-lazy-srcset"} {
		cands = append(cands, parseSrcset(c.orig(n, k))...)
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].larger(cands[j]) })
	var all []string
	for _, c := range cands {
		all = append(all, c.url)
	}
	for _, k := range lazySrcAttrs {
		all = append(all, c.orig(n, k))
	}
	all = append(all, c.orig(n, "src"))
	var out, placeholders []string
	seen := map[string]bool{}
	for _, s := range all {
		s = strings.TrimSpace(s)
		if strings.HasPrefix(s, "//") {
			s = "https:" + s
		}
		if s == "" || seen[s] || len(out) >= maxSources {
			continue
		}
		seen[s] = true
		if strings.HasPrefix(strings.ToLower(s), "data:") && len(s) < 200 {
			placeholders = append(placeholders, s)
			continue
		}
		out = append(out, s)
	}
	if len(out) == 0 {
		return placeholders
	}
	return out
}

// embeddableType reports a <source type> the writers can embed (or none
// given).
func embeddableType(t string) bool {
	switch strings.ToLower(strings.TrimSpace(t)) {
	case "", "image/jpeg", "image/jpg", "image/png", "image/gif":
		return true
	}
	return false
}

// srcCandidate is one image candidate of a srcset: its URL and its width
// ("800w") or pixel density ("2x") descriptor.
type srcCandidate struct {
	url     string
	width   float64
	density float64
}

func (a srcCandidate) larger(b srcCandidate) bool {
	if a.width != b.width {
		return a.width > b.width
	}
	return a.density > b.density
}

// parseSrcset reads a srcset attribute as browsers do: candidates split at
// commas after a URL or after its descriptors, so URLs may hold commas.
func parseSrcset(s string) []srcCandidate {
	var out []srcCandidate
	const space = " \t\n\r\f"
	for len(out) < maxSources {
		s = strings.TrimLeft(s, space+",")
		if s == "" {
			break
		}
		u := s
		if i := strings.IndexAny(s, space); i >= 0 {
			u, s = s[:i], s[i:]
		} else {
			s = ""
		}
		desc := ""
		if strings.HasSuffix(u, ",") {
			u = strings.TrimRight(u, ",")
		} else if i := strings.IndexByte(s, ','); i >= 0 {
			desc, s = s[:i], s[i+1:]
		} else {
			desc, s = s, ""
		}
		c := srcCandidate{url: u, density: 1}
		for _, d := range strings.Fields(desc) {
			v, err := strconv.ParseFloat(d[:len(d)-1], 64)
			if err != nil || v <= 0 {
				continue
			}
			switch d[len(d)-1] {
			case 'w':
				c.width = v
			case 'x':
				c.density = v
			}
		}
		if u != "" {
			out = append(out, c)
		}
	}
	return out
}

// resolve makes a relative link absolute against the page's canonical URL.
// Fragment links stay as written (they point into the article), and so
// does everything when the page names no canonical URL.
func (c *Converter) resolve(href string) string {
	if strings.HasPrefix(href, "#") || c.Base == nil {
		return href
	}
	u, err := url.Parse(href)
	if err != nil || u.Scheme != "" {
		return href
	}
	return c.Base.ResolveReference(u).String()
}

func blank(is []doc.Inline) bool {
	for _, n := range is {
		if _, ok := n.(*doc.Anchor); ok {
			continue
		}
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
			if kids := doc.Children(n); kids != nil {
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
			if kids := doc.Children(n); kids != nil {
				trimRight(kids, space)
			}
		}
	}
}

// hoistSpaces moves a space at the edge of a formatting node out of it
// ("<em>two </em>three" reads as "_two_ three"), so writers that mark
// emphasis with delimiters get clean ones.
func hoistSpaces(is []doc.Inline) []doc.Inline {
	var out []doc.Inline
	for _, n := range is {
		kids := doc.Children(n)
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
		if setChildren(n, prune(kids)); len(doc.Children(n)) > 0 {
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
	case *doc.Span:
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
		case *doc.Span:
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

// permalinkMarks are what documentation tools print as a link to a
// heading's own place (Sphinx's "¶", "#", "§", a link or anchor symbol),
// shown on hover in a browser.
var permalinkMarks = set("¶", "#", "§", "🔗", "⚓", "⚓︎")

// permalinkMark reports such a link: to a place in the page, its text only
// the mark. On paper and in a book it would stand after every heading.
func permalinkMark(n *html.Node, href string) bool {
	return strings.HasPrefix(href, "#") && permalinkMarks[strings.TrimSpace(TextContent(n))]
}
