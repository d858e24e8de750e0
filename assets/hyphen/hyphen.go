// Package hyphen finds where a word may be hyphenated, by language, with
// TeX's hyphenation patterns (Liang's algorithm, through
// github.com/speedata/hyphenation).
//
// The patterns are hyph-utf8's, as Debian's TeX Live ships them
// (texlive-lang-*: tex/generic/hyph-utf8/patterns/txt), embedded as they
// are; each language's hyph-*.lic.txt holds the header of its pattern file
// with its copyright, licence and hyphenation minima. Exceptions
// (hyph-*.hyp.txt) are looked up before the patterns, because the library
// reads patterns only. A language's patterns are parsed the first time a
// document in that language asks for them, once per process, and never
// change afterwards.
//
// Languages: English (US patterns, also used for every other English),
// Russian, Ukrainian, French, German (reformed spelling) and Spanish.
// Arabic and Persian are not hyphenated, nor is any language without
// patterns here.
package hyphen

import (
	"bufio"
	"bytes"
	"embed"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/speedata/hyphenation"
)

//go:embed patterns
var files embed.FS

// set is one language's patterns, named by its hyph-utf8 tag, with the
// minimum letters kept before and after a break (from its .lic.txt).
type set struct {
	tag         string
	left, right int
}

// sets maps a primary language subtag to its patterns.
var sets = map[string]set{
	"en": {"en-us", 2, 3},
	"ru": {"ru", 2, 2},
	"uk": {"uk", 2, 2},
	"fr": {"fr", 2, 3}, // hyph-fr says 2 and 2; French typography keeps three at the end
	"de": {"de-1996", 2, 2},
	"es": {"es", 2, 2},
}

// Hyphenator hyphenates words of one language. It is immutable and safe
// for concurrent use.
type Hyphenator struct {
	lang       *hyphenation.Lang
	exceptions map[string][]int
	left       int
}

var loaders = func() map[string]func() *Hyphenator {
	m := map[string]func() *Hyphenator{}
	for k, s := range sets {
		m[k] = sync.OnceValue(func() *Hyphenator { return load(s) })
	}
	return m
}()

// For returns the hyphenator for a BCP 47 language tag ("en-GB", "ru"), or
// nil when the language is not hyphenated.
func For(tag string) *Hyphenator {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	if f := loaders[tag]; f != nil {
		return f()
	}
	return nil
}

func load(s set) *Hyphenator {
	pat, err := files.ReadFile("patterns/hyph-" + s.tag + ".pat.txt")
	if err != nil { // compiled in; cannot happen
		panic(err)
	}
	lang, err := hyphenation.New(strings.NewReader(widenSingles(string(pat))))
	if err != nil {
		panic(err)
	}
	// The library's Leftmin counts one letter more than TeX's
	// \lefthyphenmin (a break after Leftmin+1 letters at the earliest);
	// Rightmin counts as TeX does.
	lang.Leftmin, lang.Rightmin = s.left-1, s.right
	h := &Hyphenator{lang: lang, exceptions: map[string][]int{}, left: s.left}
	if exc, err := files.ReadFile("patterns/hyph-" + s.tag + ".hyp.txt"); err == nil {
		sc := bufio.NewScanner(bytes.NewReader(exc))
		sc.Split(bufio.ScanWords)
		for sc.Scan() {
			var pos []int
			n := 0
			for _, r := range sc.Text() {
				if r == '-' {
					pos = append(pos, n)
					continue
				}
				n++
			}
			h.exceptions[strings.ReplaceAll(sc.Text(), "-", "")] = pos
		}
	}
	return h
}

// Points returns where word may be broken, as counts of runes before each
// break, in increasing order. Only a word of letters (with apostrophes)
// is hyphenated; one in capitals only (an acronym or a name set in
// capitals), one with digits or other signs, and one too short gets no
// points.
func (h *Hyphenator) Points(word string) []int {
	if h == nil {
		return nil
	}
	n, upper := 0, 0
	for _, r := range word {
		switch {
		case unicode.IsUpper(r):
			upper++
		case unicode.IsLetter(r), r == '\'', r == '’':
		default:
			return nil
		}
		n++
	}
	if n < 5 || upper == n || upper > 1 && upper*2 >= n {
		return nil
	}
	lower := strings.ToLower(word)
	if pos, ok := h.exceptions[lower]; ok {
		return pos
	}
	return h.lang.Hyphenate(lower)
}

