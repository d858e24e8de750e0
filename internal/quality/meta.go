package quality

import (
	"regexp"
	"strings"
)

// nameSeparators split a byline or an author list into names.
var nameSeparators = regexp.MustCompile(`(?i)\s*(?:[,;|&/·•]|\band\b|\bund\b|\bet\b|\by\b|\bи\b)\s*`)

// bylineWords are words a byline puts around names that are not names.
var bylineWords = map[string]bool{"by": true, "von": true, "par": true, "por": true, "di": true, "door": true, "av": true, "от": true}

// names splits author strings into token sequences, one per name,
// without "By" and the like.
func names(list []string) [][]string {
	var out [][]string
	for _, s := range list {
		for _, part := range nameSeparators.Split(s, -1) {
			toks := Tokens(part)
			for len(toks) > 0 && bylineWords[toks[0]] {
				toks = toks[1:]
			}
			if len(toks) > 0 {
				out = append(out, toks)
			}
		}
	}
	return out
}

// AuthorsMatch reports whether extracted authors are right: every name
// given is in the expected byline, and at least one expected name is among
// those given. Bylines carry more than names ("Jane Roe, Reuters"), so a
// missing expected part does not count against an extraction that has one
// of the names and nothing that is not in the byline. Both empty is right.
func AuthorsMatch(expected, got []string) bool {
	want, have := names(expected), names(got)
	if len(want) == 0 || len(have) == 0 {
		return len(want) == len(have)
	}
	in := func(name []string, set [][]string) bool {
		hay := " " + joinNames(set) + " "
		return strings.Contains(hay, " "+strings.Join(name, " ")+" ")
	}
	for _, n := range have {
		if !in(n, want) {
			return false
		}
	}
	for _, n := range want {
		if in(n, have) {
			return true
		}
	}
	return false
}

func joinNames(set [][]string) string {
	parts := make([]string, len(set))
	for i, n := range set {
		parts[i] = strings.Join(n, " ")
	}
	return strings.Join(parts, " | ")
}

// DateMatch reports whether an extracted date names the expected day: both
// start with the same YYYY-MM-DD (times and zones are not compared).
func DateMatch(expected, got string) bool {
	e, g := day(expected), day(got)
	return e == g
}

var isoDay = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}`)

func day(s string) string {
	return isoDay.FindString(strings.TrimSpace(s))
}
