package pipeline

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"folio/internal/epubzip"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"folio/internal/checktool"
	"folio/pipeline/doc"
)

// packInputs are the seed (when ../shared is beside the checkout) and
// five of the project's samples in four languages and three input formats.
func packInputs(t *testing.T) []string {
	t.Helper()
	ins := []string{
		"../testdata/samples/briefing.md",
		"../testdata/articles/features-breadcrumb.txt",
		"../testdata/articles/russian.txt",
		"../testdata/articles/arabic.txt",
		"../testdata/pages/harbour-dredging.html",
	}
	for _, in := range ins {
		if _, err := os.Stat(in); err != nil {
			t.Fatal(err)
		}
	}
	seeds, _ := filepath.Glob(filepath.Join("..", "..", "shared", "seeds", "*.txt"))
	return append(seeds, ins...)
}

func packJobs(names ...string) []Job {
	var jobs []Job
	for _, n := range names {
		jobs = append(jobs, Job{Name: n})
	}
	return jobs
}

// TestPackSeedAndSamples is the pack's promise: a PDF whose contents page
// gives the pages the articles really start on, with one outline entry per
// article and clickable entries; an EPUB with one chapter per article that
// EPUBCheck passes; a Nu-valid HTML page with one <article> each and no
// id twice; all byte-identical across two runs.
func TestPackSeedAndSamples(t *testing.T) {
	ins := packInputs(t)
	dir := t.TempDir()
	o := &Options{Formats: []string{"pdf", "epub", "html"}, Marking: "INTERNAL"}
	var runs [2]*PackResult
	for i := range runs {
		runs[i] = ConvertPack(context.Background(), packJobs(ins...), o, PackOptions{
			OutBase: filepath.Join(dir, strconv.Itoa(i), "pack"), Jobs: 2,
			Meta: doc.PackMeta{Subtitle: "Six pieces for the morning meeting", Editor: "Desk editor"},
		})
		if err := runs[i].Pack.Err; err != nil {
			t.Fatal(err)
		}
	}
	for i, out := range runs[0].Pack.Outputs {
		if out.SHA256 != runs[1].Pack.Outputs[i].SHA256 {
			t.Errorf("%s differs between two runs", out.Format)
		}
	}
	titles := packTitles(t, ins, o)
	path := func(format string) string {
		for _, out := range runs[0].Pack.Outputs {
			if out.Format == format {
				return out.Path
			}
		}
		t.Fatalf("no %s written", format)
		return ""
	}
	t.Run("pdf", func(t *testing.T) { checkPackPDF(t, path("pdf"), titles) })
	t.Run("epub", func(t *testing.T) { checkPackEPUB(t, path("epub"), titles) })
	t.Run("html", func(t *testing.T) { checkPackHTML(t, path("html"), titles) })
}

// packTitles reads each input alone, as the pack does, for its title.
func packTitles(t *testing.T, ins []string, o *Options) []string {
	var titles []string
	for _, in := range ins {
		res := &Result{Timings: map[string]float64{}}
		d, err := read(context.Background(), Job{Name: in}, o, res)
		if err != nil {
			t.Fatal(err)
		}
		titles = append(titles, d.Meta.Title)
	}
	return titles
}

type qpdfOutline struct {
	Title string        `json:"title"`
	Page  int           `json:"destpageposfrom1"`
	Kids  []qpdfOutline `json:"kids"`
}

