package pdf

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"folio/internal/checktool"
	"folio/pipeline/doc"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

var keep = flag.String("keep", "", "write the test PDFs into this folder to look at")

func TestMain(m *testing.M) {
	api.DisableConfigDir() // pdfcpu must not write a config folder
	os.Exit(m.Run())
}

// write renders d and returns the PDF and the warnings raised.
func write(t testing.TB, d *doc.Document, opts Options) ([]byte, []doc.Warning) {
	t.Helper()
	var c doc.Collector
	ctx := doc.WithWarn(context.Background(), c.Add)
	var buf bytes.Buffer
	if err := New(opts).Write(ctx, d, &buf); err != nil {
		t.Fatalf("Write: %v", err)
	}
	if *keep != "" {
		name := filepath.Join(*keep, strings.ReplaceAll(t.Name(), "/", "_")+".pdf")
		_ = os.MkdirAll(*keep, 0o755)
		_ = os.WriteFile(name, buf.Bytes(), 0o644)
	}
	return buf.Bytes(), c.Warnings()
}

// tempPDF writes b to a file for the command-line validators.
func tempPDF(t *testing.T, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func validate(t *testing.T, b []byte) {
	t.Helper()
	// Relaxed mode: strict mode rejects fpdf's link annotations, which
	// it writes as direct dictionaries in /Annots (qpdf accepts them).
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	if err := api.Validate(bytes.NewReader(b), conf); err != nil {
		t.Errorf("pdfcpu validation: %v", err)
	}
}

func qpdfCheck(t *testing.T, b []byte) {
	t.Helper()
	out, err := checktool.Run(t, checktool.QPDF, "--check", tempPDF(t, b))
	if err != nil || strings.Contains(strings.ToLower(out), "warning") {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
}

func extract(t *testing.T, b []byte) string {
	t.Helper()
	out, err := checktool.Run(t, checktool.PDFToText, "-enc", "UTF-8", tempPDF(t, b), "-")
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	return norm(out)
}

var spaces = regexp.MustCompile(`\s+`)

func norm(s string) string { return strings.TrimSpace(spaces.ReplaceAllString(s, " ")) }

func codes(ws []doc.Warning) []string {
	var out []string
	for _, w := range ws {
		out = append(out, w.Code)
	}
	return out
}

func hasWarning(ws []doc.Warning, code string) bool {
	for _, w := range ws {
		if w.Code == code {
			return true
		}
	}
	return false
}

var opts = Options{Marking: "INTERNAL — NOT FOR DISTRIBUTION"}

func TestBriefingIsValidPDF(t *testing.T) {
	b, ws := write(t, briefing(), opts)
	if len(ws) > 0 {
		t.Errorf("unexpected warnings: %v", ws)
	}
	validate(t, b)
	qpdfCheck(t, b)
}

func TestTextExtractsExactly(t *testing.T) {
	b, _ := write(t, briefing(), opts)
	got := extract(t, b)
	for _, want := range []string{
		paraQuotes,
		paraCyrillic,
		"Cities race to fix leaking water networks before the summer",
		"Page 1 of 3",
		"Page 3 of 3",
		"INTERNAL — NOT FOR DISTRIBUTION",
		"By Mara Lindqvist, Tomás Ferreira · 12 March 2024",
		"Grants of up to €40 million per utility, matched locally.",
		"Notes",
	} {
		if !strings.Contains(got, norm(want)) {
			t.Errorf("extracted text lacks %q", want)
		}
	}
}

func TestFontsEmbeddedAsSubsets(t *testing.T) {
	b, _ := write(t, briefing(), opts)
	out, err := checktool.Run(t, checktool.PDFFonts, tempPDF(t, b))
	if err != nil {
		t.Fatalf("pdffonts: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 3 {
		t.Fatalf("no fonts listed:\n%s", out)
	}
	for _, ln := range lines[2:] {
		f := strings.Fields(ln)
		if len(f) < 6 {
			continue
		}
		name, emb, sub := f[0], f[len(f)-5], f[len(f)-4]
		if emb != "yes" || sub != "yes" || !regexp.MustCompile(`^[A-Z]{6}\+`).MatchString(name) {
			t.Errorf("font not an embedded subset: %s", ln)
		}
	}
}

// Only the faces a document uses are embedded.
func TestOnlyUsedFacesEmbedded(t *testing.T) {
	d := &doc.Document{Meta: doc.Meta{Title: "Plain", Lang: "en"}, Blocks: []doc.Block{ptext("Just words.")}}
	b, _ := write(t, d, Options{})
	out, _ := checktool.Run(t, checktool.PDFFonts, tempPDF(t, b))
	for _, unwanted := range []string{"Mono", "DejaVu", "SerifB", "SerifI"} {
		if strings.Contains(out, unwanted) {
			t.Errorf("plain document embeds %s:\n%s", unwanted, out)
		}
	}
}

func flatten(bms []pdfcpu.Bookmark, depth int, out *[]string) {
	for _, bm := range bms {
		*out = append(*out, strings.Repeat("  ", depth)+bm.Title)
		flatten(bm.Kids, depth+1, out)
	}
}

func TestOutlineNestsHeadings(t *testing.T) {
	b, _ := write(t, briefing(), opts)
	bms, err := api.Bookmarks(bytes.NewReader(b), nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	flatten(bms, 0, &got)
	want := []string{"Cities race to fix leaking water networks before the summer",
		"  What changed this year", "    How the sensors work", "  The numbers", "    Outlook", "  Notes"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("outline:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestOutlineCountsItsDescendants checks fixOutlineCounts (fpdf.go,
// defect 9): every outline item with children has a /Count of its
// descendants (fpdf writes 0, which strict validators reject), items
// without children keep 0, in the outline's order.
func TestOutlineCountsItsDescendants(t *testing.T) {
	b, _ := write(t, briefing(), opts)
	var got []string
	for _, m := range regexp.MustCompile(`null\]\n?/Count *(-?\d+)>>`).FindAllSubmatch(b, -1) {
		got = append(got, string(m[1]))
	}
	// The title holds five entries; "What changed this year" and "The
	// numbers" one each (TestOutlineNestsHeadings has the tree).
	if want := "5 1 0 1 0 0"; strings.Join(got, " ") != want {
		t.Errorf("outline counts %q, want %q", strings.Join(got, " "), want)
	}
}

func TestMetadata(t *testing.T) {
	b, _ := write(t, briefing(), opts)
	for _, want := range []string{"/Creator", "/Lang (en)", "/CreationDate (D:20240312000000", "/Keywords"} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("PDF lacks %s", want)
		}
	}
}

func TestDateFallsBackToSourceDate(t *testing.T) {
	d := briefing()
	d.Meta.Date = ""
	b, _ := write(t, d, Options{SourceDate: time.Date(2021, 5, 6, 7, 8, 9, 0, time.UTC)})
	if !bytes.Contains(b, []byte("/CreationDate (D:20210506070809")) {
		t.Error("creation date not taken from SourceDate")
	}
	b, _ = write(t, d, Options{})
	if !bytes.Contains(b, []byte("/CreationDate (D:20260101000000")) || bytes.Contains(b, []byte("D:1970")) {
		t.Error("without any date the creation date is not doc.UndatedStamp (and never 1970)")
	}
}

func TestReproducible(t *testing.T) {
	a, _ := write(t, briefing(), opts)
	b, _ := write(t, briefing(), opts)
	if !bytes.Equal(a, b) {
		t.Error("two runs differ")
	}
}

func TestPaperSizes(t *testing.T) {
	for paper, box := range map[string]string{"": "595.28 841.89", "a4": "595.28 841.89", "letter": "612.00 792.00"} {
		b, _ := write(t, briefing(), Options{Paper: paper})
		if !bytes.Contains(b, []byte("/MediaBox [0 0 "+box+"]")) {
			t.Errorf("paper %q: no MediaBox %s", paper, box)
		}
	}
	if err := New(Options{Paper: "a3"}).Write(context.Background(), briefing(), &bytes.Buffer{}); err == nil {
		t.Error("unknown paper accepted")
	}
}

func TestConcurrentDocuments(t *testing.T) {
	want, _ := write(t, briefing(), opts)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			if err := New(opts).Write(context.Background(), briefing(), &buf); err != nil {
				errs <- err
				return
			}
			if !bytes.Equal(buf.Bytes(), want) {
				errs <- fmt.Errorf("concurrent output differs from serial output")
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestUnsafeLinksAreTextOnly(t *testing.T) {
	d := &doc.Document{Meta: doc.Meta{Title: "Links", Lang: "en"}, Blocks: []doc.Block{
		para(link("javascript:alert(1)", txt("one")), txt(" "), link("JaVaScRiPt:alert(1)", txt("two")), txt(" "),
			link("java\tscript:alert(1)", txt("three")), txt(" "), link("data:text/html,x", txt("four")), txt(" "),
			link("https://example.org/ok", txt("five")), txt(" "), link("mailto:desk@example.org", txt("six"))),
	}}
	b, ws := write(t, d, Options{})
	if bytes.Contains(bytes.ToLower(b), []byte("javascript")) || bytes.Contains(b, []byte("data:text")) {
		t.Error("unsafe URL reached the PDF")
	}
	if !bytes.Contains(b, []byte("/URI (https://example.org/ok)")) || !bytes.Contains(b, []byte("/URI (mailto:desk@example.org)")) {
		t.Error("safe links missing")
	}
	n := 0
	for _, w := range ws {
		if w.Code == "unsafe-url" {
			n++
		}
	}
	if n != 4 {
		t.Errorf("%d unsafe-url warnings, want 4: %v", n, codes(ws))
	}
	qpdfCheck(t, b)
}

// TestSafeURLWritesHostsInASCII: a link to an internationalised host is a
// link in the PDF too, in the host's ASCII form.
func TestSafeURLWritesHostsInASCII(t *testing.T) {
	for in, want := range map[string]string{
		"https://bücher.example/ä":              "https://xn--bcher-kva.example/%C3%A4",
		"https://bücher.example:8080/":          "https://xn--bcher-kva.example:8080/",
		"https://matrix.to/#/#room:example.org": "https://matrix.to/#/%23room:example.org",
		"https://[2001:db8::1]/page":            "https://[2001:db8::1]/page",
	} {
		if got, ok := safeURL(in); !ok || got != want {
			t.Errorf("safeURL(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

// Characters above U+FFFF keep their identity in what a viewer shows with
// its own fonts: the Info dictionary (the title bar, the document's
// properties) and the bookmarks. fpdf's conversion to UTF-16 garbled them,
// so they were written as U+FFFD (textString).
func TestMetadataKeepsAstralCharacters(t *testing.T) {
	d := &doc.Document{
		Meta: doc.Meta{Title: "Launch 🚀 day", Authors: []string{"Ana 𝒜 Roe"}, Tags: []string{"space", "🛰"}, Lang: "en"},
		Blocks: []doc.Block{
			&doc.Heading{Level: 2, Content: []doc.Inline{&doc.Text{Value: "Party 🎉 time"}}},
			ptext("Just words."),
		},
	}
	b, _ := write(t, d, Options{})
	info, err := api.PDFInfo(bytes.NewReader(b), "t.pdf", nil, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	if info.Title != "Launch 🚀 day" || info.Author != "Ana 𝒜 Roe" || strings.Join(info.Keywords, ",") != "space,🛰" {
		t.Errorf("Info: title %q, author %q, keywords %q", info.Title, info.Author, info.Keywords)
	}
	bms, err := api.Bookmarks(bytes.NewReader(b), nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	flatten(bms, 0, &got)
	if want := "Launch 🚀 day\n  Party 🎉 time"; strings.Join(got, "\n") != want {
		t.Errorf("outline:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
}

func TestTextString(t *testing.T) {
	for in, want := range map[string]string{
		"plain":     "plain",
		"a\tb\nc":   "a b c",
		"Ünïcödé ✓": "Ünïcödé ✓",
		"x🚀y":       "x\xed\xa0\xbd\xed\xba\x80y", // U+1F680 = D83D DE80
	} {
		if got := textString(in); got != want {
			t.Errorf("textString(%q) = %q, want %q", in, got, want)
		}
	}
}
