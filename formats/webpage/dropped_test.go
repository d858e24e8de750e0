package webpage

import (
	"strconv"
	"strings"
	"testing"

	"folio/pipeline/doc"
)

func TestDroppedContentIsReported(t *testing.T) {
	art := "<h1>Water talks resume</h1>\n<p class=\"standfirst\">A deal at last.</p>\n" + filler +
		"<aside class=\"related\">\n<h3>Related stories</h3>\n<ul><li><a href=\"/a\">Dam opens</a></li><li><a href=\"/b\">River low</a></li></ul>\n</aside>\n" +
		filler +
		"<section class=\"comments\">\n<h2>Comments (2)</h2>\n<div class=\"comment\"><p>Great piece, thanks for writing it.</p></div>\n<div class=\"comment\"><p>I disagree with the second half of this.</p></div>\n</section>\n"
	src := page(`<meta property="og:title" content="Water talks resume">`, art)
	d, ws := read(t, src, Options{})
	var got []string
	for _, w := range ws {
		if w.Code == "content-dropped" {
			got = append(got, w.String())
		}
	}
	lines := strings.Split(src, "\n")
	lineOf := func(s string) int {
		for i, l := range lines {
			if strings.Contains(l, s) {
				return i + 1
			}
		}
		return -1
	}
	wantMsgs := []struct {
		line int
		has  []string
	}{
		{lineOf("<h3>Related stories"), []string{"2 list items", `the heading "Related stories"`}},
		{lineOf("<h2>Comments (2)"), []string{"3 paragraphs", `"Comments (2)"`}},
	}
	// The footer's paragraph is left out with the comments: 3 paragraphs.
	if len(got) != len(wantMsgs) {
		t.Fatalf("content-dropped warnings:\n%s", strings.Join(got, "\n"))
	}
	for i, w := range wantMsgs {
		if !strings.HasPrefix(got[i], "in.html:"+strconv.Itoa(w.line)+": ") {
			t.Errorf("warning %d at the wrong line (want %d): %s", i, w.line, got[i])
		}
		for _, h := range w.has {
			if !strings.Contains(got[i], h) {
				t.Errorf("warning %d does not say %s: %s", i, h, got[i])
			}
		}
	}
	// What moved into the metadata (headline, standfirst) is not reported.
	for _, g := range got {
		if strings.Contains(g, "Water talks") || strings.Contains(g, "line "+strconv.Itoa(lineOf("standfirst"))) {
			t.Errorf("metadata reported as dropped: %s", g)
		}
	}
	want(t, "subtitle", d.Meta.Subtitle, "A deal at last.")

	_, ws = read(t, src, Options{KeepBoilerplate: true})
	for _, w := range ws {
		if w.Code == "content-dropped" {
			t.Errorf("--keep-boilerplate still drops: %v", w)
		}
	}
}

func TestKeepBoilerplateKeepsTheWholePage(t *testing.T) {
	src := page(``, filler+`<aside class="related"><h3>Related stories</h3><ul><li>Dam opens</li></ul></aside><div class="newsletter"><p>Sign up for our briefing.</p></div>`)
	d, _ := read(t, src, Options{KeepBoilerplate: true})
	got := render(d.Blocks)
	for _, s := range []string{"Home", "Sport", "Related stories", "Dam opens", "Sign up for our briefing.", "All rights reserved", "Officials in the region"} {
		if !strings.Contains(got, s) {
			t.Errorf("%q missing with --keep-boilerplate:\n%s", s, got)
		}
	}
}

