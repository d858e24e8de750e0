package pdf

import (
	"fmt"
	"strings"

	"folio/assets/fonts"
	"folio/pipeline/doc"
)

// bctx is what a block inherits from the blocks around it: indentation
// (start and end, in logical terms), the text style and leading.
type bctx struct {
	indS, indE float64
	st         style
	lead       float64
	tight      bool
	listDepth  int
}

// The house style: body text 11.5/16 Liberation Serif on a 324 pt
// measure (about 66 characters a line; 60–75 is the span readers find
// comfortable), everything else in proportion to it.
const (
	measureWidth = 324.0
	bodySize     = 11.5
	bodyLead     = 16.0
)

func (l *layout) bodyCtx() bctx {
	return bctx{st: style{fam: fonts.Serif, size: bodySize, color: colInk}, lead: bodyLead}
}

// box is the horizontal extent of a block: its left edge and width.
func (l *layout) box(c bctx) (x0, avail float64) {
	avail = l.width() - c.indS - c.indE
	if l.rtl {
		return l.left + c.indE, avail
	}
	return l.left + c.indS, avail
}

func (l *layout) render() {
	l.newPage()
	// The outline has the document's title at its root and the headings
	// (and notes) nested below it, as a pack nests each article's.
	l.bookmark(firstNonEmpty(l.d.Meta.Title, "Untitled"), 0, l.top)
	l.outlineBase = 1
	l.titleBlock()
	l.blocks(l.d.Blocks, l.bodyCtx())
	l.room(0) // a heading that ends the document
	l.notes()
	l.furniture(l.docHead)
	l.closeLinks()
}

func (l *layout) blocks(bs []doc.Block, c bctx) {
	for i, b := range bs {
		l.block(b, c, i == len(bs)-1)
	}
}

func (l *layout) block(b doc.Block, c bctx, last bool) {
	switch n := b.(type) {
	case *doc.Heading:
		l.heading(n, c)
	case *doc.Paragraph:
		if f := l.soleImage(n); f != nil {
			// Anchors before the picture land where it starts.
			for _, in := range n.Content {
				if a, ok := in.(*doc.Anchor); ok && a.ID != "" {
					l.anchor("h:"+a.ID, l.y)
				}
			}
			l.figure(f, c)
			return
		}
		l.paragraph(n.Content, c, l.body)
		if !c.tight || !last {
			l.y += c.lead * 0.45
			if c.tight {
				l.y -= c.lead * 0.3
			}
		}
	case *doc.List:
		l.list(n, c)
	case *doc.BlockQuote:
		l.quote(n, c)
	case *doc.CodeBlock:
		l.code(n, c)
	case *doc.Table:
		l.table(n, c)
	case *doc.Figure:
		l.figure(n, c)
	case *doc.ThematicBreak:
		l.rule(c)
	case *doc.DefinitionList:
		l.deflist(n, c)
	case *doc.RawBlock:
		// Raw markup in another language has no meaning on paper.
	}
}

// soleImage treats a paragraph holding nothing but one resolved image (and
// perhaps anchors, placed by block) as a figure.
func (l *layout) soleImage(p *doc.Paragraph) *doc.Figure {
	var img *doc.Image
	for _, in := range p.Content {
		switch n := in.(type) {
		case *doc.Image:
			if img != nil {
				return nil
			}
			img = n
		case *doc.Text:
			if strings.TrimSpace(n.Value) != "" {
				return nil
			}
		case *doc.SoftBreak, *doc.Anchor:
		default:
			return nil
		}
	}
	if img == nil || img.Ref == "" {
		return nil
	}
	return &doc.Figure{Src: img.Src, Alt: img.Alt, Title: img.Title, Ref: img.Ref, Pos: img.Pos}
}

// paragraph sets inline content in the block's box.
func (l *layout) paragraph(is []doc.Inline, c bctx, al align) {
	words, rtl := l.words(is, c.st, l.rtl)
	x0, avail := l.box(c)
	lines := l.breakLines(words, avail, al)
	l.flow(lines, x0, avail, c.lead, c.st.size, al, rtl)
}

