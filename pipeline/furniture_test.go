package pipeline

import (
	"context"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"folio/internal/checktool"
	"folio/internal/epubzip"
	"folio/internal/pdfcheck"
	"folio/pipeline/doc"
)

// TestDateTextSameInEveryFormat: a document's date is written the same
// way, in its language, by every writer a reader sees it in (the PDF
// title block, the EPUB title page, the HTML header, and each pack's
// contents), and nowhere as the ISO timestamp the source gave; the
// machine-readable forms keep it (HTML <time datetime>, EPUB dc:date).
func TestDateTextSameInEveryFormat(t *testing.T) {
	const date = "2024-04-11T09:30:00+02:00"
	langs := []struct{ lang, title, body string }{
		{"en", "Grain corridor reopens", "Ships left the port on Thursday morning."},
		{"ru", "Зерновой коридор открыт", "Суда вышли из порта в четверг утром."},
		{"uk", "Зерновий коридор відкрито", "Судна вийшли з порту в четвер вранці."},
		{"fr", "Le corridor rouvre", "Les navires ont quitté le port jeudi matin."},
		{"de", "Der Korridor ist offen", "Die Schiffe verließen den Hafen am Donnerstag."},
		{"es", "El corredor reabre", "Los barcos salieron del puerto el jueves."},
		{"ar", "إعادة فتح ممر الحبوب", "غادرت السفن الميناء صباح الخميس."},
	}
	dir, out := t.TempDir(), t.TempDir()
	o := &Options{Formats: []string{"pdf", "epub", "html"}}
	var jobs []Job
	for _, l := range langs {
		src := filepath.Join(dir, l.lang+".md")
		md := "---\ntitle: " + l.title + "\ndate: " + date + "\nlang: " + l.lang + "\n---\n\n" + l.body + "\n"
		if err := os.WriteFile(src, []byte(md), 0o644); err != nil {
			t.Fatal(err)
		}
		jobs = append(jobs, Job{Name: src})
	}
	texts := map[string]string{} // format → extracted text, per language below
	for i, l := range langs {
		want := doc.ShowDate(date, l.lang)
		if want == date || want == "" {
			t.Fatalf("ShowDate(%q, %q) = %q", date, l.lang, want)
		}
		res := Convert(context.Background(), Job{Name: jobs[i].Name, OutBase: filepath.Join(out, l.lang)}, o)
		if res.Err != nil {
			t.Fatal(res.Err)
		}
		for _, o := range res.Outputs {
			texts[o.Format] = formatText(t, o.Format, o.Path)
		}
		for format, txt := range texts {
			if !containsText(format, txt, want) {
				t.Errorf("%s %s: the date is not written %q: %.300q", l.lang, format, want, txt)
			}
			if strings.Contains(txt, "09:30") {
				t.Errorf("%s %s: the ISO time shows: %.300q", l.lang, format, txt)
			}
		}
		raw, _ := os.ReadFile(filepath.Join(out, l.lang+".html"))
		if !strings.Contains(html.UnescapeString(string(raw)), `datetime="2024-04-11T09:30:00+02:00"`) {
			t.Errorf("%s html: no machine-readable <time datetime>", l.lang)
		}
		files := epubzip.Files(epubzip.ReadFile(t, filepath.Join(out, l.lang+".epub")))
		opf := ""
		for name, b := range files {
			if strings.HasSuffix(name, ".opf") {
				opf = string(b)
			}
		}
		if !regexp.MustCompile(`<dc:date>2024-04-11(T[0-9:]+Z)?</dc:date>`).MatchString(opf) {
			t.Errorf("%s epub: dc:date is not ISO: %.400q", l.lang, opf)
		}
	}
	// The packs' contents: each article's date in its own language.
	pr := ConvertPack(context.Background(), jobs, o, PackOptions{OutBase: filepath.Join(out, "pack"), Jobs: 2})
	if pr.Pack.Err != nil {
		t.Fatal(pr.Pack.Err)
	}
	for _, po := range pr.Pack.Outputs {
		txt := formatText(t, po.Format, po.Path)
		for _, l := range langs {
			if want := doc.ShowDate(date, l.lang); !containsText(po.Format, txt, want) {
				t.Errorf("pack %s: %s article's date not written %q", po.Format, l.lang, want)
			}
		}
		if strings.Contains(txt, "09:30") {
			t.Errorf("pack %s: the ISO time shows", po.Format)
		}
	}
}

