package markdown

import (
	"bytes"
	"fmt"
	"unicode"
	"unicode/utf8"

	"folio/pipeline/doc"
)

// goldmark (v1.8.7) spends time that grows with the square of the input on
// some shapes of inline markup, and a goroutine cannot be stopped, so these
// are refused before parsing. Three mechanisms, each replayed here with a
// step count:
//
//   - Delimiter processing (parser/delimiter.go, ProcessDelimiters). Every
//     run of * _ ~ is pushed on the paragraph's delimiter list, even a run
//     that can neither open nor close (the "_" of "a_b"). Each closer walks
//     back over the whole list until an opener of its character accepts it,
//     and goldmark keeps no "openers bottom" (cmark's fix): a closer with no
//     opener walks to the start of the paragraph, and an unmatched closer
//     that can also open, or that was refused only by the rule of three,
//     stays in the list for every later closer to walk over. "*a_ " ×50,000:
//     9.4 s; "a_b*c " ×66,000: 17 s; "x_y z*w " ×20,000: 1.7 s.
//   - An unclosed inline link destination is scanned to its end once per
//     "](" ("[a](b" ×50,000: 15.3 s).
//   - A code span opener with no closer of its length scans to the end of
//     the paragraph ("“a `" repeated).
//
// The guard replays goldmark's delimiter list exactly (same flanking rules,
// same removals, same rule of three), so every mix of delimiters is
// covered, not a list of known shapes; it over-counts where goldmark splits
// the work further (links process their label's delimiters separately;
// list items and table cells are their own inline runs where the guard
// cannot be sure). Past a budget the input is refused with
// "pathological-input" and the place it starts. The budgets are far above
// what real documents need (a paragraph would need thousands of unmatched
// markers) and keep goldmark's worst case at a few tenths of a second.
// The guard itself runs in time linear in the input plus its budgets.
//
// Measured (go test ./formats/markdown -run TestGuardBoundsEveryQuadraticMix -v,
// CPU time, 2026-12-04) on the catalogue's b13–b17 and r10 shapes (testdata/bad/EXPECT)
// and other mixes, at 100 KB and 1 MB: every shape at 1 MB is refused in
// at most 0.17 s, or accepted where goldmark stays fast (nested emphasis
// 0.5 s, the goldmark#555 mix 0.25 s, unclosed code spans 0.06 s). At
// 100 KB the guard accepts what goldmark parses in well under a second
// (nested brackets 0.58 s, the slowest; "x_y z*w" prose 0.07 s) and
// refuses the rest ("a_b*c", "*a_", "a_b~c", …) in 0.04–0.07 s.
const (
	// emphasisBudget bounds delimiter-list steps per document (goldmark
	// takes about 6 ns a step).
	emphasisBudget = 20_000_000
	// linkDestBudget bounds bytes rescanned by failed link destinations.
	linkDestBudget = 40_000_000
	// codeSpanBudget bounds bytes scanned by code span openers looking
	// for their closer.
	codeSpanBudget = 40_000_000
	// labelBudget bounds nodes visited by goldmark's check that a link's
	// text holds no link (containsLink, run at every "]" while at most 998
	// bytes of "[" are open), counted as bytes of link text (an upper
	// bound on its nodes): 50,000 nested brackets (B13, 100 KB) count
	// 10⁸ and pass (goldmark: 0.4 s); 500,000 (1 MB) count 10⁹ and would
	// take a minute.
	labelBudget = 120_000_000
)

