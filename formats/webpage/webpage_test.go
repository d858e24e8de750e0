package webpage

import (
	"reflect"
	"strings"
	"testing"

	"folio/pipeline/doc"
)

// filler is article text long enough for Readability to take the
// container it is in as the article.
const filler = `<p>Officials in the region said on Tuesday that the new agreement would take effect within weeks, although several details remain to be settled by the technical committees, which meet again next month.</p>
<p>The talks had stalled twice over the past year, first over the sharing of data and then over the schedule for releases from the upstream reservoirs during the summer, when demand is highest.</p>
<p>Farmers downstream, who depend on the river for irrigation, have pressed for a deal for years, and their associations welcomed the news while warning that the details would decide whether it works.</p>
`

// page wraps head elements and an article body in a news-page shell with
// navigation and a footer.
func page(head, article string) string {
	return "<!DOCTYPE html>\n<html><head>\n" + head + "\n</head>\n<body>\n" +
		`<nav class="menu"><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>` + "\n" +
		"<main><article>\n" + article + "\n</article></main>\n" +
		`<footer><p>© Example Media. All rights reserved.</p></footer>` + "\n</body></html>\n"
}

func read(t *testing.T, src string, opts Options) (*doc.Document, []doc.Warning) {
	t.Helper()
	d, ws, err := New(opts).Read([]byte(src), "in.html")
	if err != nil {
		t.Fatal(err)
	}
	return d, ws
}

func want(t *testing.T, field string, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s = %#v, want %#v", field, got, want)
	}
}

