package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"folio/internal/checktool"
)

// sampleInputs are the repository's sample documents: Markdown, scraped
// articles and saved pages.
func sampleInputs(t *testing.T) []string {
	t.Helper()
	var ins []string
	for _, pat := range []string{"samples/*.md", "articles/*.txt", "pages/*.html"} {
		m, _ := filepath.Glob(filepath.Join("..", "..", "testdata", pat))
		ins = append(ins, m...)
	}
	if len(ins) < 10 {
		t.Fatalf("only %d samples found", len(ins))
	}
	return ins
}

// TestAceFindsNoViolations runs Ace by DAISY on every sample's EPUB and on
// a pack of all of them: zero violations of any impact.
func TestAceFindsNoViolations(t *testing.T) {
	ace := checktool.Need(t, checktool.Ace)
	out := t.TempDir()
	ins := sampleInputs(t)
	if code, _, errs := runExport(t, append([]string{"-q", "-t", "epub", "-o", out}, ins...)...); code != 0 {
		t.Fatalf("export: exit %d: %s", code, errs)
	}
	if code, _, errs := runExport(t, append([]string{"-q", "-t", "epub", "--pack", "all-samples", "-o", out}, ins...)...); code != 0 {
		t.Fatalf("pack: exit %d: %s", code, errs)
	}
	books, _ := filepath.Glob(filepath.Join(out, "*.epub"))
	if len(books) != len(ins)+1 {
		t.Fatalf("%d books for %d samples and a pack", len(books), len(ins))
	}
	env := os.Environ()
	if os.Getenv("PUPPETEER_EXECUTABLE_PATH") == "" {
		env = append(env, "PUPPETEER_EXECUTABLE_PATH=/usr/bin/chromium")
	}
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for _, book := range books {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			dir := strings.TrimSuffix(book, ".epub") + "-ace"
			cmd := exec.Command(ace[0], append(ace[1:], "-s", "-o", dir, book)...)
			cmd.Env = env
			if b, err := cmd.CombinedOutput(); err != nil {
				t.Errorf("%s: ace: %v\n%s", filepath.Base(book), err, b)
				return
			}
			for _, v := range aceViolations(t, filepath.Join(dir, "report.json")) {
				t.Errorf("%s: %s", filepath.Base(book), v)
			}
		})
	}
	wg.Wait()
}

// aceViolations lists the violations in an Ace report.
func aceViolations(t *testing.T, report string) []string {
	b, err := os.ReadFile(report)
	if err != nil {
		t.Error(err)
		return nil
	}
	var r struct {
		Assertions []struct {
			Subject struct {
				URL string `json:"url"`
			} `json:"earl:testSubject"`
			Assertions []struct {
				Test struct {
					Impact string `json:"earl:impact"`
					Title  string `json:"dct:title"`
				} `json:"earl:test"`
				Result struct {
					HTML string `json:"html"`
				} `json:"earl:result"`
			} `json:"assertions"`
		} `json:"assertions"`
	}
	if err := json.Unmarshal(b, &r); err != nil {
		t.Errorf("%s: %v", report, err)
		return nil
	}
	var out []string
	for _, a := range r.Assertions {
		for _, x := range a.Assertions {
			html := x.Result.HTML
			if len(html) > 160 {
				html = html[:160] + "…"
			}
			out = append(out, fmt.Sprintf("%s: %s %s: %s", a.Subject.URL, x.Test.Impact, x.Test.Title, html))
		}
	}
	return out
}

// TestLibrarySoftwareShowsTheRealTitleAndAnAuthor reads the EPUBs with
// Calibre's ebook-meta, as a library shows them: the title alone (not
// title and standfirst run together), an author for a pack, and no 1970
// anywhere for a document without a date.
func TestLibrarySoftwareShowsTheRealTitleAndAnAuthor(t *testing.T) {
	checktool.Need(t, checktool.EbookMeta)
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	dated := write("dated.md", "---\ntitle: Ferry timetable changes\nsubtitle: A long standfirst that says what the article is about in one sentence\npublisher: Harbour Gazette\ndate: 2024-05-02\n---\n\nText.\n")
	undated := write("undated.md", "# Notes without a date\n\nText.\n")
	out := filepath.Join(dir, "out")
	t.Setenv("SOURCE_DATE_EPOCH", "")
	if code, _, errs := runExport(t, "-q", "-t", "epub,pdf", "-o", out, dated, undated); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if code, _, errs := runExport(t, "-q", "-t", "epub", "--pack", "morning", "-o", out, dated, undated); code != 0 {
		t.Fatalf("pack: exit %d: %s", code, errs)
	}
	meta := func(book string) string {
		s, err := checktool.Run(t, checktool.EbookMeta, filepath.Join(out, book))
		if err != nil {
			t.Fatalf("ebook-meta %s: %v\n%s", book, err, s)
		}
		return s
	}
	field := func(s, name string) string {
		for _, l := range strings.Split(s, "\n") {
			if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == name {
				return strings.TrimSpace(v)
			}
		}
		return ""
	}
	if s := meta("dated.epub"); field(s, "Title") != "Ferry timetable changes" {
		t.Errorf("title shown as %q, want the title alone:\n%s", field(s, "Title"), s)
	}
	if s := meta("morning.epub"); field(s, "Author(s)") != "Harbour Gazette" {
		t.Errorf("pack author shown as %q, want the articles' publisher:\n%s", field(s, "Author(s)"), s)
	}
	for _, f := range []string{"undated.epub", "undated.pdf"} {
		if s := meta(f); strings.Contains(s, "1970") {
			t.Errorf("%s shows 1970:\n%s", f, s)
		}
	}
	pdf, _ := os.ReadFile(filepath.Join(out, "undated.pdf"))
	if strings.Contains(string(pdf), "D:1970") {
		t.Error("undated.pdf carries a 1970 date")
	}
}
