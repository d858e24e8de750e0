package pipeline

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"folio/internal/checktool"
	"folio/internal/corpus"
	"folio/internal/pdfcheck"
	"folio/pipeline/doc"
)

// TestArticleTypesetting sets the seed, every sample and four generated
// ~8 KB documents as a briefing PDF and reads it back with pdftotext, as
// issue #14's done-when asks:
//   - the measure: running text (lines at the body size starting at the
//     column's left edge) has a median of 60–75 characters, none past 90;
//   - word spaces: on a justified line (one that reaches the column's right
//     edge) the widest space is at most 1.4× the natural one, the median
//     space of the ragged last lines of paragraphs;
//   - hyphenation: hyphenated line ends on two lines running at most one
//     line in twenty, and every word of the document's paragraphs comes
//     back whole from pdftotext's plain text;
//   - nothing stranded: no page ends with a heading, and no page begins
//     with the last line of a paragraph alone (a widow) or ends with its
//     first line alone (an orphan).
func TestArticleTypesetting(t *testing.T) {
	ins := sampleInputs(t)
	// And a generated corpus: Markdown and article text of ~8 KB.
	gen, err := corpus.Write(t.TempDir(), 4, 8000, 7)
	if err != nil {
		t.Fatal(err)
	}
	ins = append(ins, gen...)
	out := t.TempDir()
	for _, in := range ins {
		name := stem(in) + "." + strings.TrimPrefix(filepath.Ext(in), ".")
		t.Run(name, func(t *testing.T) {
			o := &Options{Formats: []string{"pdf"}}
			d, err := read(context.Background(), Job{Name: in}, o, &Result{Timings: map[string]float64{}})
			if err != nil {
				t.Fatal(err)
			}
			res := Convert(context.Background(), Job{Name: in, OutBase: filepath.Join(out, name)}, o)
			if res.Err != nil {
				t.Fatal(res.Err)
			}
			pdf := res.Outputs[0].Path
			pages := pdfcheck.Pages(t, pdf, 60, 842-50) // A4, no running header or footer
			ts := typeset{pages: pages}
			ts.measure()
			ts.checkMeasure(t)
			ts.checkSpaces(t)
			ts.checkStranded(t, headings(d))
			plain, err := checktool.Run(t, checktool.PDFToText, "-enc", "UTF-8", pdf, "-")
			if err != nil {
				t.Fatalf("pdftotext: %v", err)
			}
			checkWordsWhole(t, d, plain)
		})
	}
}

// typeset is a PDF's pages as pdftotext reads them, with what the body
// text looks like: the word height of the body size, the column's edges.
type typeset struct {
	pages       [][]pdfcheck.Line
	body        int // word height in tenths of a point
	left, right float64
}

func height(ln pdfcheck.Line) int { return int((ln[0].Y1 - ln[0].Y0) * 10) }

// measure finds the body size (the most common word height: the title
// block, headings, captions and notes differ) and the column's edges.
func (ts *typeset) measure() {
	count := map[int]int{}
	for _, p := range ts.pages {
		for _, ln := range p {
			count[height(ln)]++
		}
	}
	most := 0
	for h, n := range count {
		if n > most || n == most && h < ts.body {
			ts.body, most = h, n
		}
	}
	ts.left, ts.right = 1e9, 0
	for _, p := range ts.pages {
		for _, ln := range p {
			if height(ln) == ts.body {
				ts.left, ts.right = min(ts.left, ln[0].X0), max(ts.right, ln[len(ln)-1].X1)
			}
		}
	}
}

func (ts *typeset) isBody(ln pdfcheck.Line) bool { return height(ln) == ts.body }

// running is a line of running text: body size, at the left edge (list
// items, quotes and notes are indented).
func (ts *typeset) running(ln pdfcheck.Line) bool { return ts.isBody(ln) && ln[0].X0 <= ts.left+2 }

// full is a body line that reaches the right edge: a justified line, so
// its paragraph goes on after it.
func (ts *typeset) full(ln pdfcheck.Line) bool {
	return ts.isBody(ln) && ln[len(ln)-1].X1 >= ts.right-1
}

