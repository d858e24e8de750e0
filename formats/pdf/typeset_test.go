package pdf

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"folio/internal/pdfcheck"
	"folio/pipeline/doc"
)

// bookDoc is a long document of level-2 headings and paragraphs of every
// length from one line to a dozen, so that page breaks fall everywhere.
// Every paragraph starts with "Start" and ends with "End.", every heading
// starts with "Heading", so the page reader below can tell them apart.
func bookDoc(lang string, vocab []string, seed uint64) *doc.Document {
	r := rand.New(rand.NewPCG(seed, 7))
	d := &doc.Document{Meta: doc.Meta{Title: "Typesetting test", Lang: lang}}
	for s := 0; s < 14; s++ {
		d.Blocks = append(d.Blocks, &doc.Heading{Level: 2, Content: []doc.Inline{txt(fmt.Sprintf("Heading %d", s+1))}})
		for p := 0; p < 1+r.IntN(4); p++ {
			n := 4 + r.IntN(120)
			words := []string{"Start"}
			for range n {
				words = append(words, vocab[r.IntN(len(vocab))])
			}
			words = append(words, "End.")
			d.Blocks = append(d.Blocks, ptext(strings.Join(words, " ")))
		}
	}
	return d
}

var englishVocab = strings.Fields(`the of and a to in is was that for on as with by at from
the of and a to in it be that this not are or its have but had said
ports grain ships tonnes month year cargo price buyers war risk cover
traders quote wheat sea open queue berth fleet fuel quota panel
government international negotiations infrastructure administration
corridor shipping insurers premiums commercially viable transportation
independent tracking vessels departures constraint reconstruction
underwriters disproportionately responsibility announcement parliamentary
authority regional electricity agreement subsidies`)

var russianVocab = strings.Fields(`и в на с по не что как из за
и в на с по не что как это он она мы год порт цена груз море суда
рынок война риск зерно нефть квота план закон суд банк
государство правительство переговоры инфраструктура администрация
страхование международный независимый ответственность электричество
строительство соглашение региональный образование`)

// pageLines reads each page's text lines (words with boxes) with
// pdftotext -bbox-layout, leaving out the running header and footer.
func pageLines(t *testing.T, b []byte, pp paper) [][]pdfcheck.Line {
	return pdfcheck.Pages(t, tempPDF(t, b), 60, pp.h-50)
}

// groups splits a page's lines into paragraphs and headings by the space
// between them (lines of one paragraph are bodyLead apart).
func groups(lines []pdfcheck.Line) [][]pdfcheck.Line {
	var out [][]pdfcheck.Line
	for i, ln := range lines {
		if i == 0 || ln[0].Y0-lines[i-1][0].Y0 > bodyLead+2 {
			out = append(out, nil)
		}
		out[len(out)-1] = append(out[len(out)-1], ln)
	}
	return out
}

func lineText(ln pdfcheck.Line) string { return ln.Text() }

func TestBookTypesetting(t *testing.T) {
	for _, tc := range []struct {
		name, lang, paper string
		vocab             []string
	}{
		{"English on A4", "en", "a4", englishVocab},
		{"English on Letter", "en", "letter", englishVocab},
		{"Russian on A4", "ru", "a4", russianVocab},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := bookDoc(tc.lang, tc.vocab, 3)
			b, _ := write(t, d, Options{Paper: tc.paper, Marking: "INTERNAL"})
			qpdfCheck(t, b)
			pp, _ := paperFor(tc.paper)
			pages := pageLines(t, b, pp)
			if len(pages) < 4 {
				t.Fatalf("only %d pages; the test wants page breaks", len(pages))
			}
			checkPages(t, pages)
			checkLines(t, pages, tc.vocab)
			checkWholeWords(t, d, extract(t, b))
		})
	}
}