// guardMarkdown refuses Markdown whose inline markup would make goldmark
// quadratic.
func guardMarkdown(src []byte, name string) error {
	g := guard{src: src, name: name}
	var fence byte
	fenceLen := 0
	var lines []span // the current paragraph's lines
	flush := func() error {
		err := g.paragraph(lines)
		lines = lines[:0]
		return err
	}
	for start := 0; start <= len(src); {
		end := bytes.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start
		}
		l := src[start:end]
		c, n, rest := fenceOpen(l)
		switch {
		case fence != 0:
			if c == fence && n >= fenceLen && isBlank(rest) {
				fence = 0
			}
		case c != 0:
			if err := flush(); err != nil {
				return err
			}
			fence, fenceLen = c, n
		case len(bytes.TrimSpace(l)) == 0:
			if err := flush(); err != nil {
				return err
			}
		default:
			if startsBlock(l) {
				// A heading or list item is its own inline run.
				if err := flush(); err != nil {
					return err
				}
			}
			lines = append(lines, span{start, end})
		}
		if end == len(src) {
			break
		}
		start = end + 1
	}
	return flush()
}

// span is a byte range of the source.
type span struct{ from, to int }

// startsBlock reports a line that starts an ATX heading or a list item,
// which always ends the paragraph before it in goldmark.
func startsBlock(l []byte) bool {
	l = bytes.TrimLeft(l, " \t>")
	if len(l) == 0 {
		return false
	}
	if l[0] == '#' {
		return true
	}
	if (l[0] == '-' || l[0] == '+' || l[0] == '*') && (len(l) == 1 || l[1] == ' ' || l[1] == '\t') {
		return true
	}
	return len(l) >= 3 && l[0] == '1' && (l[1] == '.' || l[1] == ')') && (l[2] == ' ' || l[2] == '\t')
}

type guard struct {
	src       []byte
	name      string
	emphWork  int
	linkWork  int
	codeWork  int
	labelWork int
}

func (g *guard) refuse(at int, what string) error {
	line := 1 + bytes.Count(g.src[:at], []byte("\n"))
	col := at - (bytes.LastIndexByte(g.src[:at], '\n') + 1) + 1
	return doc.Errorf(doc.Pos{File: g.name, Line: line, Col: col}, "pathological-input",
		"%s; parsing this paragraph would take minutes. Split it, close the markup, or escape the markers with a backslash", what)
}

// paragraph checks a run of non-blank lines. A table (a header row
// followed by a delimiter row) parses each row on its own, and a setext
// underline ends the heading above it; the rest is one inline run.
func (g *guard) paragraph(lines []span) error {
	first := 0
	for k := 1; k < len(lines); k++ {
		l := g.src[lines[k].from:lines[k].to]
		if !delimiterRow(l) {
			continue
		}
		if err := g.inline(lines[first].from, lines[k-1].to); err != nil {
			return err
		}
		first = k + 1
		if !bytes.ContainsRune(l, '|') {
			continue // a setext underline
		}
		for _, row := range lines[k+1:] {
			if err := g.inline(row.from, row.to); err != nil {
				return err
			}
		}
		return nil
	}
	if first < len(lines) {
		return g.inline(lines[first].from, lines[len(lines)-1].to)
	}
	return nil
}

// delimiterRow reports a table delimiter row or a setext underline: only
// pipes, dashes, colons, equals signs and spaces, with a dash or "=".
func delimiterRow(l []byte) bool {
	l = bytes.TrimSpace(l)
	if len(l) == 0 {
		return false
	}
	for _, c := range l {
		if !bytes.ContainsRune([]byte("|-:= \t"), rune(c)) {
			return false
		}
	}
	return bytes.ContainsAny(l, "-=")
}

