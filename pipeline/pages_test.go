package pipeline

import (
	"bufio"
	"bytes"
	"context"
	"folio/internal/epubzip"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"
	"golang.org/x/text/unicode/norm"

	"folio/internal/checktool"
)

// TestSavedPagesExport is the saved-page promise: `export -t
// pdf,epub,html PAGE.html` on every sample page writes three valid files
// (qpdf clean, EPUBCheck without errors or warnings, the Nu checker
// without errors) whose text is the article alone. testdata/pages/NAME.expect
// lists, for each page, what every output must show (+: the title, the
// standfirst, each paragraph's opening words, headings, captions and
// credits) and must not (-: menus, share bars, newsletter boxes, related
// lists, comments, footers, advertisements).
func TestSavedPagesExport(t *testing.T) {
	for _, tool := range []checktool.Tool{checktool.QPDF, checktool.PDFToText, checktool.EPUBCheck, checktool.VNU} {
		checktool.Need(t, tool)
	}
	pages, err := filepath.Glob(filepath.Join("..", "testdata", "pages", "*.html"))
	if err != nil || len(pages) < 8 {
		t.Fatalf("want at least 8 sample pages, found %d (%v)", len(pages), err)
	}
	dir := t.TempDir()
	o := &Options{Formats: []string{"pdf", "epub", "html"}}
	var htmls []string
	for _, page := range pages {
		name := stem(page)
		t.Run(name, func(t *testing.T) {
			must, mustNot := readPageExpect(t, strings.TrimSuffix(page, ".html")+".expect")
			res := Convert(context.Background(), Job{Name: page, OutBase: filepath.Join(dir, name)}, o)
			if res.Err != nil {
				t.Fatal(res.Err)
			}
			if len(res.Outputs) != 3 {
				t.Fatalf("outputs %v, want pdf, epub and html", res.Outputs)
			}
			rtl := false
			texts := map[string]string{}
			for _, out := range res.Outputs {
				switch out.Format {
				case "pdf":
					if txt, err := checktool.Run(t, checktool.QPDF, "--check", out.Path); err != nil || !qpdfClean.MatchString(txt) || strings.Contains(txt, "WARNING") {
						t.Errorf("qpdf --check: %v\n%s", err, txt)
					}
					txt, err := checktool.Run(t, checktool.PDFToText, out.Path, "-")
					if err != nil {
						t.Fatalf("pdftotext: %v", err)
					}
					texts["pdf"] = txt
				case "epub":
					if txt, err := checktool.Run(t, checktool.EPUBCheck, out.Path); err != nil || !strings.Contains(txt, "No errors or warnings detected") {
						t.Errorf("EPUBCheck: %v\n%s", err, txt)
					}
					texts["epub"] = epubText(t, out.Path)
				case "html":
					htmls = append(htmls, out.Path)
					b, err := os.ReadFile(out.Path)
					if err != nil {
						t.Fatal(err)
					}
					texts["html"] = markupText(t, b)
					rtl = bytes.Contains(b, []byte(`dir="rtl"`))
				}
			}
			for format, text := range texts {
				text = comparableText(text)
				for _, s := range must {
					// pdftotext gives right-to-left lines in drawing
					// order; only the markup outputs are checked for them.
					if format == "pdf" && rtl {
						break
					}
					if !strings.Contains(text, comparableText(s)) {
						t.Errorf("%s: article text %q missing", format, s)
					}
				}
				for _, s := range mustNot {
					if strings.Contains(text, comparableText(s)) {
						t.Errorf("%s: page furniture %q in the output", format, s)
					}
				}
			}
		})
	}
	if len(htmls) == 0 {
		return
	}
	out, err := checktool.Run(t, checktool.VNU, append([]string{"--errors-only", "--format", "text"}, htmls...)...)
	if err != nil || strings.Contains(out, "Error:") {
		t.Errorf("Nu HTML checker reports errors (%v):\n%s", err, out)
	}
}

// readPageExpect reads a page's lists of must (+) and must-not (-)
// strings; # starts a comment.
func readPageExpect(t *testing.T, path string) (must, mustNot []string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("%v (every sample page has a NAME.expect beside it)", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(line, "+ "):
			must = append(must, line[2:])
		case strings.HasPrefix(line, "- "):
			mustNot = append(mustNot, line[2:])
		case line == "" || strings.HasPrefix(line, "#"):
		default:
			t.Fatalf("%s: %q is neither + nor - nor a comment", path, line)
		}
	}
	if len(must) < 5 || len(mustNot) < 5 {
		t.Fatalf("%s: %d musts and %d must-nots; list the article and the furniture", path, len(must), len(mustNot))
	}
	return must, mustNot
}

// epubText is the text of every XHTML document in an EPUB.
func epubText(t *testing.T, path string) string {
	t.Helper()
	var b strings.Builder
	for _, f := range epubzip.ReadFile(t, path) {
		if !strings.HasSuffix(f.Name, ".xhtml") {
			continue
		}
		b.WriteString(markupText(t, f.Data))
		b.WriteByte('\n')
	}
	return b.String()
}

// markupText is the text a reader sees in an HTML or XHTML document: its
// body without scripts and styles, block ends as spaces, and the alt text
// of images (shown when a picture is missing).
func markupText(t *testing.T, b []byte) string {
	t.Helper()
	root, err := xhtml.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	var walk func(n *xhtml.Node)
	walk = func(n *xhtml.Node) {
		switch {
		case n.Type == xhtml.ElementNode && (n.Data == "script" || n.Data == "style" || n.Data == "head"):
			return
		case n.Type == xhtml.TextNode:
			sb.WriteString(n.Data)
		case n.Type == xhtml.ElementNode:
			sb.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == xhtml.ElementNode {
			sb.WriteByte(' ')
		}
	}
	walk(root)
	return sb.String()
}

var quoteMarks = regexp.MustCompile(`["'“”‘’«»„‚‹›]`)

// comparableText folds what writers may change about text: compatibility
// forms (the PDF's Arabic presentation forms), bidi controls, quotation
// marks (typography), soft hyphens and line breaks.
func comparableText(s string) string {
	s = norm.NFKC.String(s)
	s = strings.Map(func(r rune) rune {
		if r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 || r == 0x200E || r == 0x200F || r == 0xAD {
			return -1
		}
		return r
	}, s)
	s = quoteMarks.ReplaceAllString(s, "")
	return strings.Join(strings.Fields(s), " ")
}
