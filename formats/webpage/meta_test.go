package webpage

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"folio/pipeline/doc"
)

// metaSource is one place a page can state a metadata field, and the value it
// states there.
type metaSource struct {
	name, head, value string
}

// ld is a JSON-LD NewsArticle holding one property.
func ld(prop string) string {
	return `<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",` + prop + `}</script>`
}

// TestMetadataTrustOrder gives a field from every source it can come from,
// most trusted first, then takes the sources away one by one: each time
// the most trusted source left must win.
func TestMetadataTrustOrder(t *testing.T) {
	fields := []struct {
		field   string
		get     func(doc.Meta) string
		sources []metaSource
	}{
		{"title", func(m doc.Meta) string { return m.Title }, []metaSource{
			{"JSON-LD headline", ld(`"headline":"LD title"`), "LD title"},
			{"og:title", `<meta property="og:title" content="OG title">`, "OG title"},
			{"twitter:title", `<meta name="twitter:title" content="Twitter title">`, "Twitter title"},
			{"DC.title", `<meta name="DC.title" content="DC title">`, "DC title"},
			{"dcterms.title", `<meta name="dcterms.title" content="Terms title">`, "Terms title"},
			{"<title> without its site suffix", `<title>Page title | Example Times</title><meta name="application-name" content="Example Times">`, "Page title"},
		}},
		{"authors", func(m doc.Meta) string { return strings.Join(m.Authors, "; ") }, []metaSource{
			{"JSON-LD author", ld(`"author":{"@type":"Person","name":"Ann LD"}`), "Ann LD"},
			{"article:author", `<meta property="article:author" content="Ann OG">`, "Ann OG"},
			{"DC.creator", `<meta name="DC.creator" content="Ann DC">`, "Ann DC"},
			{"dcterms.creator", `<meta name="dcterms.creator" content="Ann Terms">`, "Ann Terms"},
			{"meta author", `<meta name="author" content="Ann Meta">`, "Ann Meta"},
		}},
		{"date", func(m doc.Meta) string { return m.Date }, []metaSource{
			{"JSON-LD datePublished", ld(`"datePublished":"2024-01-01"`), "2024-01-01"},
			{"article:published_time", `<meta property="article:published_time" content="2024-01-02">`, "2024-01-02"},
			{"DC.date.issued", `<meta name="DC.date.issued" content="2024-01-03">`, "2024-01-03"},
			{"dcterms.created", `<meta name="dcterms.created" content="2024-01-04">`, "2024-01-04"},
			{"meta date", `<meta name="date" content="2024-01-05">`, "2024-01-05"},
		}},
		{"updated", func(m doc.Meta) string { return m.Updated }, []metaSource{
			{"JSON-LD dateModified", ld(`"dateModified":"2024-02-01"`), "2024-02-01"},
			{"article:modified_time", `<meta property="article:modified_time" content="2024-02-02">`, "2024-02-02"},
			{"dcterms.modified", `<meta name="dcterms.modified" content="2024-02-03">`, "2024-02-03"},
		}},
		{"publisher", func(m doc.Meta) string { return m.Publisher }, []metaSource{
			{"JSON-LD publisher", ld(`"publisher":{"@type":"Organization","name":"LD Media"}`), "LD Media"},
			{"og:site_name", `<meta property="og:site_name" content="OG Media">`, "OG Media"},
			{"DC.publisher", `<meta name="DC.publisher" content="DC Media">`, "DC Media"},
			{"application-name", `<meta name="application-name" content="App Media">`, "App Media"},
		}},
		{"section", func(m doc.Meta) string { return m.Section }, []metaSource{
			{"JSON-LD articleSection", ld(`"articleSection":"LD Section"`), "LD Section"},
			{"article:section", `<meta property="article:section" content="OG Section">`, "OG Section"},
		}},
		{"tags", func(m doc.Meta) string { return strings.Join(m.Tags, "; ") }, []metaSource{
			{"JSON-LD keywords", ld(`"keywords":["ld one","ld two"]`), "ld one; ld two"},
			{"article:tag", `<meta property="article:tag" content="og one"><meta property="article:tag" content="og two">`, "og one; og two"},
			{"DC.subject", `<meta name="DC.subject" content="dc one; dc two">`, "dc one; dc two"},
			{"keywords", `<meta name="keywords" content="kw one, kw two">`, "kw one; kw two"},
		}},
		{"description (the subtitle)", func(m doc.Meta) string { return m.Subtitle }, []metaSource{
			{"JSON-LD description", ld(`"description":"LD standfirst."`), "LD standfirst."},
			{"og:description", `<meta property="og:description" content="OG standfirst.">`, "OG standfirst."},
			{"DC.description", `<meta name="DC.description" content="DC standfirst.">`, "DC standfirst."},
			{"dcterms.abstract", `<meta name="dcterms.abstract" content="Terms standfirst.">`, "Terms standfirst."},
			{"meta description", `<meta name="description" content="Meta standfirst.">`, "Meta standfirst."},
		}},
		{"source", func(m doc.Meta) string { return m.Source }, []metaSource{
			{"canonical link", `<link rel="canonical" href="https://example.com/canonical">`, "https://example.com/canonical"},
			{"og:url", `<meta property="og:url" content="https://example.com/og">`, "https://example.com/og"},
			{"JSON-LD url", ld(`"url":"https://example.com/ld"`), "https://example.com/ld"},
			{"DC.identifier", `<meta name="DC.identifier" content="https://example.com/dc">`, "https://example.com/dc"},
		}},
		{"language", func(m doc.Meta) string { return m.Lang }, []metaSource{
			{"JSON-LD inLanguage", ld(`"inLanguage":"de"`), "de"},
			{"og:locale", `<meta property="og:locale" content="fr_FR">`, "fr-FR"},
			{"DC.language", `<meta name="DC.language" content="es">`, "es"},
			{"html lang", `<!--lang-->`, "it"},
		}},
	}
	for _, f := range fields {
		for i, src := range f.sources {
			t.Run(f.field+" from "+src.name, func(t *testing.T) {
				var head strings.Builder
				htmlTag := "<html>"
				for _, s := range f.sources[i:] {
					if s.head == "<!--lang-->" {
						htmlTag = `<html lang="it">`
						continue
					}
					head.WriteString(s.head + "\n")
				}
				d, _ := read(t, strings.Replace(page(head.String(), filler), "<html>", htmlTag, 1), Options{})
				want(t, f.field, f.get(d.Meta), src.value)
			})
		}
	}
}

