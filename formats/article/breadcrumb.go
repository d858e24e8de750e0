package article

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// crumbSeps are the separators of breadcrumb trails and category lists.
var crumbSeps = []string{"|", "›", "»", ">", "/", "•", "·", "→", "‹", "«"}

// rootCrumbs are first breadcrumb items that name the site's front page.
var rootCrumbs = map[string]bool{
	"home": true, "homepage": true, "start": true, "главная": true, "главная страница": true,
	"الرئيسية": true, "الصفحة الرئيسية": true,
}

// sectionKinds are the kinds of section a site files an article under.
// The first breadcrumb item becomes Meta.Section when it is one of them.
var sectionKinds = map[string]bool{
	"news": true, "features": true, "feature": true, "opinion": true, "opinions": true,
	"analysis": true, "comment": true, "commentary": true, "editorial": true, "editorials": true,
	"interview": true, "interviews": true, "review": true, "reviews": true, "investigation": true,
	"investigations": true, "explainer": true, "explainers": true, "essay": true, "essays": true,
	"column": true, "columns": true, "blog": true, "blogs": true, "magazine": true, "report": true,
	"reports": true, "reportage": true, "long read": true, "long reads": true, "in depth": true,
	"in-depth": true, "podcast": true, "podcasts": true, "world": true, "politics": true,
	"business": true, "economy": true, "sport": true, "sports": true, "culture": true,
	"science": true, "technology": true, "tech": true, "health": true, "briefing": true,
	"новости": true, "мнения": true, "мнение": true, "анализ": true, "аналитика": true,
	"статьи": true, "интервью": true, "колонки": true, "репортаж": true, "репортажи": true,
	"расследования": true, "политика": true, "экономика": true, "общество": true, "мир": true,
	"культура": true, "наука": true, "спорт": true,
	"أخبار": true, "رأي": true, "آراء": true, "مقالات": true, "تحليل": true, "تحليلات": true,
	"تقارير": true, "تقرير": true, "حوارات": true, "سياسة": true, "اقتصاد": true, "ثقافة": true,
	"منوعات": true, "رياضة": true, "علوم": true,
}

// breadcrumb splits a category trail ("Features | Security | Central Asia",
// "Home › World › Europe") into its items, without a leading "Home".
func breadcrumb(s string) ([]string, bool) {
	if runeLen(s) > 160 {
		return nil, false
	}
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
	for len(items) > 0 && rootCrumbs[strings.ToLower(items[0])] {
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
	return !endsSentence(s) && !strings.ContainsAny(s, ",;:")
}

// section returns the first item when it names a kind of section.
func section(items []string) (string, bool) {
	if len(items) < 2 {
		return "", false
	}
	return items[0], sectionKinds[strings.ToLower(strings.Join(words(items[0]), " "))]
}
