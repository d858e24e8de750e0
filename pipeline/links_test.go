package pipeline

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"folio/internal/checktool"
	"folio/internal/epubzip"
	"folio/pipeline/doc"
)

// linkFiles writes a small tree: a.md, x/b.md, c.txt (not an input).
func linkFiles(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"a.md":   "# Alpha\n\nSee [b](x/b.md#proxy-settings), [B](x/b.md), [out](x/b.html#Proxy-Settings), [bad](x/b.md#nope), [c](c.txt), [self](a.md#second), [root](/abs.md), [q](?x=1), [web](https://e.org/b.md), [in](#second).\n\n## Second\n",
		"x/b.md": "# Beta\n\n## Proxy settings\n\nBack to [alpha](../a.md#second) and [alpha's html](../a.html).\n",
		"c.txt":  "not an input\n",
	}
	for name, s := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func linkTargets(d *doc.Document) []string {
	var out []string
	doc.Walk(d, func(n doc.Node, entering bool) doc.WalkStatus {
		if l, ok := n.(*doc.Link); ok && entering {
			s := l.URL
			if l.Batch != nil {
				s += " → " + l.Batch.Base + "#" + l.Batch.ID
			}
			out = append(out, s)
		}
		return doc.WalkContinue
	})
	return out
}

// TestLinkPassRules is the rewriting table: links to inputs (by their
// name or their output's) get a Batch target with the heading id
// translated; a link into the linking document itself becomes an
// internal one; the rest stay as written, or are made absolute under
// --base-url from the linking file's folder.
func TestLinkPassRules(t *testing.T) {
	dir := linkFiles(t)
	t.Chdir(dir)
	jobs := []Job{{Name: "a.md", OutBase: "out/a"}, {Name: "x/b.md", OutBase: "out/x/b"}}
	for _, tt := range []struct {
		name  string
		job   int
		base  string
		links bool
		want  []string
		warn  []string
	}{
		{"batch", 0, "", true, []string{
			"x/b.md#proxy-settings → x/b#proxy-settings", "x/b.md → x/b#", "x/b.html#Proxy-Settings → x/b#proxy-settings",
			"x/b.md#nope → x/b#", "c.txt", "#second", "/abs.md", "?x=1", "https://e.org/b.md", "#second",
		}, []string{"broken-link-fragment"}},
		{"batch back", 1, "", true, []string{"../a.md#second → ../a#second", "../a.html → ../a#"}, nil},
		{"base only", 0, "https://ex.org/r/", false, []string{
			"https://ex.org/r/x/b.md#proxy-settings", "https://ex.org/r/x/b.md", "https://ex.org/r/x/b.html#Proxy-Settings",
			"https://ex.org/r/x/b.md#nope", "https://ex.org/r/c.txt", "#second", "https://ex.org/abs.md",
			"https://ex.org/r/?x=1", "https://e.org/b.md", "#second",
		}, nil},
		{"base and batch", 1, "https://ex.org/r/", true, []string{
			"https://ex.org/r/a.md#second → ../a#second", "https://ex.org/r/a.html → ../a#"}, nil},
		{"neither", 1, "", false, []string{"../a.md#second", "../a.html"}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			o := &Options{BaseURL: tt.base}
			if tt.links {
				o.Links = NewLinks(jobs)
			}
			res := &Result{Timings: map[string]float64{}}
			var warns doc.Collector
			ctx := doc.WithWarn(context.Background(), warns.Add)
			d, err := read(ctx, jobs[tt.job], o, res)
			if err != nil {
				t.Fatal(err)
			}
			if got := linkTargets(d); !slices.Equal(got, tt.want) {
				t.Errorf("links\n got %q\nwant %q", got, tt.want)
			}
			var codes []string
			for _, w := range warns.Warnings() {
				codes = append(codes, w.Code)
			}
			if !slices.Equal(codes, tt.warn) {
				t.Errorf("warnings %q, want %q", codes, tt.warn)
			}
		})
	}
}

