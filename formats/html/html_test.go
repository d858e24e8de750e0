package html

import (
	"bytes"
	"context"
	"flag"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"folio/internal/checktool"
	"folio/pipeline/doc"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func txt(s string) doc.Inline                   { return &doc.Text{Value: s} }
func para(is ...doc.Inline) *doc.Paragraph      { return &doc.Paragraph{Content: is} }
func em(is ...doc.Inline) *doc.Emph             { return &doc.Emph{Content: is} }
func link(u string, is ...doc.Inline) *doc.Link { return &doc.Link{URL: u, Content: is} }
func h(level int, id, text string) *doc.Heading {
	return &doc.Heading{Level: level, ID: id, Content: []doc.Inline{txt(text)}}
}
func item(bs ...doc.Block) *doc.ListItem { return &doc.ListItem{Blocks: bs} }
func cell(s string) *doc.Cell            { return &doc.Cell{Content: []doc.Inline{txt(s)}} }

// chart is a small PNG drawn in code, so the test owns its image.
func chart(t *testing.T) *doc.Resource {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 240, 120))
	heights := []int{30, 55, 42, 80, 96, 70}
	for x := 0; x < 240; x++ {
		for y := 0; y < 120; y++ {
			c := color.RGBA{0xf4, 0xf1, 0xe9, 0xff}
			if bar := x / 40; x%40 > 6 && 120-y < heights[bar] {
				c = color.RGBA{0x9b, 0x29, 0x15, 0xff}
			}
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return &doc.Resource{Name: "img-chart.png", MediaType: "image/png", Width: 240, Height: 120, Data: b.Bytes()}
}

// feature is an English article with every kind of block, as normalize
// leaves it.
func feature(t *testing.T) *doc.Document {
	notes := []*doc.Note{
		{Label: "ports", Number: 1, ID: "fn-1", Blocks: []doc.Block{para(txt("Figures from the port authority’s March bulletin."))}},
		{Label: "quote", Number: 2, ID: "fn-2", Blocks: []doc.Block{para(txt("Interview in Odesa, 14 March."))}},
	}
	return &doc.Document{
		Meta: doc.Meta{
			Title: "Grain corridor holds — for now", Subtitle: "Ships keep moving through the Black Sea, but insurers are nervous and the numbers are thin",
			Authors: []string{"Olena Kovalenko", "Yusuf Haddad"}, Date: "2024-03-18", Updated: "2024-03-19T08:30:00Z",
			Lang: "en", Source: "https://www.example.org/news/grain-corridor", Publisher: "Example Wire", Section: "Economy",
			Tags: []string{"Ukraine", "shipping", "food security"}, Summary: "A briefing on the Black Sea grain corridor.",
			Rights: "© 2024 Example Wire. Written for Folio’s tests.",
		},
		Blocks: []doc.Block{
			para(txt("Loaded bulk carriers left "), em(txt("Chornomorsk")), txt(" on Monday, the port’s busiest day since January, officials said"),
				&doc.NoteRef{Label: "ports", Number: 1, ID: "fnref-1"}, txt(". “We are working at the edge of what insurance allows,” said Андрій Шевченко, a shipping agent.")),
			h(2, "what-moved", "What moved"),
			para(txt("Exports by cargo, in thousands of tonnes:")),
			&doc.Table{Align: []doc.Align{doc.AlignLeft, doc.AlignRight, doc.AlignRight},
				Header: []*doc.Row{{Cells: []*doc.Cell{cell("Cargo"), cell("February"), cell("March")}}},
				Body: []*doc.Row{{Cells: []*doc.Cell{cell("Wheat"), cell("1,840"), cell("2,115")}},
					{Cells: []*doc.Cell{cell("Maize"), cell("2,310"), cell("2,004")}},
					{Cells: []*doc.Cell{cell("Sunflower oil"), cell("412"), cell("455")}}}},
			&doc.Figure{Src: "chart.png", Ref: "img-chart.png", Alt: "Bar chart of weekly sailings", Caption: []doc.Inline{txt("Weekly sailings, six weeks to 17 March.")}, Credit: "Example Wire"},
			h(2, "the-risks", "The risks"),
			&doc.List{Tight: true, Items: []*doc.ListItem{
				item(para(txt("war-risk premiums up to 1% of hull value;"))),
				item(para(txt("mines drifting south of the corridor;"))),
				item(para(txt("a fragile understanding with Ankara.")))}},
			&doc.BlockQuote{Blocks: []doc.Block{para(txt("The corridor is a habit now, not a deal. Habits break quietly."))}},
			para(txt("— a Lloyd’s underwriter, speaking to "), link("https://example.org/interview", txt("Example Wire")), &doc.NoteRef{Label: "quote", Number: 2, ID: "fnref-2"}, txt(".")),
			h(3, "checklist", "What to watch"),
			&doc.List{Tight: true, Items: []*doc.ListItem{
				{Task: true, Checked: true, Blocks: []doc.Block{para(txt("insurance rates published weekly"))}},
				{Task: true, Blocks: []doc.Block{para(txt("a statement from Ankara"))}}}},
			&doc.DefinitionList{Items: []*doc.DefItem{{Term: []doc.Inline{txt("War-risk premium")}, Definitions: [][]doc.Block{{para(txt("Extra insurance for ships entering a war zone."))}}}}},
			&doc.CodeBlock{Language: "text", Text: "route: Odesa → Bosporus (≈ 650 km)\nescort: none\n"},
			&doc.ThematicBreak{},
			para(txt("Names as written: Андрій Шевченко, "), &doc.Text{Value: "يوسف حداد"}, txt(". A link that must stay text: "), link("javascript:alert(1)", txt("click")), txt(".")),
		},
		Notes: notes,
		TOC: []*doc.TOCEntry{{Level: 2, ID: "what-moved", Title: "What moved"},
			{Level: 2, ID: "the-risks", Title: "The risks", Children: []*doc.TOCEntry{{Level: 3, ID: "checklist", Title: "What to watch"}}}},
		Resources: []*doc.Resource{chart(t)},
	}
}

// arabic is a right-to-left article with a Latin quote and a table.
func arabic() *doc.Document {
	return &doc.Document{
		Meta: doc.Meta{Title: "الممر البحري يصمد", Subtitle: "السفن تواصل العبور رغم المخاوف", Authors: []string{"ليلى منصور"},
			Date: "2024-03-18", Lang: "ar", Source: "https://example.org/ar/corridor", Tags: []string{"شحن", "Ukraine"}},
		Blocks: []doc.Block{
			para(txt("قال المسؤولون إن السفن غادرت ميناء أوديسا يوم الاثنين.")),
			h(2, "s1", "الأرقام"),
			&doc.Table{Align: []doc.Align{doc.AlignDefault, doc.AlignRight},
				Header: []*doc.Row{{Cells: []*doc.Cell{cell("الشحنة"), cell("آذار")}}},
				Body:   []*doc.Row{{Cells: []*doc.Cell{cell("القمح"), cell("2,115")}}}},
			&doc.BlockQuote{Blocks: []doc.Block{para(txt("“The corridor is a habit now, not a deal.”"))}},
			&doc.Figure{Caption: []doc.Inline{txt("صورة غير متاحة")}, Credit: "رويترز"},
		},
		TOC: []*doc.TOCEntry{{Level: 2, ID: "s1", Title: "الأرقام"}},
	}
}

// hostile carries attacks in metadata and body.
func hostile() *doc.Document {
	return &doc.Document{
		Meta: doc.Meta{Title: "</title><script>alert(1)</script> & ]]> \u202E", Subtitle: `"><img src=x onerror=alert(1)>`,
			Authors: []string{"<b>Eve</b>"}, Lang: "en", Source: "javascript:alert(1)", Tags: []string{"<script>"}, Date: "not a date\x01",
			Summary: "\x00\x0b\ufffe"},
		Blocks: []doc.Block{
			&doc.RawBlock{Format: "html", Text: "<script>alert(1)</script>", Pos: doc.Pos{File: "h.md", Line: 3}},
			para(link("JaVaScRiPt:alert(1)", txt("a")), txt(" "), link("java\tscript:x", txt("b")), txt(" "),
				&doc.Image{Src: "https://tracker.example/p.gif", Alt: `x" onerror="alert(1)`}, txt(" \x1b\uffff ok")),
			&doc.Figure{Src: "../../etc/passwd", Alt: "secret", Caption: []doc.Inline{txt("refused image")}},
		},
	}
}

func minimal() *doc.Document {
	return &doc.Document{Meta: doc.Meta{Title: "A note", Lang: "en"}, Blocks: []doc.Block{para(txt("Just one paragraph."))}}
}

func write(t *testing.T, opts Options, d *doc.Document) (string, []doc.Warning) {
	t.Helper()
	var c doc.Collector
	var b bytes.Buffer
	if err := New(opts).Write(doc.WithWarn(context.Background(), c.Add), d, &b); err != nil {
		t.Fatal(err)
	}
	return b.String(), c.Warnings()
}

type golden struct {
	name string
	opts Options
	doc  func(*testing.T) *doc.Document
}

func goldens() []golden {
	return []golden{
		{"feature.html", Options{}, feature},
		{"arabic.html", Options{}, func(*testing.T) *doc.Document { return arabic() }},
		{"hostile.html", Options{}, func(*testing.T) *doc.Document { return hostile() }},
		{"minimal.html", Options{}, func(*testing.T) *doc.Document { return minimal() }},
		{"feature.frag.html", Options{Fragment: true}, feature},
		{"repeated-image.html", Options{}, repeatedImage},
		{"cover-in-body.html", Options{}, coverInBody},
	}
}

func TestGolden(t *testing.T) {
	for _, g := range goldens() {
		t.Run(g.name, func(t *testing.T) {
			got, _ := write(t, g.opts, g.doc(t))
			path := filepath.Join("testdata", g.name)
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from the golden file; run go test -update and review the diff", g.name)
			}
		})
	}
}

