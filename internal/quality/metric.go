// Package quality scores article extraction against expected results, the
// way the article-extraction benchmarks do, so that Folio's readers are
// measured rather than argued about.
//
// Body text is compared as multisets of word 4-shingles. A token is a run of
// Unicode letters, marks, digits and underscores (the Unicode `\w+` of the
// benchmarks, with combining marks kept inside the word so that Devanagari
// and vocalised Arabic are not split), lower-cased. Per page:
//
//	precision = tp / (tp + fp)    recall = tp / (tp + fn)
//
// both 1 when expected and extracted text are empty, and 0 on the side whose
// denominator is 0 otherwise (an empty extraction has no precision to speak
// of). Over a set, precision and recall are averaged over pages and F1 is
// taken from the two averages.
package quality

import (
	"slices"
	"strings"
	"unicode"
)

// Tokens splits s into lower-cased word tokens.
func Tokens(s string) []string {
	var out []string
	start := -1
	for i, r := range s {
		if isWord(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, strings.ToLower(s[start:i]))
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, strings.ToLower(s[start:]))
	}
	return out
}

func isWord(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

// ShingleSize is the number of consecutive tokens in a shingle.
const ShingleSize = 4

// Shingles counts the ShingleSize-token shingles of s. A text shorter than
// one shingle counts as a single shingle of all its tokens.
func Shingles(s string) map[string]int {
	toks := Tokens(s)
	m := make(map[string]int)
	if len(toks) == 0 {
		return m
	}
	if len(toks) < ShingleSize {
		m[strings.Join(toks, " ")]++
		return m
	}
	for i := 0; i+ShingleSize <= len(toks); i++ {
		m[strings.Join(toks[i:i+ShingleSize], " ")]++
	}
	return m
}

// PR is one page's body precision and recall.
type PR struct{ Precision, Recall float64 }

// Body scores an extracted body against the expected one.
func Body(expected, got string) PR {
	want, have := Shingles(expected), Shingles(got)
	nw, nh := total(want), total(have)
	if nw == 0 && nh == 0 {
		return PR{1, 1}
	}
	tp := 0
	for k, c := range have {
		tp += min(c, want[k])
	}
	var pr PR
	if nh > 0 {
		pr.Precision = float64(tp) / float64(nh)
	}
	if nw > 0 {
		pr.Recall = float64(tp) / float64(nw)
	}
	return pr
}

func total(m map[string]int) int {
	n := 0
	for _, c := range m {
		n += c
	}
	return n
}

// Mean accumulates per-page scores.
type Mean struct {
	n        int
	sumP     float64
	sumR     float64
	EmptyGot int // pages where the extraction had no tokens but the expected text did
}

// Add records one page.
func (m *Mean) Add(expected, got string) PR {
	pr := Body(expected, got)
	m.n++
	m.sumP += pr.Precision
	m.sumR += pr.Recall
	if len(Tokens(got)) == 0 && len(Tokens(expected)) > 0 {
		m.EmptyGot++
	}
	return pr
}

// Pages is the number of pages recorded.
func (m *Mean) Pages() int { return m.n }

// Precision is the mean precision over pages.
func (m *Mean) Precision() float64 { return ratio(m.sumP, m.n) }

// Recall is the mean recall over pages.
func (m *Mean) Recall() float64 { return ratio(m.sumR, m.n) }

// F1 is the harmonic mean of the mean precision and mean recall.
func (m *Mean) F1() float64 {
	p, r := m.Precision(), m.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(sum float64, n int) float64 {
	if n == 0 {
		return 0
	}
	return sum / float64(n)
}

// Snippets counts annotated snippets: a `with` snippet found in the body is
// a true positive (else a false negative), a `without` snippet found is a
// false positive (else a true negative). A snippet is found as Trafilatura's
// evaluation finds it, as a substring of the text, except that white space
// and punctuation do not count (see Find).
type Snippets struct{ TP, FN, FP, TN int }

// Add scores one page's body against its annotations.
func (s *Snippets) Add(body string, with, without []string) {
	hay := Tokens(body)
	for _, w := range with {
		if Find(hay, w) {
			s.TP++
		} else {
			s.FN++
		}
	}
	for _, w := range without {
		if Find(hay, w) {
			s.FP++
		} else {
			s.TN++
		}
	}
}

// Find reports whether snippet occurs in a text whose tokens are hay, the
// way a substring test finds it: its tokens appear in order, except that
// the first may be the end of a longer token and the last the start of
// one. The annotators cut many snippets mid-word ("etet dir der" out of
// "bietet dir der"), and the reference evaluation (`snippet in text`)
// counts those; matching whole tokens only would not. A snippet without
// tokens is never found.
func Find(hay []string, snippet string) bool {
	t := Tokens(snippet)
	n := len(t)
	switch n {
	case 0:
		return false
	case 1:
		for _, h := range hay {
			if strings.Contains(h, t[0]) {
				return true
			}
		}
		return false
	}
	for k := 0; k+n <= len(hay); k++ {
		if !strings.HasSuffix(hay[k], t[0]) || !strings.HasPrefix(hay[k+n-1], t[n-1]) {
			continue
		}
		if slices.Equal(hay[k+1:k+n-1], t[1:n-1]) {
			return true
		}
	}
	return false
}

// Precision is tp/(tp+fp) over all snippets.
func (s Snippets) Precision() float64 { return frac(s.TP, s.TP+s.FP) }

// Recall is tp/(tp+fn) over all snippets.
func (s Snippets) Recall() float64 { return frac(s.TP, s.TP+s.FN) }

func frac(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// TitleMatch reports whether an extracted title is right: equal after
// collapsing white space (case-insensitive), or one contains the other and
// the shorter is at least 60 % of the longer (in characters).
func TitleMatch(expected, got string) bool {
	e := strings.ToLower(strings.Join(strings.Fields(expected), " "))
	g := strings.ToLower(strings.Join(strings.Fields(got), " "))
	if e == "" || g == "" {
		return e == g
	}
	if e == g {
		return true
	}
	short, long := e, g
	if len([]rune(short)) > len([]rune(long)) {
		short, long = long, short
	}
	if !strings.Contains(long, short) {
		return false
	}
	return float64(len([]rune(short))) >= 0.6*float64(len([]rune(long)))
}

// TitleIsLine reports whether the expected title is said by a line of a
// page's copied text (TitleMatch against the line): the pages where a
// copied-text reader can find the headline at all.
func TitleIsLine(text []byte, title string) bool {
	if strings.TrimSpace(title) == "" {
		return false
	}
	for _, l := range strings.Split(string(text), "\n") {
		if strings.TrimSpace(l) != "" && TitleMatch(title, l) {
			return true
		}
	}
	return false
}
