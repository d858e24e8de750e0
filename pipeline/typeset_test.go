package pipeline

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"folio/internal/corpus"
	"folio/internal/pdfcheck"
)

// TestArticleTypesetting sets the seed, every article sample and four
// generated ~8 KB documents as a
// briefing PDF and reads the running text back with pdftotext
// -bbox-layout (lines at the body size starting at the column's left
// edge): the measure (median line 60–75 characters), no line past the
// column, and hyphenated line ends on two lines running at most one line
// in twenty.
func TestArticleTypesetting(t *testing.T) {
	var ins []string
	for _, in := range sampleInputs(t) {
		if strings.HasSuffix(in, ".txt") || strings.HasSuffix(in, ".html") {
			ins = append(ins, in)
		}
	}
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
			base := filepath.Join(out, name)
			res := Convert(context.Background(), Job{Name: in, OutBase: base}, &Options{Formats: []string{"pdf"}})
			if res.Err != nil {
				t.Fatal(res.Err)
			}
			pages := pdfcheck.Pages(t, res.Outputs[0].Path, 60, 842-50) // A4
			// Body lines: the most common word height is the body size;
			// the title block, headings, captions and notes differ.
			count := map[int]int{}
			for _, p := range pages {
				for _, ln := range p {
					count[int((ln[0].Y1-ln[0].Y0)*10)]++
				}
			}
			body, most := 0, 0
			for h, n := range count {
				if n > most || n == most && h < body {
					body, most = h, n
				}
			}
			// Running text starts at the column's left edge; list items,
			// quotes and notes are indented.
			left := 1e9
			for _, p := range pages {
				for _, ln := range p {
					if int((ln[0].Y1-ln[0].Y0)*10) == body {
						left = min(left, ln[0].X0)
					}
				}
			}
			var lens []int
			runs, prevHyphen := 0, false
			for _, p := range pages {
				for _, ln := range p {
					if int((ln[0].Y1-ln[0].Y0)*10) != body || ln[0].X0 > left+2 {
						prevHyphen = false
						continue
					}
					txt := ln.Text()
					lens = append(lens, len([]rune(txt)))
					if n := len([]rune(txt)); n > 90 {
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
		})
	}
}