func checkPackPDF(t *testing.T, pdf string, titles []string) {
	if out, err := checktool.Run(t, checktool.QPDF, "--check", pdf); err != nil || !qpdfClean.MatchString(out) || strings.Contains(out, "WARNING") {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
	out, err := checktool.Run(t, checktool.QPDF, "--json=2", "--json-key=outlines", "--json-key=pages", "--json-key=qpdf", pdf)
	if err != nil {
		t.Fatal(err, out)
	}
	var js struct {
		Outlines []qpdfOutline `json:"outlines"`
		Pages    []struct {
			Object string `json:"object"`
		} `json:"pages"`
		QPDF []json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal([]byte(out), &js); err != nil {
		t.Fatal(err)
	}
	// The outline: one top-level entry per article, in order, each with
	// its headings below it.
	if len(js.Outlines) != len(titles) {
		t.Fatalf("outline has %d top-level entries, want %d (one per article)", len(js.Outlines), len(titles))
	}
	starts := make([]int, len(titles))
	for i, e := range js.Outlines {
		if e.Title != strings.Join(strings.Fields(titles[i]), " ") {
			t.Errorf("outline entry %d is %q, want %q", i+1, e.Title, titles[i])
		}
		starts[i] = e.Page
		if i > 0 && starts[i] <= starts[i-1] {
			t.Errorf("article %d starts on page %d, before article %d (page %d)", i+1, e.Page, i, starts[i-1])
		}
	}
	if len(js.Outlines[1].Kids) == 0 {
		t.Error("the briefing's headings are not nested under its outline entry")
	}

	// The contents: the numbers at the right edge of the contents pages
	// are the pages the outline says the articles start on ...
	checkContentsNumbers(t, pdf, starts)
	// ... and the text of each of those pages begins the article: its title
	// is there, and not on the page before (right-to-left titles come out
	// of pdftotext in drawing order and are checked by the outline only).
	for i, n := range starts {
		if doc.IsRTL(langOfTitle(titles[i])) {
			continue
		}
		want := firstWords(titles[i], 4)
		if !strings.Contains(pageText(t, pdf, n), want) {
			t.Errorf("page %d (contents entry %d) does not show %q", n, i+1, want)
		}
		if n-1 >= starts[0] && strings.Contains(pageText(t, pdf, n-1), want) {
			t.Errorf("article %d's title is on page %d already, the contents says %d", i+1, n-1, n)
		}
	}
	// The running header: an article's later pages carry its short title,
	// its first page (the title block) does not repeat it above.
	for i, n := range starts {
		end := 0
		if i+1 < len(starts) {
			end = starts[i+1]
		}
		if doc.IsRTL(langOfTitle(titles[i])) || n+1 >= end {
			continue
		}
		head := firstWords(titles[i], 3)
		if next := pageText(t, pdf, n+1); !strings.HasPrefix(strings.TrimPrefix(next, "INTERNAL "), head) {
			t.Errorf("page %d (article %d, second page) does not start with the running header %q: %.80q", n+1, i+1, head, next)
		}
	}
	// Every contents entry is a link to its article's first page.
	links := contentsLinks(t, js.QPDF, js.Pages, 2)
	if !slices.Equal(links, starts) {
		t.Errorf("contents links go to pages %v, want %v", links, starts)
	}
}

// checkContentsNumbers compares the numbers at the right edge of the
// contents pages (page 2 to the page before the first article) with the
// pages the articles start on.
func checkContentsNumbers(t *testing.T, pdf string, starts []int) {
	t.Helper()
	var nums []int
	contentsPages := 0
	for p := 2; p < starts[0]; p++ {
		contentsPages++
		bbox, err := checktool.Run(t, checktool.PDFToText, "-bbox", "-f", strconv.Itoa(p), "-l", strconv.Itoa(p), pdf, "-")
		if err != nil {
			t.Fatal(err)
		}
		nums = append(nums, rightEdgeNumbers(bbox)...)
	}
	if contentsPages == 0 || !slices.Equal(nums, starts) {
		t.Fatalf("contents page numbers %v, outline starts %v (contents pages %d)", nums, starts, contentsPages)
	}
}

// outlineStarts are the pages the outline's top-level entries point to.
func outlineStarts(t *testing.T, pdf string) []int {
	t.Helper()
	out, err := checktool.Run(t, checktool.QPDF, "--json=2", "--json-key=outlines", pdf)
	if err != nil {
		t.Fatal(err, out)
	}
	var js struct{ Outlines []qpdfOutline }
	if err := json.Unmarshal([]byte(out), &js); err != nil {
		t.Fatal(err)
	}
	var starts []int
	for _, e := range js.Outlines {
		starts = append(starts, e.Page)
	}
	return starts
}

// A pack of many articles: the cover's list stops at the foot of the page
// and points to the contents, and the contents run over several pages
// with every number still right.
func TestPackContentsOverSeveralPages(t *testing.T) {
	checktool.Need(t, checktool.QPDF)
	dir := t.TempDir()
	var ins []string
	for i := range 45 {
		in := filepath.Join(dir, fmt.Sprintf("%02d.md", i))
		body := strings.Repeat("A paragraph of plain text that fills some of the page. ", 6*(i%4+1))
		writeFile(t, in, fmt.Sprintf("---\ntitle: Article %d on the long and winding question of how many words a title takes\npublisher: Desk %d\ndate: 2024-03-%02d\n---\n\n%s\n", i+1, i%7, i%28+1, body))
		ins = append(ins, in)
	}
	pr := ConvertPack(context.Background(), packJobs(ins...), &Options{Formats: []string{"pdf"}}, PackOptions{OutBase: filepath.Join(dir, "out", "p"), Jobs: 2})
	if pr.Pack.Err != nil {
		t.Fatal(pr.Pack.Err)
	}
	pdf := pr.Pack.Outputs[0].Path
	starts := outlineStarts(t, pdf)
	if len(starts) != 45 {
		t.Fatalf("%d outline entries, want 45", len(starts))
	}
	if starts[0] < 4 {
		t.Fatalf("the first article starts on page %d: the contents did not need two pages, the test is too small", starts[0])
	}
	checkContentsNumbers(t, pdf, starts)
	if cover := pageText(t, pdf, 1); !regexp.MustCompile(`\+ \d+ · Contents`).MatchString(cover) {
		t.Errorf("the cover does not point to the contents for the articles it has no room for: %.300q", cover)
	}
}

var rightNumber = regexp.MustCompile(`<word xMin="[\d.]+" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">(\d+)</word>`)

// rightEdgeNumbers are the numbers set flush with the text block's right
// edge (A4: 595.28 - 66 pt), top to bottom.
func rightEdgeNumbers(bbox string) []int {
	var out []int
	for _, m := range rightNumber.FindAllStringSubmatch(bbox, -1) {
		x, _ := strconv.ParseFloat(m[2], 64)
		// The right edge of the A4 text block (324 pt, centred).
		if right := 595.28 - (595.28-324)/2; x > right-1 && x < right+1 {
			n, _ := strconv.Atoi(m[3])
			out = append(out, n)
		}
	}
	return out
}

func pageText(t *testing.T, pdf string, n int) string {
	out, err := checktool.Run(t, checktool.PDFToText, "-f", strconv.Itoa(n), "-l", strconv.Itoa(n), pdf, "-")
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(norm.NFKC.String(out)), " ")
}

func firstWords(s string, n int) string {
	f := strings.Fields(norm.NFKC.String(s))
	return strings.Join(f[:min(n, len(f))], " ")
}

// langOfTitle is "ar" for a title in Arabic script, else "".
func langOfTitle(s string) string {
	for _, r := range s {
		if r >= 0x0600 && r <= 0x06FF {
			return "ar"
		}
	}
	return ""
}

// contentsLinks are the pages the link annotations of page p point to,
// in the order the page lists them.
func contentsLinks(t *testing.T, objs []json.RawMessage, pages []struct {
	Object string `json:"object"`
}, p int) []int {
	var all map[string]struct {
		Value map[string]json.RawMessage `json:"value"`
	}
	if len(objs) < 2 || json.Unmarshal(objs[1], &all) != nil {
		t.Fatal("qpdf --json gave no objects")
	}
	pageNo := map[string]int{}
	for i, pg := range pages {
		pageNo[pg.Object] = i + 1
	}
	// fpdf writes the annotations inline in the page's /Annots array.
	var annots []map[string]json.RawMessage
	json.Unmarshal(all["obj:"+pages[p-1].Object].Value["/Annots"], &annots)
	var out []int
	for _, a := range annots {
		var dest []any
		json.Unmarshal(a["/Dest"], &dest)
		if len(dest) == 0 {
			continue
		}
		ref, _ := dest[0].(string)
		out = append(out, pageNo[ref])
	}
	return out
}

func checkPackEPUB(t *testing.T, path string, titles []string) {
	if out, err := checktool.Run(t, checktool.EPUBCheck, path); err != nil || !strings.Contains(out, "No errors or warnings detected") {
		t.Errorf("EPUBCheck: %v\n%s", err, out)
	}
	files := map[string][]byte{}
	for _, f := range epubzip.ReadFile(t, path) {
		files[f.Name] = f.Data
	}
	// nav: one top-level entry per article, titled as the article.
	var nav struct {
		Nav []struct {
			Type string `xml:"type,attr"`
			OL   struct {
				LI []struct {
					A struct {
						Text string `xml:",chardata"`
						Href string `xml:"href,attr"`
					} `xml:"a"`
				} `xml:"li"`
			} `xml:"ol"`
		} `xml:"body>nav"`
	}
	if err := xml.Unmarshal(files["EPUB/nav.xhtml"], &nav); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, li := range nav.Nav[0].OL.LI {
		got = append(got, li.A.Text)
		if !strings.HasPrefix(li.A.Href, fmt.Sprintf("xhtml/a%02d-", len(got))) {
			t.Errorf("nav entry %d points to %s, not to its own chapter", len(got), li.A.Href)
		}
	}
	if !slices.Equal(got, titles) {
		t.Errorf("nav lists %q, want one chapter per article %q", got, titles)
	}
	// The Russian and Arabic chapters carry their own language.
	for i, in := range []string{"ru", "ar"} {
		want := fmt.Sprintf(`lang="%s"`, in)
		found := false
		for name, data := range files {
			if strings.HasPrefix(name, "EPUB/xhtml/a") && bytes.Contains(data, []byte(want)) {
				found = true
			}
		}
		if !found {
			t.Errorf("no chapter page has %s (case %d)", want, i)
		}
	}
}

var idAttrRe = regexp.MustCompile(`\sid="([^"]+)"`)

func checkPackHTML(t *testing.T, path string, titles []string) {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(b, []byte(`<article id="a`)); n != len(titles) {
		t.Errorf("%d <article> elements, want %d", n, len(titles))
	}
	seen := map[string]bool{}
	for _, m := range idAttrRe.FindAllSubmatch(b, -1) {
		if seen[string(m[1])] {
			t.Errorf("id %q appears twice", m[1])
		}
		seen[string(m[1])] = true
	}
	for i := range titles {
		if !bytes.Contains(b, fmt.Appendf(nil, `<li><a href="#a%d"`, i+1)) {
			t.Errorf("the contents list does not link to article %d", i+1)
		}
	}
	if m := externalRequest.Find(b); m != nil {
		t.Errorf("%q would make a request", m)
	}
	out, err := checktool.Run(t, checktool.VNU, "--errors-only", "--format", "text", path)
	if err != nil || strings.Contains(out, "Error:") {
		t.Errorf("Nu HTML checker reports errors (%v):\n%s", err, out)
	}
}

// One failed input: by default no pack is written and the error names the
// input and line; with SkipFailed the pack is written without it and says
// so.
func TestPackFailedInput(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.md")
	bad := filepath.Join(dir, "bad.md")
	writeFile(t, good, "# Good\n\nText.\n")
	writeFile(t, bad, "---\ntitle: [unclosed\n---\n\nText.\n")
	o := &Options{Formats: []string{"pdf", "epub", "html"}}
	base := filepath.Join(dir, "out", "pack")

	pr := ConvertPack(context.Background(), packJobs(good, bad), o, PackOptions{OutBase: base})
	if pr.Pack.Err == nil {
		t.Fatal("a pack with a failed input was written")
	}
	if msg := pr.Pack.Err.Error(); !regexp.MustCompile(regexp.QuoteMeta(bad)+`:\d+: front-matter`).MatchString(msg) || !strings.Contains(msg, "--skip-failed") {
		t.Errorf("error %q does not name %s:LINE and the way out", msg, bad)
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "out", "*")); len(m) != 0 {
		t.Errorf("files left behind: %v", m)
	}

	pr = ConvertPack(context.Background(), packJobs(good, bad), o, PackOptions{OutBase: base, SkipFailed: true})
	if pr.Pack.Err != nil {
		t.Fatal(pr.Pack.Err)
	}
	if !slices.Equal(pr.Skipped, []string{bad}) || len(pr.Pack.Outputs) != 3 {
		t.Errorf("skipped %v, outputs %d", pr.Skipped, len(pr.Pack.Outputs))
	}
	if _, ok := findWarning(pr.Pack.Warnings, []string{"pack-skipped"}); !ok {
		t.Errorf("no pack-skipped warning: %v", pr.Pack.Warnings)
	}
	r := &Report{}
	for _, in := range pr.Inputs {
		r.Add(in, StatusOK)
	}
	r.AddPack(pr, "p")
	var buf bytes.Buffer
	r.WriteJSON(&buf)
	if !strings.Contains(buf.String(), `"left_out": [`) || r.Failed != 1 {
		t.Errorf("report does not say what was left out:\n%s", buf.String())
	}
}