func TestMetadata(t *testing.T) {
	tests := []struct {
		name    string
		head    string
		article string
		check   func(t *testing.T, m doc.Meta)
	}{
		{"og:title wins over the page title",
			`<title>Talks resume | Example Times</title><meta property="og:title" content="Water talks resume after a year">`, filler,
			func(t *testing.T, m doc.Meta) { want(t, "title", m.Title, "Water talks resume after a year") }},
		{"a site suffix naming og:site_name is cut from the title",
			`<title>Water talks resume | Example Times</title><meta property="og:site_name" content="The Example Times">`, filler,
			func(t *testing.T, m doc.Meta) {
				want(t, "title", m.Title, "Water talks resume")
				want(t, "publisher", m.Publisher, "The Example Times")
			}},
		{"a site prefix is cut too, and a section suffix after it",
			`<title>Example Times — Water talks resume — World</title><meta property="og:site_name" content="Example Times"><meta property="article:section" content="World">`, filler,
			func(t *testing.T, m doc.Meta) { want(t, "title", m.Title, "Water talks resume") }},
		{"a dash that names no site is kept",
			`<title>Water talks – a long road</title>`, filler,
			func(t *testing.T, m doc.Meta) { want(t, "title", m.Title, "Water talks – a long road") }},
		{"a page title whose first part is the h1 becomes the h1",
			`<title>Water talks resume - Daily Courier Online</title>`, "<h1>Water talks resume</h1>" + filler,
			func(t *testing.T, m doc.Meta) { want(t, "title", m.Title, "Water talks resume") }},
		{"the site's host names it too",
			`<title>Water talks resume | courier.example</title><link rel="canonical" href="https://www.courier.example/a/1">`, filler,
			func(t *testing.T, m doc.Meta) { want(t, "title", m.Title, "Water talks resume") }},
		{"JSON-LD headline, authors, dates, publisher, section and keywords",
			`<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage","name":"x"},
			{"@type":["NewsArticle"],"headline":"Water talks &amp; the delta","datePublished":"2024-03-05T09:15:00.000Z","dateModified":"2024-03-06T10:00:00Z",
			"author":[{"@type":"Person","name":"Jane Doe"},{"@type":"Person","name":"John Roe"}],"publisher":{"@type":"Organization","name":"Example Wire"},
			"articleSection":["World","Asia"],"keywords":"water, diplomacy"}]}</script>`, filler,
			func(t *testing.T, m doc.Meta) {
				want(t, "title", m.Title, "Water talks & the delta")
				want(t, "authors", m.Authors, []string{"Jane Doe", "John Roe"})
				want(t, "date", m.Date, "2024-03-05T09:15:00Z")
				want(t, "updated", m.Updated, "2024-03-06T10:00:00Z")
				want(t, "publisher", m.Publisher, "Example Wire")
				want(t, "section", m.Section, "World")
				want(t, "tags", m.Tags, []string{"water", "diplomacy"})
			}},
		{"broken JSON-LD is ignored",
			`<title>Water talks resume</title><script type="application/ld+json">{"headline": "Broken</script>`, filler,
			func(t *testing.T, m doc.Meta) { want(t, "title", m.Title, "Water talks resume") }},
		{"meta author is split into names; a profile URL in article:author is not a name",
			`<meta name="author" content="By Jane Doe and John Roe"><meta property="article:author" content="https://example.com/jane">`, filler,
			func(t *testing.T, m doc.Meta) { want(t, "authors", m.Authors, []string{"Jane Doe", "John Roe"}) }},
		{"rel=author links name the author when nothing else does",
			``, `<p class="byline">By <a rel="author" href="/p/ann">Ann Poe</a></p>` + filler,
			func(t *testing.T, m doc.Meta) { want(t, "authors", m.Authors, []string{"Ann Poe"}) }},
		{"a byline element names the author: its innermost marked part",
			``, `<div class="entry-meta"><span class="byline"> by <span class="author vcard"><a class="url fn n" href="/a/pat">Pat Morgan</a></span></span></div>` + filler,
			func(t *testing.T, m doc.Meta) { want(t, "authors", m.Authors, []string{"Pat Morgan"}) }},
		{"a byline with two marked names, and a date after a bar",
			``, `<p class="c-byline">By <span class="c-byline__author">Ann Poe</span> and <span class="c-byline__author">Bo Lee</span></p><p class="byline">By Cy Doe | 5 March</p>` + filler,
			func(t *testing.T, m doc.Meta) { want(t, "authors", m.Authors, []string{"Ann Poe", "Bo Lee"}) }},
		{"a byline cut at a bar; comment authors are not bylines",
			``, `<div class="comments"><span class="comment-author">Troll</span></div><p class="byline">By Cy Doe | 5 March 2024</p>` + filler,
			func(t *testing.T, m doc.Meta) { want(t, "authors", m.Authors, []string{"Cy Doe"}) }},
		{"WordPress category and tag links give the section and tags",
			``, filler + `<footer class="entry-footer"><a href="/c/s" rel="category tag">Surveys</a> <a href="/t/eels" rel="tag">eels</a> <a href="/t/rivers" rel="tag">rivers</a></footer>`,
			func(t *testing.T, m doc.Meta) {
				want(t, "section", m.Section, "Surveys")
				want(t, "tags", m.Tags, []string{"eels", "rivers"})
			}},
		{"a page title's suffix after the h1 is the publisher when nothing names it",
			`<title>River survey finds fewer eels – Riverwatch Notes</title>`, "<h1>River survey finds fewer eels</h1>" + filler,
			func(t *testing.T, m doc.Meta) {
				want(t, "title", m.Title, "River survey finds fewer eels")
				want(t, "publisher", m.Publisher, "Riverwatch Notes")
			}},
		{"article:published_time and modified_time",
			`<meta property="article:published_time" content="2024-03-05T09:15:00+0100"><meta property="article:modified_time" content="2024-03-05T09:15:00+0100">`, filler,
			func(t *testing.T, m doc.Meta) {
				want(t, "date", m.Date, "2024-03-05T09:15:00+01:00")
				want(t, "updated (same as published)", m.Updated, "")
			}},
		{"a time element in the article gives the date",
			``, `<p>Posted <time datetime="2024-03-05">5 March</time></p>` + filler,
			func(t *testing.T, m doc.Meta) { want(t, "date", m.Date, "2024-03-05") }},
		{"a date that is not machine-readable is left out",
			`<meta property="article:published_time" content="last Tuesday">`, filler,
			func(t *testing.T, m doc.Meta) { want(t, "date", m.Date, "") }},
		{"article:tag gives the tags, article:section the section",
			`<meta property="article:section" content="World"><meta property="article:tag" content="Water"><meta property="article:tag" content="Diplomacy"><meta name="keywords" content="seo, junk">`, filler,
			func(t *testing.T, m doc.Meta) {
				want(t, "section", m.Section, "World")
				want(t, "tags", m.Tags, []string{"Water", "Diplomacy"})
			}},
		{"keywords give the tags when nothing better does",
			`<meta name="keywords" content="water, rivers ,  diplomacy">`, filler,
			func(t *testing.T, m doc.Meta) { want(t, "tags", m.Tags, []string{"water", "rivers", "diplomacy"}) }},
		{"html lang gives the language",
			``, filler,
			func(t *testing.T, m doc.Meta) { want(t, "lang", m.Lang, "en") }},
		{"canonical link is the source; og:url when there is none",
			`<meta property="og:url" content="https://example.com/og"><link rel="canonical" href="https://example.com/canonical">`, filler,
			func(t *testing.T, m doc.Meta) { want(t, "source", m.Source, "https://example.com/canonical") }},
		{"a browser's saved-from comment is the source when nothing else is",
			`<!-- saved from url=(0026)https://example.com/saved -->`, filler,
			func(t *testing.T, m doc.Meta) { want(t, "source", m.Source, "https://example.com/saved") }},
		{"a relative canonical link is not a source",
			`<link rel="canonical" href="/a/1">`, filler,
			func(t *testing.T, m doc.Meta) { want(t, "source", m.Source, "") }},
		{"a description that is not the first paragraph is the standfirst and the summary",
			`<meta name="description" content="Negotiators agree on a schedule for the reservoirs.">`, filler,
			func(t *testing.T, m doc.Meta) {
				want(t, "subtitle", m.Subtitle, "Negotiators agree on a schedule for the reservoirs.")
				want(t, "summary", m.Summary, "Negotiators agree on a schedule for the reservoirs.")
			}},
		{"a description that only repeats the start of the first paragraph is no standfirst",
			`<meta property="og:description" content="Officials in the region said on Tuesday that the new agreement would take effect…">`, filler,
			func(t *testing.T, m doc.Meta) {
				want(t, "subtitle", m.Subtitle, "")
				want(t, "summary", m.Summary, "Officials in the region said on Tuesday that the new agreement would take effect…")
			}},
		{"copyright meta gives the rights",
			`<meta name="copyright" content="© 2024 Example Media">`, filler,
			func(t *testing.T, m doc.Meta) { want(t, "rights", m.Rights, "© 2024 Example Media") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(page(tt.head, tt.article), "<html>", `<html lang="en">`, 1)
			d, _ := read(t, src, Options{})
			tt.check(t, d.Meta)
		})
	}
}

