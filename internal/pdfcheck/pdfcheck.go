// Package pdfcheck reads the lines of a PDF's pages, with each word's box,
// from pdftotext -bbox-layout, for tests that check how text was set.
package pdfcheck

import (
	"html"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"folio/internal/checktool"
)

// Word is one word and its box, in points from the page's top left.
type Word struct {
	X0, Y0, X1, Y1 float64
	Text           string
}

// Line is the words of one line of text, left to right.
type Line []Word

// Text is the line's words joined by spaces.
func (ln Line) Text() string {
	ws := make([]string, len(ln))
	for i, w := range ln {
		ws[i] = w.Text
	}
	return strings.Join(ws, " ")
}

var (
	pageRe = regexp.MustCompile(`(?s)<page [^>]*>(.*?)</page>`)
	lineRe = regexp.MustCompile(`(?s)<line [^>]*>(.*?)</line>`)
	wordRe = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
)

// Pages returns each page's lines, top to bottom, leaving out lines that
// start above top or end below bottom (the running header and footer).
// It skips the test where pdftotext is missing (fails under CI=true).
func Pages(t testing.TB, pdfPath string, top, bottom float64) [][]Line {
	t.Helper()
	out, err := checktool.Run(t, checktool.PDFToText, "-bbox-layout", "-enc", "UTF-8", pdfPath, "-")
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	var pages [][]Line
	for _, pm := range pageRe.FindAllStringSubmatch(out, -1) {
		var lines []Line
		for _, lm := range lineRe.FindAllStringSubmatch(pm[1], -1) {
			var ln Line
			for _, wm := range wordRe.FindAllStringSubmatch(lm[1], -1) {
				f := func(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v }
				ln = append(ln, Word{f(wm[1]), f(wm[2]), f(wm[3]), f(wm[4]), html.UnescapeString(wm[5])})
			}
			if len(ln) > 0 && ln[0].Y0 > top && ln[0].Y1 < bottom {
				lines = append(lines, ln)
			}
		}
		slices.SortStableFunc(lines, func(a, b Line) int { return int(a[0].Y0*10) - int(b[0].Y0*10) })
		pages = append(pages, lines)
	}
	return pages
}