func TestBreadcrumbs(t *testing.T) {
	tests := []struct {
		name, head, body string
		section          string
		tags             []string
	}{
		{"nav aria-label=breadcrumb: Home dropped, a section kind is the section, the rest tags",
			``, `<nav aria-label="Breadcrumb"><ol><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/news/ports">Ports</a></li><li aria-current="page">Harbour dredging plan splits the fishing fleet of the town</li></ol></nav>`,
			"News", []string{"Ports"}},
		{"a breadcrumb class with separators in the text",
			``, `<div class="c-breadcrumbs"><a href="/">Home</a> › <a href="/water">Water</a> › <a href="/water/rivers">Rivers</a></div>`,
			"", []string{"Water", "Rivers"}},
		{"schema.org BreadcrumbList in JSON-LD, in position order",
			`<script type="application/ld+json">{"@context":"https://schema.org","@type":"BreadcrumbList","itemListElement":[
			{"@type":"ListItem","position":2,"name":"Analysis","item":"https://x/a"},{"@type":"ListItem","position":1,"name":"Home","item":"https://x/"},
			{"@type":"ListItem","position":3,"item":{"@id":"https://x/a/asia","name":"Central Asia"}}]}</script>`, ``,
			"Analysis", []string{"Central Asia"}},
		{"breadcrumb tags join the page's tags; a section from the tags wins",
			`<meta property="article:section" content="Local News"><meta property="article:tag" content="Fishing">`,
			`<nav class="breadcrumb"><a href="/">Home</a> › <a href="/news/">News</a> › <a href="/news/local/">Local News</a> › <a href="/t/boats">Boats</a></nav>`,
			"Local News", []string{"Fishing", "Boats"}},
		{"the trail's last item repeating the headline is no tag",
			`<meta property="og:title" content="Quay repairs finished">`,
			`<ol class="breadcrumb"><li class="breadcrumb-item">Home</li><li class="breadcrumb-item">Harbour</li><li class="breadcrumb-item">Quay repairs finished</li></ol>`,
			"", []string{"Harbour"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, _ := read(t, page(tt.head, tt.body+filler), Options{})
			want(t, "section", d.Meta.Section, tt.section)
			want(t, "tags", d.Meta.Tags, tt.tags)
			if strings.Contains(render(d.Blocks), "Home") {
				t.Errorf("breadcrumb text in the body:\n%s", render(d.Blocks))
			}
		})
	}
}