func TestLanguage(t *testing.T) {
	russian := `<p>Прошлой зимой небольшой сервис, который собирает показания с двадцати метеостанций в горах, начал терять данные во время метелей, когда связь пропадала чаще всего.</p>
<p>Мы изменили протокол: станции теперь нумеруют записи сами, а сервер принимает их повторно без ошибок и просит прислать пропущенное, если видит разрыв в номерах.</p>
<p>За три месяца после перехода мы не потеряли ни одной записи, а задержка выросла всего на секунду, что для метеоданных совершенно не важно.</p>`
	tests := []struct {
		name, html, head, article, lang string
	}{
		{"html lang", `<html lang="uk">`, ``, filler, "uk"},
		{"og:locale with an underscore", `<html>`, `<meta property="og:locale" content="ru_RU">`, filler, "ru-RU"},
		{"content-language meta", `<html>`, `<meta http-equiv="Content-Language" content="de">`, filler, "de"},
		{"a malformed lang attribute is ignored", `<html lang="../../x">`, ``, filler, "en"},
		{"undeclared Russian text is identified", `<html>`, ``, russian, "ru"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, _ := read(t, strings.Replace(page(tt.head, tt.article), "<html>", tt.html, 1), Options{})
			want(t, "lang", d.Meta.Lang, tt.lang)
		})
	}
	d, _ := read(t, "<p>Too short to tell.</p>", Options{})
	want(t, "lang of a short undeclared page", d.Meta.Lang, "")
}

func TestStandfirstMarkedInTheBodyIsLifted(t *testing.T) {
	desc := "Negotiators agree on a schedule for releases from the reservoirs."
	d, _ := read(t, page(`<meta name="description" content="`+desc+`">`, `<p class="article-standfirst">`+desc+`</p>`+filler), Options{})
	want(t, "subtitle", d.Meta.Subtitle, desc)
	for _, b := range d.Blocks {
		if sameText(blockText(b), desc) {
			t.Errorf("the standfirst is still in the body at line %d", b.Position().Line)
		}
	}
}

func TestBylineLeavesTheBody(t *testing.T) {
	tests := []struct {
		name, head, lead string
		authors          []string
		kept             bool
	}{
		{"a By line naming the known author", `<meta name="author" content="Lee Hart">`, `<p class="meta">By Lee Hart | 5 March 2024</p>`, []string{"Lee Hart"}, false},
		{"a By line gives the authors when nothing else does", ``, `<p>By Lee Hart and Ann Poe</p>`, []string{"Lee Hart", "Ann Poe"}, false},
		{"a sentence starting with By stays", ``, `<p>By the end of the year, the council hopes to finish.</p>`, nil, true},
		{"a By line naming someone else stays", `<meta name="author" content="Lee Hart">`, `<p>By Ann Poe</p>`, []string{"Lee Hart"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, _ := read(t, page(tt.head, tt.lead+filler), Options{})
			want(t, "authors", d.Meta.Authors, tt.authors)
			lead := strings.TrimSuffix(strings.TrimPrefix(tt.lead[strings.Index(tt.lead, ">")+1:], ""), "</p>")
			kept := strings.Contains(render(d.Blocks), lead)
			want(t, "line kept in the body", kept, tt.kept)
		})
	}
}

func TestHeadlineLeavesTheBody(t *testing.T) {
	d, _ := read(t, page(`<meta property="og:title" content="Water talks resume">`, "<h1>Water Talks  Resume</h1>\n"+filler), Options{})
	for _, b := range d.Blocks {
		if sameText(blockText(b), "Water talks resume") {
			t.Errorf("the headline is in the body: %s", b.Kind())
		}
	}
	want(t, "title", d.Meta.Title, "Water talks resume")
}
