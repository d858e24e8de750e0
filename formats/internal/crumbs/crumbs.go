// Package crumbs turns a breadcrumb trail's items into a section and tags,
// the same way for every reader that meets one: the site's front page
// ("Home") is dropped, and a first item naming a kind of section ("News",
// "Analysis", "Мнения") is the section, the rest tags. The word lists live
// here so the article and webpage readers, which may not import each
// other, give the same answer for the same trail.
package crumbs

import "strings"

// roots are first breadcrumb items that name the site's front page.
var roots = map[string]bool{
	"home": true, "homepage": true, "start": true, "startseite": true, "accueil": true, "inicio": true,
	"portada": true, "strona główna": true, "главная": true, "главная страница": true,
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

// Split drops leading front-page items and returns the section (the first
// item, when it names a kind of section and more follow) and the tags.
func Split(items []string) (section string, tags []string) {
	for len(items) > 0 && roots[key(items[0])] {
		items = items[1:]
	}
	if len(items) >= 2 && sectionKinds[key(items[0])] {
		return items[0], items[1:]
	}
	return "", items
}

// IsRoot reports whether a breadcrumb item names the site's front page.
func IsRoot(item string) bool { return roots[key(item)] }

// IsSection reports whether a breadcrumb item names a kind of section.
func IsSection(item string) bool { return sectionKinds[key(item)] }

func key(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
