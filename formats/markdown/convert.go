package markdown

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"

	"folio/pipeline/doc"
)

// converter turns a goldmark tree into Folio's tree. It walks with an
// explicit stack of frames, one per goldmark node whose children are being
// converted, so nesting depth costs heap, not Go stack.
type converter struct {
	src      []byte
	name     string
	lines    lineIndex
	w        *warnings
	figures  bool
	fnLabels map[int]string // goldmark footnote index → label
	captions map[*doc.Image][]doc.Inline
	linkRefs int
	notes    []*doc.Note
	err      error
	// rawHTML keeps raw HTML as RawBlock and RawInline nodes; otherwise
	// html reads it into tree (html.go).
	rawHTML      bool
	html         *htmlState
	handlersSeen map[string]bool
}

// frame is a goldmark node being converted: its next child to visit, the
// results of the children done so far, and how to build its own result.
type frame struct {
	node   ast.Node
	next   ast.Node
	parent *frame
	kids   []any
	depth  int // nesting of block quotes, list items, notes, definitions
	line   int
	task   *bool // a task list checkbox seen in this paragraph or item
	done   func(f *frame) any
}

// Results that are not doc nodes, passed from a child frame to its parent.
type (
	headerRow struct{ row *doc.Row }
	defTerm   struct {
		content []doc.Inline
		pos     doc.Pos
	}
	defDesc struct{ blocks []doc.Block }
)

func newConverter(src []byte, name string, w *warnings, extended, rawHTML bool) *converter {
	return &converter{
		rawHTML:  rawHTML,
		html:     newHTMLState(src, name, w),
		src:      src,
		name:     name,
		lines:    newLineIndex(src),
		w:        w,
		figures:  extended,
		fnLabels: map[int]string{},
		captions: map[*doc.Image][]doc.Inline{},
	}
}

func (c *converter) convertDocument(root ast.Node, d *doc.Document) error {
	if fl, ok := root.LastChild().(*east.FootnoteList); ok {
		for n := fl.FirstChild(); n != nil; n = n.NextSibling() {
			if fn, ok := n.(*east.Footnote); ok {
				c.fnLabels[fn.Index] = string(fn.Ref)
			}
		}
		if len(c.fnLabels) > maxFootnotes {
			return doc.Errorf(c.blockPos(fl, 0), "limit-footnotes", "more than %d footnotes", maxFootnotes)
		}
	}
	top := &frame{node: root, next: root.FirstChild(), line: 1}
	top.done = func(f *frame) any { return c.blocksOf(f.kids) }
	stack := []*frame{top}
	var result any
	for len(stack) > 0 && c.err == nil {
		f := stack[len(stack)-1]
		if f.next == nil {
			res := f.done(f)
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				result = res
				break
			}
			addResult(stack[len(stack)-1], res)
			continue
		}
		n := f.next
		f.next = n.NextSibling()
		res, child := c.enter(n, f)
		if child != nil {
			child.node, child.parent = n, f
			child.next = n.FirstChild()
			stack = append(stack, child)
			continue
		}
		addResult(f, res)
	}
	if c.err != nil {
		return c.err
	}
	d.Blocks, _ = result.([]doc.Block)
	d.Notes = c.notes
	return nil
}

func addResult(f *frame, res any) {
	switch r := res.(type) {
	case nil:
	case []any:
		f.kids = append(f.kids, r...)
	default:
		f.kids = append(f.kids, r)
	}
}

