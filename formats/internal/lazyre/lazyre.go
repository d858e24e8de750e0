// Package lazyre is a regular expression compiled the first time it is
// used rather than when the program starts. The text readers keep dozens
// of patterns in package variables; compiled eagerly they cost every run
// of the export command about 11 ms before it reads anything, even a run
// that never meets a scraped article or a saved page.
package lazyre

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// RE is a regular expression compiled on first use; it is safe for
// concurrent use, like *regexp.Regexp.
type RE struct {
	get func() *regexp.Regexp
}

// New returns a pattern compiled on first use. A pattern that does not
// compile panics then, as regexp.MustCompile would at start-up; the tests
// of every package that uses one exercise each of its patterns.
func New(expr string) *RE {
	return &RE{get: sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })}
}

func (r *RE) MatchString(s string) bool              { return r.get().MatchString(s) }
func (r *RE) FindString(s string) string             { return r.get().FindString(s) }
func (r *RE) FindStringIndex(s string) []int         { return r.get().FindStringIndex(s) }
func (r *RE) FindStringSubmatch(s string) []string   { return r.get().FindStringSubmatch(s) }
func (r *RE) FindStringSubmatchIndex(s string) []int { return r.get().FindStringSubmatchIndex(s) }
func (r *RE) FindAllString(s string, n int) []string { return r.get().FindAllString(s, n) }
func (r *RE) FindAllStringIndex(s string, n int) [][]int {
	return r.get().FindAllStringIndex(s, n)
}
func (r *RE) ReplaceAllString(src, repl string) string { return r.get().ReplaceAllString(src, repl) }
func (r *RE) Split(s string, n int) []string           { return r.get().Split(s, n) }

// Alternation is a pattern that matches any of the phrases, each quoted:
// longest first, since Go's alternation takes the first that matches
// ("published on" must be tried before "published"), and in byte order
// among phrases of one length, so that the pattern is the same on every
// run whatever order the phrases came in (map keys).
func Alternation(lists ...[]string) string {
	var all []string
	for _, l := range lists {
		for _, p := range l {
			all = append(all, regexp.QuoteMeta(p))
		}
	}
	slices.SortFunc(all, func(a, b string) int {
		if c := cmp.Compare(len(b), len(a)); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	return strings.Join(all, "|")
}
