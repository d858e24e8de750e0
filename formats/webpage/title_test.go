package webpage

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestStandfirstRepeatingTheTitle: a description or a standfirst that only
// says the headline again (the same words, whatever the case, white space
// and punctuation, a run of its words, or all but a few letters) is no
// subtitle; one that says more is.
func TestStandfirstRepeatingTheTitle(t *testing.T) {
	const title = "Werkzeuge des Neandertalers"
	head := func(desc string) string {
		return `<meta name="description" content="` + desc + `"><title>` + title + ` | Steinzeit &amp; Co</title>`
	}
	tests := []struct {
		name, head, lead, subtitle string
	}{
		{"the description is the headline",
			head(title), "", ""},
		{"in other case and spacing, with an ellipsis",
			head("werkzeuge  des NEANDERTALERS…"), "", ""},
		{"part of the headline",
			`<meta property="og:description" content="Ferry timetable"><title>Ferry timetable cut for the winter | Example Gazette</title>`, "", ""},
		{"all but a word of it",
			head("Die Werkzeuge des Neandertalers"), "", ""},
		{"a standfirst paragraph saying the headline leaves the body, as no subtitle",
			head(title), `<p class="standfirst">` + title + `.</p>`, ""},
		{"a description saying more stays the subtitle",
			head(title + " und des modernen Menschen im Vergleich"), "", title + " und des modernen Menschen im Vergleich"},
		{"one description repeating the headline gives way to another that says more",
			`<meta property="og:description" content="` + title + `"><meta name="description" content="Faustkeile, Klingen und Schaber im Vergleich."><title>` + title + `</title>`,
			"", "Faustkeile, Klingen und Schaber im Vergleich."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, _ := read(t, page(tt.head, "<h1>"+title+"</h1>\n"+tt.lead+filler), Options{})
			if !strings.HasPrefix(tt.name, "part") {
				want(t, "title", d.Meta.Title, title)
			}
			want(t, "subtitle", d.Meta.Subtitle, tt.subtitle)
			if tt.lead != "" && strings.Contains(render(d.Blocks), title) {
				t.Errorf("the standfirst is still in the body:\n%s", render(d.Blocks))
			}
		})
	}
}

// TestSiteNameTitle: a title that is only the site's name does not beat
// the article's own headline, the one h1 of its <article>; a short title
// that has no more than a site's or section's name in it neither, when
// the <title> backs the headline or says nothing else. A short title the
// headline says, a headline no longer than the title (a test page's
// "Lorem"), or an article with more than one h1 leave the title alone.
func TestSiteNameTitle(t *testing.T) {
	const headline = "Library hours extended for winter"
	tests := []struct {
		name, head, article, title string
	}{
		{"a <title> that is the site's name",
			`<title>Example Gazette</title>`, "<h1>" + headline + "</h1>", headline},
		{"og:title equal to og:site_name",
			`<meta property="og:site_name" content="Example Gazette"><meta property="og:title" content="Example Gazette"><title>Example Gazette</title>`,
			"<h1>" + headline + "</h1>", headline},
		{"og:title equal to og:site_name, a <title> that says the headline",
			`<meta property="og:site_name" content="Example Gazette"><meta property="og:title" content="Example Gazette"><title>Council: ` + headline + `</title>`,
			"<h1>Winter opening</h1>", "Council: " + headline},
		{"a section's name in og:title, the <title> saying the headline",
			`<meta property="og:title" content="Press releases"><title>EG: ` + headline + `</title>`, "<h1>" + headline + "</h1>", headline},
		{"a section's name in og:title, a <title> saying something else",
			`<meta property="og:title" content="Press releases"><title>Title element</title>`, "<h1>" + headline + "</h1>", "Press releases"},
		{"a short title the headline says",
			`<title>Library hours</title>`, "<h1>" + headline + "</h1>", "Library hours"},
		{"a headline no longer than the title",
			`<title>RTL Test</title>`, "<h1>Lorem</h1>", "RTL Test"},
		{"two h1s in the article",
			`<title>Example Gazette</title>`, "<h1>" + headline + "</h1><h1>Opening times</h1>", "Example Gazette"},
		{"a long title is the page's own",
			`<title>Council votes to keep the libraries open later</title>`, "<h1>" + headline + "</h1>", "Council votes to keep the libraries open later"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, _ := read(t, page(tt.head, tt.article+"\n"+filler), Options{})
			want(t, "title", d.Meta.Title, tt.title)
			if tt.title == headline {
				for _, b := range d.Blocks {
					if sameText(blockText(b), headline) {
						t.Errorf("the headline is still in the body: %s", b.Kind())
					}
				}
			}
		})
	}
}

// A blog gives its h1 to its own name, linked to the site's root (an
// absolute address as often as "/"), and marks the post's title as a link
// to the post (rel="bookmark"): the <title> "Blog » Blog Archive » Post"
// gives the post's title, not the blog's name.
func TestBlogPostTitle(t *testing.T) {
	const post = "Planting tulips in late autumn"
	tests := []struct{ name, h1, h2 string }{
		{"absolute root link", `<h1><a href="https://janes-garden.example">Jane's Garden</a></h1>`,
			`<h2><a href="https://janes-garden.example/2023/11/tulips/" rel="bookmark" title="Permanent Link to ` + post + `">` + post + `</a></h2>`},
		{"root link with a slash", `<h1><a href="http://janes-garden.example/">Jane's Garden</a></h1>`,
			`<h2><a href="/2023/11/tulips/" rel="bookmark">` + post + `</a></h2>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Jane's Garden » Blog Archive » " + post + "</title></head>\n<body>\n" +
				`<div id="header">` + tt.h1 + "</div>\n<div id=\"content\"><div class=\"post\">" + tt.h2 + "\n" + filler + filler + "</div></div>\n</body></html>\n"
			d, _ := read(t, src, Options{})
			want(t, "title", d.Meta.Title, post)
		})
	}
	// A link to a page of the site is no home link: that h1 is the headline.
	for href, home := range map[string]bool{"https://example.org": true, "https://example.org/": true, "/": true,
		"https://example.org/news/story": false, "https://example.org/?p=12": false, "mailto:x@example.org": false} {
		n, err := html.Parse(strings.NewReader(`<h1><a href="` + href + `">Example</a></h1>`))
		if err != nil {
			t.Fatal(err)
		}
		if got := homeLink(findElement(n, "h1")); got != home {
			t.Errorf("homeLink(%q) = %v, want %v", href, got, home)
		}
	}
}