func TestPackTimeoutBoundsTheWholePack(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "a.md")
	writeFile(t, in, "# A\n\nText.\n")
	pr := ConvertPack(context.Background(), packJobs(in), &Options{Formats: []string{"html"}, Timeout: time.Nanosecond},
		PackOptions{OutBase: filepath.Join(dir, "out", "p")})
	var de *doc.Error
	if !asDocError(pr.Pack.Err, &de) || de.Code != "timeout" {
		t.Errorf("err = %v, want a timeout", pr.Pack.Err)
	}
	if _, err := os.Stat(filepath.Join(dir, "out", "p.html")); err == nil {
		t.Error("a timed-out pack was written")
	}
}

func TestPackRefusesJSON(t *testing.T) {
	pr := ConvertPack(context.Background(), nil, &Options{Formats: []string{"json"}}, PackOptions{OutBase: filepath.Join(t.TempDir(), "p")})
	var de *doc.Error
	if pr.Pack.Err == nil || !asDocError(pr.Pack.Err, &de) || de.Code != "pack-format" {
		t.Errorf("err = %v, want pack-format", pr.Pack.Err)
	}
}

func asDocError(err error, de **doc.Error) bool {
	e, ok := err.(*doc.Error)
	*de = e
	return ok
}

func TestSortArticles(t *testing.T) {
	mk := func(title, date, pub string) *doc.Document {
		return &doc.Document{Meta: doc.Meta{Title: title, Date: date, Publisher: pub}}
	}
	docs := func() []*doc.Document {
		return []*doc.Document{
			mk("banana", "2024-03-01", "Zeta"),
			mk("Apple", "", "alpha"),
			mk("cherry", "2024-03-05T08:00:00Z", "Mid"),
			mk("apple", "2024-03-01", ""),
		}
	}
	for _, tt := range []struct {
		by   string
		want []string
	}{
		{"", []string{"banana", "Apple", "cherry", "apple"}},
		{"date", []string{"cherry", "banana", "apple", "Apple"}}, // newest first, ties keep order, undated last
		{"title", []string{"Apple", "apple", "banana", "cherry"}},
		{"source", []string{"apple", "Apple", "cherry", "banana"}}, // no source first
	} {
		ds := docs()
		sortArticles(ds, tt.by)
		var got []string
		for _, d := range ds {
			got = append(got, d.Meta.Title)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("sort %q: %v, want %v", tt.by, got, tt.want)
		}
	}
}

