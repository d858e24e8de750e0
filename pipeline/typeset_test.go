package pipeline

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"folio/internal/pdfcheck"
)

// TestArticleTypesetting sets the seed and every article sample as a
// briefing PDF and reads the body back with pdftotext -bbox-layout: the
// measure (median body line 55–80 characters; the book test holds the
// synthetic text to 60–75), no line past the column, and hyphenated line
// ends on two lines running at most one line in twenty.
func TestArticleTypesetting(t *testing.T) {
	var ins []string
	for _, in := range sampleInputs(t) {
		if strings.HasSuffix(in, ".txt") || strings.HasSuffix(in, ".html") {
			ins = append(ins, in)
		}
	}
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
			var lens []int
			runs, prevHyphen := 0, false
			for _, p := range pages {
				for _, ln := range p {
					if int((ln[0].Y1-ln[0].Y0)*10) != body {
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
			if len(lens) < 15 {
				t.Fatalf("only %d body lines found", len(lens))
			}
			slices.Sort(lens)
			if m := lens[len(lens)/2]; m < 55 || m > 80 {
				t.Errorf("median body line %d characters, want 55–80", m)
			}
			if runs*20 > len(lens) {
				t.Errorf("%d hyphens on consecutive lines in %d body lines", runs, len(lens))
			}
			t.Logf("%d body lines, median %d characters, %d consecutive hyphens", len(lens), lens[len(lens)/2], runs)
		})
	}
}