// enter converts a leaf node at once, or returns the frame that will
// collect a container's children.
func (c *converter) enter(n ast.Node, parent *frame) (any, *frame) {
	line := c.lineOf(n, parent.line)
	pos := doc.Pos{File: c.name, Line: line}
	f := &frame{depth: parent.depth, line: line}
	switch n := n.(type) {
	// Blocks.
	case *ast.Paragraph, *ast.TextBlock:
		f.done = func(f *frame) any { return c.paragraph(f, pos) }
	case *ast.Heading:
		f.done = func(f *frame) any { return &doc.Heading{Level: n.Level, Content: c.inlinesOf(f.kids), Pos: pos} }
	case *ast.ThematicBreak:
		return &doc.ThematicBreak{Pos: pos}, nil
	case *ast.CodeBlock:
		return &doc.CodeBlock{Text: c.linesText(n.Lines()), Pos: pos}, nil
	case *ast.FencedCodeBlock:
		cb := &doc.CodeBlock{Language: resolve(n.Language(c.src)), Text: c.linesText(n.Lines()), Pos: pos}
		if l := n.Lines(); l.Len() > 0 {
			if first, _ := c.lines.lineCol(l.At(0).Start); first != line {
				cb.TextLine = first
			}
		}
		return cb, nil
	case *ast.HTMLBlock:
		t := c.linesText(n.Lines())
		if n.HasClosure() {
			t += string(n.ClosureLine.Value(c.src))
		}
		if !c.rawHTML {
			return htmlBlock{t, pos}, nil
		}
		return &doc.RawBlock{Format: "html", Text: t, Pos: pos}, nil
	case *ast.LinkReferenceDefinition:
		c.linkRefs++
		if c.linkRefs > maxLinkRefs {
			c.err = doc.Errorf(pos, "limit-link-refs", "more than %d link reference definitions", maxLinkRefs)
		}
		return nil, nil
	case *ast.Blockquote:
		if !c.deeper(f, pos) {
			return nil, nil
		}
		f.done = func(f *frame) any { return &doc.BlockQuote{Blocks: c.blocksOf(f.kids), Pos: pos} }
	case *ast.List:
		f.done = func(f *frame) any {
			l := &doc.List{Ordered: n.IsOrdered(), Tight: n.IsTight, Pos: pos}
			if l.Ordered {
				l.Start = n.Start
			}
			for _, k := range f.kids {
				if it, ok := k.(*doc.ListItem); ok {
					l.Items = append(l.Items, it)
				}
			}
			return l
		}
	case *ast.ListItem:
		if !c.deeper(f, pos) {
			return nil, nil
		}
		f.done = func(f *frame) any {
			it := &doc.ListItem{Blocks: c.blocksOf(f.kids), Pos: pos}
			if f.task != nil {
				it.Task, it.Checked = true, *f.task
			}
			return it
		}
	case *east.Table:
		f.done = func(f *frame) any { return c.table(f, n, pos) }
	case *east.TableHeader:
		f.done = func(f *frame) any { return headerRow{cellRow(f.kids)} }
	case *east.TableRow:
		f.done = func(f *frame) any { return cellRow(f.kids) }
	case *east.TableCell:
		f.done = func(f *frame) any { return &doc.Cell{Content: c.inlinesOf(f.kids)} }
	case *east.DefinitionList:
		f.done = func(f *frame) any { return definitionList(f.kids, pos) }
	case *east.DefinitionTerm:
		f.done = func(f *frame) any { return defTerm{c.inlinesOf(f.kids), pos} }
	case *east.DefinitionDescription:
		if !c.deeper(f, pos) {
			return nil, nil
		}
		f.done = func(f *frame) any { return defDesc{c.blocksOf(f.kids)} }
	case *east.FootnoteList:
		f.done = func(f *frame) any {
			for _, k := range f.kids {
				if note, ok := k.(*doc.Note); ok {
					c.notes = append(c.notes, note)
				}
			}
			return nil
		}
	case *east.Footnote:
		if !c.deeper(f, pos) {
			return nil, nil
		}
		f.done = func(f *frame) any { return &doc.Note{Label: string(n.Ref), Blocks: c.blocksOf(f.kids), Pos: pos} }

	// Inlines.
	case *ast.Text:
		return c.text(n, parent.line), nil
	case *ast.String:
		v := string(n.Value)
		if !n.IsCode() && !n.IsRaw() {
			v = resolve(n.Value)
		}
		return &doc.Text{Value: v, Pos: c.inlinePos(n, parent.line)}, nil
	case *ast.CodeSpan:
		return c.codeSpan(n, parent.line), nil
	case *ast.Emphasis:
		ipos := c.inlinePos(n, parent.line)
		f.done = func(f *frame) any {
			if n.Level >= 2 {
				return &doc.Strong{Content: c.inlinesOf(f.kids), Pos: ipos}
			}
			return &doc.Emph{Content: c.inlinesOf(f.kids), Pos: ipos}
		}
	case *east.Strikethrough:
		ipos := c.inlinePos(n, parent.line)
		f.done = func(f *frame) any { return &doc.Strike{Content: c.inlinesOf(f.kids), Pos: ipos} }
	case *ast.Link:
		ipos := c.inlinePos(n, parent.line)
		f.done = func(f *frame) any {
			return &doc.Link{URL: resolve(n.Destination), Title: resolve(n.Title), Content: c.inlinesOf(f.kids), Pos: ipos}
		}
	case *ast.Image:
		ipos := c.inlinePos(n, parent.line)
		f.done = func(f *frame) any {
			caption := c.inlinesOf(f.kids)
			img := &doc.Image{Src: resolve(n.Destination), Title: resolve(n.Title), Alt: doc.PlainText(caption), Pos: ipos}
			c.captions[img] = caption
			return img
		}
	case *ast.AutoLink:
		label := string(n.Label(c.src))
		url := string(n.URL(c.src))
		if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(url), "mailto:") {
			url = "mailto:" + url
		}
		ipos := c.inlinePos(n, parent.line)
		return &doc.Link{URL: url, Content: []doc.Inline{&doc.Text{Value: label, Pos: ipos}}, Pos: ipos}, nil
	case *ast.RawHTML:
		var b strings.Builder
		for i := 0; i < n.Segments.Len(); i++ {
			seg := n.Segments.At(i)
			b.Write(seg.Value(c.src))
		}
		if !c.rawHTML {
			return htmlInline{b.String(), c.inlinePos(n, parent.line)}, nil
		}
		return &doc.RawInline{Format: "html", Text: b.String(), Pos: c.inlinePos(n, parent.line)}, nil
	case *east.FootnoteLink:
		return &doc.NoteRef{Label: c.fnLabels[n.Index], Pos: c.inlinePos(n, parent.line)}, nil
	case *east.FootnoteBacklink:
		return nil, nil
	case *east.TaskCheckBox:
		checked := n.IsChecked
		for p := parent; p != nil; p = p.parent {
			if _, ok := p.node.(*ast.ListItem); ok {
				p.task = &checked
				break
			}
		}
		parent.task = &checked
		return nil, nil

	default:
		// A node kind this reader does not know: keep its children.
		f.done = func(f *frame) any { return f.kids }
	}
	return nil, f
}