// inline replays goldmark's inline parsing of src[from:to] as far as its
// cost goes: code spans, link destinations and the delimiter list.
func (g *guard) inline(from, to int) error {
	p := g.src[from:to]
	var list []delim
	stop := -1     // where the destination scan from the last "](" ended
	var open []int // offsets of the "[" not yet closed by "]"
	ticks := newTickRuns(p)
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch c {
		case '\\':
			i++
			continue
		case '`':
			n := run(p, i)
			end := ticks.closer(i)
			if end < 0 {
				g.codeWork += len(p) - i
				if g.codeWork > codeSpanBudget {
					return g.refuse(from+i, "too many code span openers (`) that are never closed")
				}
				i += n - 1
				continue
			}
			g.codeWork += end - i
			i = end + n - 1
			continue
		case '[':
			open = append(open, i)
			continue
		case '<':
			// An autolink hides its text from inline parsing.
			if end := autolinkEnd(p, i); end > 0 {
				i = end
			}
			continue
		case ']':
			labelled := len(open) > 0
			if labelled {
				last := open[len(open)-1]
				if last+1-open[0] <= 998 {
					g.labelWork += i - last
					if g.labelWork > labelBudget {
						return g.refuse(from+last, "too many nested brackets (\"[\")")
					}
				}
				open = open[:len(open)-1]
			}
			if i+1 < len(p) && p[i+1] == '(' {
				if i+2 >= stop {
					stop = destEnd(p, i+2)
				}
				g.linkWork += stop - i
				if g.linkWork > linkDestBudget {
					return g.refuse(from+i, "too many link destinations (\"](\") that are never closed with \")\"")
				}
				if labelled && stop < len(p) && p[stop] == ')' {
					// A link: its destination is not inline text.
					i = stop
				}
			}
			continue
		case '*', '_', '~':
		default:
			continue
		}
		n := run(p, i)
		if c != '~' || n <= 2 {
			list = append(list, scanDelim(p, i, n))
		}
		i += n - 1
	}
	if at, ok := g.processDelimiters(list); !ok {
		return g.refuse(from+at, fmt.Sprintf("%d emphasis markers (* _ ~) in this paragraph cannot all be matched", len(list)))
	}
	return nil
}

// delim is one run of * _ or ~ in goldmark's delimiter list.
type delim struct {
	c                 byte
	n, orig           int
	canOpen, canClose bool
	at                int // offset of the run in the inline run
}

// processDelimiters is goldmark's ProcessDelimiters(nil, …) over list,
// counting every step of the walks. It reports false, and the offset of
// the closer being matched, once the document's budget is spent. The
// walk back over the list is the hot loop (up to the budget's steps), so
// it reads only two compact arrays.
func (g *guard) processDelimiters(list []delim) (int, bool) {
	if len(list) == 0 {
		return 0, true
	}
	prev := make([]int32, len(list))
	next := make([]int32, len(list))
	opens := make([]byte, len(list)) // the character of a run that can open, else 0
	for k := range list {
		prev[k], next[k] = int32(k-1), int32(k+1)
		if list[k].canOpen {
			opens[k] = list[k].c
		}
	}
	next[len(list)-1] = -1
	remove := func(k int32) {
		if prev[k] >= 0 {
			next[prev[k]] = next[k]
		}
		if next[k] >= 0 {
			prev[next[k]] = prev[k]
		}
	}
	for closer := int32(0); closer >= 0; {
		cl := &list[closer]
		if !cl.canClose {
			closer = next[closer]
			continue
		}
		found, maybe, consume := int32(-1), false, 0
		steps := 0
		for o := prev[closer]; o >= 0; o = prev[o] {
			steps++
			if opens[o] != cl.c {
				continue
			}
			maybe = true
			if consume = consumption(&list[o], cl); consume > 0 {
				found = o
				break
			}
		}
		if g.emphWork += steps; g.emphWork > emphasisBudget {
			return cl.at, false
		}
		if found < 0 {
			n := next[closer]
			if !maybe && !cl.canOpen {
				remove(closer)
			}
			closer = n
			continue
		}
		op := &list[found]
		op.n -= consume
		cl.n -= consume
		for k := next[found]; k != closer; k = next[k] {
			g.emphWork++
			remove(k)
		}
		if op.n == 0 {
			remove(found)
		}
		if cl.n == 0 {
			n := next[closer]
			remove(closer)
			closer = n
		}
	}
	return 0, true
}

// consumption is goldmark's Delimiter.CalcComsumption: how many markers a
// match uses, 0 where CommonMark's rule of three keeps the pair apart.
func consumption(op, cl *delim) int {
	if (op.canClose || cl.canOpen) && (op.orig+cl.orig)%3 == 0 && cl.orig%3 != 0 {
		return 0
	}
	if op.n >= 2 && cl.n >= 2 {
		return 2
	}
	return 1
}

