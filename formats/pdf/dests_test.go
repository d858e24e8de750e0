package pdf

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"folio/internal/checktool"
	"folio/pipeline/doc"
)

// TestNamedPlacesAndRemoteLinks: a single document names every heading's
// place (pdfinfo -dests lists each id, on the page the heading is on), and
// a link to another input's heading is a GoToR action naming it, the file
// unescaped and both strings escaped as PDF strings; the file stays valid.
func TestNamedPlacesAndRemoteLinks(t *testing.T) {
	d := &doc.Document{Meta: doc.Meta{Title: "Names", Lang: "ru"}, Blocks: []doc.Block{
		para(
			&doc.Link{URL: "b.md#x", Batch: &doc.BatchTarget{Base: "../%D0%B4%D0%B2%D0%B0%20(2)", ID: "прокси-(сервер)"}, Content: []doc.Inline{txt("to a heading")}},
			txt(" and "),
			&doc.Link{URL: "b.md", Batch: &doc.BatchTarget{Base: "b"}, Content: []doc.Inline{txt("to a file")}},
		),
		h(2, "intro", "Intro"),
		ptext(strings.Repeat("Text to push the next heading down the pages. ", 120)),
		h(2, "прокси-(сервер)", "Прокси (сервер)"),
		ptext("More."),
		h(2, "intro", "Intro again, same id"),
	}}
	b, _ := write(t, d, Options{})
	qpdfCheck(t, b)
	acts := regexp.MustCompile(`/A <</S /GoToR [^>]*>>`).FindAllString(string(b), -1)
	want := []string{
		`/S /GoToR /F (../два \(2\).pdf) /D (прокси-\(сервер\))`,
		`/S /GoToR /F (b.pdf) /D [0 /Fit]`,
	}
	for _, w := range want {
		found := false
		for _, a := range acts {
			found = found || strings.HasPrefix(strings.TrimPrefix(a, "/A <<"), w)
		}
		if !found {
			t.Errorf("no action %s in %q", w, acts)
		}
	}
	dests, err := checktool.Run(t, checktool.PDFInfo, "-dests", tempPDF(t, b))
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	lines := regexp.MustCompile(`(?m)^\s*(\d+) \[ XYZ .*\] "(.*)"$`).FindAllStringSubmatch(dests, -1)
	if len(lines) != 2 || lines[0][1] != "1" || lines[0][2] != "intro" || lines[1][1] == "1" {
		t.Errorf("named places (want intro on page 1, the second on a later page, no duplicate):\n%s", dests)
	}
}

// TestAnchorsArePlaced: an anchor names its place wherever it stands: in
// the running text, alone in a table cell, before a picture that makes
// its paragraph a figure, inside a note; and a link to each goes there,
// never to the top of the first page (where a link with no place would).
func TestAnchorsArePlaced(t *testing.T) {
	link := func(id string) *doc.Link { return &doc.Link{URL: "#" + id, Content: []doc.Inline{txt(id)}} }
	filler := ptext(strings.Repeat("Text to push what follows down the pages. ", 90))
	d := &doc.Document{
		Meta: doc.Meta{Title: "Places", Lang: "en"},
		Blocks: []doc.Block{
			para(link("mark"), txt(" "), link("cell"), txt(" "), link("pic"), txt(" "), link("inote"), &doc.NoteRef{Label: "n", Number: 1, ID: "fnref-1"}),
			filler,
			para(txt("A claim"), &doc.Anchor{ID: "mark"}, txt(" in the text.")),
			filler,
			&doc.Table{Header: []*doc.Row{row("k", "v")}, Body: []*doc.Row{{Cells: []*doc.Cell{{Content: []doc.Inline{&doc.Anchor{ID: "cell"}}}, {Content: []doc.Inline{txt("3")}}}}}},
			filler,
			para(&doc.Anchor{ID: "pic"}, &doc.Image{Src: "chart.png", Alt: "Chart", Ref: "img-chart.png"}),
		},
		Notes:     []*doc.Note{{Label: "n", Number: 1, ID: "fn-1", Blocks: []doc.Block{para(txt("A note naming "), &doc.Anchor{ID: "inote"}, txt("its source."))}}},
		Resources: []*doc.Resource{{Name: "img-chart.png", MediaType: "image/png", Width: 480, Height: 220, Data: testPNG(480, 220)}},
	}
	b, _ := write(t, d, Options{})
	qpdfCheck(t, b)
	dests, err := checktool.Run(t, checktool.PDFInfo, "-dests", tempPDF(t, b))
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	page := map[string]string{}
	for _, m := range regexp.MustCompile(`(?m)^\s*(\d+) \[ XYZ .*\] "(.*)"$`).FindAllStringSubmatch(dests, -1) {
		page[m[2]] = m[1]
	}
	for _, id := range []string{"mark", "cell", "pic", "inote"} {
		if p := page[id]; p == "" || p == "1" {
			t.Errorf("%s: page %q, want a named place past the first page:\n%s", id, p, dests)
		}
	}
	if n := bytes.Count(b, []byte("/Subtype /Image")); n != 1 {
		t.Errorf("%d images, want the picture after its anchor drawn once", n)
	}
}
