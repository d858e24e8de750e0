package pdf

import (
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