// deeper counts one more level of container nesting for f, failing the
// conversion beyond maxNesting (nesting the line scan could not see, such
// as lists nested by indentation).
func (c *converter) deeper(f *frame, pos doc.Pos) bool {
	f.depth++
	if f.depth > maxNesting {
		c.err = doc.Errorf(pos, "nesting-limit", "depth %d > %d: too many nested block quotes or lists", f.depth, maxNesting)
		return false
	}
	return true
}

// paragraph builds a Paragraph, or a Figure when the paragraph holds only an
// image (in the extended dialect), as Pandoc makes implicit figures.
func (c *converter) paragraph(f *frame, pos doc.Pos) any {
	content := c.inlinesOf(f.kids)
	if f.task != nil && len(content) > 0 {
		if t, ok := content[0].(*doc.Text); ok {
			t.Value = strings.TrimLeft(t.Value, " \t")
			if t.Value == "" {
				content = content[1:]
			}
		}
	}
	if c.figures && len(content) == 1 {
		if img, ok := content[0].(*doc.Image); ok {
			return &doc.Figure{Src: img.Src, Alt: img.Alt, Title: img.Title, Caption: c.captions[img], Pos: pos}
		}
	}
	return &doc.Paragraph{Content: content, Pos: pos}
}

// text converts a goldmark text segment, with the line break that ends it.
func (c *converter) text(n *ast.Text, line int) any {
	pos := c.inlinePos(n, line)
	raw := n.Segment.Value(c.src)
	var out []any
	if len(raw) > 0 {
		v := string(raw)
		if !n.IsRaw() {
			v = resolve(raw)
		}
		out = append(out, &doc.Text{Value: v, Pos: pos})
	}
	switch {
	case n.HardLineBreak():
		out = append(out, &doc.LineBreak{Pos: pos})
	case n.SoftLineBreak():
		out = append(out, &doc.SoftBreak{Pos: pos})
	}
	return out
}

// codeSpan joins a code span's segments; goldmark has already stripped the
// spec's surrounding space, and a line ending inside becomes a space.
func (c *converter) codeSpan(n *ast.CodeSpan, line int) any {
	var b strings.Builder
	for k := n.FirstChild(); k != nil; k = k.NextSibling() {
		switch k := k.(type) {
		case *ast.Text:
			v := k.Segment.Value(c.src)
			if len(v) > 0 && v[len(v)-1] == '\n' {
				b.Write(v[:len(v)-1])
				b.WriteByte(' ')
			} else {
				b.Write(v)
			}
		case *ast.String:
			b.Write(k.Value)
		}
	}
	return &doc.Code{Value: b.String(), Pos: c.inlinePos(n, line)}
}

