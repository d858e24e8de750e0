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
func LangTag(s string) (string, bool) {
	s = strings.ReplaceAll(strings.TrimSpace(s), "_", "-")
	if !langShape().MatchString(s) {
		return "", false
	}
	parts := strings.Split(s, "-")
	for i, p := range parts {
		switch {
		case i == 0 || len(p) != 2 && len(p) != 4:
			parts[i] = strings.ToLower(p)
		case len(p) == 2:
			parts[i] = strings.ToUpper(p)
		default:
			parts[i] = strings.ToUpper(p[:1]) + strings.ToLower(p[1:])
		}
	}
	return strings.Join(parts, "-"), true
}
