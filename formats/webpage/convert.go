package webpage

import (
	"net/url"
	"strconv"
	"strings"

	"golang.org/x/net/html"

	"folio/formats/internal/lazyre"
	"folio/pipeline/doc"
)

const (
	// maxNest bounds how deeply quotes and lists nest in the tree; deeper
	// ones are read as plain containers (their content kept, flat).
	maxNest = 16
	// maxWalk bounds the converter's recursion over the DOM. x/net/html
	// already refuses more than 512 open elements; below this the rest is
	// read as text.
	maxWalk = 600
)

// converter turns x/net/html nodes into doc blocks and inlines.
type converter struct {
	file  string
	elems []elemInfo
	base  *url.URL
	lang  string
	mode  mode
	// line is the line of the text being read: set from each element's
	// tag, advanced by the newlines of the text read since.
	line int
	// standfirst holds paragraphs whose element is marked as a standfirst
	// (class "standfirst", "dek", …): finish may lift one into the subtitle.
	standfirst map[*doc.Paragraph]bool
	blockMemo  map[*html.Node]bool
	// inFurniture maps the indices of elements that were inside site
	// furniture in the page as parsed to the index of the outermost
	// furniture element they were in (furniture.go).
	inFurniture map[int]int
	// contentLen is the length of the text being converted.
	contentLen int
}

func (c *converter) at(line int) doc.Pos { return doc.Pos{File: c.file, Line: line} }

// info returns what annotate recorded for the tag n came from; nil for
// elements the parser or Readability made up.
func (c *converter) info(n *html.Node) *elemInfo {
	v := attr(n, ixAttr)
	if v == "" {
		return nil
	}
	i, err := strconv.Atoi(v)
	if err != nil || i < 0 || i >= len(c.elems) {
		return nil
	}
	return &c.elems[i]
}

// pos is the line n's start tag is on, or the current line.
func (c *converter) pos(n *html.Node) doc.Pos {
	if in := c.info(n); in != nil {
		return c.at(in.line)
	}
	return c.at(c.line)
}

// enter moves the text cursor to the start of n's content.
func (c *converter) enter(n *html.Node) {
	if in := c.info(n); in != nil {
		c.line = in.contentLine
	}
}

// orig is an attribute as the page wrote it (Readability removes class,
// style and align from its result).
func (c *converter) orig(n *html.Node, key string) string {
	if in := c.info(n); in != nil {
		return attrOf(in.attrs, key)
	}
	return attr(n, key)
}

// dropAlways are elements that never carry article text.
var dropAlways = set("script", "style", "noscript", "template", "iframe", "frame", "frameset",
	"form", "button", "input", "select", "textarea", "option", "optgroup", "datalist", "object",
	"embed", "applet", "canvas", "svg", "math", "video", "audio", "source", "track", "map", "area",
	"dialog", "head", "link", "meta", "title", "base", "output", "progress", "meter", "slot", "param",
	"rp", "rt")

// furniture is site chrome dropped unless boilerplate is kept.
var furniture = set("nav", "aside", "footer")

// furnitureRoles and furnitureNames find site chrome by role, class or id
// when Readability failed and the whole body is read.
var (
	furnitureRoles = set("navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog", "search", "menu", "menubar")
	furnitureNames = lazyre.New(`(?i)(^|[-_\s])(cookies?|consent|gdpr|share|sharing|social|newsletter|subscribe|related|recent|most-?read|popular|trending|recommended|read-?next|more-?stories|outbrain|taboola|reading-?time|promo|advert|ads?|sponsor(ed)?|comments?|breadcrumbs?|menu|masthead|site-?header|site-?footer|popup|modal)($|[-_\s])`)
	hiddenStyle    = lazyre.New(`(?i)(display\s*:\s*none|visibility\s*:\s*hidden)`)
)

// dropped reports whether an element and everything in it is left out.
func (c *converter) dropped(n *html.Node) bool {
	if dropAlways[n.Data] || n.Namespace != "" {
		return true
	}
	if _, ok := attrOK(n, "hidden"); ok || strings.EqualFold(attr(n, "aria-hidden"), "true") || hiddenStyle.MatchString(c.orig(n, "style")) {
		return true
	}
	if c.mode == modeKeep || c.mode == modeUnfiltered {
		return false
	}
	if furniture[n.Data] || isBreadcrumb(c, n) {
		return true
	}
	// Readability's own cleaning misses much of what sites put inside the
	// article (newsletter boxes, inline promotions, share bars), so their
	// names count in the article too; and since it unwraps a div holding
	// one paragraph, what was inside such a box in the page counts as well.
	if isFurniture(c, n) && !c.holdsMostOf(n, c.contentLen) {
		return true
	}
	if i, ok := c.index(n); ok {
		if _, in := c.inFurniture[i]; in {
			return true
		}
	}
	return false
}

