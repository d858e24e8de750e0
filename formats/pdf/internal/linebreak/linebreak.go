// Package linebreak breaks a paragraph into lines as a whole, by Knuth and
// Plass's total-fit algorithm ("Breaking Paragraphs into Lines", 1981), the
// one TeX uses: a paragraph is a list of boxes (what is drawn), glue (space
// that may stretch or shrink) and penalties (places to break, with a
// cost), and the breaker chooses the breaks that minimise the sum of the
// lines' demerits, where a line's badness grows with the cube of how far
// its spaces are stretched or shrunk.
//
// It knows nothing of fonts or PDF: the caller turns words into items
// (a hyphenation point is a flagged penalty whose width is the hyphen's)
// and draws the lines. Like TeX it first tries without hyphenating
// (Params.Pretolerance), then with hyphenation within the looseness limit
// (Params.Tolerance), and last with any looseness, so every paragraph
// gets lines; a line wider than the measure happens only when a single
// box is.
package linebreak

import "math"

// Kind is what an item is.
type Kind uint8

// The kinds of item.
const (
	Box Kind = iota
	Glue
	Penalty
)

// Infinity is a penalty that forbids a break (and, negated, forces one),
// and a stretch that no line ever uses up.
const Infinity = 10000

// Item is one element of a paragraph.
type Item struct {
	Kind Kind
	// Width of a box or glue; for a penalty, the width added at the end
	// of the line when the break is taken there (a hyphen).
	Width float64
	// Stretch and Shrink of glue, or of a box whose letters may be spaced
	// a little wider or closer (tracking); a box is never a break.
	Stretch, Shrink float64
	// Penalty is the cost of breaking at a penalty item: ≥ Infinity
	// never, ≤ -Infinity always.
	Penalty float64
	// Flagged marks a hyphenation break: two in a row on consecutive
	// lines cost Params.DoubleHyphen more.
	Flagged bool
}

// NewBox, NewGlue and NewPenalty make items.
func NewBox(w float64) Item { return Item{Kind: Box, Width: w} }
func NewGlue(w, stretch, shrink float64) Item {
	return Item{Kind: Glue, Width: w, Stretch: stretch, Shrink: shrink}
}
func NewPenalty(w, p float64, flagged bool) Item {
	return Item{Kind: Penalty, Width: w, Penalty: p, Flagged: flagged}
}

// Params tune the breaker. Zero values take TeX's plain-format defaults
// where TeX has one.
type Params struct {
	// Width of every line.
	Width float64
	// Pretolerance is the largest adjustment ratio allowed on the first
	// pass, which takes no hyphenation break (flagged penalties); a
	// negative value skips that pass.
	Pretolerance float64
	// Tolerance is the looseness limit: the largest adjustment ratio
	// allowed on the second pass, which may hyphenate (1 = every glue
	// stretched by all its stretch). When no set of breaks keeps within
	// it, a last pass allows any ratio.
	Tolerance float64
	// LineStretch is stretch every line has at its end (TeX's
	// \rightskip): set it, with no stretch in the glue, for ragged lines.
	LineStretch float64
	// EmergencyStretch is stretch added to every line on the last pass,
	// when no breaks keep within Tolerance: lines are then compared as if
	// they could stretch that much more (TeX's \emergencystretch), so the
	// breaker still prefers even lines and few hyphens; the caller decides
	// how far a line really stretches.
	EmergencyStretch float64
	// LinePenalty is added to every line's badness (default 10).
	LinePenalty float64
	// DoubleHyphen is added when two consecutive lines end in flagged
	// breaks (default 3000); AdjacentFitness when consecutive lines are
	// of fitness classes more than one apart (default 3000).
	DoubleHyphen, AdjacentFitness float64
}

// Line is one line chosen by the breaker: items [Start, End) are on it,
// End is the break (a glue or penalty item, or len(items) for none), and
// Ratio is how far its glue is stretched (positive, in units of its
// stretch) or shrunk (negative, in units of its shrink).
type Line struct {
	Start, End int
	Ratio      float64
}

// Break returns the lines of a paragraph. The items should end with a
// forced break (usually glue with Infinity stretch and a -Infinity
// penalty); if they do not, one is assumed.
func Break(items []Item, p Params) []Line {
	items, p = prepare(items, p)
	b := newBreaker(items, p)
	if p.Pretolerance >= 0 {
		if ls, ok := b.run(p.Pretolerance, false); ok {
			return ls
		}
	}
	if ls, ok := b.run(p.Tolerance, true); ok {
		return ls
	}
	b.p.LineStretch += p.EmergencyStretch
	ls, _ := b.run(math.Inf(1), true)
	return ls
}

// Fit is one pass of Break at the given looseness limit, taking
// hyphenation breaks only when hyphens is true; ok is false when no set of
// breaks keeps every line within tol. A caller that hyphenates only when
// it must tries Fit on items without hyphenation points first.
func Fit(items []Item, p Params, tol float64, hyphens bool) (lines []Line, ok bool) {
	items, p = prepare(items, p)
	return newBreaker(items, p).run(tol, hyphens)
}

func prepare(items []Item, p Params) ([]Item, Params) {
	if p.LinePenalty == 0 {
		p.LinePenalty = 10
	}
	if p.DoubleHyphen == 0 {
		p.DoubleHyphen = 10000
	}
	if p.AdjacentFitness == 0 {
		p.AdjacentFitness = 3000
	}
	n := len(items)
	if n == 0 || !(items[n-1].Kind == Penalty && items[n-1].Penalty <= -Infinity) {
		items = append(items[:n:n], NewGlue(0, Infinity, 0), NewPenalty(0, -Infinity, false))
	}
	return items, p
}