// scanDelim is goldmark's ScanDelimiter: CommonMark's left- and
// right-flanking rules on the runes around the run p[i:i+n].
func scanDelim(p []byte, i, n int) delim {
	before, after := '\n', ' '
	if i > 0 {
		before, _ = utf8.DecodeLastRune(p[:i])
	}
	if i+n < len(p) {
		after, _ = utf8.DecodeRune(p[i+n:])
	}
	punct := func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) }
	left := !unicode.IsSpace(after) && (!punct(after) || unicode.IsSpace(before) || punct(before))
	right := !unicode.IsSpace(before) && (!punct(before) || unicode.IsSpace(after) || punct(after))
	d := delim{c: p[i], n: n, orig: n, at: i}
	if p[i] == '_' {
		d.canOpen = left && (!right || punct(before))
		d.canClose = right && (!left || punct(after))
	} else {
		d.canOpen, d.canClose = left, right
	}
	return d
}

// tickRuns finds, for each run of backticks, the next run of the same
// length, in one pass: goldmark closes a code span only with a run of
// exactly the opener's length.
type tickRuns struct{ next map[int]int }

func newTickRuns(p []byte) tickRuns {
	t := tickRuns{next: map[int]int{}}
	last := map[int]int{} // run length → start of the latest run seen, scanning backwards
	for i := len(p) - 1; i >= 0; {
		if p[i] != '`' {
			i--
			continue
		}
		j := i
		for j > 0 && p[j-1] == '`' {
			j--
		}
		n := i - j + 1
		if k, ok := last[n]; ok {
			t.next[j] = k
		}
		last[n] = j
		i = j - 1
	}
	return t
}

// closer is where the code span opened by the run at i closes, or -1.
// An opener inside a longer run (after a backslash) has no entry.
func (t tickRuns) closer(i int) int {
	if k, ok := t.next[i]; ok {
		return k
	}
	return -1
}

// autolinkEnd is the index of the ">" closing a URL autolink that starts
// at p[i] == '<' (CommonMark: a scheme of 2–32 letters, digits, "+", "."
// or "-" starting with a letter, a colon, then no space, "<" or ">"), or 0.
// E-mail autolinks are not skipped: counting their markers only errs on
// the side of refusing.
func autolinkEnd(p []byte, i int) int {
	j := i + 1
	for j < len(p) && j-i-1 < 32 && (isAlnum(p[j]) || j > i+1 && (p[j] == '+' || p[j] == '.' || p[j] == '-')) {
		j++
	}
	if n := j - i - 1; n < 2 || j >= len(p) || p[j] != ':' || !isLetter(p[i+1]) {
		return 0
	}
	for j++; j < len(p); j++ {
		switch c := p[j]; {
		case c == '>':
			return j
		case c <= ' ' || c == '<':
			return 0
		}
	}
	return 0
}

func isAlnum(b byte) bool { return b >= '0' && b <= '9' || isLetter(b) }

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

// run is the length of the run of p[i] starting at i.
func run(p []byte, i int) int {
	n := 1
	for i+n < len(p) && p[i+n] == p[i] {
		n++
	}
	return n
}

// destEnd is where goldmark's scan of a link destination starting at i
// stops: the closing ">" (or line end) of an angle destination, else the
// first space, control character or unbalanced ")".
func destEnd(p []byte, i int) int {
	for i < len(p) && (p[i] == ' ' || p[i] == '\n' || p[i] == '\t') {
		i++
	}
	if i < len(p) && p[i] == '<' {
		for j := i + 1; j < len(p); j++ {
			if p[j] == '>' || p[j] == '\n' {
				return j
			}
		}
		return len(p)
	}
	depth := 0
	for j := i; j < len(p); j++ {
		switch p[j] {
		case ' ', '\n', '\t':
			return j
		case '(':
			depth++
		case ')':
			if depth == 0 {
				return j
			}
			depth--
		}
	}
	return len(p)
}