// baseline is where text of size sz sits in a line box of height lead.
func baseline(top, lead, sz float64) float64 { return top + lead*0.5 + sz*0.34 }

// flow draws lines down the page, breaking pages so that no page ends with
// the first line of a paragraph alone (orphan) or a hyphenated word's first
// half, or starts with its last line alone (widow).
func (l *layout) flow(lines []line, x0, avail, lead, sz float64, al align, rtl bool) {
	n := len(lines)
	if len(l.held) > 0 {
		// A heading above keeps the paragraph's first two lines, or all
		// of a paragraph of three or fewer (which cannot be split).
		first := n
		if n > 3 {
			first = 2
		}
		l.room(float64(max(first, 1)) * lead)
	}
	if n == 0 {
		if l.marker != nil {
			l.room(lead)
			l.drawMarker(baseline(l.y, lead, sz))
			l.y += lead
		}
		return
	}
	i := 0
	for i < n {
		fit := int((l.bottom - l.y + eps) / lead)
		left := n - i
		take := min(fit, left)
		if take < left {
			if left-take < 2 {
				take = left - 2
			}
			// Nor with a hyphen: the word's halves on two pages read
			// badly and do not rejoin when the text is copied (TeX's
			// \brokenpenalty). The page ends a line short instead,
			// where that keeps two lines on it, else the paragraph
			// starts on the next page.
			if take > 0 && lines[i+take-1].hyphen {
				take--
			}
			if take < 2 && n > 1 {
				take = 0
			}
		}
		if take <= 0 {
			if l.y <= l.top+eps {
				take = max(fit, 1) // a fresh page: draw what fits
			} else {
				l.newPage()
				continue
			}
		}
		for j := 0; j < take; j++ {
			by := baseline(l.y, lead, sz)
			if l.marker != nil {
				l.drawMarker(by)
			}
			l.drawLine(lines[i+j], x0, avail, by, al, rtl)
			l.y += lead
		}
		i += take
		if i < n {
			l.newPage()
		}
	}
}

var headingSize = map[int]float64{2: 15, 3: 13, 4: 11.5, 5: 11, 6: 10.5}

func (l *layout) heading(h *doc.Heading, c bctx) {
	sz := headingSize[min(max(h.Level, 2), 6)]
	st := style{fam: fonts.Sans, bold: true, size: sz, color: colInk, italic: h.Level >= 6}
	lead := sz * 1.25
	words, rtl := l.words(h.Content, st, l.rtl)
	x0, avail := l.box(c)
	lines := l.breakLines(words, avail, alignStart)
	// The heading waits to be drawn with the start of what follows it
	// (see keep).
	l.keep(held{before: sz * 0.95, height: float64(len(lines))*lead + 4, draw: func() {
		if h.ID != "" {
			l.anchor("h:"+h.ID, l.y)
		}
		l.bookmark(doc.PlainText(h.Content), h.Level-2, l.y)
		for _, ln := range lines {
			l.drawLine(ln, x0, avail, baseline(l.y, lead, sz), alignStart, rtl)
			l.y += lead
		}
		l.y += 4
	}})
}

// bookmark adds an outline entry. Levels may rise by one at most (a level-4
// heading straight under a level-2 one nests one deep), as PDF outlines
// have no gaps. fpdf encodes the title as UTF-16 only when a UTF-8 font is
// current, so one is selected first.
func (l *layout) bookmark(title string, level int, y float64) {
	level = max(min(level+l.outlineBase, l.outlineLv+1), 0)
	l.outlineLv = level
	l.marks = append(l.marks, level)
	title = strings.Join(strings.Fields(clean(title)), " ")
	if title == "" {
		title = "—"
	}
	l.setFont(fonts.Get(fonts.Sans, fonts.Bold), l.curSizeOr(10))
	l.pdf.Bookmark(textString(title), level, y)
}

func (l *layout) curSizeOr(sz float64) float64 {
	if l.curFace != nil {
		return l.curSize
	}
	return sz
}