// TestGoldenPagesValidate runs the Nu HTML checker over every golden page
// in testdata (fragments wrapped in a minimal page): zero errors.
func TestGoldenPagesValidate(t *testing.T) {
	checktool.Need(t, checktool.VNU)
	dir := t.TempDir()
	pages, _ := filepath.Glob(filepath.Join("testdata", "*.html"))
	if len(pages) < len(goldens()) {
		t.Fatalf("only %d golden pages in testdata (run go test -update)", len(pages))
	}
	var files []string
	for _, page := range pages {
		b, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(page, ".frag.html") {
			b = []byte("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>fragment</title></head><body>\n" + string(b) + "</body></html>\n")
		}
		p := filepath.Join(dir, filepath.Base(page))
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	out, err := checktool.Run(t, checktool.VNU, append([]string{"--errors-only", "--format", "text"}, files...)...)
	if err != nil || strings.Contains(out, "Error:") || !strings.Contains(out, "No errors found") {
		t.Errorf("Nu HTML checker reports errors (%v):\n%s", err, out)
	}
}

var externalRef = regexp.MustCompile(`(?i)(src\s*=\s*["']?\s*(https?:)?//|<link\b|@import|url\(\s*["']?\s*(https?:)?//|<script)`)

func TestPagesMakeNoRequests(t *testing.T) {
	for _, g := range goldens() {
		got, _ := write(t, g.opts, g.doc(t))
		if m := externalRef.FindString(got); m != "" {
			t.Errorf("%s: %q would make a request", g.name, m)
		}
	}
}

func TestImagesAreDataURLs(t *testing.T) {
	got, _ := write(t, Options{}, feature(t))
	if !strings.Contains(got, `<img src="data:image/png;base64,iVBORw0KGgo`) || !strings.Contains(got, `width="240" height="120"`) {
		t.Errorf("chart not embedded as a data: URL with its size")
	}
}

func TestLangAndDirection(t *testing.T) {
	tests := []struct{ name, lang, want, labels string }{
		{"arabic is rtl", "ar", `<html lang="ar" dir="rtl">`, "المحتويات"},
		{"persian region tag is rtl", "fa-IR", `<html lang="fa-IR" dir="rtl">`, "فهرست مطالب"},
		{"russian is ltr with russian labels", "ru", `<html lang="ru" dir="ltr">`, "Содержание"},
		{"empty defaults to en", "", `<html lang="en" dir="ltr">`, "Contents"},
		{"malformed tag is undetermined", `en"><x`, `<html lang="und" dir="ltr">`, "Contents"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := feature(t)
			d.Meta.Lang = tt.lang
			got, _ := write(t, Options{}, d)
			if !strings.Contains(got, tt.want) {
				t.Errorf("missing %s", tt.want)
			}
			if !strings.Contains(got, "<h2>"+tt.labels+"</h2>") {
				t.Errorf("contents heading is not %q", tt.labels)
			}
		})
	}
}