func TestCheckBaseURL(t *testing.T) {
	for s, ok := range map[string]bool{
		"": true, "https://ex.org/docs/": true, "http://ex.org": true,
		"ftp://ex.org/": false, "docs/": false, "https:///x": false, "javascript:alert(1)": false, "/abs": false,
	} {
		if err := CheckBaseURL(s); (err == nil) != ok {
			t.Errorf("CheckBaseURL(%q) = %v", s, err)
		}
	}
}

// TestLinksBetweenDocumentsEndToEnd runs a two-document batch to all
// three formats: the HTML links to the other page's heading, the PDF has
// a link annotation to the other PDF, the EPUB keeps the link as text
// with the warning (a link out of the book is invalid), and with a base
// URL links there instead.
func TestLinksBetweenDocumentsEndToEnd(t *testing.T) {
	dir := linkFiles(t)
	t.Chdir(dir)
	jobs := []Job{{Name: "a.md", OutBase: "out/a"}, {Name: "x/b.md", OutBase: "out/x/b"}}
	for _, base := range []string{"", "https://ex.org/r/"} {
		o := &Options{Formats: []string{"html", "epub", "pdf"}, Links: NewLinks(jobs), BaseURL: base}
		var warned []string
		Run(context.Background(), jobs, o, 2, func(r *Result) {
			if r.Err != nil {
				t.Fatalf("%s: %v", r.Input, r.Err)
			}
			for _, w := range r.Warnings {
				warned = append(warned, r.Input+" "+w.Code+" "+w.Message)
			}
		})
		hrefs := func(s string) []string {
			var out []string
			for _, m := range regexp.MustCompile(`<a href="([^"]*)"`).FindAllStringSubmatch(s, -1) {
				out = append(out, m[1])
			}
			return out
		}
		readFile := func(p string) string {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
		got := hrefs(readFile("out/a.html"))
		cBase := "c.txt"
		if base != "" {
			cBase = base + "c.txt"
		}
		want := []string{"x/b.html#proxy-settings", "x/b.html", "x/b.html#proxy-settings", "x/b.html", cBase}
		if len(got) < len(want) || !slices.Equal(got[:len(want)], want) {
			t.Errorf("base %q: a.html links %q, want them to start %q", base, got, want)
		}
		if got := hrefs(readFile("out/x/b.html")); !slices.Contains(got, "../a.html#second") || !slices.Contains(got, "../a.html") {
			t.Errorf("base %q: b.html links %q, want ../a.html#second and ../a.html", base, got)
		}
		// The PDFs: each link followed to its file, and to the page of
		// the heading it names.
		heads := map[string]string{"proxy-settings": "Proxy settings", "second": "Second"}
		if got := followPDFLinks(t, "out/a.pdf", heads); !slices.Equal(got, []string{
			"x/b.pdf#proxy-settings", "x/b.pdf", "x/b.pdf#proxy-settings", "x/b.pdf"}) {
			t.Errorf("base %q: a.pdf links to %q", base, got)
		}
		if got := followPDFLinks(t, "out/x/b.pdf", heads); !slices.Equal(got, []string{"../a.pdf#second", "../a.pdf"}) {
			t.Errorf("base %q: b.pdf links to %q", base, got)
		}
		var xhtml strings.Builder
		for name, b := range epubzip.Files(epubzip.ReadFile(t, "out/a.epub")) {
			if strings.HasSuffix(name, ".xhtml") {
				xhtml.Write(b)
			}
		}
		eh := hrefs(xhtml.String())
		if base == "" {
			if slices.ContainsFunc(eh, func(h string) bool { return strings.Contains(h, "x/b") || strings.Contains(h, ".epub") }) {
				t.Errorf("EPUB links out of the book: %q", eh)
			}
			// A file that is not exported: text and the warning, as
			// before.
			if !slices.Contains(warned, `a.md relative-link-dropped link to "c.txt" rendered as text`) {
				t.Errorf("no relative-link-dropped warning for c.txt in the EPUB: %q", warned)
			}
		} else if slices.ContainsFunc(warned, func(w string) bool { return strings.Contains(w, "relative-link-dropped") }) {
			t.Errorf("with a base URL, links are still dropped: %q", warned)
		} else if !slices.Contains(eh, base+"x/b.md#proxy-settings") {
			t.Errorf("EPUB links %q, want the base URL's", eh)
		}
		os.RemoveAll("out")
	}
}

// TestLinksInsidePack: in a pack, a link to another of its articles goes
// to that article's chapter (HTML: its anchor on the page; EPUB: its
// file; PDF: a link annotation to its page), with the heading id carrying
// the pack's prefix.
func TestLinksInsidePack(t *testing.T) {
	dir := linkFiles(t)
	t.Chdir(dir)
	jobs := []Job{{Name: "a.md"}, {Name: "x/b.md"}}
	o := &Options{Formats: []string{"html", "epub", "pdf"}, Links: NewLinks(jobs)}
	pr := ConvertPack(context.Background(), jobs, o, PackOptions{OutBase: "out/p", Jobs: 2})
	if pr.Pack.Err != nil {
		t.Fatal(pr.Pack.Err)
	}
	html, err := os.ReadFile("out/p.html")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`href="#a2-proxy-settings"`, `href="#a2"`, `href="#a1-second"`, `href="#a1"`, `id="a2-proxy-settings"`, `id="a1"`} {
		if !strings.Contains(string(html), want) {
			t.Errorf("pack HTML has no %s", want)
		}
	}
	if strings.Contains(string(html), `b.html`) || strings.Contains(string(html), `a.html`) {
		t.Error("pack HTML links to single-document pages")
	}
	files := epubzip.Files(epubzip.ReadFile(t, "out/p.epub"))
	a, b := string(files["EPUB/xhtml/a01-text.xhtml"]), string(files["EPUB/xhtml/a02-text.xhtml"])
	for _, want := range []string{`href="a02-text.xhtml#a2-proxy-settings"`, `href="a02-text.xhtml"`} {
		if !strings.Contains(a, want) {
			t.Errorf("EPUB chapter 1 has no %s", want)
		}
	}
	if !strings.Contains(b, `href="a01-text.xhtml#a1-second"`) || !strings.Contains(b, `href="a01-text.xhtml"`) {
		t.Error("EPUB chapter 2 does not link to chapter 1 and its heading")
	}
	if out, err := checktool.Run(t, checktool.EPUBCheck, "out/p.epub"); err != nil || !strings.Contains(out, "No errors or warnings detected") {
		t.Errorf("EPUBCheck: %v\n%s", err, out)
	}
	out, err := checktool.Run(t, checktool.QPDF, "--json=2", "--json-key=pages", "--json-key=qpdf", "out/p.pdf")
	if err != nil {
		t.Fatal(err, out)
	}
	var js struct {
		Pages []struct {
			Object string `json:"object"`
		} `json:"pages"`
		QPDF []json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal([]byte(out), &js); err != nil {
		t.Fatal(err)
	}
	// Cover, contents, then one page per article.
	if len(js.Pages) != 4 {
		t.Fatalf("%d pages, want 4", len(js.Pages))
	}
	if got := contentsLinks(t, js.QPDF, js.Pages, 3); !slices.Contains(got, 4) {
		t.Errorf("article 1 (page 3) links to pages %v, want page 4 among them", got)
	}
	if got := contentsLinks(t, js.QPDF, js.Pages, 4); !slices.Contains(got, 3) {
		t.Errorf("article 2 (page 4) links to pages %v, want page 3 among them", got)
	}
}

// TestLinkToUnreadableInput: a target that cannot be read (not UTF-8)
// costs the linking document nothing but a warning; the link still goes
// to the target's output, which the target's own run reports as failed.
func TestLinkToUnreadableInput(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	os.WriteFile("a.md", []byte("# A\n\n[b](b.md#part)\n"), 0o644)
	os.WriteFile("b.md", []byte("# B\n\n## Part\n\n\xff\xfe bad\n"), 0o644)
	jobs := []Job{{Name: "a.md", OutBase: "out/a"}, {Name: "b.md", OutBase: "out/b"}}
	o := &Options{Formats: []string{"html"}, Links: NewLinks(jobs)}
	r := Convert(context.Background(), jobs[0], o)
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	var msgs []string
	for _, w := range r.Warnings {
		msgs = append(msgs, w.Code+": "+w.Message)
	}
	if len(msgs) != 1 || !strings.Contains(msgs[0], "broken-link-fragment: b.md could not be read") {
		t.Errorf("warnings %q, want one broken-link-fragment naming the unreadable b.md", msgs)
	}
	b, _ := os.ReadFile("out/a.html")
	if !strings.Contains(string(b), `href="b.html"`) {
		t.Error(`a.html has no href="b.html"`)
	}
}

var (
	goToR    = regexp.MustCompile(`/S /GoToR /F \(([^)]*)\) /D (?:\(([^)]*)\)|\[0 /Fit\])`)
	destLine = regexp.MustCompile(`(?m)^\s*(\d+) \[.*\] "(.*)"$`)
)

// followPDFLinks follows every link from one PDF to another, as a viewer
// does: the file, relative to the linking one, must exist; a named place
// must be in the target's name tree (pdfinfo -dests), on the page that
// shows the heading (heads: name → heading text). It returns the links,
// file#name, in the order the annotations come (one per link: the
// annotations of a link's words are counted once).
func followPDFLinks(t *testing.T, pdf string, heads map[string]string) []string {
	t.Helper()
	b, err := os.ReadFile(pdf)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range goToR.FindAllStringSubmatch(string(b), -1) {
		link := m[1]
		if m[2] != "" {
			link += "#" + m[2]
		}
		if len(out) > 0 && out[len(out)-1] == link {
			continue // the next word of the same link
		}
		out = append(out, link)
		target := filepath.Join(filepath.Dir(pdf), m[1])
		if _, err := os.Stat(target); err != nil {
			t.Errorf("%s: link to %s: %v", pdf, m[1], err)
			continue
		}
		if m[2] == "" {
			continue
		}
		dests, err := checktool.Run(t, checktool.PDFInfo, "-dests", target)
		if err != nil {
			t.Fatalf("pdfinfo: %v", err)
		}
		page := ""
		for _, d := range destLine.FindAllStringSubmatch(dests, -1) {
			if d[2] == m[2] {
				page = d[1]
			}
		}
		if page == "" {
			t.Errorf("%s: %s names no place %q:\n%s", pdf, target, m[2], dests)
			continue
		}
		text, err := checktool.Run(t, checktool.PDFToText, "-f", page, "-l", page, target, "-")
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		if !strings.Contains(text, heads[m[2]]) {
			t.Errorf("%s: %s#%s is page %s, which does not show %q", pdf, m[1], m[2], page, heads[m[2]])
		}
	}
	return out
}

// TestCitationsInASavedPageLand: a saved page's citation marks link to its
// reference list, and each entry links back to its mark. Every such link
// lands in every format: the HTML and each EPUB file hold the id a link
// names (in the file the link names), the PDF names the place on the page
// that shows the entry, and nothing is reported as a broken link.
func TestCitationsInASavedPageLand(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	var b strings.Builder
	b.WriteString("<!doctype html><html lang=en><head><title>Weirs and the eel</title></head><body><article>\n<h1>Weirs and the eel</h1>\n")
	// Long enough for the EPUB to split at the second-level headings, so
	// that marks and entries sit in different files.
	for i := 1; i <= 60; i++ {
		if i == 31 {
			b.WriteString("<h2>Findings</h2>\n")
		}
		fmt.Fprintf(&b, "<p>Paragraph %d of the survey says that the old weirs on the lower river stop young eels climbing upstream in spring, and that a pass of brushes or studs lets most of them through. The counts at each weir were taken by volunteers at dawn, on the same days each year, and checked against the trust's older records before anything was drawn from them.", i)
		if i%5 == 0 {
			fmt.Fprintf(&b, "<sup id=\"cite_ref-%d\" class=\"reference\"><a href=\"#cite_note-%d\">[%d]</a></sup>", i/5, i/5, i/5)
		}
		b.WriteString("</p>\n")
	}
	b.WriteString("<h2>References</h2>\n<ol class=\"references\">\n")
	for i := 1; i <= 12; i++ {
		fmt.Fprintf(&b, "<li id=\"cite_note-%d\"><a href=\"#cite_ref-%d\">^</a> Source number %d, a report of the river trust.</li>\n", i, i, i)
	}
	b.WriteString("</ol></article></body></html>\n")
	if err := os.WriteFile("weirs.html", []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	jobs := []Job{{Name: "weirs.html", OutBase: "out/weirs"}}
	o := &Options{Formats: []string{"html", "epub", "pdf"}}
	Run(context.Background(), jobs, o, 1, func(r *Result) {
		if r.Err != nil {
			t.Fatalf("%s: %v", r.Input, r.Err)
		}
		for _, w := range r.Warnings {
			if w.Code == "broken-internal-link" {
				t.Errorf("%s: %v", r.Input, w)
			}
		}
	})
	// HTML: every fragment link has its id on the page.
	page, err := os.ReadFile("out/weirs.html")
	if err != nil {
		t.Fatal(err)
	}
	fragHref := regexp.MustCompile(`href="([^"#]*)#([^"]+)"`)
	ids := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, x := range regexp.MustCompile(` id="([^"]+)"`).FindAllStringSubmatch(s, -1) {
			m[x[1]] = true
		}
		return m
	}
	links := 0
	pageIDs := ids(string(page))
	for _, m := range fragHref.FindAllStringSubmatch(string(page), -1) {
		if m[1] == "" && strings.HasPrefix(m[2], "cite-") {
			links++
			if !pageIDs[m[2]] {
				t.Errorf("HTML: link to #%s, which the page lacks", m[2])
			}
		}
	}
	if links != 24 {
		t.Errorf("HTML: %d citation links, want 24 (12 marks, 12 back-links)", links)
	}
	// EPUB: each link names a file of the book that holds the id.
	files := map[string]string{}
	for name, b := range epubzip.Files(epubzip.ReadFile(t, "out/weirs.epub")) {
		if strings.HasSuffix(name, ".xhtml") {
			files[path.Base(name)] = string(b)
		}
	}
	t.Logf("EPUB files: %v", slices.Sorted(maps.Keys(files)))
	links = 0
	for name, body := range files {
		for _, m := range fragHref.FindAllStringSubmatch(body, -1) {
			if !strings.HasPrefix(m[2], "cite-") {
				continue
			}
			links++
			target := cmp.Or(m[1], name)
			if !ids(files[target])[m[2]] {
				t.Errorf("EPUB %s: link to %s#%s, which that file lacks", name, target, m[2])
			}
		}
	}
	if links != 24 || len(files) < 5 {
		t.Errorf("EPUB: %d citation links in %d files, want 24 in the title page, the nav and three parts", links, len(files))
	}
	// PDF: the entry's place is named, on the page that shows it.
	dests, err := checktool.Run(t, checktool.PDFInfo, "-dests", "out/weirs.pdf")
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	pageOf := map[string]string{}
	for _, d := range destLine.FindAllStringSubmatch(dests, -1) {
		pageOf[d[2]] = d[1]
	}
	for _, k := range []int{1, 12} {
		id := fmt.Sprintf("cite-note-%d", k)
		if pageOf[id] == "" {
			t.Errorf("PDF names no place %s:\n%s", id, dests)
			continue
		}
		text, err := checktool.Run(t, checktool.PDFToText, "-f", pageOf[id], "-l", pageOf[id], "out/weirs.pdf", "-")
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		if want := fmt.Sprintf("Source number %d,", k); !strings.Contains(text, want) {
			t.Errorf("PDF: %s is page %s, which does not show %q", id, pageOf[id], want)
		}
	}
	if pageOf["cite-ref-1"] == "" {
		t.Errorf("PDF names no place for the first mark:\n%s", dests)
	}
}
