package markdown

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"folio/formats/internal/htmltree"
	"folio/pipeline/doc"
)

// Raw HTML inside Markdown becomes tree through the converter the saved-page
// reader uses (formats/internal/htmltree), so what maps to a node is kept
// and nothing else passes (the tree is the sanitiser). Options.RawHTML keeps
// it raw instead, for --unsafe-html and the CommonMark spec tests.
//
// goldmark has already split the source as CommonMark says: HTML blocks end
// at a blank line (or their closing condition), Markdown between them is
// Markdown, and inline HTML comes as tags between Markdown inlines. So a
// run of siblings is put back together as one HTML fragment, each Markdown
// node in it replaced by a placeholder element that the converter's Own
// hook turns back into the node already converted: an HTML block that
// leaves elements open (<details>, <div>) is joined with the siblings up to
// the block that closes them, and a paragraph's inline tags are read with
// the Markdown between them (H<sub>2</sub>O, <kbd>*Ctrl*</kbd>).

// htmlBlock and htmlInline are raw HTML waiting for its siblings.
type (
	htmlBlock struct {
		text string
		pos  doc.Pos
	}
	htmlInline struct {
		text string
		pos  doc.Pos
	}
)

// htmlState is one document's HTML conversion: the shared converter (its
// warnings are once per document) and the placeholders of the fragment
// being read.
type htmlState struct {
	tree    *htmltree.Converter
	tag     string // the placeholder element's name
	blocks  [][]doc.Block
	inlines [][]doc.Inline
}

func newHTMLState(src []byte, name string, w *warnings) *htmlState {
	// The placeholder's name depends on the whole source, so no document
	// can name it in its own HTML.
	h := fnv.New64a()
	h.Write(src)
	s := &htmlState{tag: fmt.Sprintf("folio-md-%x", h.Sum64())}
	s.tree = &htmltree.Converter{File: name, Line: 1, Anchors: true, Hooks: htmltree.Hooks{
		Own:  s.own,
		Warn: func(wn doc.Warning) { w.list = append(w.list, wn) },
	}}
	return s
}

// own returns the Markdown content a placeholder stands for.
func (s *htmlState) own(n *html.Node) ([]doc.Block, []doc.Inline, bool) {
	if n.Data != s.tag {
		return nil, nil, false
	}
	i, err := strconv.Atoi(htmltree.Attr(n, "i"))
	switch {
	case err != nil || i < 0:
		return nil, nil, true
	case htmltree.Attr(n, "k") == "b" && i < len(s.blocks):
		bs := s.blocks[i]
		s.blocks[i] = nil // each placeholder is read once
		return bs, nil, true
	case htmltree.Attr(n, "k") == "i" && i < len(s.inlines):
		is := s.inlines[i]
		s.inlines[i] = nil
		return nil, is, true
	}
	return nil, nil, true
}

func (s *htmlState) placeholder(b *strings.Builder, kind string, i int) {
	b.WriteByte('<')
	b.WriteString(s.tag)
	b.WriteString(` k="`)
	b.WriteString(kind)
	b.WriteString(`" i="`)
	b.WriteString(strconv.Itoa(i))
	b.WriteString(`"></`)
	b.WriteString(s.tag)
	b.WriteByte('>')
}

// fragmentSize is about the length of the fragment a run of siblings
// makes (each Markdown node a placeholder), so it is built without
// regrowing: a paragraph of 300,000 inlines makes 20 MB.
func (s *htmlState) fragmentSize(kids []any) int {
	n := 0
	for _, k := range kids {
		switch k := k.(type) {
		case htmlInline:
			n += len(k.text)
		case htmlBlock:
			n += len(k.text) + 1
		default:
			n += 2*len(s.tag) + 24
		}
	}
	return n
}

// bodyContext is where fragments are parsed: as the content of a <body>.
var bodyContext = &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}

// parse reads a fragment into a detached <body> element.
func parse(fragment string) *html.Node {
	root := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(fragment), bodyContext)
	if err != nil {
		// x/net/html fails only past its nesting bound: keep the text.
		root.AppendChild(&html.Node{Type: html.TextNode, Data: fragment})
		return root
	}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	return root
}

// blocksOf collects a container's block results, reading raw HTML blocks
// (with the Markdown blocks they enclose) into tree.
func (c *converter) blocksOf(kids []any) []doc.Block {
	out := make([]doc.Block, 0, len(kids))
	for i := 0; i < len(kids); {
		hb, ok := kids[i].(htmlBlock)
		if !ok {
			if b, ok := kids[i].(doc.Block); ok {
				out = append(out, b)
			}
			i++
			continue
		}
		open := openElements(hb.text, nil)
		j := i + 1
		for ; len(open) > 0 && j < len(kids); j++ {
			if h, ok := kids[j].(htmlBlock); ok {
				open = openElements(h.text, open)
			}
		}
		out = append(out, c.htmlBlocks(kids[i:j])...)
		i = j
	}
	return out
}

