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
	type pat struct {
		letters []rune
		prio    []byte // len(letters)+1
	}
	byKey := map[string]*pat{}
	var order []string
	var singles []*pat
	alphabet := map[rune]bool{'.': true}
	add := func(p *pat) {
		k := string(p.letters)
		if old, ok := byKey[k]; ok {
			for i, v := range p.prio {
				old.prio[i] = max(old.prio[i], v)
			}
			return
		}
		byKey[k] = p
		order = append(order, k)
	}
	for _, tok := range strings.Fields(src) {
		p := &pat{prio: []byte{0}}
		for _, r := range tok {
			if r >= '0' && r <= '9' {
				p.prio[len(p.prio)-1] = byte(r - '0')
				continue
			}
			p.letters = append(p.letters, r)
			p.prio = append(p.prio, 0)
			if r != '.' {
				alphabet[r] = true
			}
		}
		if len(p.letters) == 1 && p.letters[0] != '.' {
			singles = append(singles, p)
			continue
		}
		add(p)
	}
	var before []rune
	for r := range alphabet {
		before = append(before, r)
	}
	slices.Sort(before)
	for _, s := range singles {
		for _, r := range before {
			add(&pat{letters: []rune{r, s.letters[0]}, prio: []byte{0, s.prio[0], s.prio[1]}})
		}
	}
	var b strings.Builder
	for _, k := range order {
		p := byKey[k]
		for i, r := range p.letters {
			if p.prio[i] > 0 {
				b.WriteByte('0' + p.prio[i])
			}
			b.WriteRune(r)
		}
		if v := p.prio[len(p.letters)]; v > 0 {
			b.WriteByte('0' + v)
		}
		b.WriteByte('\n')
	}
	return b.String()
}
