package article

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"folio/formats/internal/byline"
	"folio/formats/internal/sentence"
	"folio/pipeline/doc"
)

// unit is one candidate block: a single input line, or several lines of
// hard-wrapped text joined with spaces. Line is the first input line.
type unit struct {
	line  int
	text  string
	lines int
	// gapBefore reports a blank line (or the start of the input) before it.
	gapBefore bool
	// runEnd is the last line of the unit (for joined units).
	lastLine int
	// nwords counts its words as wordCount does, an unspaced script one
	// for every two characters (filled in by prepare).
	nwords int
}

type srcLine struct {
	n    int
	text string // trimmed of surrounding white space, inner text untouched
}

// splitLines turns the input into numbered lines. CRLF and lone CR count as
// line ends; a leading byte-order mark is dropped.
func splitLines(src string) []srcLine {
	src = strings.TrimPrefix(src, "\uFEFF")
	src = strings.ReplaceAll(src, "\r\n", "\n")
	src = strings.ReplaceAll(src, "\r", "\n")
	raw := strings.Split(src, "\n")
	out := make([]srcLine, len(raw))
	for i, l := range raw {
		out[i] = srcLine{n: i + 1, text: strings.TrimSpace(l)}
	}
	return out
}

// buildUnits groups lines into units. Text with a blank line between
// paragraphs and text with one paragraph per line both give one unit per
// non-blank line. Hard-wrapped text (most lines close to one width) is
// detected from the line lengths; there a line is joined to the next one
// when the next line's first word would not have fitted on it.
func buildUnits(lines []srcLine) []*unit {
	width := wrapWidth(lines)
	var units []*unit
	gap := true
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if l.text == "" {
			gap = true
			continue
		}
		u := &unit{line: l.n, lastLine: l.n, text: l.text, lines: 1, gapBefore: gap}
		gap = false
		for width > 0 && i+1 < len(lines) && joinsNext(lines[i].text, lines[i+1].text, width) {
			i++
			u.text += joiner(u.text, lines[i].text) + lines[i].text
			u.lines++
			u.lastLine = lines[i].n
		}
		units = append(units, u)
	}
	return units
}

// joiner is what joins a hard-wrapped line to the next: a space, or
// nothing between two characters of a script written without spaces
// (Japanese, Chinese), where a space would be a gap mid-word.
func joiner(before, after string) string {
	a, _ := utf8.DecodeLastRuneInString(before)
	b, _ := utf8.DecodeRuneInString(after)
	if doc.Unspaced(a) && doc.Unspaced(b) {
		return ""
	}
	return " "
}

// wrapWidth returns the width hard-wrapped text was wrapped at, or 0 when
// the lines are not hard-wrapped (one paragraph per line).
func wrapWidth(lines []srcLine) int {
	var lens []int
	pairs := 0
	for i, l := range lines {
		n := utf8.RuneCountInString(l.text)
		if n < 20 {
			continue
		}
		lens = append(lens, n)
		if i+1 < len(lines) && lines[i+1].text != "" {
			pairs++
		}
	}
	if len(lens) < 4 || pairs < 3 {
		return 0
	}
	sort.Ints(lens)
	w := lens[(len(lens)-1)*8/10]
	if w > 150 {
		return 0
	}
	near, over := 0, 0
	for _, n := range lens {
		if n*4 >= w*3 {
			near++
		}
		if n*10 > w*13 {
			over++
		}
	}
	if near*10 < len(lens)*4 || over*10 > len(lens) {
		return 0
	}
	return w
}

// joinsNext reports whether next continues the paragraph of cur in text
// wrapped at width w.
func joinsNext(cur, next string, w int) bool {
	if next == "" || startsLabel(next) || startsLabel(cur) {
		return false
	}
	n := utf8.RuneCountInString(cur)
	if n*2 < w {
		return false
	}
	first := next
	if i := strings.IndexFunc(next, unicode.IsSpace); i > 0 {
		first = next[:i]
	}
	return (n+1+utf8.RuneCountInString(first))*100 > w*85
}

// startsLabel reports lines that stand alone even in wrapped text: credits,
// bylines, source lines.
func startsLabel(s string) bool {
	_, _, ok := creditLabel(s)
	if ok {
		return true
	}
	if _, ok := byline.Parse(s); ok {
		return true
	}
	_, ok = sourceLabel(s)
	return ok
}

// words splits on any white space, no-break spaces included.
func words(s string) []string { return strings.FieldsFunc(s, unicode.IsSpace) }

// wordCount counts the words of s as a reader would: a run of Japanese or
// Chinese, written without spaces, counts a word for every two of its
// characters (about the length of a word there), so that a sentence of
// eighteen characters is prose and a five-character title has words.
func wordCount(s string) int {
	n := 0
	for _, w := range words(s) {
		unspaced := 0
		for _, r := range w {
			if doc.Unspaced(r) {
				unspaced++
			}
		}
		n += max(1, (unspaced+1)/2)
	}
	return n
}

// key is the comparison form of a line: case and spacing folded.
func key(s string) string { return strings.ToLower(strings.Join(words(s), " ")) }

func runeLen(s string) int { return utf8.RuneCountInString(s) }

// isProse reports a unit that reads as running text rather than a label,
// heading or navigation item.
func isProse(s string) bool {
	w := wordCount(s)
	if w >= 14 || runeLen(s) >= 90 {
		return true
	}
	return w >= 4 && sentence.Ends(s)
}
