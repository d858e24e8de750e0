package article

import "bytes"

// looksWindow is how much of the input Looks reads: page furniture sits at
// the top.
const looksWindow = 16 << 10

// Looks reports whether src carries the marks of text copied from a news
// page: a headline said twice near the top, a breadcrumb, a photo credit,
// a byline or date line, or site boilerplate lines. The pipeline treats
// plain text as an article anyway (DESIGN.md: "otherwise a scraped web
// article"); Looks is for telling such text from other plain text, for
// example to choose the article reader for a file with no extension and no
// Markdown syntax, or to break a tie. HTML documents are never articles.
func Looks(src []byte) bool {
	if len(src) > looksWindow {
		src = src[:looksWindow]
		if i := bytes.LastIndexByte(src, '\n'); i > 0 {
			src = src[:i]
		}
	}
	trimmed := bytes.TrimSpace(bytes.TrimPrefix(src, []byte("\uFEFF")))
	if len(trimmed) == 0 || trimmed[0] == '<' {
		return false
	}
	units := buildUnits(splitLines(string(src)))
	if len(units) > 60 {
		units = units[:60]
	}
	seen := map[string]bool{}
	marks := 0
	for _, u := range units {
		k := key(u.text)
		switch {
		case headlineShaped(u.text) && seen[k]:
			marks += 2
		case isCrumb(u.text):
			marks += 2
		case isCredit(u.text):
			marks += 2
		case isMetaText(u.text):
			marks++
		case boilerScore(u.text) >= boilerThreshold:
			marks++
		}
		seen[k] = true
	}
	return marks >= 2
}

func isCrumb(s string) bool  { _, ok := breadcrumb(s); return ok }
func isCredit(s string) bool { _, src, ok := creditLabel(s); return ok && !src }
func isMetaText(s string) bool {
	_, ok := parseMeta(s)
	return ok
}