func TestTitleSources(t *testing.T) {
	tests := []struct {
		name, head, body, title string
	}{
		{"one property attribute naming several properties",
			`<title>Title element</title><meta property="x:title og:title" content="Space-separated title">`, ``, "Space-separated title"},
		{"dc:title written with a colon",
			`<title>Title element</title><meta property="dc:title" content="Colon title">`, ``, "Colon title"},
		{"parsely-title",
			`<meta name="parsely-title" content="Parsely title">`, ``, "Parsely title"},
		{"JSON-LD name that the <title> says, over a headline that is a description",
			`<title>New Zealand - Encyclopaedia</title><script type="application/ld+json">{"@type":"Article","name":"New Zealand","headline":"island country in the south-west Pacific"}</script>`, ``, "New Zealand"},
		{"JSON-LD headline that the <title> says, over a name that is the site's",
			`<title>Ferry timetable cut for the winter | Gazette.cz</title><script type="application/ld+json">{"@type":"Article","name":"Gazette.cz","headline":"Ferry timetable cut for the winter"}</script>`, ``, "Ferry timetable cut for the winter"},
		{"an h1 linking to the home page is the site's name, not the headline",
			`<title>Standalone binaries for the web · Engine</title>`,
			`<header><h1><a href="/">Engine</a></h1></header><article><h1>Standalone binaries for the web</h1>`, "Standalone binaries for the web"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, _ := read(t, page(tt.head, tt.body+filler), Options{})
			want(t, "title", d.Meta.Title, tt.title)
		})
	}
}

// TestDateNearHeadline: with no date in the page's metadata, the date
// printed by the headline is taken, an "Updated" one as the update; a
// date in a sentence of the body, or one that metadata already gives, is
// not.
func TestDateNearHeadline(t *testing.T) {
	body := func(top string) string {
		return "<article><h1>Water talks resume</h1>" + top + filler + filler + "</article>"
	}
	tests := []struct {
		name, head, body, date, updated string
	}{
		{"a German date line under the headline", "", body(`<p class="meta">Veröffentlicht am 5. März 2024 von Anna Roe</p>`), "2024-03-05", ""},
		{"an Updated label in its own element", "", body(`<p><span>Updated</span> <span>August 9, 2023</span></p>`), "", "2023-08-09"},
		{"a date in a sentence of the body", "", body(`<p>On March 5, 2024, the committee met for the first time since the crisis began.</p>`), "", ""},
		{"metadata wins over the text", `<meta property="article:published_time" content="2022-01-02">`, body(`<p>5. März 2024</p>`), "2022-01-02", ""},
		{"by the h1 that says the title, not a skip link's", "",
			`<h1 class="navSkip"><a href="#main">Zum Inhalt</a></h1>` + strings.Repeat(filler, 14) + body(`<p>Bonn, 11.10.2021</p>`), "2021-10-11", ""},
		{"a two-digit year in a short line", "", body(`<p>28.01.22 / 0 Kommentare</p>`), "2022-01-28", ""},
		{"a two-digit year in a sentence", "", body(`<p>Version 2.01.22 was released and the committee met again to settle the remaining details of the text.</p>`), "", ""},
		{"a paragraph that opens with its date", "",
			body(`<p>Pressemitteilung vom 25. Januar 2022 | Berlin – Die künftige Zusammenarbeit mit dem Programm soll enger werden, sagte die Ministerin am Dienstag nach dem Treffen in Berlin.</p>`), "2022-01-25", ""},
		{"no h1, the h2 that says the title", "",
			`<h2>Archiv</h2>` + strings.Repeat(filler, 14) + `<article><h2>Water talks resume</h2><p>Anna Roe / 22.04.2020 / 06:15</p>` + filler + `</article>`, "2020-04-22", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, _ := read(t, "<!DOCTYPE html><html><head><title>Water talks resume</title>"+tt.head+"</head><body>"+tt.body+"</body></html>", Options{})
			want(t, "date", d.Meta.Date, tt.date)
			want(t, "updated", d.Meta.Updated, tt.updated)
		})
	}
}