// isFurniture reports site furniture by role, class or id.
func isFurniture(c *converter, n *html.Node) bool {
	if furnitureRoles[strings.ToLower(attr(n, "role"))] {
		return true
	}
	return n.Data != "body" && n.Data != "main" && n.Data != "article" &&
		furnitureNames.MatchString(c.orig(n, "class")+" "+c.orig(n, "id"))
}

// holdsMostOf reports an element with more than half of total bytes of
// text: a wrapper whose class happens to name furniture ("menu-open",
// "has-social") is not furniture when the article is inside it.
func (c *converter) holdsMostOf(n *html.Node, total int) bool {
	return total > 0 && 2*len(textContent(n)) > total
}

// blockElements start a block of their own wherever they appear.
var blockElements = set("address", "article", "aside", "blockquote", "center", "details", "dd", "div",
	"dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
	"h6", "header", "hgroup", "hr", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary",
	"table", "ul", "tbody", "thead", "tfoot", "tr", "td", "th", "caption", "body", "html", "legend",
	"search", "dir", "listing", "xmp", "plaintext")

// hasBlock reports whether n is or holds a block element, so that it must
// be read as a container rather than as part of a line.
func (c *converter) hasBlock(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	if blockElements[n.Data] {
		return true
	}
	if v, ok := c.blockMemo[n]; ok {
		return v
	}
	found := false
	walkNodes(n, func(m *html.Node) walk {
		if m.Type != html.ElementNode {
			return walkSkip
		}
		if c.dropped(m) {
			return walkSkip
		}
		if blockElements[m.Data] {
			found = true
			return walkStop
		}
		return walkIn
	})
	if c.blockMemo == nil {
		c.blockMemo = map[*html.Node]bool{}
	}
	c.blockMemo[n] = found
	return found
}

// builder gathers a block sequence, collecting runs of inline content
// into paragraphs.
type builder struct {
	c      *converter
	out    []doc.Block
	run    []doc.Inline
	runPos doc.Pos
	// runText is set once the run holds more than white space.
	runText bool
	// first is the position of the element whose own content the first
	// paragraph is (a <p>); standfirst marks that paragraph.
	first      doc.Pos
	standfirst bool
}

func (b *builder) inline(is ...doc.Inline) {
	if len(is) == 0 {
		return
	}
	if !b.runText {
		b.runPos = firstPos(is, b.c.at(b.c.line))
		b.runText = !blank(is)
	}
	b.run = append(b.run, is...)
}

func (b *builder) block(bs ...doc.Block) {
	b.flush()
	b.out = append(b.out, bs...)
}

func (b *builder) flush() {
	if len(b.run) == 0 {
		return
	}
	pos := b.runPos
	if b.first.IsValid() {
		pos, b.first = b.first, doc.Pos{}
	}
	for i, blk := range b.c.paragraphs(b.run, pos) {
		if p, ok := blk.(*doc.Paragraph); ok && i == 0 && b.standfirst {
			if b.c.standfirst == nil {
				b.c.standfirst = map[*doc.Paragraph]bool{}
			}
			b.c.standfirst[p] = true
		}
		b.out = append(b.out, blk)
	}
	b.standfirst = false
	b.run, b.runText = nil, false
}

// blocks converts the children of n in block context. depth counts DOM
// levels (bounded by maxWalk); nest counts quote and list levels in the
// tree (bounded by maxNest).
func (c *converter) blocks(n *html.Node, depth, nest int) []doc.Block {
	b := &builder{c: c}
	c.children(b, n, depth, nest)
	b.flush()
	return b.out
}

func (c *converter) children(b *builder, n *html.Node, depth, nest int) {
	if depth > maxWalk {
		b.inline(&doc.Text{Value: collapse(textContent(n)), Pos: c.at(c.line)})
		return
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		switch ch.Type {
		case html.TextNode:
			b.inline(c.text(ch))
		case html.CommentNode:
			c.line += newlines(ch.Data)
		case html.ElementNode:
			if c.dropped(ch) {
				continue
			}
			if c.hasBlock(ch) {
				b.block(c.block(ch, depth+1, nest)...)
			} else {
				b.inline(c.inline(ch, depth+1)...)
			}
		}
	}
}