// marker is a list item's bullet, number or task box, drawn beside the
// first line of the item.
type marker struct {
	words   []word
	rtl     bool
	width   float64
	x0, end float64 // the item's text box (left edge, right edge)
	task    bool
	checked bool
	size    float64
}

func (l *layout) drawMarker(by float64) {
	m := l.marker
	l.marker = nil
	const gap = 6
	if m.task {
		s := m.size * 0.72
		x := m.x0 - gap - s
		if l.rtl {
			x = m.end + gap
		}
		top := by - s*0.9
		l.pdf.SetDrawColor(0x44, 0x44, 0x44)
		l.pdf.SetLineWidth(0.7)
		l.pdf.Rect(x, top, s, s, "D")
		if m.checked {
			l.pdf.SetLineWidth(1.1)
			l.pdf.Line(x+s*0.2, top+s*0.55, x+s*0.42, top+s*0.8)
			l.pdf.Line(x+s*0.42, top+s*0.8, x+s*0.85, top+s*0.18)
		}
		return
	}
	x := m.x0 - gap - m.width
	if l.rtl {
		x = m.end + gap
	}
	l.drawLine(line{words: m.words, width: m.width, ragged: true}, x, m.width, by, alignStart, m.rtl)
}

var bullets = []string{"•", "–", "•"}

func (l *layout) list(n *doc.List, c bctx) {
	const indent = 18
	num := n.Start
	if num == 0 {
		num = 1
	}
	ic := c
	ic.indS += indent
	ic.tight = n.Tight
	ic.listDepth++
	x0, avail := l.box(ic)
	for _, it := range n.Items {
		m := &marker{x0: x0, end: x0 + avail, task: it.Task, checked: it.Checked, size: c.st.size}
		if !it.Task {
			txt := bullets[c.listDepth%len(bullets)]
			st := c.st
			if n.Ordered {
				txt = fmt.Sprintf("%d.", num)
			} else {
				st.color = colMuted
			}
			m.words, m.rtl = l.plainWords(txt, st)
			for _, w := range m.words {
				m.width += w.width
			}
		}
		l.marker = m
		l.blocks(it.Blocks, ic)
		if l.marker != nil {
			l.room(c.lead)
			l.drawMarker(baseline(l.y, c.lead, c.st.size))
			l.y += c.lead
		}
		num++
		if !n.Tight {
			l.y += c.lead * 0.15
		}
	}
	if c.listDepth == 0 {
		l.y += c.lead * 0.45
	}
}

func (l *layout) quote(n *doc.BlockQuote, c bctx) {
	qc := c
	qc.indS += 16
	qc.st.color = rgb{0x3a, 0x3a, 0x3a}
	qc.st.italic = !c.st.italic
	l.room(2 * c.lead) // draws a heading held above, before the rule starts
	startPage, startY := l.pdf.PageNo(), l.y
	l.blocks(n.Blocks, qc)
	endPage, endY := l.pdf.PageNo(), l.y-c.lead*0.45
	x := l.left + c.indS + 3
	if l.rtl {
		x = l.right - c.indS - 3
	}
	l.pdf.SetDrawColor(int(colAccent[0]), int(colAccent[1]), int(colAccent[2]))
	l.pdf.SetLineWidth(1.6)
	for p := startPage; p <= endPage; p++ {
		y0, y1 := l.top, l.bottom
		if p == startPage {
			y0 = startY + 2
		}
		if p == endPage {
			y1 = endY
		}
		if y1 > y0 {
			l.pdf.SetPage(p)
			l.pdf.Line(x, y0, x, y1)
		}
	}
	l.pdf.SetPage(endPage)
}