func TestArticleClutterLeavesTheBody(t *testing.T) {
	tests := []struct {
		name, head, article, gone string
	}{
		{"a story-continues-below line", ``, filler + `<p>Story continues below advertisement</p>` + filler, "Story continues"},
		{"a Read more line pointing to another story", ``, filler + `<p><strong>Read more:</strong> <a href="/x">Owners say the route would close their street</a></p>` + filler, "Owners say"},
		{"the section's name as a kicker", `<meta property="article:section" content="Transportation">`, `<p><a href="/t/">Transportation</a></p>` + filler, "Transportation"},
		{"a publication line", ``, `<p>Published Sept. 12, 2024 · Updated Sept. 13, 2024</p>` + filler, "Published"},
		{"a reading time", ``, `<p>6 min de lecture</p>` + filler, "lecture"},
		{"a newsletter box inside the article", ``, filler + `<div class="newsletter-inline"><p>Get the Morning Courier in your inbox.</p></div>` + filler, "Morning Courier"},
		{"a recent-stories list inside the article", ``, filler + `<section class="recent-features"><h2>Recent Features</h2><ul><li>Other story</li></ul></section>`, "Recent Features"},
		{"a German read-also line", ``, filler + `<p>Lesen Sie hier: Spielabbruch in der Kreisliga nach Streit</p>` + filler, "Spielabbruch"},
		{"a Spanish read-also line in plain text", ``, filler + `<p>Le puede interesar: Tres nuevos casos ante el tribunal</p>` + filler, "Tres nuevos casos"},
		{"a comment form's notice", ``, filler + `<p>Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert.</p>` + filler, "E-Mail-Adresse"},
		{"a share row", ``, filler + `<p>Facebook Twitter WhatsApp E-Mail</p>` + filler, "WhatsApp"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, _ := read(t, page(tt.head, tt.article), Options{})
			got := render(d.Blocks)
			if strings.Contains(got, tt.gone) {
				t.Errorf("%q left in the body:\n%s", tt.gone, got)
			}
			if !strings.Contains(got, "Farmers downstream") {
				t.Errorf("article text lost:\n%s", got)
			}
		})
	}
	t.Run("a heading inside the article stays, whatever its words", func(t *testing.T) {
		d, _ := read(t, page(``, filler+`<h2>More ways to customize</h2>`+filler), Options{})
		if !strings.Contains(render(d.Blocks), "More ways to customize") {
			t.Error("a heading inside the article was dropped")
		}
	})
	t.Run("a sentence that starts like a promo line stays", func(t *testing.T) {
		d, _ := read(t, page(``, `<p>Related: the council also voted to extend the night buses, a measure that had been delayed twice before.</p>`+filler), Options{})
		if !strings.Contains(render(d.Blocks), "night buses") {
			t.Error("a real sentence was dropped")
		}
	})
}

func TestAWrapperNamedLikeFurnitureIsNotDropped(t *testing.T) {
	src := page(``, `<div class="content menu-open has-social">`+filler+`</div>`)
	d, _ := read(t, src, Options{})
	if !strings.Contains(render(d.Blocks), "Farmers downstream") {
		t.Errorf("the article inside a furniture-named wrapper was dropped:\n%s", render(d.Blocks))
	}
}

// TestDropFurnitureLines: paragraphs whose words say they are furniture
// go wherever they stand; such a heading goes only after the last
// paragraph of prose.
func TestDropFurnitureLines(t *testing.T) {
	para := func(s string) doc.Block { return &doc.Paragraph{Content: []doc.Inline{&doc.Text{Value: s}}} }
	head := func(s string) doc.Block { return &doc.Heading{Level: 2, Content: []doc.Inline{&doc.Text{Value: s}}} }
	prose := "Farmers downstream watch the gauges and phone their district officials every spring, when the upstream sluices open early and the canals run high."
	bs := []doc.Block{
		para(prose),
		para("Lesen Sie hier: Spielabbruch in der Kreisliga"),
		head("More ways to customize"),
		para(prose),
		head("Siehe auch"),
		para("Eine andere Geschichte aus dem Tal, über den Fluss"),
	}
	var got []string
	for _, b := range dropFurnitureLines(bs) {
		got = append(got, blockText(b))
	}
	want := []string{prose, "More ways to customize", prose, "Eine andere Geschichte aus dem Tal, über den Fluss"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("kept:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