// widenSingles rewrites every one-letter pattern ("1b", "2а1") as the
// two-letter patterns it stands for, one for each letter or word start
// that can come before it ("a1b", ".1b", …), merged with any pattern of
// the same letters. speedata/hyphenation v1.0.2 only looks up substrings
// of two or more characters, so it never applies one-letter patterns,
// which the Spanish and Ukrainian sets are built on: without this,
// "constitución" gets no break at all.
func widenSingles(src string) string {
	// Pattern files separate patterns by ASCII white space only, which
	// splits faster than strings.Fields's Unicode path.
	toks := make([]string, 0, strings.Count(src, "\n")+1)
	for start, i := -1, 0; i <= len(src); i++ {
		if i == len(src) || src[i] == ' ' || src[i] == '\n' || src[i] == '\t' || src[i] == '\r' {
			if start >= 0 {
				toks = append(toks, src[start:i])
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	// A pattern is its letters with a priority before, between and after
	// them; only one- and two-letter ones matter here.
	type short struct {
		letters []rune
		prio    []byte
	}
	parse := func(tok string) short {
		p := short{prio: []byte{0}}
		for _, r := range tok {
			if r >= '0' && r <= '9' {
				p.prio[len(p.prio)-1] = byte(r - '0')
				continue
			}
			p.letters = append(p.letters, r)
			p.prio = append(p.prio, 0)
		}
		return p
	}
	letters := func(tok string) int {
		n := 0
		for i := 0; i < len(tok); i++ {
			if c := tok[i]; (c < '0' || c > '9') && c&0xC0 != 0x80 {
				n++ // an ASCII letter or the first byte of a character
			}
		}
		return n
	}
	var singles []short
	twos := map[string]int{} // a two-letter pattern's letters → its token
	for i, tok := range toks {
		switch letters(tok) {
		case 1:
			if p := parse(tok); p.letters[0] != '.' {
				singles = append(singles, p)
				toks[i] = ""
			}
		case 2:
			twos[string(parse(tok).letters)] = i
		}
	}
	if len(singles) == 0 {
		return src
	}
	// What can come before a letter: every letter of the set, and the
	// word start.
	seen := map[rune]bool{'.': true}
	for _, s := range singles {
		seen[s.letters[0]] = true
	}
	for _, tok := range toks {
		for _, r := range tok {
			if (r < '0' || r > '9') && !seen[r] {
				seen[r] = true
			}
		}
	}
	before := make([]rune, 0, len(seen))
	for r := range seen {
		before = append(before, r)
	}
	slices.Sort(before)
	made := map[string][]byte{}
	var keys []string
	for _, s := range singles {
		for _, r := range before {
			k := string([]rune{r, s.letters[0]})
			prio, ok := made[k]
			if !ok {
				prio = []byte{0, 0, 0}
				if i, ok := twos[k]; ok { // merged with the set's own pattern
					prio = parse(toks[i]).prio
					toks[i] = ""
				}
				keys = append(keys, k)
			}
			prio[1], prio[2] = max(prio[1], s.prio[0]), max(prio[2], s.prio[1])
			made[k] = prio
		}
	}
	var b strings.Builder
	b.Grow(len(src) + len(keys)*8)
	for _, tok := range toks {
		if tok != "" {
			b.WriteString(tok)
			b.WriteByte('\n')
		}
	}
	for _, k := range keys {
		p := made[k]
		for i, r := range []rune(k) {
			if p[i] > 0 {
				b.WriteByte('0' + p[i])
			}
			b.WriteRune(r)
		}
		if p[2] > 0 {
			b.WriteByte('0' + p[2])
		}
		b.WriteByte('\n')
	}
	return b.String()
}