// checkPages: no page ends with a heading or a hyphenated word's first
// half, begins with the last line of a paragraph alone (widow) or ends
// with its first line alone (orphan).
func checkPages(t *testing.T, pages [][]pdfcheck.Line) {
	t.Helper()
	for pi, lines := range pages[1:] { // page 1 has the title block
		gs := groups(lines)
		if len(gs) == 0 {
			continue
		}
		first, last := gs[0], gs[len(gs)-1]
		if strings.HasPrefix(lineText(last[0]), "Heading") {
			t.Errorf("page %d ends with %q", pi+2, lineText(last[0]))
		}
		if h := lineText(first[0]); len(first) == 1 && !strings.HasPrefix(h, "Start") && !strings.HasPrefix(h, "Heading") {
			t.Errorf("page %d begins with a widow: %q", pi+2, lineText(first[0]))
		}
		if end := last[len(last)-1]; strings.HasSuffix(lineText(end), "-") {
			t.Errorf("page %d ends with a hyphenated word: %q", pi+2, lineText(end))
		}
		if len(last) == 1 && strings.HasPrefix(lineText(last[0]), "Start") && !strings.HasSuffix(lineText(last[0]), "End.") {
			t.Errorf("page %d ends with an orphan: %q", pi+2, lineText(last[0]))
		}
	}
}

// checkLines: the measure (median 60–75 characters), the widest word space
// of a justified line (≤ 1.4× the serif's 0.25 em space), hyphens at line
// ends present and never on two lines running.
func checkLines(t *testing.T, pages [][]pdfcheck.Line, vocab []string) {
	t.Helper()
	var lens []int
	widest, hyphens, runs := 0.0, 0, 0
	wideLine := ""
	prevHyphen := false
	for pi, lines := range pages {
		for _, g := range groups(lines) {
			if h := lineText(g[0]); pi == 0 && !strings.HasPrefix(h, "Start") && !strings.HasPrefix(h, "Heading") {
				continue // the title block
			}
			if strings.HasPrefix(lineText(g[0]), "Heading") {
				continue
			}
			for i, ln := range g {
				txt := lineText(ln)
				lens = append(lens, len([]rune(txt)))
				hy := strings.HasSuffix(txt, "-")
				if hy {
					hyphens++
					if prevHyphen {
						runs++
					}
				}
				prevHyphen = hy
				if i == len(g)-1 && strings.HasSuffix(txt, "End.") {
					continue // a paragraph's last line is not stretched
				}
				for k := 1; k < len(ln); k++ {
					if g := (ln[k].X0 - ln[k-1].X1) / (bodySize * 0.25); g > widest {
						widest, wideLine = g, txt
					}
				}
			}
		}
	}
	slices.Sort(lens)
	if m := lens[len(lens)/2]; m < 60 || m > 75 {
		t.Errorf("median line %d characters, want 60–75", m)
	}
	if widest > 1.41 {
		t.Errorf("widest word space %.2f× normal, want ≤ 1.4×: %q", widest, wideLine)
	}
	if hyphens == 0 {
		t.Errorf("no hyphenated line end in %d lines", len(lens))
	}
	if runs*20 > len(lens) {
		t.Errorf("%d hyphens on consecutive lines in %d lines", runs, len(lens))
	}
	t.Logf("%d lines, median %d chars, widest space %.2f×, %d hyphenated ends, %d consecutive", len(lens), lens[len(lens)/2], widest, hyphens, runs)
}

// checkWholeWords: every word of the source comes back whole from
// pdftotext, hyphenated ones rejoined.
func checkWholeWords(t *testing.T, d *doc.Document, text string) {
	t.Helper()
	got := map[string]bool{}
	for _, w := range strings.Fields(text) {
		got[w] = true
	}
	for _, b := range d.Blocks {
		if p, ok := b.(*doc.Paragraph); ok {
			for _, w := range strings.Fields(doc.PlainText(p.Content)) {
				if !got[w] {
					t.Errorf("word %q does not come back whole from pdftotext", w)
					return
				}
			}
		}
	}
}