func TestHostileMetadataIsEscaped(t *testing.T) {
	got, ws := write(t, Options{}, hostile())
	for _, bad := range []string{"<script", "<img src=x", "<b>Eve", `href="javascript`, "\x00", "\x0b", "\x1b", "\ufffe", "\uffff", "onerror=\"alert"} {
		if strings.Contains(got, bad) {
			t.Errorf("output contains %q", bad)
		}
	}
	for _, want := range []string{
		"<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; ]]&gt; \u202e</title>",
		`<h1 dir="auto">&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; ]]&gt; ` + "\u202e</h1>",
		`<span dir="auto">not a date</span>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s", want)
		}
	}
	var seen []string
	for _, w := range ws {
		seen = append(seen, w.Code)
	}
	if got, want := strings.Join(seen, ","), "raw-html-omitted,unsafe-url,unsafe-url"; got != want {
		t.Errorf("warnings %s, want %s", got, want)
	}
}

func TestTOCOnlyWithThreeHeadings(t *testing.T) {
	got, _ := write(t, Options{}, arabic())
	if strings.Contains(got, "<nav") {
		t.Error("a document with one heading has a table of contents")
	}
	got, _ = write(t, Options{}, feature(t))
	if !strings.Contains(got, `<nav class="toc" aria-label="Contents">`) || !strings.Contains(got, `<a href="#checklist" dir="auto">What to watch</a>`) {
		t.Error("feature lacks its nested table of contents")
	}
}

func TestFragmentIsBodyOnly(t *testing.T) {
	got, _ := write(t, Options{Fragment: true}, feature(t))
	if strings.Contains(got, "<html") || strings.Contains(got, "<style") || strings.Contains(got, "<h1") {
		t.Error("fragment contains page template parts")
	}
	// The generator mark (a comment: a fragment has no head), then the body.
	if !strings.HasPrefix(got, FragmentMark+"<p>Loaded") || !strings.Contains(got, `<section class="footnotes" role="doc-endnotes">`) {
		t.Errorf("fragment lacks the body or the notes:\n%.200s", got)
	}
}

func TestUnsafeHTMLPassesRawThrough(t *testing.T) {
	d := minimal()
	d.Blocks = append(d.Blocks, &doc.RawBlock{Format: "html", Text: "<aside>raw</aside>\n"})
	if got, _ := write(t, Options{}, d); strings.Contains(got, "<aside>") {
		t.Error("raw HTML kept without UnsafeHTML")
	}
	if got, _ := write(t, Options{UnsafeHTML: true}, d); !strings.Contains(got, "<aside>raw</aside>") {
		t.Error("raw HTML dropped with UnsafeHTML")
	}
}

func TestConcurrentWritesAreIdentical(t *testing.T) {
	d := feature(t)
	want, _ := write(t, Options{}, d)
	var wg sync.WaitGroup
	outs := make([]string, 8)
	for i := range outs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var b bytes.Buffer
			if err := New(Options{}).Write(context.Background(), d, &b); err == nil {
				outs[i] = b.String()
			}
		}()
	}
	wg.Wait()
	for i, o := range outs {
		if o != want {
			t.Errorf("write %d differs", i)
		}
	}
}

// TestOwnOutputIsRecognised: what the writer writes, page or fragment,
// carries the mark MadeByFolio looks for (the folder search skips it), in
// its first MarkWindow bytes.
func TestOwnOutputIsRecognised(t *testing.T) {
	for _, o := range []Options{{}, {Fragment: true}} {
		out, _ := write(t, o, feature(t))
		if head := []byte(out)[:min(len(out), MarkWindow)]; !MadeByFolio(head) {
			t.Errorf("fragment %v: the writer's own output is not recognised", o.Fragment)
		}
	}
	if MadeByFolio([]byte("<html><head><title>t</title></head><body><p>Folio</p></body></html>")) {
		t.Error("a user's page is taken for Folio's")
	}
}

// TestUpdatedSameDay: an update on the day of publication shows no second
// stamp; one on a later day does.
func TestUpdatedSameDay(t *testing.T) {
	if s := updatedStamp("2024-04-11T14:05:00+01:00", "2024-04-11T06:30:00+01:00", "en"); s != nil {
		t.Errorf("same day: got a stamp %q", s.Text)
	}
	if s := updatedStamp("2024-04-12T09:00:00+01:00", "2024-04-11T06:30:00+01:00", "en"); s == nil {
		t.Error("a later day: no stamp")
	}
	if s := updatedStamp("2024-04-12", "", "en"); s == nil {
		t.Error("no date of publication: no stamp for the update")
	}
}
