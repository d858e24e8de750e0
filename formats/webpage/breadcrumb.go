package webpage

import (
	"html"
	"sort"
	"strings"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"

	"folio/formats/internal/htmltree"
	"folio/formats/internal/lazyre"
)

// crumbClass is a class or id that names a whole breadcrumb trail
// ("breadcrumb", "c-breadcrumbs"), not one of its items
// ("breadcrumb-item").
var crumbClass = lazyre.New(`(?i)(^|\s)([a-z0-9]+[-_])?breadcrumbs?(\s|$)`)

// isBreadcrumb reports an element holding a breadcrumb trail:
// nav[aria-label=breadcrumb] and its kin, a breadcrumb class or id, or
// schema.org BreadcrumbList microdata.
func isBreadcrumb(c *converter, n *xhtml.Node) bool {
	switch n.Data {
	case "html", "body", "main", "article", "head", "meta", "link", "script", "style":
		return false
	}
	return strings.Contains(strings.ToLower(htmltree.Attr(n, "aria-label")), "breadcrumb") ||
		crumbClass.MatchString(c.orig(n, "class")) || crumbClass.MatchString(c.orig(n, "id")) ||
		strings.HasSuffix(strings.TrimSpace(htmltree.Attr(n, "itemtype")), "BreadcrumbList")
}

// crumbSeps split a trail written without list items.
var crumbSeps = lazyre.New(`\s*[›»>/|→·•]\s*`)

// htmlCrumbs are the items of a breadcrumb element: its list items, or its
// text cut at the separators.
func htmlCrumbs(n *xhtml.Node) []string {
	var items []string
	walkElements(n, func(m *xhtml.Node) bool {
		if m.Data == "li" {
			items = append(items, clean(htmltree.TextContent(m)))
		}
		return true
	})
	if len(items) == 0 {
		items = crumbSeps.Split(clean(htmltree.TextContent(n)), -1)
	}
	return crumbItems(items)
}

// crumbItems trims separators from each item and keeps those short enough
// to be a section's name: the long last item of many trails is the
// article's own headline.
func crumbItems(raw []string) []string {
	out := []string{}
	for _, it := range raw {
		it = strings.Trim(clean(it), " ›»>/|→·•")
		if it == "" || utf8.RuneCountInString(it) > 40 || len(strings.Fields(it)) > 5 {
			continue
		}
		out = append(out, it)
	}
	return out
}

// ldCrumbs are the names of the first JSON-LD BreadcrumbList's items, in
// the order of their position.
func ldCrumbs(objs []map[string]any) []string {
	for _, o := range objs {
		if !hasType(o, "BreadcrumbList") {
			continue
		}
		list, _ := o["itemListElement"].([]any)
		type crumb struct {
			pos  float64
			name string
		}
		var cs []crumb
		for i, x := range list {
			it, ok := x.(map[string]any)
			if !ok {
				continue
			}
			name := ldString(it, "name")
			if name == "" {
				if item, ok := it["item"].(map[string]any); ok {
					name = ldString(item, "name")
				}
			}
			pos, ok := it["position"].(float64)
			if !ok {
				pos = float64(i + 1)
			}
			cs = append(cs, crumb{pos, html.UnescapeString(name)})
		}
		sort.SliceStable(cs, func(i, j int) bool { return cs[i].pos < cs[j].pos })
		var names []string
		for _, c := range cs {
			names = append(names, c.name)
		}
		return crumbItems(names)
	}
	return nil
}

func hasType(o map[string]any, t string) bool {
	for _, s := range ldStrings(o["@type"]) {
		if strings.TrimPrefix(s, "schema:") == t {
			return true
		}
	}
	return false
}