type breaker struct {
	items            []Item
	p                Params
	sumW, sumY, sumZ []float64 // totals of items [0, i)
}

func newBreaker(items []Item, p Params) *breaker {
	b := &breaker{items: items, p: p}
	n := len(items)
	b.sumW, b.sumY, b.sumZ = make([]float64, n+1), make([]float64, n+1), make([]float64, n+1)
	for i, it := range items {
		b.sumW[i+1], b.sumY[i+1], b.sumZ[i+1] = b.sumW[i], b.sumY[i], b.sumZ[i]
		switch it.Kind {
		case Box, Glue:
			b.sumW[i+1] += it.Width
			b.sumY[i+1] += it.Stretch
			b.sumZ[i+1] += it.Shrink
		}
	}
	return b
}

// node is a feasible break: at item pos, ending line number line, reached
// with total demerits, from prev.
type node struct {
	pos, line int
	fitness   int
	flagged   bool
	ratio     float64
	demerits  float64
	start     int // first item of the line after this break
	prev      *node
}

// after returns the first item of the line that follows a break at pos:
// glue and penalties after a break are discarded up to the next box.
func (b *breaker) after(pos int) int {
	i := pos
	if i < len(b.items) && b.items[i].Kind != Box {
		i++
	}
	for i < len(b.items) && b.items[i].Kind != Box {
		if b.items[i].Kind == Penalty && b.items[i].Penalty <= -Infinity {
			break
		}
		i++
	}
	return i
}

func (b *breaker) legal(i int, hyphens bool) bool {
	it := b.items[i]
	switch it.Kind {
	case Glue:
		return i > 0 && b.items[i-1].Kind == Box
	case Penalty:
		if it.Penalty >= Infinity {
			return false
		}
		return hyphens || !it.Flagged || it.Penalty <= -Infinity
	}
	return false
}

// ratio is the adjustment ratio of a line from start to a break at end.
func (b *breaker) ratio(start, end int) float64 {
	w := b.sumW[end] - b.sumW[start]
	if it := b.items[end]; it.Kind == Penalty {
		w += it.Width
	}
	switch {
	case w < b.p.Width:
		y := b.sumY[end] - b.sumY[start] + b.p.LineStretch
		if y <= 0 {
			return Infinity
		}
		return (b.p.Width - w) / y
	case w > b.p.Width:
		z := b.sumZ[end] - b.sumZ[start]
		if z <= 0 {
			return -Infinity
		}
		return (b.p.Width - w) / z
	}
	return 0
}

func fitness(r float64) int {
	switch {
	case r < -0.5:
		return 0
	case r <= 0.5:
		return 1
	case r <= 1:
		return 2
	}
	return 3
}

// run is one pass; ok is false when no set of breaks keeps within tol.
func (b *breaker) run(tol float64, hyphens bool) ([]Line, bool) {
	active := []*node{{pos: -1, fitness: 1, start: 0}}
	for i := range b.items {
		if !b.legal(i, hyphens) {
			continue
		}
		it := b.items[i]
		forced := it.Kind == Penalty && it.Penalty <= -Infinity
		var best [4]*node
		keep := active[:0]
		var rescue *node // the least bad overfull line, for when nothing else fits
		for _, a := range active {
			r := b.ratio(a.start, i)
			if r >= -1 && !forced {
				keep = append(keep, a) // it may start a longer line yet
			}
			if r < -1 {
				// The shortest overfull line is the least bad.
				if rescue == nil || a.start > rescue.prev.start || a.start == rescue.prev.start && a.demerits < rescue.prev.demerits {
					rescue = &node{pos: i, line: a.line + 1, ratio: -1, demerits: a.demerits + Infinity*Infinity, prev: a, flagged: it.Flagged, fitness: 0}
				}
				continue
			}
			if r > tol {
				continue
			}
			d := a.demerits + b.demerits(a, it, r)
			f := fitness(r)
			if best[f] == nil || d < best[f].demerits {
				best[f] = &node{pos: i, line: a.line + 1, fitness: f, flagged: it.Kind == Penalty && it.Flagged, ratio: r, demerits: d, prev: a}
			}
		}
		active = keep
		for _, nd := range best {
			if nd != nil {
				nd.start = b.after(i)
				active = append(active, nd)
			}
		}
		if len(active) == 0 {
			if rescue == nil || tol < math.Inf(1) {
				return nil, false
			}
			rescue.start = b.after(i)
			active = append(active, rescue)
		}
	}
	var end *node
	last := len(b.items) - 1
	for _, a := range active {
		if a.pos == last && (end == nil || a.demerits < end.demerits) {
			end = a
		}
	}
	if end == nil {
		return nil, false
	}
	var lines []Line
	for nd := end; nd.prev != nil; nd = nd.prev {
		lines = append(lines, Line{Start: nd.prev.start, End: nd.pos, Ratio: nd.ratio})
	}
	for i, j := 0, len(lines)-1; i < j; i, j = i+1, j-1 {
		lines[i], lines[j] = lines[j], lines[i]
	}
	return lines, true
}

func (b *breaker) demerits(a *node, it Item, r float64) float64 {
	bad := 100 * math.Pow(math.Abs(r), 3)
	d := math.Pow(b.p.LinePenalty+min(bad, Infinity), 2)
	if it.Kind == Penalty {
		switch {
		case it.Penalty >= 0:
			d += it.Penalty * it.Penalty
		case it.Penalty > -Infinity:
			d -= it.Penalty * it.Penalty
		}
		if it.Flagged && a.flagged {
			d += b.p.DoubleHyphen
		}
	}
	if f := fitness(r); f-a.fitness > 1 || a.fitness-f > 1 {
		d += b.p.AdjacentFitness
	}
	return d
}