func TestPackMetaDefaults(t *testing.T) {
	arts := []*doc.Document{
		{Meta: doc.Meta{Lang: "ru", Date: "2024-03-02"}},
		{Meta: doc.Meta{Lang: "en", Date: "2024-03-05T10:00:00Z"}},
		{Meta: doc.Meta{Lang: "ru-RU"}},
	}
	m := packMeta(doc.PackMeta{}, &Options{Marking: "SECRET"}, arts)
	if m.Lang != "ru" || m.Date != "2024-03-05" || m.Marking != "SECRET" || m.Title != "Сводка — 2024-03-05" {
		t.Errorf("defaults: %+v", m)
	}
	m = packMeta(doc.PackMeta{Title: "Mine", Lang: "en", Date: "2024-01-01"}, &Options{}, arts)
	if m.Title != "Mine" || m.Date != "2024-01-01" {
		t.Errorf("given values replaced: %+v", m)
	}
	if m := packMeta(doc.PackMeta{}, &Options{}, []*doc.Document{{}}); m.Title != "Briefing" || m.Lang != "en" {
		t.Errorf("undated: %+v", m)
	}
}

// The catalogue of hostile inputs as one pack with --skip-failed: every
// input the catalogue expects to fail is left out (and only those), and
// what is written from the rest passes qpdf, EPUBCheck and the Nu checker.
func TestPackOfTheBadInputCatalogue(t *testing.T) {
	var ins, wantSkipped []string
	seen := map[string]bool{}
	for _, c := range readExpect(t) {
		if c.lossy || strings.HasPrefix(c.file, "gen:") || seen[c.file] || failsOnlyInSetup[c.name()] {
			continue
		}
		seen[c.file] = true
		in := filepath.Join(badDir, c.file)
		ins = append(ins, in)
		if c.outcome == "E" {
			wantSkipped = append(wantSkipped, in)
		}
	}
	dir := t.TempDir()
	o := &Options{Formats: []string{"pdf", "epub", "html"}}
	pr := ConvertPack(context.Background(), packJobs(ins...), o, PackOptions{OutBase: filepath.Join(dir, "bad"), SkipFailed: true, Jobs: 2})
	if pr.Pack.Err != nil {
		t.Fatal(pr.Pack.Err)
	}
	if !slices.Equal(pr.Skipped, wantSkipped) {
		t.Errorf("left out %v,\nwant the catalogue's errors %v", pr.Skipped, wantSkipped)
	}
	for _, out := range pr.Pack.Outputs {
		switch out.Format {
		case "pdf":
			if res, err := checktool.Run(t, checktool.QPDF, "--check", out.Path); err != nil || !qpdfClean.MatchString(res) || strings.Contains(res, "WARNING") {
				t.Errorf("qpdf --check: %v\n%s", err, res)
			}
			if n := len(outlineStarts(t, out.Path)); n != len(ins)-len(wantSkipped) {
				t.Errorf("%d outline entries for %d articles", n, len(ins)-len(wantSkipped))
			}
		case "epub":
			if res, err := checktool.Run(t, checktool.EPUBCheck, out.Path); err != nil || !strings.Contains(res, "No errors or warnings detected") {
				t.Errorf("EPUBCheck: %v\n%s", err, res)
			}
		case "html":
			b, _ := os.ReadFile(out.Path)
			checkMarkupText(t, out.Path, b)
			if res, err := checktool.Run(t, checktool.VNU, "--errors-only", "--format", "text", out.Path); err != nil || strings.Contains(res, "Error:") {
				t.Errorf("Nu HTML checker reports errors (%v):\n%s", err, res)
			}
		}
	}
}
