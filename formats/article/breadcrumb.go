package article

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"folio/formats/internal/crumbs"
	"folio/formats/internal/sentence"
)

// crumbSeps are the separators of breadcrumb trails and category lists.
var crumbSeps = []string{"|", "›", "»", ">", "/", "•", "·", "→", "‹", "«"}

// breadcrumb splits a category trail ("Features | Security | Central Asia",
// "Home › World › Europe") into its items, without a leading "Home".
func breadcrumb(s string) ([]string, bool) {
	if runeLen(s) > 160 {
		return nil, false
	}
	// A doubled arrow is one separator: "首页 >> 教育资讯 >> 正文".
	s = strings.NewReplacer(">>", ">", "»»", "»").Replace(s)
	best, bestN := "", 0
	for _, sep := range crumbSeps {
		if n := strings.Count(s, sep); n > bestN {
			best, bestN = sep, n
		}
	}
	if bestN == 0 {
		return nil, false
	}
	raw := strings.Split(s, best)
	spaced := true
	var items []string
	for i, it := range raw {
		if i > 0 && !startsSpace(it) || i < len(raw)-1 && !endsSpace(it) {
			spaced = false
		}
		it = strings.TrimSpace(it)
		if !crumbItem(it) {
			return nil, false
		}
		items = append(items, it)
	}
	// "Title | Site" has two items too: a trail of two needs an arrow.
	if len(items) < 3 && !strings.Contains("›»>→/", best) {
		return nil, false
	}
	if (best == "/" || best == ">") && !spaced && len(items) < 3 {
		return nil, false
	}
	for len(items) > 0 && crumbs.IsRoot(items[0]) {
		items = items[1:]
	}
	return items, len(items) > 0
}

func startsSpace(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}

func endsSpace(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsSpace(r)
}

// crumbItem reports whether s can be one breadcrumb item: a short name
// starting with a letter that is not lower case.
func crumbItem(s string) bool {
	ws := words(s)
	if len(ws) == 0 || len(ws) > 4 || runeLen(s) > 32 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsLetter(r) || unicode.IsLower(r) {
		return false
	}
	return !sentence.Ends(s) && !strings.ContainsAny(s, ",;:")
}

// section returns the first item when it names a kind of section.
func section(items []string) (string, bool) {
	if len(items) < 2 {
		return "", false
	}
	return items[0], crumbs.IsSection(items[0])
}