// containsText: in a PDF, pdftotext puts the space between a number and
// an Arabic word on the wrong side when it rebuilds logical order, so
// there the text is compared without spaces.
func containsText(format, txt, want string) bool {
	if format == "pdf" {
		txt, want = strings.Join(strings.Fields(txt), ""), strings.Join(strings.Fields(want), "")
	}
	return strings.Contains(txt, want)
}

// bidiControls are the embedding marks pdftotext puts around runs.
var bidiControls = strings.NewReplacer("\u202a", "", "\u202b", "", "\u202c", "", "\u202d", "", "\u202e", "", "\u2066", "", "\u2067", "", "\u2068", "", "\u2069", "")

var tagRe = regexp.MustCompile(`(?s)<[^>]*>`)

// formatText is what a reader sees of an output, spaces collapsed and
// NFKC-normalised (the PDF draws Arabic in presentation forms): the PDF's
// text from pdftotext, the EPUB's and HTML's documents without markup
// (the HTML's head and style left out).
func formatText(t *testing.T, format, path string) string {
	t.Helper()
	var s string
	switch format {
	case "pdf":
		out, err := checktool.Run(t, checktool.PDFToText, "-enc", "UTF-8", path, "-")
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		s = out
	case "epub":
		var b strings.Builder
		for name, data := range epubzip.Files(epubzip.ReadFile(t, path)) {
			if strings.HasSuffix(name, ".xhtml") {
				b.WriteString(tagRe.ReplaceAllString(string(data), " "))
			}
		}
		s = html.UnescapeString(b.String())
	case "html":
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		body := string(data)
		if i := strings.Index(body, "<body"); i >= 0 {
			body = body[i:]
		}
		s = html.UnescapeString(tagRe.ReplaceAllString(body, " "))
	}
	return strings.Join(strings.Fields(bidiControls.Replace(norm.NFKC.String(s))), " ")
}

// TestPackHeaderDoesNotOverprint: in a pack, the running header gives the
// marking and the article's title each their own place, in either
// direction: no two words of a page's header overlap.
func TestPackHeaderDoesNotOverprint(t *testing.T) {
	dir, out := t.TempDir(), t.TempDir()
	var jobs []Job
	for _, l := range []struct{ lang, title, para string }{
		{"ar", "مزارعو واحة الأمل يعودون إلى نظام الأفلاج القديم بعد ثلاث سنوات من الجفاف الطويل",
			"غادرت السفن الميناء صباح الخميس بعد أسابيع من الانتظار، وقال التجار إن الأسعار ستنخفض قريباً إذا استمرت الرحلات. "},
		{"en", "The grain corridor reopens after three months, and insurers return to the Black Sea ports",
			"Ships left the port on Thursday morning after weeks of waiting, and traders said prices would fall soon if the sailings went on. "},
	} {
		src := filepath.Join(dir, l.lang+".md")
		md := "---\ntitle: " + l.title + "\nlang: " + l.lang + "\n---\n\n" + strings.Repeat(strings.Repeat(l.para, 6)+"\n\n", 14)
		if err := os.WriteFile(src, []byte(md), 0o644); err != nil {
			t.Fatal(err)
		}
		jobs = append(jobs, Job{Name: src})
	}
	o := &Options{Formats: []string{"pdf"}, Marking: "INTERNAL — NOT FOR DISTRIBUTION"}
	pr := ConvertPack(context.Background(), jobs, o, PackOptions{OutBase: filepath.Join(out, "pack"), Jobs: 1})
	if pr.Pack.Err != nil {
		t.Fatal(pr.Pack.Err)
	}
	headers := 0
	for pi, page := range pdfcheck.Pages(t, pr.Pack.Outputs[0].Path, -1, 60) {
		var words []pdfcheck.Word
		for _, ln := range page {
			words = append(words, ln...)
		}
		if len(words) > 3 {
			headers++
		}
		for i, a := range words {
			for _, b := range words[i+1:] {
				if a.X0 < b.X1-0.5 && b.X0 < a.X1-0.5 && a.Y0 < b.Y1-0.5 && b.Y0 < a.Y1-0.5 {
					t.Errorf("page %d: header words overlap: %q and %q", pi+1, a.Text, b.Text)
				}
			}
		}
	}
	if headers < 3 {
		t.Fatalf("only %d pages with a running header; the test wants several", headers)
	}
}
