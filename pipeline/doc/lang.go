package doc

import (
	"regexp"
	"strings"
	"sync"
)

// langShape is the shape of a BCP 47 tag: a language, then optional
// script, region and variants. It is not a registry check.
var langShape = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$`)
})

// LangTag checks a language tag as written ("ru", "en-GB", "pt_BR" as
// locales write it) and returns it with hyphens and BCP 47's case
// conventions ("EN-us" → "en-US", "sr-latn" → "sr-Latn"); ok is false when
// it is not shaped like a tag. It is the one language check: readers,
// normalize and every writer use it.
//
// Subtags past the language are kept while they follow BCP 47's order
// (script, region, variants, then extensions and private use); the tag
// is cut at the first that does not, so that a page's "en-english" or
// "de-DE-" reads as the language it starts with. An extended language
// subtag ("zh-yue", "de-ere" on a real page) is dropped: it is valid only
// with the one prefix the registry gives it, which a shape check cannot
// tell, and validators refuse a wrong one.
func LangTag(s string) (string, bool) {
	s = strings.ReplaceAll(strings.TrimSpace(s), "_", "-")
	if !langShape().MatchString(s) {
		return "", false
	}
	parts := wellOrdered(strings.Split(s, "-"))
	ext := false // past a singleton, subtags are lower case
	for i, p := range parts {
		ext = ext || i > 0 && len(p) == 1
		switch {
		case i == 0 || ext || len(p) != 2 && len(p) != 4:
			parts[i] = strings.ToLower(p)
		case len(p) == 2:
			parts[i] = strings.ToUpper(p)
		default:
			parts[i] = strings.ToUpper(p[:1]) + strings.ToLower(p[1:])
		}
	}
	return strings.Join(parts, "-"), true
}

// wellOrdered keeps a tag's subtags while they come in BCP 47's order:
// the language, then (dropped) extended language subtags, a script, a
// region, variants, and extensions or a private use part, which run to
// the end.
func wellOrdered(parts []string) []string {
	const (
		extlang = iota
		script
		region
		variant
	)
	out, next := parts[:1:1], extlang
	for k := 1; k < len(parts); k++ {
		p := parts[k]
		alpha, digits := allOf(p, isAlpha), allOf(p, isDigit)
		switch {
		case next <= extlang && len(p) == 3 && alpha:
			continue // an extended language subtag: dropped
		case next <= script && len(p) == 4 && alpha:
			next = region
		case next <= region && (len(p) == 2 && alpha || len(p) == 3 && digits):
			next = variant
		case len(p) >= 5 || len(p) == 4 && isDigit(rune(p[0])):
			next = variant
		case len(p) == 1 && k+1 < len(parts):
			return append(out, parts[k:]...) // an extension or private use, to the end
		default:
			return out
		}
		out = append(out, p)
	}
	return out
}

func allOf(s string, f func(rune) bool) bool {
	for _, r := range s {
		if !f(r) {
			return false
		}
	}
	return true
}

func isAlpha(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }
func isDigit(r rune) bool { return r >= '0' && r <= '9' }