// block converts one element that is or holds a block.
func (c *converter) block(n *html.Node, depth, nest int) []doc.Block {
	pos := c.pos(n)
	c.enter(n)
	switch n.Data {
	case "h1", "h2", "h3", "h4", "h5", "h6":
		content := tidy(c.inlines(n, depth))
		if len(content) == 0 {
			return nil
		}
		// The page's own id is kept, so its fragment links still land.
		id := strings.TrimSpace(c.orig(n, "id"))
		return []doc.Block{&doc.Heading{Level: int(n.Data[1] - '0'), ID: id, Content: content, Pos: pos}}
	case "p":
		b := &builder{c: c, first: pos, standfirst: standfirstClass.MatchString(c.orig(n, "class") + " " + c.orig(n, "itemprop"))}
		c.children(b, n, depth, nest)
		b.flush()
		return b.out
	case "ul", "ol", "menu", "dir":
		return c.list(n, pos, depth, nest)
	case "blockquote":
		if nest >= maxNest {
			return c.blocks(n, depth, nest)
		}
		if bs := c.blocks(n, depth, nest+1); len(bs) > 0 {
			return []doc.Block{&doc.BlockQuote{Blocks: bs, Pos: pos}}
		}
		return nil
	case "pre", "listing", "xmp", "plaintext":
		return c.codeBlock(n, pos)
	case "hr":
		return []doc.Block{&doc.ThematicBreak{Pos: pos}}
	case "table":
		return c.table(n, pos, depth, nest)
	case "figure":
		return c.figure(n, pos, depth, nest)
	case "dl":
		return c.defList(n, pos, depth, nest)
	}
	return c.blocks(n, depth, nest)
}

var standfirstClass = lazyre.New(`(?i)(^|[-_\s])(standfirst|dek|sub-?title|subhead(ing|line)?|summary|description|abstract|lede|lead|lead-?in|intro)($|[-_\s])`)

// paragraphs turns a run of inlines into paragraphs: white space tidied,
// split at a blank line made of two <br>, and a paragraph holding nothing
// but an image made a figure.
func (c *converter) paragraphs(run []doc.Inline, pos doc.Pos) []doc.Block {
	var out []doc.Block
	for i, part := range splitAtDoubleBreak(run) {
		part = tidy(part)
		if len(part) == 0 {
			continue
		}
		if i > 0 {
			pos = firstPos(part, pos)
		}
		if img := loneImage(part); img != nil {
			out = append(out, &doc.Figure{Src: img.Src, Fallback: img.Fallback, Alt: img.Alt, Title: img.Title, Pos: img.Pos})
		} else {
			out = append(out, &doc.Paragraph{Content: part, Pos: pos})
		}
	}
	return out
}

// splitAtDoubleBreak cuts a run where two line breaks meet with only white
// space between them: old pages write paragraphs as text<br><br>text.
func splitAtDoubleBreak(run []doc.Inline) [][]doc.Inline {
	var parts [][]doc.Inline
	start := 0
	lastBreak := -1
	for i, n := range run {
		switch n := n.(type) {
		case *doc.LineBreak:
			if lastBreak >= 0 {
				parts = append(parts, run[start:lastBreak])
				start = i + 1
				lastBreak = -1
				continue
			}
			lastBreak = i
		case *doc.Text:
			if strings.TrimSpace(n.Value) != "" {
				lastBreak = -1
			}
		default:
			lastBreak = -1
		}
	}
	return append(parts, run[start:])
}

// loneImage returns the image when a paragraph is only an image (perhaps
// inside a link).
func loneImage(is []doc.Inline) *doc.Image {
	if len(is) != 1 {
		return nil
	}
	switch n := is[0].(type) {
	case *doc.Image:
		return n
	case *doc.Link:
		return loneImage(n.Content)
	}
	return nil
}

func (c *converter) list(n *html.Node, pos doc.Pos, depth, nest int) []doc.Block {
	if nest >= maxNest {
		return c.blocks(n, depth, nest)
	}
	l := &doc.List{Ordered: n.Data == "ol", Tight: true, Pos: pos}
	if l.Ordered {
		l.Start = 1
		if s, err := strconv.Atoi(strings.TrimSpace(attr(n, "start"))); err == nil && s >= 0 && s < 1e9 {
			l.Start = s
		}
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		switch {
		case ch.Type == html.CommentNode:
			c.line += newlines(ch.Data)
			continue
		case ch.Type == html.TextNode && strings.TrimSpace(ch.Data) == "":
			c.line += newlines(ch.Data)
			continue
		case ch.Type == html.ElementNode && c.dropped(ch):
			continue
		}
		if ch.Type == html.ElementNode && ch.Data == "li" {
			item := &doc.ListItem{Pos: c.pos(ch)}
			c.enter(ch)
			item.Blocks = c.blocks(ch, depth+1, nest+1)
			if hasChild(ch, "p") {
				l.Tight = false
			}
			if len(item.Blocks) > 0 {
				l.Items = append(l.Items, item)
			}
			continue
		}
		// Content straight inside a list (often a nested list written
		// beside its item) joins the item before it.
		b := &builder{c: c}
		if ch.Type == html.TextNode {
			b.inline(c.text(ch))
		} else if c.hasBlock(ch) {
			b.block(c.block(ch, depth+1, nest+1)...)
		} else {
			b.inline(c.inline(ch, depth+1)...)
		}
		b.flush()
		if len(b.out) == 0 {
			continue
		}
		if len(l.Items) == 0 {
			l.Items = append(l.Items, &doc.ListItem{Pos: b.out[0].Position()})
		}
		last := l.Items[len(l.Items)-1]
		last.Blocks = append(last.Blocks, b.out...)
	}
	if len(l.Items) == 0 {
		return nil
	}
	return []doc.Block{l}
}

