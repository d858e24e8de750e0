package pdf

import "strings"

// align is a paragraph's alignment, in logical terms (start is the left
// margin in left-to-right text and the right margin in right-to-left text).
type align int

const (
	alignJustify align = iota
	alignStart
	alignCenter
	alignEnd
)

// line is one line of a paragraph: whole words (or pieces of a hard-broken
// word) and their natural width with single spaces.
type line struct {
	words   []word
	width   float64
	ragged  bool // set flush to the start edge: last line, hard break, or before a broken token
	leading float64
}

const eps = 0.01

// breakLines fills lines first-fit. A word wider than a whole line is cut
// into pieces; the first piece fills what is left of the current line when
// that is a useful amount, so the line before is never stretched to make
// room for the token.
func (l *layout) breakLines(words []word, avail float64) []line {
	var lines []line
	var cur []word
	curW := 0.0
	flush := func(ragged bool) {
		if len(cur) == 0 {
			return
		}
		lines = append(lines, line{words: cur, width: curW, ragged: ragged})
		cur, curW = nil, 0
	}
	add := func(w word) {
		if n := len(cur); n > 0 {
			curW += cur[n-1].space
		}
		cur = append(cur, w)
		curW += w.width
	}
	for _, w := range words {
		gap := 0.0
		if n := len(cur); n > 0 {
			gap = cur[n-1].space
		}
		switch {
		case curW+gap+w.width <= avail+eps:
			add(w)
		case w.width > avail:
			first := avail
			rem := avail - curW - gap
			if len(cur) > 0 {
				if rem >= avail*0.2 {
					first = rem
				} else {
					flush(true)
				}
			}
			pieces := l.splitWord(w, first, avail)
			for i, p := range pieces {
				if i > 0 {
					flush(true)
				}
				add(p)
			}
		default:
			flush(false)
			add(w)
		}
		if w.brk {
			flush(true)
		}
	}
	flush(true)
	return lines
}

type cell struct {
	r  rune
	si int
	w  float64
}

// splitWord cuts a word into pieces no wider than first (the first piece)
// and rest (the others), preferring to cut after a slash, hyphen, dot or
// other URL punctuation near the end of a piece.
func (l *layout) splitWord(w word, first, rest float64) []word {
	var cells []cell
	for si, s := range w.spans {
		for _, r := range s.text {
			cells = append(cells, cell{r, si, float64(s.face.Width(r)) * s.st.size / 1000})
		}
	}
	var pieces []word
	limit := first
	start := 0
	for start < len(cells) {
		end, acc := start, 0.0
		for end < len(cells) && (end == start || acc+cells[end].w <= limit+eps) {
			acc += cells[end].w
			end++
		}
		if end < len(cells) {
			for k := end - 1; k > start+(end-start)/2 && k > end-24; k-- {
				if strings.ContainsRune("/-.?&=_,;#", cells[k].r) {
					end = k + 1
					break
				}
			}
		}
		pieces = append(pieces, l.pieceOf(w, cells[start:end]))
		start = end
		limit = rest
	}
	if n := len(pieces); n > 0 {
		pieces[n-1].space = w.space
		pieces[n-1].brk = w.brk
	}
	return pieces
}

func (l *layout) pieceOf(w word, cells []cell) word {
	var p word
	last := -1
	for _, c := range cells {
		if c.si == last {
			n := len(p.spans) - 1
			p.spans[n].text = append(p.spans[n].text, c.r)
			continue
		}
		s := w.spans[c.si]
		s.text = []rune{c.r}
		p.spans = append(p.spans, s)
		last = c.si
	}
	l.finishWord(&p)
	return p
}

// item is one thing on a line in visual order: a span or the gap after a
// word.
type item struct {
	s        *span
	gap      float64
	level    uint8
	spaceOut bool // draw a trailing space after the span for text extraction
}

// visual lays out a line's spans and gaps in visual order (rule L2 of the
// Unicode bidi algorithm over the spans), with extra added to each gap.
func visual(ln line, extra float64) ([]item, float64) {
	var items []item
	total := 0.0
	for wi := range ln.words {
		w := &ln.words[wi]
		lastWord := wi == len(ln.words)-1
		for si := range w.spans {
			s := &w.spans[si]
			it := item{s: s, level: s.level}
			it.spaceOut = si == len(w.spans)-1 && !lastWord && w.space > 0
			items = append(items, it)
			total += s.width
		}
		if !lastWord {
			g := w.space
			if g > 0 {
				g += extra
			}
			lv := uint8(0)
			if len(w.spans) > 0 && wi+1 < len(ln.words) && len(ln.words[wi+1].spans) > 0 {
				lv = min(w.spans[len(w.spans)-1].level, ln.words[wi+1].spans[0].level)
			}
			items = append(items, item{gap: g, level: lv})
			total += g
		}
	}
	maxL, minOdd := uint8(0), uint8(255)
	for _, it := range items {
		maxL = max(maxL, it.level)
		if it.level%2 == 1 {
			minOdd = min(minOdd, it.level)
		}
	}
	for lv := maxL; lv >= minOdd && lv > 0; lv-- {
		for i := 0; i < len(items); {
			if items[i].level < lv {
				i++
				continue
			}
			j := i
			for j < len(items) && items[j].level >= lv {
				j++
			}
			for a, b := i, j-1; a < b; a, b = a+1, b-1 {
				items[a], items[b] = items[b], items[a]
			}
			i = j
		}
	}
	return items, total
}

// gaps counts the stretchable spaces of a line.
func (ln line) gaps() int {
	n := 0
	for i := 0; i < len(ln.words)-1; i++ {
		if ln.words[i].space > 0 {
			n++
		}
	}
	return n
}

// drawLine draws a line whose box starts at x0 and is avail wide, with
// its baseline at y. rtl is the paragraph's direction.
func (l *layout) drawLine(ln line, x0, avail, y float64, al align, rtl bool) {
	extra := 0.0
	if al == alignJustify && !ln.ragged && ln.gaps() > 0 {
		extra = (avail - ln.width) / float64(ln.gaps())
		if extra < 0 || extra > avail*0.2 {
			extra = 0
		}
	}
	items, total := visual(ln, extra)
	if al == alignJustify {
		al = alignStart
	}
	x := x0
	switch {
	case al == alignCenter:
		x = x0 + (avail-total)/2
	case (al == alignStart) == rtl:
		x = x0 + avail - total
	}
	for _, it := range items {
		if it.s == nil {
			x += it.gap
			continue
		}
		l.drawSpan(it.s, x, y, it.spaceOut)
		x += it.s.width
	}
}
