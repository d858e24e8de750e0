package htmltree

import (
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

// DropAlways are elements that never carry article text: they are left
// out with everything in them.
var DropAlways = set("script", "style", "noscript", "template", "iframe", "frame", "frameset",
	"form", "button", "input", "select", "textarea", "option", "optgroup", "datalist", "object",
	"embed", "applet", "canvas", "svg", "math", "video", "audio", "source", "track", "map", "area",
	"dialog", "head", "link", "meta", "title", "base", "output", "progress", "meter", "slot", "param",
	"rp", "rt")

var hiddenStyle = lazyre.New(`(?i)(display\s*:\s*none|visibility\s*:\s*hidden)`)

// Dropped reports whether an element and everything in it is left out:
// one of DropAlways, SVG or MathML, hidden, or one the reader's Drop hook
// leaves out.
func (c *Converter) Dropped(n *html.Node) bool {
	if DropAlways[n.Data] || n.Namespace != "" {
		c.warnOnce("drop:"+n.Data, doc.Warning{Pos: c.Pos(n), Code: "html-element-dropped",
			Message: "<" + n.Data + "> left out with its content"})
		return true
	}
	if _, ok := AttrOK(n, "hidden"); ok || strings.EqualFold(Attr(n, "aria-hidden"), "true") || hiddenStyle.MatchString(c.orig(n, "style")) {
		c.warnOnce("hidden", doc.Warning{Pos: c.Pos(n), Code: "html-element-dropped",
			Message: "hidden <" + n.Data + "> left out with its content"})
		return true
	}
	return c.Drop != nil && c.Drop(n)
}

// BlockElements start a block of their own wherever they appear.
var BlockElements = set("address", "article", "aside", "blockquote", "center", "details", "dd", "div",
	"dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
	"h6", "header", "hgroup", "hr", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary",
	"table", "ul", "tbody", "thead", "tfoot", "tr", "td", "th", "caption", "body", "html", "legend",
	"search", "dir", "listing", "xmp", "plaintext")

// hasBlock reports whether n is or holds a block element, so that it must
// be read as a container rather than as part of a line.
func (c *Converter) hasBlock(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	if BlockElements[n.Data] || c.ownsBlocks(n) {
		return true
	}
	if v, ok := c.blockMemo[n]; ok {
		return v
	}
	found := false
	WalkNodes(n, func(m *html.Node) Walk {
		if m.Type != html.ElementNode {
			return WalkSkip
		}
		if c.Dropped(m) {
			return WalkSkip
		}
		if BlockElements[m.Data] || c.ownsBlocks(m) {
			found = true
			return WalkStop
		}
		return WalkIn
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
	c      *Converter
	out    []doc.Block
	run    []doc.Inline
	runPos doc.Pos
	// runText is set once the run holds more than white space.
	runText bool
	// first is the position of the element whose own content the first
	// paragraph is (a <p>), para that element.
	first doc.Pos
	para  *html.Node
}

func (b *builder) inline(is ...doc.Inline) {
	if len(is) == 0 {
		return
	}
	is = b.c.release(is)
	if !b.runText {
		b.runPos = firstPos(is, b.c.At(b.c.Line))
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
		if p, ok := blk.(*doc.Paragraph); ok && i == 0 && b.para != nil && b.c.Paragraph != nil {
			b.c.Paragraph(b.para, p)
		}
		b.out = append(b.out, blk)
	}
	b.para = nil
	b.run, b.runText = nil, false
}

// blocks converts the children of n in block context. depth counts DOM
// levels (bounded by maxWalk); nest counts quote and list levels in the
// tree (bounded by maxNest).
func (c *Converter) blocks(n *html.Node, depth, nest int) []doc.Block {
	b := &builder{c: c}
	c.children(b, n, depth, nest)
	b.flush()
	return b.out
}

func (c *Converter) children(b *builder, n *html.Node, depth, nest int) {
	if depth > maxWalk {
		b.inline(&doc.Text{Value: Collapse(TextContent(n)), Pos: c.At(c.Line)})
		return
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		switch ch.Type {
		case html.TextNode:
			b.inline(c.text(ch))
		case html.CommentNode:
			c.Line += Newlines(ch.Data)
		case html.ElementNode:
			if bs, is, ok := c.own(ch); ok {
				if bs != nil {
					b.block(bs...)
				} else {
					b.inline(is...)
				}
				continue
			}
			if c.Dropped(ch) {
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
func (c *Converter) block(n *html.Node, depth, nest int) []doc.Block {
	pos := c.Pos(n)
	c.enter(n)
	switch n.Data {
	case "h1", "h2", "h3", "h4", "h5", "h6":
		content, names := c.headingAnchors(c.inlines(n, depth))
		content = tidy(content)
		if len(content) == 0 {
			c.pending = append(c.pending, anchorsOf(names, pos)...)
			return nil
		}
		// The page's own id is kept, so its fragment links still land.
		id := strings.TrimSpace(c.orig(n, "id"))
		return []doc.Block{&doc.Heading{Level: int(n.Data[1] - '0'), ID: id, Anchors: names, Content: content, Pos: pos}}
	}
	c.hold(n, pos)
	switch n.Data {
	case "p":
		b := &builder{c: c, first: pos, para: n}
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
	case "summary":
		// A <details> summary is the bold lead line of what it hides.
		if is := c.release(tidy(c.inlines(n, depth))); len(is) > 0 {
			return []doc.Block{&doc.Paragraph{Content: []doc.Inline{&doc.Strong{Content: is, Pos: pos}}, Pos: pos}}
		}
		return nil
	case "table":
		return c.table(n, pos, depth, nest)
	case "figure":
		return c.figure(n, pos, depth, nest)
	case "dl":
		return c.defList(n, pos, depth, nest)
	}
	c.unknown(n, pos)
	return c.blocks(n, depth, nest)
}

// paragraphs turns a run of inlines into paragraphs: white space tidied,
// split at a blank line made of two <br>, and a paragraph holding nothing
// but an image made a figure.
func (c *Converter) paragraphs(run []doc.Inline, pos doc.Pos) []doc.Block {
	var out []doc.Block
	// carry are anchors with no text of their own yet: an empty element
	// a link goes to, or a picture's (a figure holds no anchor). The
	// place is where the next text starts, in this run or after it.
	var carry []doc.Inline
	for i, part := range splitAtDoubleBreak(run) {
		part = tidy(part)
		if len(part) == 0 {
			continue
		}
		if i > 0 {
			pos = firstPos(part, pos)
		}
		anchors, rest := splitAnchors(part)
		if len(anchors) > 0 && blank(rest) {
			carry = append(carry, anchors...)
			continue
		}
		if img := loneImage(rest); img != nil {
			carry = append(carry, anchors...)
			out = append(out, &doc.Figure{Src: img.Src, Fallback: img.Fallback, Alt: img.Alt, Title: img.Title, Pos: img.Pos})
			continue
		}
		if len(carry) > 0 {
			part = append(carry, part...)
			carry = nil
		}
		out = append(out, &doc.Paragraph{Content: part, Pos: pos})
	}
	c.pending = append(c.pending, carry...)
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

func (c *Converter) list(n *html.Node, pos doc.Pos, depth, nest int) []doc.Block {
	if nest >= maxNest {
		return c.blocks(n, depth, nest)
	}
	l := &doc.List{Ordered: n.Data == "ol", Tight: true, Pos: pos}
	if l.Ordered {
		l.Start = 1
		if s, err := strconv.Atoi(strings.TrimSpace(Attr(n, "start"))); err == nil && s >= 0 && s < 1e9 {
			l.Start = s
		}
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		switch {
		case ch.Type == html.CommentNode:
			c.Line += Newlines(ch.Data)
			continue
		case ch.Type == html.TextNode && strings.TrimSpace(ch.Data) == "":
			c.Line += Newlines(ch.Data)
			continue
		case ch.Type == html.ElementNode && c.Dropped(ch):
			continue
		}
		if ch.Type == html.ElementNode && ch.Data == "li" {
			item := &doc.ListItem{Pos: c.Pos(ch)}
			c.hold(ch, item.Pos)
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

func (c *Converter) codeBlock(n *html.Node, pos doc.Pos) []doc.Block {
	var b strings.Builder
	lang := ""
	for _, el := range []*html.Node{n, firstChildElement(n, "code")} {
		if el == nil || lang != "" {
			continue
		}
		if m := codeLang.FindStringSubmatch(c.orig(el, "class")); m != nil {
			lang = strings.ToLower(m[1])
		} else if l := strings.TrimSpace(Attr(el, "data-lang")); l != "" {
			lang = strings.ToLower(l)
		}
	}
	WalkNodes(n, func(m *html.Node) Walk {
		switch m.Type {
		case html.TextNode:
			b.WriteString(m.Data)
		case html.ElementNode:
			if m.Data == "br" {
				b.WriteByte('\n')
			}
			if DropAlways[m.Data] && m.Data != "rt" && m.Data != "rp" {
				return WalkSkip
			}
		}
		return WalkIn
	})
	text := strings.ReplaceAll(b.String(), "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	c.Line += Newlines(text)
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
func (c *Converter) defList(n *html.Node, pos doc.Pos, depth, nest int) []doc.Block {
	dl := &doc.DefinitionList{Pos: pos}
	var visit func(p *html.Node)
	visit = func(p *html.Node) {
		for ch := p.FirstChild; ch != nil; ch = ch.NextSibling {
			if ch.Type != html.ElementNode || c.Dropped(ch) {
				continue
			}
			switch ch.Data {
			case "dt":
				ipos := c.Pos(ch)
				c.enter(ch)
				term := tidy(c.inlines(ch, depth+1))
				if len(term) > 0 {
					term = c.release(append(appendAnchor(nil, c.anchor(ch, ipos)), term...))
				}
				if len(term) > 0 {
					dl.Items = append(dl.Items, &doc.DefItem{Term: term, Pos: ipos})
				}
			case "dd":
				ipos := c.Pos(ch)
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

func firstPos(is []doc.Inline, def doc.Pos) doc.Pos {
	for _, n := range is {
		if p := n.Position(); p.IsValid() {
			return p
		}
	}
	return def
}