func hasChild(n *html.Node, name string) bool {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.ElementNode && ch.Data == name {
			return true
		}
	}
	return false
}

var codeLang = lazyre.New(`(?i)(?:^|\s)(?:language|lang|highlight-source|brush:?)-?\s*([a-z0-9_+#.-]+)`)

func (c *converter) codeBlock(n *html.Node, pos doc.Pos) []doc.Block {
	var b strings.Builder
	lang := ""
	for _, el := range []*html.Node{n, firstChildElement(n, "code")} {
		if el == nil || lang != "" {
			continue
		}
		if m := codeLang.FindStringSubmatch(c.orig(el, "class")); m != nil {
			lang = strings.ToLower(m[1])
		} else if l := strings.TrimSpace(attr(el, "data-lang")); l != "" {
			lang = strings.ToLower(l)
		}
	}
	walkNodes(n, func(m *html.Node) walk {
		switch m.Type {
		case html.TextNode:
			b.WriteString(m.Data)
		case html.ElementNode:
			if m.Data == "br" {
				b.WriteByte('\n')
			}
			if dropAlways[m.Data] && m.Data != "rt" && m.Data != "rp" {
				return walkSkip
			}
		}
		return walkIn
	})
	text := strings.ReplaceAll(b.String(), "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	c.line += newlines(text)
	if strings.TrimSpace(text) == "" {
		return nil
	}
	if !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	return []doc.Block{&doc.CodeBlock{Language: lang, Text: text, Pos: pos}}
}

func firstChildElement(n *html.Node, name string) *html.Node {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.ElementNode && ch.Data == name {
			return ch
		}
		if ch.Type == html.TextNode && strings.TrimSpace(ch.Data) != "" {
			return nil
		}
	}
	return nil
}

// defList reads dt and dd children (also inside the div wrappers HTML
// allows around each group).
func (c *converter) defList(n *html.Node, pos doc.Pos, depth, nest int) []doc.Block {
	dl := &doc.DefinitionList{Pos: pos}
	var visit func(p *html.Node)
	visit = func(p *html.Node) {
		for ch := p.FirstChild; ch != nil; ch = ch.NextSibling {
			if ch.Type != html.ElementNode || c.dropped(ch) {
				continue
			}
			switch ch.Data {
			case "dt":
				ipos := c.pos(ch)
				c.enter(ch)
				term := tidy(c.inlines(ch, depth+1))
				if len(term) > 0 {
					dl.Items = append(dl.Items, &doc.DefItem{Term: term, Pos: ipos})
				}
			case "dd":
				ipos := c.pos(ch)
				c.enter(ch)
				def := c.blocks(ch, depth+1, nest+1)
				if len(def) == 0 {
					continue
				}
				if len(dl.Items) == 0 {
					dl.Items = append(dl.Items, &doc.DefItem{Term: []doc.Inline{}, Pos: ipos})
				}
				last := dl.Items[len(dl.Items)-1]
				last.Definitions = append(last.Definitions, def)
			case "div":
				if p == n {
					visit(ch)
				}
			}
		}
	}
	visit(n)
	var items []*doc.DefItem
	for _, it := range dl.Items {
		if len(it.Definitions) == 0 {
			it.Definitions = [][]doc.Block{}
		}
		items = append(items, it)
	}
	if len(items) == 0 {
		return nil
	}
	dl.Items = items
	return []doc.Block{dl}
}

func newlines(s string) int {
	n := strings.Count(s, "\n")
	for i := 0; i < len(s); i++ {
		if s[i] == '\r' && (i+1 == len(s) || s[i+1] != '\n') {
			n++
		}
	}
	return n
}

func firstPos(is []doc.Inline, def doc.Pos) doc.Pos {
	for _, n := range is {
		if p := n.Position(); p.IsValid() {
			return p
		}
	}
	return def
}
