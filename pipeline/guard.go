package pipeline

import (
	"bytes"
	"fmt"

	"folio/pipeline/doc"
)

// goldmark (v1.8.7) spends time that grows with the square of the input on
// some shapes of inline markup: a closing emphasis marker that has no
// opener walks back over every delimiter of the paragraph ("*a_ " repeated
// 50,000 times: 9.4 s), and an unclosed inline link destination is scanned
// to its end once per "](" ("[a](b" ×50,000: 15.3 s). A goroutine cannot be
// stopped, so these are refused before parsing. The guard replays, per
// paragraph, the work goldmark would do, counting steps; past a budget the
// input is refused with "pathological-input" and the place it starts. The
// budgets are far above anything a real document needs (a paragraph would
// need thousands of unmatched markers) and keep goldmark's worst case at a
// few tenths of a second.
const (
	// emphasisBudget bounds delimiter comparisons per document.
	emphasisBudget = 20_000_000
	// linkDestBudget bounds bytes rescanned by failed link destinations.
	linkDestBudget = 40_000_000
)

// guardMarkdown refuses Markdown whose inline markup would make goldmark
// quadratic. It runs in time linear in len(src) plus the budgets.
func guardMarkdown(src []byte, name string) error {
	g := guard{src: src, name: name}
	var fence byte
	fenceLen := 0
	paraStart, paraLine := -1, 0
	line := 0
	for start := 0; start <= len(src); {
		line++
		end := bytes.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start
		}
		l := src[start:end]
		blank := len(bytes.TrimSpace(l)) == 0
		c, n := fenceMark(l)
		switch {
		case fence != 0:
			if c == fence && n >= fenceLen {
				fence = 0
			}
		case c != 0:
			if paraStart >= 0 {
				if err := g.paragraph(paraStart, start, paraLine); err != nil {
					return err
				}
				paraStart = -1
			}
			fence, fenceLen = c, n
		case blank:
			if paraStart >= 0 {
				if err := g.paragraph(paraStart, start, paraLine); err != nil {
					return err
				}
				paraStart = -1
			}
		default:
			if paraStart < 0 {
				paraStart, paraLine = start, line
			}
		}
		if end == len(src) {
			break
		}
		start = end + 1
	}
	if paraStart >= 0 {
		return g.paragraph(paraStart, len(src), paraLine)
	}
	return nil
}

// fenceMark reports a code fence line: its character and length.
func fenceMark(l []byte) (byte, int) {
	i := 0
	for i < len(l) && i < 4 && l[i] == ' ' {
		i++
	}
	if i >= 4 || i >= len(l) || (l[i] != '`' && l[i] != '~') {
		return 0, 0
	}
	n := 0
	for i+n < len(l) && l[i+n] == l[i] {
		n++
	}
	if n < 3 {
		return 0, 0
	}
	return l[i], n
}

type guard struct {
	src      []byte
	name     string
	emphWork int
	linkWork int
}

// delim is one run of emphasis markers, as goldmark's delimiter list holds.
type delim struct {
	c                 byte
	n                 int
	canOpen, canClose bool
	at                int
}

func (g *guard) refuse(at int, what string) error {
	line, col := lineCol(g.src, at)
	return doc.Errorf(doc.Pos{File: g.name, Line: line, Col: col}, "pathological-input",
		"%s; parsing this paragraph would take minutes. Split it, close the markup, or escape the markers with a backslash", what)
}

// paragraph replays goldmark's emphasis matching and link destination
// scanning over src[from:to], a run of non-blank lines.
func (g *guard) paragraph(from, to, _ int) error {
	p := g.src[from:to]
	var stack []delim // openers still waiting, oldest first
	stop := -1        // where the destination scan from the last "](" ended
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch c {
		case '\\':
			i++
			continue
		case '`':
			// A code span hides its contents from inline parsing; skip to
			// the closing run of the same length on this paragraph, if any.
			n := run(p, i)
			if j := bytes.Index(p[i+n:], p[i:i+n]); j >= 0 {
				i += n + j + n - 1
			} else {
				i += n - 1
			}
			continue
		case ']':
			if i+1 < len(p) && p[i+1] == '(' {
				if i+2 >= stop {
					stop = destEnd(p, i+2)
				}
				g.linkWork += stop - i
				if g.linkWork > linkDestBudget {
					return g.refuse(from+i, "too many link destinations (\"](\") that are never closed with \")\"")
				}
			}
			continue
		case '\n':
			// Table rows are parsed cell by cell: nothing matches across them.
			if j := i + 1 + countLead(p[i+1:]); j < len(p) && p[j] == '|' {
				stack = stack[:0]
			}
			continue
		case '*', '_', '~':
		default:
			continue
		}
		n := run(p, i)
		d := flanking(p, i, n)
		i += n - 1
		if d.canClose {
			// Walk back over the waiting delimiters as goldmark does,
			// looking for an opener of the same character.
			found := -1
			for k := len(stack) - 1; k >= 0; k-- {
				g.emphWork++
				o := stack[k]
				if o.c == c && !ruleOf3(o, d) {
					found = k
					break
				}
			}
			if g.emphWork > emphasisBudget {
				return g.refuse(from+d.at-n+1, fmt.Sprintf("%d emphasis markers (* _ ~) before this one are still unmatched", len(stack)))
			}
			if found >= 0 {
				// Everything after the opener is used up, and the opener
				// too unless it is longer than the closer.
				if o := &stack[found]; o.n > d.n {
					o.n -= d.n
					stack = stack[:found+1]
				} else {
					stack = stack[:found]
				}
				continue
			}
		}
		if d.canOpen {
			stack = append(stack, d)
		}
	}
	return nil
}

func countLead(p []byte) int {
	n := 0
	for n < len(p) && (p[n] == ' ' || p[n] == '\t') {
		n++
	}
	return n
}

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

// flanking applies CommonMark's left/right-flanking rules (ASCII
// approximation: any byte ≥ 0x80 counts as a letter) to the run p[i:i+n].
func flanking(p []byte, i, n int) delim {
	before, after := byte(' '), byte(' ')
	if i > 0 {
		before = p[i-1]
	}
	if i+n < len(p) {
		after = p[i+n]
	}
	space := func(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }
	punct := func(b byte) bool { return b < 0x80 && !space(b) && !isAlnum(b) }
	left := !space(after) && (!punct(after) || space(before) || punct(before))
	right := !space(before) && (!punct(before) || space(after) || punct(after))
	d := delim{c: p[i], n: n, at: i + n - 1}
	if p[i] == '_' {
		d.canOpen = left && (!right || punct(before))
		d.canClose = right && (!left || punct(after))
	} else {
		d.canOpen, d.canClose = left, right
	}
	return d
}

func isAlnum(b byte) bool {
	return b >= 0x80 || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

// ruleOf3 is CommonMark's "multiple of 3" rule that keeps some openers
// and closers apart.
func ruleOf3(o, c delim) bool {
	if (o.canOpen && o.canClose) || (c.canOpen && c.canClose) {
		return (o.n+c.n)%3 == 0 && !(o.n%3 == 0 && c.n%3 == 0)
	}
	return false
}