func (l *layout) code(n *doc.CodeBlock, c bctx) {
	st := style{fam: fonts.Mono, size: 9, color: colInk}
	const lead, pad = 12.0, 7.0
	x0, avail := l.box(c)
	inner := avail - 2*pad
	text := strings.TrimRight(strings.ReplaceAll(n.Text, "\t", "    "), "\n")
	var lines []codeLine
	for k, src := range strings.Split(text, "\n") {
		b := &wordBuilder{l: l, pre: true}
		b.text(strings.TrimRight(src, "\r"), st, n.TextPos(k))
		b.endWord(0)
		if len(b.words) == 0 {
			lines = append(lines, codeLine{ln: line{ragged: true}})
			continue
		}
		// Right-to-left text in a code line is reordered and Arabic is
		// shaped as in a paragraph, each line a bidi paragraph set left
		// to right (as the HTML writer's pre is); a line without any
		// keeps its characters as they are.
		if hasRTL(b.words) {
			levelWords(b.words, false)
		}
		w := b.words[0]
		l.finishWord(&w)
		if w.width <= inner {
			lines = append(lines, codeLine{ln: line{words: []word{w}, width: w.width, ragged: true}})
			continue
		}
		lines = append(lines, l.wrapCode(w, inner)...)
	}
	l.y += 2
	for i := 0; i < len(lines); {
		l.room(2*pad + lead*float64(min(2, len(lines)-i)))
		fit := max(int((l.bottom-l.y-2*pad+eps)/lead), 1)
		k := min(fit, len(lines)-i)
		h := float64(k)*lead + 2*pad
		l.pdf.SetFillColor(int(colShade[0]), int(colShade[1]), int(colShade[2]))
		l.pdf.Rect(x0, l.y, avail, h, "F")
		if l.marker != nil {
			l.drawMarker(baseline(l.y+pad, lead, st.size))
		}
		for j := 0; j < k; j++ {
			cl := lines[i+j]
			by := baseline(l.y+pad+float64(j)*lead, lead, st.size)
			l.drawLine(cl.ln, x0+pad+cl.indent, inner-cl.indent, by, alignStart, false)
			if cl.cont {
				l.continuationMark(x0, pad, by, st.size)
			}
		}
		l.y += h
		i += k
		if i < len(lines) {
			l.newPage()
		}
	}
	l.y += c.lead * 0.7
}

// codeLine is one line of a code block as drawn: a source line, or a
// part of one too wide for the block.
type codeLine struct {
	ln     line
	indent float64 // where its text starts, from the block's text edge
	cont   bool    // it continues the source line above it
}

// wrapCode cuts a code line wider than the block into lines. It breaks
// after a space when one falls in the last half of a line, else after
// punctuation in its last characters (as splitWord does), else where the
// line is full. The spaces at a break stay at the end of the line above,
// hanging past the edge unseen, so no line starts with a space and the
// text copies whole; the lines that continue it start at its indent (at
// most half the block) with a mark in the gutter (continuationMark).
func (l *layout) wrapCode(w word, inner float64) []codeLine {
	cells := cellsOf(w)
	lead, indent := 0, 0.0
	for lead < len(cells) && cells[lead].r == ' ' {
		indent += cells[lead].w
		lead++
	}
	indent = min(indent, inner/2)
	var out []codeLine
	limit := inner
	for start := 0; start < len(cells); {
		end := fillCells(cells, start, limit)
		if end < len(cells) && cells[end].r != ' ' {
			// The first line's break may not fall in its indent.
			from := max(start+(end-start)/2, lead)
			cut := -1
			for k := end - 1; k > from; k-- {
				if cells[k].r == ' ' {
					cut = k + 1
					break
				}
			}
			if cut < 0 {
				cut = punctBreak(cells, from, end)
			}
			if cut > 0 {
				end = cut
			}
		}
		for end < len(cells) && cells[end].r == ' ' {
			end++
		}
		cl := codeLine{cont: start > 0}
		if cl.cont {
			cl.indent = indent
		}
		p := l.pieceOf(w, cells[start:end])
		cl.ln = line{words: []word{p}, width: p.width, ragged: true}
		out = append(out, cl)
		start = end
		limit = inner - indent
	}
	return out
}

