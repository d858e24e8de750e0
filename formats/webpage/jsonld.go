package webpage

import (
	"encoding/json"
	"html"
	"strings"

	"folio/formats/internal/lazyre"
)

// maxJSONLDObjects bounds how many JSON-LD objects are looked at.
const maxJSONLDObjects = 200

// parseJSONLD decodes one <script type="application/ld+json"> and returns
// its objects: the top level, the items of a top-level array, and the
// members of an @graph. Broken JSON gives nothing.
func parseJSONLD(text string) []map[string]any {
	text = strings.TrimSpace(text)
	text = strings.TrimPrefix(text, "<![CDATA[")
	text = strings.TrimSuffix(text, "]]>")
	var v any
	if err := json.Unmarshal([]byte(text), &v); err != nil {
		return nil
	}
	var out []map[string]any
	var add func(v any, depth int)
	add = func(v any, depth int) {
		if depth > 3 || len(out) >= maxJSONLDObjects {
			return
		}
		switch v := v.(type) {
		case []any:
			for _, x := range v {
				add(x, depth+1)
			}
		case map[string]any:
			out = append(out, v)
			if g, ok := v["@graph"]; ok {
				add(g, depth+1)
			}
		}
	}
	add(v, 0)
	return out
}

var articleTypes = lazyre.New(`^(?:Article|NewsArticle|AnalysisNewsArticle|OpinionNewsArticle|ReportageNewsArticle|BackgroundNewsArticle|ReviewNewsArticle|Report|BlogPosting|LiveBlogPosting|ScholarlyArticle|TechArticle|SocialMediaPosting)$`)

// pickArticle returns the JSON-LD object describing the article: the first
// of an article type, else the first with a headline; nil when none.
func pickArticle(objs []map[string]any) map[string]any {
	for _, o := range objs {
		for _, t := range ldStrings(o["@type"]) {
			if articleTypes.MatchString(strings.TrimPrefix(t, "schema:")) {
				return o
			}
		}
	}
	for _, o := range objs {
		if ldString(o, "headline") != "" {
			return o
		}
	}
	return nil
}

// pageLD returns a property of the JSON-LD object that describes the page
// itself (WebPage, ItemPage, AboutPage, …), for pages that give no
// article object: a WordPress graph dates its WebPage, not an Article.
func pageLD(objs []map[string]any, key string) string {
	for _, o := range objs {
		for _, t := range ldStrings(o["@type"]) {
			if strings.HasSuffix(strings.TrimPrefix(t, "schema:"), "Page") {
				if v := ldString(o, key); v != "" {
					return v
				}
			}
		}
	}
	return ""
}

// anyLD returns the property of the first JSON-LD object of the page that
// has it: a recipe's, a how-to's or a review's date where the page gives
// neither an article object nor a page object.
func anyLD(objs []map[string]any, key string) string {
	for _, o := range objs {
		if v := ldString(o, key); v != "" {
			return v
		}
	}
	return ""
}

// ldString is a text property; sites sometimes put HTML entities in JSON-LD,
// so they are decoded.
func ldString(o map[string]any, key string) string {
	if o == nil {
		return ""
	}
	switch v := o[key].(type) {
	case string:
		return clean(html.UnescapeString(v))
	case []any:
		if len(v) > 0 {
			if s, ok := v[0].(string); ok {
				return clean(html.UnescapeString(s))
			}
		}
	case map[string]any:
		if s, ok := v["@value"].(string); ok {
			return clean(html.UnescapeString(s))
		}
		if s, ok := v["name"].(string); ok {
			return clean(html.UnescapeString(s))
		}
	}
	return ""
}

// ldStrings is a text or list-of-text property.
func ldStrings(v any) []string {
	switch v := v.(type) {
	case string:
		if s := clean(html.UnescapeString(v)); s != "" {
			return []string{s}
		}
	case []any:
		var out []string
		for _, x := range v {
			if s, ok := x.(string); ok {
				if s = clean(html.UnescapeString(s)); s != "" {
					out = append(out, s)
				}
			}
		}
		return out
	}
	return nil
}

// ldName is the name of a Person or Organization (or the text itself).
func ldName(v any) string {
	names := ldNames(v)
	if len(names) == 0 {
		return ""
	}
	return names[0]
}

// ldNames are the names of one or more Persons or Organizations.
func ldNames(v any) []string {
	switch v := v.(type) {
	case string:
		if isURL(v) {
			return nil
		}
		return splitNames(html.UnescapeString(v))
	case map[string]any:
		if s, ok := v["name"].(string); ok {
			if s = clean(html.UnescapeString(s)); s != "" {
				return []string{s}
			}
		}
	case []any:
		var out []string
		for _, x := range v {
			out = append(out, ldNames(x)...)
		}
		return out
	}
	return nil
}