func (ts *typeset) checkMeasure(t *testing.T) {
	t.Helper()
	var lens []int
	runs, prevHyphen := 0, false
	for _, p := range ts.pages {
		for _, ln := range p {
			if !ts.running(ln) {
				prevHyphen = false
				continue
			}
			txt := ln.Text()
			n := len([]rune(txt))
			lens = append(lens, n)
			if n > 90 {
				t.Errorf("a body line of %d characters: %q", n, txt)
			}
			hy := strings.HasSuffix(txt, "-") && !strings.HasSuffix(txt, "--")
			if hy && prevHyphen {
				runs++
			}
			prevHyphen = hy
		}
	}
	if len(lens) < 10 {
		t.Fatalf("only %d body lines found", len(lens))
	}
	slices.Sort(lens)
	if m := lens[len(lens)/2]; m < 60 || m > 75 {
		t.Errorf("median body line %d characters, want 60–75", m)
	}
	if runs*20 > len(lens) {
		t.Errorf("%d hyphens on consecutive lines in %d body lines", runs, len(lens))
	}
	t.Logf("%d body lines, median %d characters, %d consecutive hyphens", len(lens), lens[len(lens)/2], runs)
}

// checkSpaces compares the widest space between words on a justified line
// with the natural space, the median gap on lines that are not stretched.
func (ts *typeset) checkSpaces(t *testing.T) {
	t.Helper()
	var natural []float64
	widest, wide := 0.0, ""
	for _, p := range ts.pages {
		for _, ln := range p {
			if !ts.running(ln) || len(ln) < 4 {
				continue
			}
			for k := 1; k < len(ln); k++ {
				gap := ln[k].X0 - ln[k-1].X1
				if !ts.full(ln) {
					natural = append(natural, gap)
				} else if gap > widest {
					widest, wide = gap, ln.Text()
				}
			}
		}
	}
	if len(natural) < 10 {
		t.Logf("only %d word spaces on ragged lines; space check skipped", len(natural))
		return
	}
	slices.Sort(natural)
	natural0 := natural[len(natural)/2]
	if r := widest / natural0; r > 1.405 { // pdftotext rounds boxes to 0.01 pt
		t.Errorf("widest word space %.2f× the natural %.2f pt, want ≤ 1.4×: %q", r, natural0, wide)
	} else {
		t.Logf("widest word space %.2f× natural", r)
	}
}

// checkStranded reads each page's last and first lines.
func (ts *typeset) checkStranded(t *testing.T, heads map[string]bool) {
	t.Helper()
	for pi := range ts.pages {
		p := ts.pages[pi]
		if len(p) == 0 || pi == len(ts.pages)-1 {
			continue
		}
		last, next := p[len(p)-1], ts.pages[pi+1]
		if heads[last.Text()] {
			t.Errorf("page %d ends with the heading %q", pi+1, last.Text())
		}
		// An orphan: a paragraph's first line alone at the foot. The
		// line before it is not of its paragraph when it is far above,
		// or ragged (a paragraph's end).
		if ts.full(last) && len(p) > 1 {
			prev := p[len(p)-2]
			if !ts.isBody(prev) || last[0].Y0-prev[0].Y0 > 1.25*(last[0].Y1-last[0].Y0)+3 {
				t.Errorf("page %d ends with an orphan: %q", pi+1, last.Text())
			}
		}
		// A widow: a paragraph's last line alone at the head of the next
		// page, after a justified line.
		if len(next) > 0 && ts.full(last) && ts.isBody(next[0]) && !ts.full(next[0]) {
			if len(next) == 1 || next[1][0].Y0-next[0][0].Y0 > 1.25*(next[0][0].Y1-next[0][0].Y0)+3 {
				t.Errorf("page %d begins with a widow: %q", pi+2, next[0].Text())
			}
		}
	}
}

// headings are the document's heading texts, as pdftotext gives a line.
func headings(d *doc.Document) map[string]bool {
	out := map[string]bool{}
	doc.Walk(d, func(n doc.Node, entering bool) doc.WalkStatus {
		if h, ok := n.(*doc.Heading); ok && entering {
			out[strings.Join(strings.Fields(doc.PlainText(h.Content)), " ")] = true
		}
		return doc.WalkContinue
	})
	return out
}

// checkWordsWhole: every word of the document's paragraphs comes back whole
// from pdftotext, a word hyphenated at a line end rejoined. Words are runs
// of letters, marks and digits (Arabic comes back as letters, not the
// presentation forms it is drawn with).
func checkWordsWhole(t *testing.T, d *doc.Document, plain string) {
	t.Helper()
	got := map[string]bool{}
	for _, w := range tokens(plain) {
		got[w] = true
	}
	missing := 0
	doc.Walk(d, func(n doc.Node, entering bool) doc.WalkStatus {
		p, ok := n.(*doc.Paragraph)
		if !ok || !entering {
			return doc.WalkContinue
		}
		for _, w := range tokens(doc.PlainText(p.Content)) {
			if !got[w] && missing < 5 {
				missing++
				t.Errorf("word %q does not come back whole from pdftotext", w)
			}
		}
		return doc.WalkSkipChildren
	})
}

func tokens(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsMark(r) && !unicode.IsDigit(r)
	})
}
