package webpage

import (
	"strings"
	"testing"
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