func (c *converter) table(f *frame, n *east.Table, pos doc.Pos) any {
	t := &doc.Table{Pos: pos}
	for _, a := range n.Alignments {
		switch a {
		case east.AlignLeft:
			t.Align = append(t.Align, doc.AlignLeft)
		case east.AlignCenter:
			t.Align = append(t.Align, doc.AlignCenter)
		case east.AlignRight:
			t.Align = append(t.Align, doc.AlignRight)
		default:
			t.Align = append(t.Align, doc.AlignDefault)
		}
	}
	for _, k := range f.kids {
		switch k := k.(type) {
		case headerRow:
			t.Header = append(t.Header, k.row)
		case *doc.Row:
			t.Body = append(t.Body, k)
		}
	}
	if len(t.Align) <= maxTableColumns {
		return t
	}
	c.w.add(pos.Line, 0, "table-too-wide", "table has %d columns (limit %d); kept as a paragraph of text", len(t.Align), maxTableColumns)
	return tableAsParagraph(t)
}

// tableAsParagraph flattens a table to its text: cells separated by " | ",
// rows by line breaks.
func tableAsParagraph(t *doc.Table) *doc.Paragraph {
	p := &doc.Paragraph{Pos: t.Pos}
	for _, r := range append(append([]*doc.Row(nil), t.Header...), t.Body...) {
		if len(p.Content) > 0 {
			p.Content = append(p.Content, &doc.SoftBreak{Pos: t.Pos})
		}
		for i, cell := range r.Cells {
			if i > 0 {
				p.Content = append(p.Content, &doc.Text{Value: " | ", Pos: t.Pos})
			}
			p.Content = append(p.Content, cell.Content...)
		}
	}
	p.Content = mergeText(p.Content)
	return p
}

func cellRow(kids []any) *doc.Row {
	r := &doc.Row{}
	for _, k := range kids {
		if cell, ok := k.(*doc.Cell); ok {
			r.Cells = append(r.Cells, cell)
		}
	}
	return r
}

func definitionList(kids []any, pos doc.Pos) *doc.DefinitionList {
	dl := &doc.DefinitionList{Pos: pos}
	var cur *doc.DefItem
	for _, k := range kids {
		switch k := k.(type) {
		case defTerm:
			cur = &doc.DefItem{Term: k.content, Definitions: [][]doc.Block{}, Pos: k.pos}
			dl.Items = append(dl.Items, cur)
		case defDesc:
			if cur == nil {
				cur = &doc.DefItem{Term: []doc.Inline{}, Pos: pos}
				dl.Items = append(dl.Items, cur)
			}
			cur.Definitions = append(cur.Definitions, k.blocks)
		}
	}
	return dl
}

func inlinesOf(kids []any) []doc.Inline {
	out := make([]doc.Inline, 0, len(kids))
	for _, k := range kids {
		if in, ok := k.(doc.Inline); ok {
			out = append(out, in)
		}
	}
	return mergeText(out)
}

// mergeText joins adjacent Text nodes (goldmark splits text at escapes,
// entities and failed delimiters) and drops empty ones, in linear time.
func mergeText(in []doc.Inline) []doc.Inline {
	out := in[:0]
	for i := 0; i < len(in); {
		t, ok := in[i].(*doc.Text)
		if !ok {
			out = append(out, in[i])
			i++
			continue
		}
		j := i + 1
		for j < len(in) {
			if _, ok := in[j].(*doc.Text); !ok {
				break
			}
			j++
		}
		if j-i > 1 {
			var b strings.Builder
			for _, n := range in[i:j] {
				b.WriteString(n.(*doc.Text).Value)
			}
			t.Value = b.String()
		}
		if t.Value != "" {
			out = append(out, t)
		}
		i = j
	}
	return out
}

func (c *converter) linesText(lines *text.Segments) string {
	var b strings.Builder
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b.Write(seg.Value(c.src))
	}
	return b.String()
}

// lineOf returns the file line where n starts: goldmark records a byte
// offset for most nodes; others fall back to their first line of text or
// to the enclosing block's line.
func (c *converter) lineOf(n ast.Node, fallback int) int {
	off := n.Pos()
	if off < 0 && n.Type() == ast.TypeBlock {
		if l := n.Lines(); l != nil && l.Len() > 0 {
			off = l.At(0).Start
		}
	}
	if off < 0 {
		return fallback
	}
	line, _ := c.lines.lineCol(off)
	return line
}

func (c *converter) blockPos(n ast.Node, fallback int) doc.Pos {
	return doc.Pos{File: c.name, Line: c.lineOf(n, fallback)}
}

func (c *converter) inlinePos(n ast.Node, line int) doc.Pos {
	if off := n.Pos(); off >= 0 {
		l, col := c.lines.lineCol(off)
		return doc.Pos{File: c.name, Line: l, Col: col}
	}
	return doc.Pos{File: c.name, Line: line}
}