// continuationMark draws a small hooked arrow (↳) in the left gutter of a
// code block, beside a line that continues the one above. It is drawn,
// not set as a character, so copied code has no mark in it.
func (l *layout) continuationMark(x0, pad, by, sz float64) {
	l.pdf.SetDrawColor(int(colFaint[0]), int(colFaint[1]), int(colFaint[2]))
	l.pdf.SetLineWidth(0.5)
	x1, x2 := x0+pad*0.3, x0+pad*0.85
	top, mid := by-sz*0.65, by-sz*0.25
	l.pdf.Line(x1, top, x1, mid)
	l.pdf.Line(x1, mid, x2, mid)
	l.pdf.Line(x2-sz*0.16, mid-sz*0.14, x2, mid)
	l.pdf.Line(x2-sz*0.16, mid+sz*0.14, x2, mid)
	if l.opts.trace != nil {
		key := fmt.Sprintf("p%d y=%.1f", l.pdf.PageNo(), by)
		l.traced = append(l.traced, tracedLine{key: key, x: x1, faces: "mark", text: "↳"})
	}
}

// rule is a thematic break: a short centred line.
func (l *layout) rule(c bctx) {
	l.room(24)
	l.y += 10
	x0, avail := l.box(c)
	w := avail * 0.22
	l.pdf.SetDrawColor(int(colFaint[0]), int(colFaint[1]), int(colFaint[2]))
	l.pdf.SetLineWidth(0.6)
	l.pdf.Line(x0+(avail-w)/2, l.y, x0+(avail+w)/2, l.y)
	l.y += 14
}

func (l *layout) deflist(n *doc.DefinitionList, c bctx) {
	for _, it := range n.Items {
		tc := c
		tc.st.bold = true
		l.room(2 * c.lead)
		l.paragraph(it.Term, tc, alignStart)
		dc := c
		dc.indS += 18
		for _, def := range it.Definitions {
			l.blocks(def, dc)
		}
	}
}

// notes sets the footnotes at the end under the language's "Notes"
// heading, each number linking back to its first reference.
func (l *layout) notes() {
	if len(l.d.Notes) == 0 {
		return
	}
	c := l.bodyCtx()
	c.st.size, c.lead = 9.5, 13
	l.room(60)
	l.y += 14
	l.pdf.SetDrawColor(int(colRule[0]), int(colRule[1]), int(colRule[2]))
	l.pdf.SetLineWidth(0.5)
	x0, avail := l.box(c)
	l.pdf.Line(x0, l.y, x0+avail, l.y)
	l.y += 8
	st := style{fam: fonts.Sans, bold: true, size: 11, color: colInk}
	l.bookmark(l.lab.Notes, 0, l.y)
	words, rtl := l.plainWords(l.lab.Notes, st)
	for _, ln := range l.breakLines(words, avail, alignStart) {
		l.drawLine(ln, x0, avail, baseline(l.y, 15, 11), alignStart, rtl)
		l.y += 15
	}
	l.y += 4
	nc := c
	nc.indS += 20
	nx0, navail := l.box(nc)
	for _, n := range l.d.Notes {
		l.room(c.lead)
		l.anchor(fmt.Sprintf("note:%d", n.Number), l.y)
		mst := style{fam: fonts.Sans, bold: true, size: 8.5, color: colLink}
		if l.anchored[l.ns+fmt.Sprintf("ref:%d", n.Number)] {
			mst.linkID = l.link(fmt.Sprintf("ref:%d", n.Number))
		}
		m := &marker{x0: nx0, end: nx0 + navail, size: c.st.size}
		m.words, m.rtl = l.plainWords(fmt.Sprintf("%d.", n.Number), mst)
		for _, w := range m.words {
			m.width += w.width
		}
		l.marker = m
		nc.tight = true
		l.blocks(n.Blocks, nc)
		if l.marker != nil {
			l.drawMarker(baseline(l.y, c.lead, c.st.size))
			l.y += c.lead
		}
		l.y += 3
	}
}

// closeLinks points any internal link whose target was never drawn at the
// first page, so that no link in the file dangles.
func (l *layout) closeLinks() {
	for key, id := range l.links {
		if !l.anchored[key] {
			l.pdf.SetLink(id, 0, 1)
		}
	}
}