// TestTextNames reads names from byline elements and author links as
// pages print them.
func TestTextNames(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Jane Roe", []string{"Jane Roe"}},
		{"By Jane Roe and John Doe", []string{"Jane Roe", "John Doe"}},
		{"Jane Roe, 07 Dezember 2022", []string{"Jane Roe"}},
		{"VON JANE ROE am 21. April 2020", []string{"JANE ROE"}},
		{"Posted on September 21, 2020 by Adi Roe", []string{"Adi Roe"}},
		{"Zeige alle Beiträge von Simon Roe →", []string{"Simon Roe"}},
		{"Auteur: Anna Roe", []string{"Anna Roe"}},
		{"Author: Bo2man", []string{"Bo2man"}},
		{"Posted", nil},
		{"Von -", nil},
		{"Last Updated: January 7, 2025", nil},
		{"von eseppelt · 31. Oktober 2023", []string{"eseppelt"}}, // the date vouches for a handle
	}
	for _, tt := range tests {
		if got := textNames(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("textNames(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestWebPageLDDate: a JSON-LD graph with no article object dates its
// WebPage (as WordPress's SEO plugins write it); that date counts, after
// an article's and before the text's.
func TestWebPageLDDate(t *testing.T) {
	graph := `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[` +
		`{"@type":"WebSite","name":"Example"},` +
		`{"@type":"WebPage","name":"Water talks resume","datePublished":"2014-03-17T01:44:37+00:00","dateModified":"2018-09-16T06:34:00+00:00"}]}</script>`
	d, _ := read(t, page(graph, "<h1>Water talks resume</h1><p>5. März 2024</p>"+filler), Options{})
	want(t, "date", d.Meta.Date, "2014-03-17T01:44:37Z")
	want(t, "updated", d.Meta.Updated, "2018-09-16T06:34:00Z")
}

func TestURLDate(t *testing.T) {
	for in, want := range map[string]string{
		"https://example.com/news/2021/11/01/water-talks/": "2021-11-01",
		"https://example.com/2021-11-01-water-talks":       "2021-11-01",
		"https://www.example.se/20200428/tattoo/":          "2020-04-28",
		"https://example.com/20201340/x":                   "",
		"https://example.com/2021/1101/x":                  "",
		"https://example.com/2021/13/01/x":                 "",
		"https://example.com/2021/11-01/x":                 "",
		"https://example.com/article/12345":                "",
	} {
		if got := urlDate(in); got != want {
			t.Errorf("urlDate(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestBylineNearHeadline: with no author in the metadata and no element
// marked as the byline, a byline printed by the headline names the
// authors, even split across elements; a sentence of the body does not.
func TestBylineNearHeadline(t *testing.T) {
	tests := []struct {
		name, top string
		want      []string
	}{
		{"split across a link", `<p>Von <a href="/autor/anna">Anna Roe</a> | 5. März 2024</p>`, []string{"Anna Roe"}},
		{"English with a date", `<div><span>By Jane Roe and John Doe</span> <span>March 5, 2024</span></div>`, []string{"Jane Roe", "John Doe"}},
		{"a sentence is no byline", `<p>By the end of the week the talks had stalled again, officials said.</p>`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, _ := read(t, "<!DOCTYPE html><html><head><title>Water talks resume</title></head><body><article><h1>Water talks resume</h1>"+
				tt.top+filler+filler+"</article></body></html>", Options{})
			want(t, "authors", d.Meta.Authors, tt.want)
		})
	}
}

// TestShownAndLabelledDate: with no date in the metadata and none by the
// headline, the page's date is the one an element's class, id or itemprop
// marks as a date, else one a label names ("Datum:", "Stand"); a
// teaser's or a comment's date is another post's, and a date in a
// sentence is not labelled.
func TestShownAndLabelledDate(t *testing.T) {
	// far pushes what follows it beyond the runs read by the headline.
	far := strings.Repeat(filler, 14)
	tests := []struct {
		name, head, body, date, updated string
	}{
		{"a span marked as the date", "", far + `<div class="post-info"><span class="post-date">28.01.22</span></div>`, "2022-01-28", ""},
		{"itemprop datePublished printed", "", far + `<span itemprop="datePublished">May 19, 2020</span>`, "2020-05-19", ""},
		{"written, then updated, in one element", "", far + `<p class="date">Written: 2023-11-07 15:03 / Updated: 2023-11-08 09:00</p>`, "2023-11-07", ""},
		{"marked as a change", "", far + `<div class="last-updated">Updated June 13, 2019</div>`, "", "2019-06-13"},
		{"a teaser's date", "", far + `<div class="teaser"><span class="date">04.11.2021</span></div>`, "", ""},
		{"a comment's date", "", far + `<ol class="comment-list"><li><span class="comment-date">02.12.2022</span></li></ol>`, "", ""},
		{"today's date in the site's header", "", `<div class="td-header-wrap"><div class="td_data_time">Tuesday, 03 May 2022</div></div>` + far +
			`<span class="post-date">28.01.22</span>`, "2022-01-28", ""},
		{"a labelled date in a list", "", far + `<ul class="info"><li><span>Datum:</span>26. Januar 2022</li></ul>`, "2022-01-26", ""},
		{"labels split by line breaks", "", far + `<p>Letzte Änderung: 31.10.2023<br>Erschienen am: 01.11.2023</p>`, "2023-11-01", "2023-10-31"},
		{"a byline that prints the date", "", far + `<div class="left author">Author: <a href="/u/58"><b>Jan Roe</b></a> am 29.12.2010, 13:36 Uhr</div>`, "2010-12-29", ""},
		{"a weekday after the label", "", far + `<p>Stand: Montag, 7. März 2022</p>`, "2022-03-07", ""},
		{"a date later in a sentence", "", far + `<p>Datum der Sitzung war der 7. März 2022</p>`, "", ""},
		{"the metadata's update, the printed date", `<meta property="og:updated_time" content="2022-01-28T11:05:37+01:00">`,
			far + `<p><strong class="label">Datum</strong> <span class="value">25.01.2022</span></p>`, "2022-01-25", "2022-01-28T11:05:37+01:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, _ := read(t, "<!DOCTYPE html><html><head><title>Water talks resume</title>"+tt.head+"</head><body><article><h1>Water talks resume</h1>"+
				tt.body+"</article></body></html>", Options{})
			want(t, "date", d.Meta.Date, tt.date)
			want(t, "updated", d.Meta.Updated, tt.updated)
		})
	}
}

// TestPrintedLocalDay: a metadata time in UTC gives way to the day the page
// prints by the headline when a zone could make that day of it; a time
// with its own zone, or a printed day no zone reaches, leaves it.
func TestPrintedLocalDay(t *testing.T) {
	tests := []struct{ name, meta, printed, date string }{
		{"evening in the Americas", "2022-05-04T00:53:29Z", "3 de mayo de 2022", "2022-05-03"},
		{"after midnight in Europe", "2019-10-18T22:04:00Z", "19. Oktober 2019 00:04 Uhr", "2019-10-19"},
		{"the same day", "2022-05-04T10:00:00Z", "4 May 2022", "2022-05-04T10:00:00Z"},
		{"a time with its zone", "2022-05-04T00:53:29-03:00", "3 May 2022", "2022-05-04T00:53:29-03:00"},
		{"the day before, out of reach at 20:00", "2022-05-04T20:00:00Z", "3 May 2022", "2022-05-04T20:00:00Z"},
		{"the day after, out of reach at 03:00", "2022-05-04T03:00:00Z", "5 May 2022", "2022-05-04T03:00:00Z"},
		{"two days apart", "2022-05-04T00:53:29Z", "2 May 2022", "2022-05-04T00:53:29Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			head := `<meta property="article:published_time" content="` + tt.meta + `">`
			d, _ := read(t, page(head, `<h1>Water talks resume</h1><p class="meta">`+tt.printed+`</p>`+filler), Options{})
			want(t, "date", d.Meta.Date, tt.date)
		})
	}
}

// TestPrintedDayCorrectsUTC: where the page prints its day only with
// slashes, the reading that lies within a zone of the metadata's UTC time
// wins; where it prints none, the day its address files it under does.
func TestPrintedDayCorrectsUTC(t *testing.T) {
	tests := []struct{ name, head, body, date string }{
		{"day/month", `<meta property="article:published_time" content="2022-05-04T00:44:52Z">`,
			`<ul class="wgt-date"><li>Brasília</li><li>03/05/2022 21:44</li></ul>`, "2022-05-03"},
		{"month/day", `<meta property="article:published_time" content="2023-11-09T02:00:00Z">`,
			`<span class="date">11/08/2023</span>`, "2023-11-08"},
		{"neither reading near", `<meta property="article:published_time" content="2023-11-09T02:00:00Z">`,
			`<span class="date">01/02/2023</span>`, "2023-11-09T02:00:00Z"},
		{"the address", `<meta property="article:published_time" content="2023-11-09T05:30:59Z"><link rel="canonical" href="https://news.example/2023/11/08/mayor/">`,
			``, "2023-11-08"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, _ := read(t, page(tt.head, `<h1>Water talks resume</h1>`+tt.body+filler), Options{})
			want(t, "date", d.Meta.Date, tt.date)
		})
	}
}

// TestDateByTheRealHeadline: the date by the headline is found where the
// page sets it: below an h2 that says the title when the only h1 is the
// site's name, inside the headline's element in a <small>, and in a
// post whose <body> has a layout class naming sidebars.
func TestDateByTheRealHeadline(t *testing.T) {
	var menu strings.Builder
	for i := range 14 {
		fmt.Fprintf(&menu, `<li><a href="/s%d">Section %d</a></li>`, i, i)
	}
	tests := []struct{ name, doc string }{
		{"an h2 under the site's h1", `<!DOCTYPE html><html><head><title>Water talks resume</title></head><body>` +
			`<h1><a href="/"></a><i>Example Mag</i></h1><ul>` + menu.String() + `</ul>` +
			`<article><h2>Water talks resume</h2><p>Von Anna Roe</p><p>27.1.2022 - Die Gespräche über das Wasser des Flusses beginnen wieder, nachdem sie im Herbst zweimal gestockt hatten.</p>` +
			filler + `</article></body></html>`},
		{"small inside the h1", `<!DOCTYPE html><html><head><title>Water talks resume</title></head><body><article>` +
			`<h1>Water talks resume<br><small>27.01.2022</small></h1>` + filler + `</article></body></html>`},
		{"a body class naming sidebars", `<!DOCTYPE html><html><head><title>Water talks resume</title></head><body class="not-front no-sidebars">` +
			`<article><h1>Water talks resume</h1>` + strings.Repeat(filler, 14) + `<div class="meta-date">27.01.2022</div></article></body></html>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, _ := read(t, tt.doc, Options{})
			want(t, "date", d.Meta.Date, "2022-01-27")
		})
	}
}

// TestISODateMalformedTime: a machine-readable date whose time is
// malformed still gives its day; one that is no date gives none.
func TestISODateMalformedTime(t *testing.T) {
	for in, want := range map[string]string{
		"2022-01-10T22:06:08:684Z": "2022-01-10",
		"2022-05-05T22:12:00 UTC":  "2022-05-05",
		"2022-05-04-0305:49:00":    "2022-05-04",
		"2022-13-04T10:00":         "",
		"2022-05":                  "",
	} {
		if got := isoDate(in); got != want {
			t.Errorf("isoDate(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestAnyLDDate: a page whose JSON-LD has neither an article nor a page
// object dates itself by the first object that has a datePublished (a
// how-to, a recipe), malformed time and all.
func TestAnyLDDate(t *testing.T) {
	howto := `<script type="application/ld+json">{"@context":"https://schema.org","@type":"HowTo","name":"Round tablecloth",` +
		`"author":{"@type":"Person","name":"robert"},"datePublished":"2022-01-10T22:06:08:684Z"}</script>`
	d, _ := read(t, page(howto, "<h1>Round tablecloth</h1>"+filler), Options{})
	want(t, "date", d.Meta.Date, "2022-01-10")
}

// TestPlaceholderAuthor: a CMS's placeholder in the author field is no
// author; the next source names one.
func TestPlaceholderAuthor(t *testing.T) {
	head := `<meta name="author" content="publisher">`
	d, _ := read(t, page(head, `<h1>Water talks resume</h1><p class="byline">By Jane Roe</p>`+filler), Options{})
	want(t, "authors", d.Meta.Authors, []string{"Jane Roe"})
	d, _ = read(t, page(head, "<h1>Water talks resume</h1>"+filler), Options{})
	want(t, "authors", d.Meta.Authors, []string(nil))
}

// TestSiteAsAuthor: an author field that names the site (its publisher,
// its address, a web address) gives way to a byline that names the
// writer, and stands where nothing else names anyone (a personal site);
// a count printed by the name's place is no name.
func TestSiteAsAuthor(t *testing.T) {
	tests := []struct {
		name, head, body string
		authors          []string
	}{
		{"the publisher's name", `<meta property="og:site_name" content="Courier Weekly"><meta name="author" content="Courier Weekly">`,
			`<p class="byline">By Jane Roe</p>`, []string{"Jane Roe"}},
		{"the site's address", `<link rel="canonical" href="https://www.courier.example/a/1"><meta name="author" content="courier.example">`,
			`<p class="byline">By Jane Roe</p>`, []string{"Jane Roe"}},
		{"a web address", `<meta name="author" content="Courier.de">`, `<p class="byline">By Jane Roe</p>`, []string{"Jane Roe"}},
		{"a personal site", `<meta property="og:site_name" content="Jane Roe"><meta name="author" content="Jane Roe">`, ``, []string{"Jane Roe"}},
		{"the site's name with a date glued on", `<meta property="og:site_name" content="The Quiet Field">` + ld(`"author":{"@type":"Person","name":"The Quiet Field"}`),
			`<p class="byline">The Quiet FieldOct 19</p>`, []string{"The Quiet Field"}},
		{"a counter", `<meta name="author" content="Views(23925)">`, `<p class="byline">By Jane Roe</p>`, []string{"Jane Roe"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, _ := read(t, page(tt.head, `<h1>Water talks resume</h1>`+tt.body+filler), Options{})
			want(t, "authors", d.Meta.Authors, tt.authors)
		})
	}
}

// TestTagFacets: a CMS's facets among the keywords are no tags; a list of
// mostly facets gives way to the next source; one "Label: value" topic
// stays.
func TestTagFacets(t *testing.T) {
	facets := `"Day: Wednesday, Time: 20.00, Page Type: Article, Long, Partner: Factiva"`
	d, _ := read(t, page(ld(`"keywords":`+facets)+`<meta property="article:tag" content="Gaza">`, "<h1>Water talks resume</h1>"+filler), Options{})
	want(t, "tags", d.Meta.Tags, []string{"Gaza"})
	d, _ = read(t, page(ld(`"keywords":"Rivers, Treaties, Dams, Subject: World, Day: Monday, Partner: Wire"`), "<h1>Water talks resume</h1>"+filler), Options{})
	want(t, "tags", d.Meta.Tags, []string{"Rivers", "Treaties", "Dams"})
	d, _ = read(t, page(ld(`"keywords":"Star Wars: The Last Jedi, Cinema"`), "<h1>Water talks resume</h1>"+filler), Options{})
	want(t, "tags", d.Meta.Tags, []string{"Star Wars: The Last Jedi", "Cinema"})
}

// TestPeople: what a byline element or an author field holds besides the
// names goes, and a list with no name left asks the next source.
func TestPeople(t *testing.T) {
	for _, tt := range []struct {
		in, want []string
	}{
		{[]string{"Auteur: Anna Roe"}, []string{"Anna Roe"}},
		{[]string{"Johanna Roe Alle Artikel"}, []string{"Johanna Roe"}},
		{[]string{"T. V. Roe", "View my complete profile"}, []string{"T. V. Roe"}},
		{[]string{"Bob Roe", "weiter", "Weitere Artikel"}, []string{"Bob Roe"}},
		{[]string{"Houzz Roe", "vor 5 Stunden", "Mehr"}, []string{"Houzz Roe"}},
		{[]string{"By"}, nil},
		{[]string{"Publiziert am"}, nil},
		{[]string{"publisher"}, nil},
	} {
		if got := people(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("people(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// A sidebar written as <div role="complementary"> is beside the post like
// an <aside>: the authors it lists to follow are not the byline.
func TestNoBylineFromASidebarRole(t *testing.T) {
	src := "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Harbour bridge reopens</title></head>\n<body>\n" +
		"<div id=\"main\"><article><h1>Harbour bridge reopens</h1>\n" + filler + filler + filler + "</article></div>\n" +
		`<div id="Aside" role="complementary"><ul><li class="author-follow"><a href="/jane-roe/">Jane Roe</a>` +
		`<ul><li><a href="/news/budget">City council votes on next year's budget</a></li></ul></li></ul></div>` + "\n</body></html>\n"
	d, _ := read(t, src, Options{})
	if len(d.Meta.Authors) != 0 {
		t.Errorf("authors %q, want none", d.Meta.Authors)
	}
}
