package pdf

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"folio/assets/fonts"
	"folio/assets/hyphen"
	"folio/formats/pdf/internal/linebreak"
)

// align is a paragraph's alignment, in logical terms (start is the left
// margin in left-to-right text and the right margin in right-to-left text).
type align int

const (
	alignJustify align = iota
	alignStart
	alignCenter
	alignEnd
	alignRagged // body text set flush to the start edge, hyphenated (--align left)
)

// line is one line of a paragraph: whole words, pieces of hyphenated or
// hard-broken words (space 0 between the pieces of one word), and their
// natural width with single spaces.
type line struct {
	words  []word
	width  float64
	ragged bool // not stretched: a paragraph's last line, or before a hard break
	hyphen bool // ends with a word cut by hyphenation
}

const eps = 0.01

// How justified lines may vary their word spaces: at most 1.4× the font's
// space, counting the letter spacing a word space also gains (see
// trackStretch: 0.02 em is 0.08 of a serif space of 0.25 em, so the glue
// itself stretches 0.32), and at least about two thirds of it. TeX's plain
// format allows about 1.6×. Hyphenation is tried only for a paragraph that
// cannot be set within firstPassRatio of that stretch without it.
const (
	spaceStretch = 0.32
	// untrackedStretch is the spaces' stretch where letters are not
	// tracked (right-to-left text): all of the 1.4×.
	untrackedStretch = 0.4
	spaceShrink      = 1.0 / 3 // as TeX's fonts
	// When no breaks keep within the limit, lines are chosen as if each
	// had this much more stretch (of the measure; TeX's \emergencystretch)
	// and drawn with spaces at the limit, a little short of the margin.
	emergencyStretch = 0.08
	// Letters of a justified left-to-right line may be spaced up to this
	// much wider or closer (of the font size, per character; pdfTeX's
	// font expansion does the like), so the spaces need not do all the
	// work: imperceptible, and it halves the hyphens a narrow measure
	// otherwise needs. Right-to-left lines are not tracked, because
	// spaced Arabic letters no longer join.
	trackStretch   = 0.02
	trackShrink    = 0.01
	firstPassRatio = 1
	hyphenPenalty  = 100  // twice TeX's \hyphenpenalty: fewer hyphens
	raggedStretch  = 0.12 // of the measure, at the end of a ragged line
)

// breakLines breaks words into lines of width avail through the one line
// breaker (internal/linebreak, total-fit): justified text with stretchy
// spaces, anything else ragged with the stretch at the line's end. A
// paragraph is first set without hyphenation; if that needs spaces wider
// than firstPassRatio allows, body text (justified or alignRagged) is
// hyphenated by the document's language (assets/hyphen). A word wider than the whole line is cut into
// pieces that each fit (splitWord).
func (l *layout) breakLines(words []word, avail float64, al align) []line {
	if len(words) == 0 {
		return nil
	}
	p := linebreak.Params{Width: avail, Tolerance: 1, EmergencyStretch: avail * emergencyStretch}
	if al != alignJustify {
		p.LineStretch = avail * raggedStretch
	}
	pieces, items := l.items(words, avail, al == alignJustify, false)
	found, ok := linebreak.Fit(items, p, firstPassRatio, false)
	switch {
	case !ok && al != alignJustify && al != alignRagged:
		// Headings, captions, cells and furniture are not hyphenated.
		found = linebreak.Break(items, p)
	case !ok:
		pieces, items = l.items(words, avail, al == alignJustify, true)
		p.Pretolerance = -1
		found = linebreak.Break(items, p)
	}
	lines := make([]line, 0, len(found))
	for _, f := range found {
		var ln line
		for i := f.Start; i < f.End && i < len(items); i++ {
			if items[i].Kind == linebreak.Box {
				ln.words = append(ln.words, pieces[i])
			}
		}
		if len(ln.words) == 0 {
			continue
		}
		end := linebreak.Item{Kind: linebreak.Penalty, Penalty: -linebreak.Infinity}
		if f.End < len(items) {
			end = items[f.End]
		}
		last := &ln.words[len(ln.words)-1]
		if end.Kind == linebreak.Penalty && end.Flagged {
			l.addHyphen(last)
			ln.hyphen = true
		}
		ln.ragged = end.Kind == linebreak.Penalty && end.Penalty <= -linebreak.Infinity
		for i, w := range ln.words {
			ln.width += w.width
			if i < len(ln.words)-1 {
				ln.width += w.space
			}
		}
		lines = append(lines, ln)
	}
	return lines
}

