package webpage

import (
	"strings"
	"testing"
)

// related is a long stretch of prose outside the article, so the article
// is a minority of the page's text.
var related = `<ul class="more">` + strings.Repeat(`<li><a href="/x">Another story entirely, about the ferry timetable for the winter months and the fares</a></li>`, 30) + `</ul>`

func TestSafetyNet(t *testing.T) {
	tests := []struct {
		name, body string
		suspect    bool // a content-suspect warning
		keeps      []string
	}{
		{"a story wrapped in an element named like a share bar is kept whole",
			`<main><div id="gigya-share-btns-2_gig_containerParent" class="text-wrapper">` + filler + filler + `</div></main>` + related,
			false, []string{"Officials in the region", "Farmers downstream"}},
		{"paragraphs classed paywall are the article",
			`<main><article>` + strings.ReplaceAll(filler, "<p>", `<p class="paywall">`) + `</article></main>`,
			false, []string{"Officials in the region", "Farmers downstream"}},
		{"every paragraph in a promo box: the rules would keep nothing, so the article is read unfiltered",
			`<main><article><h1>Talks resume</h1>` + strings.ReplaceAll(strings.ReplaceAll(filler, "<p>", `<div class="promo-box"><p>`), "</p>", "</p></div>") + `</article></main>`,
			true, []string{"Officials in the region", "The talks had stalled", "Farmers downstream"}},
		{"only furniture-named prose on the page: the whole body rather than nothing",
			`<aside><p>` + strings.Repeat("The harbour board met on Tuesday and agreed the dredging plan for the inner quay. ", 3) + `</p></aside>`,
			true, []string{"The harbour board met on Tuesday"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "<!DOCTYPE html>\n<html><head><title>Talks resume</title></head>\n<body>\n" + tt.body + "\n</body></html>\n"
			d, ws := read(t, src, Options{})
			got := render(d.Blocks)
			for _, k := range tt.keeps {
				if !strings.Contains(got, k) {
					t.Errorf("%q not kept:\n%s", k, got)
				}
			}
			var suspect []string
			for _, w := range ws {
				if w.Code == "content-suspect" {
					suspect = append(suspect, w.Message)
				}
			}
			if tt.suspect != (len(suspect) == 1) {
				t.Errorf("content-suspect warnings %q, want %v", suspect, tt.suspect)
			}
			for _, m := range suspect {
				if !strings.Contains(m, "left out") || !strings.Contains(m, "kept") {
					t.Errorf("warning %q does not say what was kept and left out", m)
				}
			}
		})
	}
}

// TestLeadFigureWithoutArticleElement: a page with no <article> or <main>
// has its lead figure between the headline and the text; a figure above
// the headline (the site's) is not taken.
func TestLeadFigureWithoutArticleElement(t *testing.T) {
	src := "<!DOCTYPE html><html><head><title>Headline</title></head><body>" +
		`<div class="masthead"><figure><img src="p_files/logo.png" alt="The Ledger"></figure></div>` +
		`<h1>Headline</h1><figure><img src="p_files/gone.jpg" alt="Gauge"><figcaption>The old gauge.</figcaption>` +
		`<small class="credit">Photo: Mara Quint</small></figure><div class="text">` + filler + filler + `</div></body></html>`
	d, _ := read(t, src, Options{})
	want := `figure src="p_files/gone.jpg" alt="Gauge" caption="The old gauge." credit="Mara Quint"`
	if got := render(d.Blocks); !strings.HasPrefix(got, want+"\n") {
		t.Errorf("lead figure:\n%s\nwant first line:\n%s", got, want)
	}
}

func TestLeadFigureCreditBesideTheFigure(t *testing.T) {
	tests := []struct {
		name, header, want string
	}{
		{"a Photo: line between the figure and the body",
			`<figure><img src="p_files/lead.jpg" alt="Lead"></figure><p class="meta">Photo: A. Photographer</p>`,
			`figure src="p_files/lead.jpg" alt="Lead" caption="" credit="A. Photographer"`},
		{"a credit element and a caption element beside the figure",
			`<figure><img src="p_files/lead.jpg" alt="Lead"></figure><div class="image-caption">At the quay.</div><span class="credit">Jane Roe/Agency</span>`,
			`figure src="p_files/lead.jpg" alt="Lead" caption="At the quay." credit="Jane Roe/Agency"`},
		{"a credit inside the figure beside its figcaption",
			`<figure><img src="p_files/gone.jpg" alt="Gauge"><figcaption>The old gauge.</figcaption><small class="credit">Photo: Mara Quint</small></figure>`,
			`figure src="p_files/gone.jpg" alt="Gauge" caption="The old gauge." credit="Mara Quint"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			art := `<header><h1>Headline</h1>` + tt.header + `</header><div class="body">` + filler + filler + `</div>`
			d, _ := read(t, page(``, art), Options{})
			if got := render(d.Blocks); !strings.HasPrefix(got, tt.want+"\n") {
				t.Errorf("lead figure:\n%s\nwant first line:\n%s", got, tt.want)
			}
		})
	}
}
