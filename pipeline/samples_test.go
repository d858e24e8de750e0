package pipeline

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"folio/internal/checktool"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// sampleInputs are every sample document in the repository, and the seed
// article when ../shared is beside the checkout (it is in CI).
func sampleInputs(t *testing.T) []string {
	t.Helper()
	var ins []string
	for _, pat := range []string{"samples/*.md", "articles/*.txt", "pages/*.html"} {
		m, err := filepath.Glob(filepath.Join("..", "testdata", pat))
		if err != nil {
			t.Fatal(err)
		}
		ins = append(ins, m...)
	}
	if len(ins) < 12 {
		t.Fatalf("only %d samples found", len(ins))
	}
	seeds, _ := filepath.Glob(filepath.Join("..", "..", "shared", "seeds", "*.txt"))
	return append(ins, seeds...)
}

// TestSampleGoldens exports every sample to JSON and HTML and compares
// them with testdata/golden (go test ./pipeline -run SampleGoldens
// -update rewrites them; review the diff). The seed is checked but has no
// golden: its text is not ours to commit.
func TestSampleGoldens(t *testing.T) {
	out := t.TempDir()
	o := &Options{Formats: []string{"json", "html"}}
	for _, in := range sampleInputs(t) {
		name := stem(in) + "." + strings.TrimPrefix(filepath.Ext(in), ".")
		t.Run(name, func(t *testing.T) {
			res := Convert(context.Background(), Job{Name: in, OutBase: filepath.Join(out, name)}, o)
			if res.Err != nil {
				t.Fatal(res.Err)
			}
			if strings.Contains(in, "shared") {
				return
			}
			for _, o := range res.Outputs {
				got, err := os.ReadFile(o.Path)
				if err != nil {
					t.Fatal(err)
				}
				golden := filepath.Join("..", "testdata", "golden", name+"."+o.Format)
				if *update {
					os.MkdirAll(filepath.Dir(golden), 0o755)
					if err := os.WriteFile(golden, got, 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run go test ./pipeline -run SampleGoldens -update)", err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s differs from %s; run with -update and review the diff", o.Path, golden)
				}
			}
		})
	}
}

var (
	qpdfClean   = regexp.MustCompile(`No syntax or stream encoding errors found`)
	pageFooter  = regexp.MustCompile(`(Page|Страница|صفحة|Seite|Página)\s*1\s*(of|из|من|sur|von|de)\s*\d+`)
	fontNotEmbd = regexp.MustCompile(`(?m)^\S.*\s+no\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$`)
)

// TestSamplePDFs checks the briefing PDF promise on every sample and the
// seed: qpdf finds nothing, every font is embedded, the first page has its
// footer, and two exports are byte-identical.
func TestSamplePDFs(t *testing.T) {
	checktool.Need(t, checktool.QPDF)
	dir := t.TempDir()
	o := &Options{Formats: []string{"pdf"}}
	for _, in := range sampleInputs(t) {
		base := stem(in) + "-" + strings.TrimPrefix(filepath.Ext(in), ".")
		t.Run(base, func(t *testing.T) {
			a := Convert(context.Background(), Job{Name: in, OutBase: filepath.Join(dir, "a", base)}, o)
			b := Convert(context.Background(), Job{Name: in, OutBase: filepath.Join(dir, "b", base)}, o)
			if a.Err != nil || b.Err != nil {
				t.Fatal(a.Err, b.Err)
			}
			if a.Outputs[0].SHA256 != b.Outputs[0].SHA256 {
				t.Error("two exports differ")
			}
			pdf := a.Outputs[0].Path
			if out, err := checktool.Run(t, checktool.QPDF, "--check", pdf); err != nil || !qpdfClean.MatchString(out) || strings.Contains(out, "WARNING") {
				t.Errorf("qpdf --check: %v\n%s", err, out)
			}
			if out, err := checktool.Run(t, checktool.PDFFonts, pdf); err != nil || fontNotEmbd.MatchString(out) {
				t.Errorf("pdffonts: a font is not embedded (%v):\n%s", err, out)
			}
			out, err := checktool.Run(t, checktool.PDFToText, "-f", "1", "-l", "1", pdf, "-")
			// Arabic comes out of pdftotext as the presentation forms the
			// PDF draws, wrapped in bidi controls; NFKC maps them back.
			out = strings.Map(func(r rune) rune {
				if r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 {
					return -1
				}
				return r
			}, norm.NFKC.String(out))
			if err != nil || !pageFooter.MatchString(out) {
				t.Errorf("page 1 has no 'Page 1 of N' footer (%v):\n%s", err, out)
			}
		})
	}
}

// TestSampleGoldenPagesValidate runs the Nu HTML checker over every
// sample's golden HTML page in one go: zero errors, and no reference that
// would make the page fetch anything.
func TestSampleGoldenPagesValidate(t *testing.T) {
	checktool.Need(t, checktool.VNU)
	pages, _ := filepath.Glob(filepath.Join("..", "testdata", "golden", "*.html"))
	if len(pages) < 12 {
		t.Fatalf("only %d golden pages (run go test ./pipeline -run SampleGoldens -update)", len(pages))
	}
	for _, p := range pages {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if m := externalRequest.Find(b); m != nil {
			t.Errorf("%s: %q would make a request", p, m)
		}
	}
	out, err := checktool.Run(t, checktool.VNU, append([]string{"--errors-only", "--format", "text"}, pages...)...)
	if err != nil || strings.Contains(out, "Error:") {
		t.Errorf("Nu HTML checker reports errors (%v):\n%s", err, out)
	}
}

var externalRequest = regexp.MustCompile(`(?i)(src\s*=\s*["']?\s*(https?:)?//|<link\b[^>]*\bhref\s*=\s*["']?\s*(https?:)?//|@import|url\(\s*["']?\s*(https?:)?//|<script)`)