// items turns words into the breaker's boxes, glue and penalties; pieces
// holds the word (or piece of a word) each box stands for, by item index.
func (l *layout) items(words []word, avail float64, justify, hyphenate bool) ([]word, []linebreak.Item) {
	pieces := make([]word, 0, len(words)*2)
	items := make([]linebreak.Item, 0, len(words)*2)
	box := func(w word) {
		pieces = append(pieces, w)
		items = append(items, linebreak.NewBox(w.width))
	}
	other := func(it linebreak.Item) {
		pieces = append(pieces, word{})
		items = append(items, it)
	}
	for i, w := range words {
		var parts []word
		hyphens := false
		switch {
		case w.width > avail:
			parts = l.splitWord(w, avail, avail)
		case hyphenate:
			parts = l.hyphenate(w)
			hyphens = true
		default:
			parts = []word{w}
		}
		for j, pt := range parts {
			if j > 0 {
				if hyphens {
					other(linebreak.NewPenalty(l.hyphenWidth(parts[j-1]), hyphenPenalty, true))
				} else {
					other(linebreak.NewPenalty(0, 0, false))
				}
			}
			if j < len(parts)-1 {
				pt.space = 0
				pt.brk = false
			}
			box(pt)
			if units := trackUnits(pt); justify && units > 0 {
				items[len(items)-1].Stretch = units * trackStretch
				items[len(items)-1].Shrink = units * trackShrink
			}
		}
		switch {
		case w.brk:
			other(linebreak.NewGlue(0, linebreak.Infinity, 0))
			other(linebreak.NewPenalty(0, -linebreak.Infinity, false))
		case i == len(words)-1:
		case w.space > 0 && justify && trackUnits(w) == 0:
			other(linebreak.NewGlue(w.space, w.space*untrackedStretch, w.space*spaceShrink))
		case w.space > 0 && justify:
			other(linebreak.NewGlue(w.space, w.space*spaceStretch, w.space*spaceShrink))
		case w.space > 0:
			other(linebreak.NewGlue(w.space, 0, 0))
		default:
			other(linebreak.NewPenalty(0, 100, false)) // a word continued without a space
		}
	}
	return pieces, items
}

// trackUnits is what tracking a word by one unit adds to its width: the
// sum of its characters' font sizes; 0 for a word with right-to-left
// text, which is not tracked.
func trackUnits(w word) float64 {
	u := 0.0
	for _, s := range w.spans {
		if s.level != 0 {
			return 0
		}
		u += float64(len(s.text)) * s.st.size
	}
	return u
}

// hyphenate cuts a word at the places the document's language allows
// (assets/hyphen). Only plain running text is hyphenated: not a link, not
// code, not right-to-left text, not a word of several styles, and never
// the punctuation around the word.
func (l *layout) hyphenate(w word) []word {
	if len(w.spans) != 1 {
		return []word{w}
	}
	s := w.spans[0]
	if s.level != 0 || s.st.link != "" || s.st.linkID != 0 || s.st.fam == fonts.Mono || s.st.noteRef != 0 || len(s.text) < 5 {
		return []word{w}
	}
	a, b := 0, len(s.text)
	for a < b && !unicode.IsLetter(s.text[a]) {
		a++
	}
	for b > a && !unicode.IsLetter(s.text[b-1]) {
		b--
	}
	pts := l.points(string(s.text[a:b]))
	if len(pts) == 0 {
		return []word{w}
	}
	out := make([]word, 0, len(pts)+1)
	from := 0
	for _, p := range append(pts, -1) {
		to := len(s.text)
		if p >= 0 {
			to = a + p
		}
		part := s
		part.text = s.text[from:to]
		l.finishSpan(&part)
		out = append(out, word{spans: []span{part}, width: part.width})
		from = to
	}
	out[len(out)-1].space = w.space
	out[len(out)-1].brk = w.brk
	return out
}

// points are a word's hyphenation points, looked up once per document.
func (l *layout) points(core string) []int {
	h := hyphen.For(l.d.Meta.Lang)
	if h == nil {
		return nil
	}
	key := l.d.Meta.Lang + "\x00" + core
	if p, ok := l.hyph[key]; ok {
		return p
	}
	p := h.Points(core)
	l.hyph[key] = p
	return p
}

func (l *layout) hyphenWidth(w word) float64 {
	if len(w.spans) == 0 {
		return 0
	}
	s := w.spans[len(w.spans)-1]
	return float64(s.face.Width('-')) * s.st.size / 1000
}