// htmlBlocks reads a run of siblings that starts with an HTML block.
// Newlines stand in for the lines of the Markdown blocks, so the HTML
// after them keeps its line numbers.
func (c *converter) htmlBlocks(group []any) []doc.Block {
	s := c.html
	first := group[0].(htmlBlock).pos
	s.blocks = s.blocks[:0]
	var b strings.Builder
	b.Grow(s.fragmentSize(group))
	var open []string
	line := first.Line
	for _, k := range group {
		switch k := k.(type) {
		case htmlBlock:
			for ; line < k.pos.Line; line++ {
				b.WriteByte('\n')
			}
			open = boundNesting(&b, k.text, open)
			line += htmltree.Newlines(k.text)
		case doc.Block:
			s.placeholder(&b, "b", len(s.blocks))
			s.blocks = append(s.blocks, []doc.Block{k})
		}
	}
	root := parse(b.String())
	c.handlerWarnings(root, first)
	s.tree.Line = first.Line
	return s.tree.Blocks(root)
}

// inlinesOf collects inline results, reading raw inline HTML (with the
// Markdown inlines between its tags) into tree.
func (c *converter) inlinesOf(kids []any) []doc.Inline {
	var first *htmlInline
	for _, k := range kids {
		if h, ok := k.(htmlInline); ok {
			first = &h
			break
		}
	}
	if first == nil {
		return inlinesOf(kids)
	}
	s := c.html
	s.inlines = s.inlines[:0]
	var b strings.Builder
	b.Grow(s.fragmentSize(kids))
	var open []string
	for _, k := range kids {
		switch k := k.(type) {
		case htmlInline:
			open = boundNesting(&b, k.text, open)
		case doc.Inline:
			s.placeholder(&b, "i", len(s.inlines))
			s.inlines = append(s.inlines, []doc.Inline{k})
		}
	}
	root := parse(b.String())
	c.handlerWarnings(root, first.pos)
	s.tree.Line = first.pos.Line
	return mergeText(s.tree.Inlines(root))
}

// handlerWarnings reports the event-handler attributes of a fragment
// (onclick=…), left out like every attribute the tree has no place for,
// once per attribute name and document.
func (c *converter) handlerWarnings(root *html.Node, pos doc.Pos) {
	htmltree.WalkNodes(root, func(n *html.Node) htmltree.Walk {
		for _, a := range n.Attr {
			if !strings.HasPrefix(a.Key, "on") || c.handlersSeen[a.Key] {
				continue
			}
			if c.handlersSeen == nil {
				c.handlersSeen = map[string]bool{}
			}
			c.handlersSeen[a.Key] = true
			c.w.list = append(c.w.list, doc.Warning{Pos: pos, Code: "html-attribute-dropped",
				Message: "event handler " + a.Key + "= on <" + n.Data + "> left out"})
		}
		return htmltree.WalkIn
	})
}

// voidElements never have content; implied are closed by what follows
// them, so neither keeps a later HTML block joined to this one.
var (
	voidElements = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true,
		"img": true, "input": true, "link": true, "meta": true, "param": true, "source": true, "track": true, "wbr": true}
	impliedEnd = map[string]bool{"p": true, "li": true, "dt": true, "dd": true, "tr": true, "td": true, "th": true,
		"thead": true, "tbody": true, "tfoot": true, "option": true, "optgroup": true, "colgroup": true,
		"caption": true, "rb": true, "rt": true, "rp": true, "rtc": true}
)

// maxOpen bounds the elements open at once in a fragment: start tags
// nested deeper are left out (their content stays), so that thousands of
// unclosed tags cannot make the HTML parser's scans of its stack quadratic
// or exceed its own bound.
const maxOpen = 64

// openElements follows the start and end tags of text from the open
// elements left by the blocks before it, and returns those left open.
func openElements(text string, open []string) []string {
	return followTags(text, open, nil)
}

// boundNesting writes text to b without the start tags that would open
// more than maxOpen elements, and returns the elements left open.
func boundNesting(b *strings.Builder, text string, open []string) []string {
	return followTags(text, open, b)
}

// followTags tracks the elements text opens and closes, writing the tokens
// kept to b when b is not nil.
func followTags(text string, open []string, b *strings.Builder) []string {
	z := html.NewTokenizer(strings.NewReader(text))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return open
		}
		raw := z.Raw()
		switch tt {
		case html.StartTagToken:
			name, _ := z.TagName()
			if t := string(name); !voidElements[t] && !impliedEnd[t] {
				if len(open) >= maxOpen {
					continue
				}
				open = append(open, t)
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			for i := len(open) - 1; i >= 0; i-- {
				if open[i] == string(name) {
					open = open[:i]
					break
				}
			}
		}
		if b != nil {
			b.Write(raw)
		}
	}
}