// addHyphen ends a word cut by hyphenation with a hyphen in its own style.
// It is an ordinary hyphen-minus at the end of the line, which is what
// text extraction (pdftotext) joins back into one word.
func (l *layout) addHyphen(w *word) {
	n := len(w.spans)
	if n == 0 {
		return
	}
	s := w.spans[n-1]
	s.text = append(s.text[:len(s.text):len(s.text)], '-')
	l.finishSpan(&s)
	w.width += s.width - w.spans[n-1].width
	w.spans = append(w.spans[:n-1:n-1], s)
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
	cells := cellsOf(w)
	var pieces []word
	limit := first
	start := 0
	for start < len(cells) {
		end := fillCells(cells, start, limit)
		if end < len(cells) {
			if cut := punctBreak(cells, start+(end-start)/2, end); cut > 0 {
				end = cut
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

// cellsOf is w's characters, each with its span and width.
func cellsOf(w word) []cell {
	var cells []cell
	for si, s := range w.spans {
		for _, r := range s.text {
			cells = append(cells, cell{r, si, float64(s.face.Width(r)) * s.st.size / 1000})
		}
	}
	return cells
}

// fillCells is the end of the longest run of cells from start that fits
// in limit (one cell at least).
func fillCells(cells []cell, start int, limit float64) int {
	end, acc := start, 0.0
	for end < len(cells) && (end == start || acc+cells[end].w <= limit+eps) {
		acc += cells[end].w
		end++
	}
	return end
}

// punctBreak is where to cut before end: after the last slash, hyphen,
// dot or other URL punctuation among the cells after from and in the 23
// before end; -1 when there is none.
func punctBreak(cells []cell, from, end int) int {
	for k := end - 1; k > from && k > end-24; k-- {
		if strings.ContainsRune("/-.?&=_,;#", cells[k].r) {
			return k + 1
		}
	}
	return -1
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
// Unicode bidi algorithm over the spans), each word space scaled by scale.
func visual(ln line, scale float64) ([]item, float64) {
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
			g := w.space * scale
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

// spaces is the total width of a line's word spaces.
func (ln line) spaces() float64 {
	s := 0.0
	for i := 0; i < len(ln.words)-1; i++ {
		s += ln.words[i].space
	}
	return s
}

// drawLine draws a line whose box starts at x0 and is avail wide, with
// its baseline at y. rtl is the paragraph's direction.
func (l *layout) drawLine(ln line, x0, avail, y float64, al align, rtl bool) {
	scale, track := 1.0, 0.0
	if al == alignJustify && !ln.ragged {
		scale, track = ln.justify(avail)
	}
	items, total := visual(ln, scale)
	if al == alignJustify || al == alignRagged {
		al = alignStart
	}
	x := x0
	switch {
	case al == alignCenter:
		x = x0 + (avail-total)/2
	case (al == alignStart) == rtl:
		x = x0 + avail - total
	}
	if track != 0 {
		l.pdf.RawWriteStr(fmt.Sprintf("%.4f Tc", track))
	}
	for _, it := range items {
		if it.s == nil {
			x += it.gap
			continue
		}
		l.drawSpan(it.s, x, y, it.spaceOut)
		x += it.s.width + track*float64(utf8.RuneCountInString(it.s.draw))
	}
	if track != 0 {
		l.pdf.RawWriteStr("0 Tc")
	}
}

// justify is how a justified line fills avail: the factor for its word
// spaces and the character spacing (PDF's Tc, in points) for its letters,
// both from one adjustment ratio as the breaker measured it, and held to
// the breaker's limits (a line the last-resort pass set looser is left a
// little short rather than gappy).
func (ln line) justify(avail float64) (scale, track float64) {
	sp := ln.spaces()
	units := 0.0
	for _, w := range ln.words {
		if u := trackUnits(w); u > 0 {
			units += u
		} else if len(w.spans) > 0 {
			units = 0 // a right-to-left word: no tracking on this line
			break
		}
	}
	need := avail - ln.width
	if units == 0 {
		if need > 0 && sp > 0 {
			return 1 + min(need/sp, untrackedStretch), 0
		}
		if need < 0 && sp > 0 {
			return 1 + max(need/sp, -spaceShrink), 0
		}
		return 1, 0
	}
	var r float64
	switch {
	case need > 0 && sp*spaceStretch+units*trackStretch > 0:
		r = min(need/(sp*spaceStretch+units*trackStretch), 1)
		return 1 + r*spaceStretch, r * trackStretch * units / max(ln.chars(), 1)
	case need < 0 && sp*spaceShrink+units*trackShrink > 0:
		r = max(need/(sp*spaceShrink+units*trackShrink), -1)
		return 1 + r*spaceShrink, r * trackShrink * units / max(ln.chars(), 1)
	}
	return 1, 0
}

// chars counts the characters a line draws.
func (ln line) chars() float64 {
	n := 0
	for _, w := range ln.words {
		for _, s := range w.spans {
			n += len(s.text)
		}
	}
	return float64(n)
}
