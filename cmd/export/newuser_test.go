package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// These tests run the command as a new user would, from the folder the
// articles are in, and check what is written, the exit status and the
// message — twice where a second run is where things went wrong.

// userFolder makes a folder with files (name → text) and moves into it.
func userFolder(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	t.Setenv("SOURCE_DATE_EPOCH", "")
	return dir
}

// tree lists every file under dir (relative, slash-separated) with its
// SHA-256, hidden files included.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := hashes(t, dir)
	filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err == nil && !e.IsDir() && strings.HasPrefix(e.Name(), ".folio") {
			rel, _ := filepath.Rel(dir, p)
			m[filepath.ToSlash(rel)] = "manifest"
		}
		return nil
	})
	return m
}

func names(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

const noteMD = "---\ntitle: Harbour note\ndate: 2024-04-02\n---\n\nThe ferry runs at nine.\n"

func TestOutputsAreNeverInputs(t *testing.T) {
	tests := []struct {
		name string
		args []string
		// page puts a saved page among the inputs (not where its HTML
		// output would overwrite it: that is refused, see
		// TestUsageErrorsBeforeAnyWork).
		page bool
	}{
		{"export -o out . (the output folder inside the input folder)", []string{"-o", "out", "."}, true},
		{"export . (outputs beside the inputs)", []string{"."}, false},
		{"export --pack morning -o out .", []string{"--pack", "morning", "-o", "out", "."}, true},
		{"export --pack morning . (the pack beside the inputs)", []string{"--pack", "morning", "."}, true},
		{"export --incremental -o out .", []string{"--incremental", "-o", "out", "."}, true},
		// An HTML fragment has no <head> for the generator mark: it starts
		// with the mark as a comment instead.
		{"export --fragment . (HTML fragments beside the inputs)", []string{"--fragment", "."}, false},
		{"export --fragment -o out .", []string{"--fragment", "-o", "out", "."}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{
				"seed.md":          noteMD,
				"later.md":         "# Later note\n\nThe tide turns at noon.\n",
				"page_files/x.txt": "not an input",
			}
			if tt.page {
				files["page.html"] = "<!DOCTYPE html><html><head><title>A saved page</title></head><body><article><h1>A saved page</h1><p>Kept text of the saved page, long enough to be an article body for the reader to keep.</p></article></body></html>"
			}
			dir := userFolder(t, files)
			args := append([]string{"-q", "-t", "pdf,epub,html"}, tt.args...)
			if code, _, errs := runExport(t, args...); code != 0 {
				t.Fatalf("first run: exit %d: %s", code, errs)
			}
			first := tree(t, dir)
			if code, _, errs := runExport(t, args...); code != 0 {
				t.Fatalf("second run: exit %d: %s", code, errs)
			}
			second := tree(t, dir)
			if strings.Join(names(first), "\n") != strings.Join(names(second), "\n") {
				t.Fatalf("the second run changed the files:\nfirst  %v\nsecond %v", names(first), names(second))
			}
			for name, sum := range first {
				if second[name] != sum {
					t.Errorf("%s changed on the second run", name)
				}
				if strings.Contains(name, "out/out/") {
					t.Errorf("the output folder was read as input: %s", name)
				}
			}
		})
	}
}

func TestPandocOutputHabits(t *testing.T) {
	t.Run("-o article.pdf writes exactly that file", func(t *testing.T) {
		dir := userFolder(t, map[string]string{"article.md": noteMD})
		code, _, errs := runExport(t, "-o", "article.pdf", "article.md")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		fi, err := os.Stat(filepath.Join(dir, "article.pdf"))
		if err != nil || !fi.Mode().IsRegular() {
			t.Fatalf("article.pdf is not a file: %v", err)
		}
		if got := names(tree(t, dir)); strings.Join(got, " ") != "article.md article.pdf" {
			t.Errorf("files after the run: %v, want article.md article.pdf", got)
		}
	})
	t.Run("--output Notes.EPUB keeps the name as written", func(t *testing.T) {
		dir := userFolder(t, map[string]string{"a.md": noteMD})
		if code, _, errs := runExport(t, "--output", "Notes.EPUB", "a.md"); code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		b, err := os.ReadFile(filepath.Join(dir, "Notes.EPUB"))
		if err != nil || !bytes.HasPrefix(b, []byte("PK")) {
			t.Fatalf("Notes.EPUB: %v", err)
		}
	})
	t.Run("-o - writes one format to standard output", func(t *testing.T) {
		dir := userFolder(t, map[string]string{"a.md": noteMD})
		code, out, errs := runExport(t, "-t", "html", "-o", "-", "a.md")
		if code != 0 || !strings.HasPrefix(out, "<!DOCTYPE html>") || !strings.Contains(out, "The ferry runs at nine.") {
			t.Fatalf("exit %d, stdout %.80q, stderr %s", code, out, errs)
		}
		if got := names(tree(t, dir)); len(got) != 1 {
			t.Errorf("-o - wrote files: %v", got)
		}
	})
	t.Run("-o x.html --pack writes the pack there", func(t *testing.T) {
		dir := userFolder(t, map[string]string{"a.md": noteMD, "b.md": "# B\n\nMore.\n"})
		if code, _, errs := runExport(t, "--pack", "day", "-o", "day-pack.html", "a.md", "b.md"); code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		if _, err := os.Stat(filepath.Join(dir, "day-pack.html")); err != nil {
			t.Error(err)
		}
	})
	t.Run("-o sub/x.pdf . still searches sub/", func(t *testing.T) {
		userFolder(t, map[string]string{"sub/a.md": noteMD})
		if code, _, errs := runExport(t, "-o", "sub/a.pdf", "."); code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
	})
	t.Run("-o DIR still works", func(t *testing.T) {
		dir := userFolder(t, map[string]string{"a.md": noteMD})
		if code, _, errs := runExport(t, "-o", "site", "a.md"); code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		for _, f := range []string{"site/a.pdf", "site/a.epub", "site/a.html"} {
			if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
				t.Error(err)
			}
		}
	})
}

// TestUsageErrorsBeforeAnyWork checks each refusal: exit 2, a message
// that says what to write instead, and nothing written.
func TestUsageErrorsBeforeAnyWork(t *testing.T) {
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{"a file name for several inputs", []string{"-o", "x.pdf", "a.md", "b.md"}, nil, "write -o DIR to export each, or --pack NAME -o x.pdf"},
		{"several formats to standard output", []string{"-o", "-", "a.md"}, nil, "add -t html"},
		{"-t disagrees with the file's extension", []string{"-t", "html", "-o", "x.pdf", "a.md"}, nil, "drop -t"},
		{"-o naming an existing file", []string{"-o", "afile.txt", "a.md"}, nil, "-o afile.txt: is a file, not a folder"},
		{"-f gfm", []string{"-f", "gfm", "a.md"}, nil, "write -f markdown"},
		{"-f markdown+smart", []string{"-f", "markdown+smart", "a.md"}, nil, "no +/- extensions"},
		{"--shard auto without CI variables", []string{"--shard", "auto", "a.md"}, map[string]string{"CI_NODE_INDEX": "", "CI_NODE_TOTAL": "", "JOB_COMPLETION_INDEX": ""}, "none of CI_NODE_INDEX"},
		{"--marking forgetting its value", []string{"--marking", "-o", "out", "a.md"}, nil, "--marking needs a value, but -o follows it"},
		{"an empty folder", []string{"-o", "out", "empty"}, nil, "no input found: searched empty for .md"},
		{"an empty folder as a pack", []string{"--pack", "p", "empty"}, nil, "no input found"},
		{"a bad --max-input-size", []string{"--max-input-size", "lots", "a.md"}, nil, "want a positive size"},
		{"a saved page exported to HTML beside itself", []string{"-t", "html", "page.html"}, nil, "page.html would overwrite the input page.html"},
		{"-o naming the input", []string{"-o", "page.html", "page.html"}, nil, "would overwrite the input page.html"},
		{"a bad warning level", []string{"--warning", "boilerplate-removed=loud", "a.md"}, nil, "want info, warning or error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := userFolder(t, map[string]string{"a.md": noteMD, "b.md": noteMD, "afile.txt": "x", "empty/.keep": "", "page.html": "<!DOCTYPE html><title>Saved</title><p>A saved page.</p>"})
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			before := names(tree(t, dir))
			code, out, errs := runExport(t, tt.args...)
			if code != 2 || !strings.Contains(errs, tt.want) {
				t.Errorf("exit %d, want 2; stderr %q, want it to contain %q", code, errs, tt.want)
			}
			if strings.Count(errs, "\n") > 2 {
				t.Errorf("more than one message:\n%s", errs)
			}
			if out != "" {
				t.Errorf("standard output: %q", out)
			}
			if after := names(tree(t, dir)); strings.Join(after, " ") != strings.Join(before, " ") {
				t.Errorf("files written: %v", after)
			}
		})
	}
}

func TestMaxInputSizeTakesUnitsAndTheMessageGivesTheSize(t *testing.T) {
	userFolder(t, map[string]string{"big.md": "# Big\n\n" + strings.Repeat("word ", 300_000)})
	code, _, errs := runExport(t, "-t", "json", "-o", "out", "--max-input-size", "512KiB", "big.md")
	if code != 1 || !strings.Contains(errs, "the input is 1.4 MiB (1500007 bytes); --max-input-size is 512 KiB (524288 bytes)") {
		t.Errorf("exit %d: %s", code, errs)
	}
	if code, _, errs := runExport(t, "-t", "json", "-o", "out", "--max-input-size", "5MB", "big.md"); code != 0 {
		t.Errorf("--max-input-size 5MB: exit %d: %s", code, errs)
	}
}

func TestTheSameFileTwiceIsExportedOnce(t *testing.T) {
	userFolder(t, map[string]string{"a.md": noteMD})
	code, _, errs := runExport(t, "-t", "json", "-o", "out", "--report", "r.json", "a.md", "./a.md", ".")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r struct{ Total int }
	json.Unmarshal([]byte(read(t, "r.json")), &r)
	if r.Total != 1 {
		t.Errorf("%d inputs reported, want 1", r.Total)
	}
}

// scraped is a web article with site furniture around it: its removed
// lines are info, not warnings.
const scraped = `Libraries on Wheels Keep Branches Open
Culture / Books
Libraries on Wheels Keep Branches Open
Author: Dana Oak
When the budget cuts came, the rural library service had a choice between shutting five small branches or keeping them open two afternoons a week. It did neither, and bought two vans instead.
Read more: The village shops that became post offices again
Each van carries about three thousand books, a shelf of audiobooks and a folding awning for bad weather, and it stops in the same place at the same time every week.
Advertisement
Share this article
`

func TestWarningLevelsAndFailOnWarning(t *testing.T) {
	files := map[string]string{
		"scraped.txt": scraped,
		"pic.md":      "# Pictures\n\n![A map](missing.png)\n",
	}
	t.Run("boilerplate is info: one summary line, listed with -v", func(t *testing.T) {
		userFolder(t, map[string]string{"scraped.txt": scraped})
		code, _, errs := runExport(t, "-t", "json", "-o", "out", "scraped.txt")
		if code != 0 || strings.Contains(errs, "warning: boilerplate-removed") || !strings.Contains(errs, "scraped.txt: info: ") || !strings.Contains(errs, "line(s) removed as site boilerplate (boilerplate-removed); -v lists them") {
			t.Errorf("exit %d:\n%s", code, errs)
		}
		_, _, verbose := runExport(t, "-v", "-t", "json", "-o", "out", "scraped.txt")
		if !strings.Contains(verbose, ": info: boilerplate-removed: line") {
			t.Errorf("-v does not list the removed lines:\n%s", verbose)
		}
	})
	tests := []struct {
		name   string
		args   []string
		config string
		code   int
		want   string
	}{
		{"a warning passes by default", []string{"pic.md"}, "", 0, "warning: image-not-found"},
		{"--fail-on-warning fails it", []string{"--fail-on-warning", "pic.md"}, "", 1, "--fail-on-warning"},
		{"fail-on-warning in folio.yaml", []string{"pic.md"}, "fail-on-warning: true\n", 1, "--fail-on-warning"},
		{"info does not fail a run", []string{"--fail-on-warning", "scraped.txt"}, "", 0, "info:"},
		{"a code raised to error fails its input", []string{"scraped.txt"}, "warnings:\n  boilerplate-removed: error\n", 1, "1 of 1 input(s) failed"},
		{"a code lowered to info", []string{"--fail-on-warning", "--warning", "image-not-found=info", "pic.md"}, "", 0, "info: 1 image-not-found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			userFolder(t, files)
			if tt.config != "" {
				os.WriteFile("folio.yaml", []byte(tt.config), 0o644)
			}
			code, _, errs := runExport(t, append([]string{"-t", "json", "-o", "out"}, tt.args...)...)
			if code != tt.code || !strings.Contains(errs, tt.want) {
				t.Errorf("exit %d, want %d; stderr %q, want %q", code, tt.code, errs, tt.want)
			}
		})
	}
}

func TestIncrementalReportsKeepWarningsAndPass(t *testing.T) {
	userFolder(t, map[string]string{"notes/pic.md": "# Pictures\n\n![A map](missing.png)\n", "notes/plain.md": noteMD})
	args := []string{"-q", "-t", "html", "-o", "out", "--incremental", "--report", "r.json", "--junit", "j.xml", "notes"}
	for run := 1; run <= 2; run++ {
		if code, _, errs := runExport(t, args...); code != 0 {
			t.Fatalf("run %d: exit %d: %s", run, code, errs)
		}
		var r struct {
			Unchanged int `json:"unchanged"`
			Warnings  int `json:"warnings"`
			Inputs    []struct {
				Input    string `json:"input"`
				Status   string `json:"status"`
				Warnings []struct {
					Code  string `json:"code"`
					Level string `json:"level"`
				} `json:"warnings"`
			} `json:"inputs"`
		}
		if err := json.Unmarshal([]byte(read(t, "r.json")), &r); err != nil {
			t.Fatal(err)
		}
		if run == 2 && r.Unchanged != 2 {
			t.Errorf("run 2: %d unchanged, want 2", r.Unchanged)
		}
		if r.Warnings != 1 || len(r.Inputs) != 2 || len(r.Inputs[0].Warnings) != 1 || r.Inputs[0].Warnings[0].Code != "image-not-found" || r.Inputs[0].Warnings[0].Level != "warning" {
			t.Errorf("run %d: the report lost the warning: %+v", run, r)
		}
		var j struct {
			Skipped int `xml:"skipped,attr"`
			Cases   []struct {
				Name      string    `xml:"name,attr"`
				Classname string    `xml:"classname,attr"`
				Skipped   *struct{} `xml:"skipped"`
				Failure   *struct{} `xml:"failure"`
				SystemOut string    `xml:"system-out"`
			} `xml:"testcase"`
		}
		if err := xml.Unmarshal([]byte(read(t, "j.xml")), &j); err != nil {
			t.Fatal(err)
		}
		if j.Skipped != 0 || len(j.Cases) != 2 {
			t.Fatalf("run %d: junit %+v", run, j)
		}
		for _, c := range j.Cases {
			if c.Skipped != nil || c.Failure != nil || c.Classname != "notes" {
				t.Errorf("run %d: %s: skipped %v, failure %v, class %q (want passed, class notes)", run, c.Name, c.Skipped != nil, c.Failure != nil, c.Classname)
			}
		}
		if !strings.Contains(j.Cases[0].SystemOut, "image-not-found") {
			t.Errorf("run %d: JUnit lost the warning: %q", run, j.Cases[0].SystemOut)
		}
	}
}

func TestPackIsReportedUnderItsName(t *testing.T) {
	userFolder(t, map[string]string{"a.md": noteMD, "b.md": "# B\n\nMore.\n"})
	if code, _, errs := runExport(t, "-q", "-t", "html", "--pack", "morning", "-o", "out", "--junit", "j.xml", "a.md", "b.md"); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if j := read(t, "j.xml"); !strings.Contains(j, `name="morning" classname="pack"`) {
		t.Errorf("the pack is not reported as morning:\n%s", j)
	}
	if code, _, errs := runExport(t, "-q", "--pack", "morning", "-o", "today.html", "--junit", "j.xml", "a.md", "b.md"); code != 0 {
		t.Fatalf("-o today.html: exit %d: %s", code, errs)
	}
	if j := read(t, "j.xml"); !strings.Contains(j, `name="morning" classname="pack"`) {
		t.Errorf("with -o FILE the pack is not reported as morning:\n%s", j)
	}
}

func TestConfigIsAppliedInOrderWithLinesAndSuggestions(t *testing.T) {
	var meta strings.Builder
	meta.WriteString("to: json\nout: out\nmeta:\n")
	for _, kv := range []string{"author: Ann Lee", "authors: [Bo Chen, Cy Diaz]", "date: 2024-01-02", "published: 2024-02-03",
		"publisher: Desk One", "site: Desk Two", "summary: First", "description: Second", "tags: [a, b]", "keywords: [c]",
		"lang: fr", "language: de", "source: https://a.example/x", "url: https://b.example/y", "rights: CC BY", "section: News"} {
		meta.WriteString("  " + kv + "\n")
	}
	dir := userFolder(t, map[string]string{"a.md": "# A\n\ntext\n", "folio.yaml": meta.String()})
	var first string
	for run := range 20 {
		if code, _, errs := runExport(t, "-q", "a.md"); code != 0 {
			t.Fatalf("run %d: exit %d: %s", run, code, errs)
		}
		got := read(t, filepath.Join(dir, "out", "a.json"))
		if run == 0 {
			first = got
		} else if got != first {
			t.Fatalf("run %d gave different output from run 0", run)
		}
	}
	os.WriteFile("folio.yaml", []byte("to: json\nfail-on-warnings: true\n"), 0o644)
	code, _, errs := runExport(t, "a.md")
	if code != 2 || !strings.Contains(errs, "folio.yaml:2: fail-on-warnings: unknown setting; did you mean fail-on-warning?") {
		t.Errorf("exit %d: %s", code, errs)
	}
	os.WriteFile("folio.yaml", []byte("to: json\npaper: a3\n"), 0o644)
	if code, _, errs := runExport(t, "a.md"); code != 2 || !strings.Contains(errs, `folio.yaml:2: --paper "a3": want a4 or letter`) {
		t.Errorf("bad value: exit %d: %s", code, errs)
	}
	os.WriteFile("folio.yaml", []byte("to: json\nmeta:\n  title: [unclosed\n"), 0o644)
	if code, _, errs := runExport(t, "a.md"); code != 2 || !strings.Contains(errs, "folio.yaml:") {
		t.Errorf("bad YAML: exit %d: %s", code, errs)
	}
}

func TestASuccessfulRunEndsWithASummary(t *testing.T) {
	userFolder(t, map[string]string{"a.md": noteMD, "b.md": noteMD})
	code, _, errs := runExport(t, "-t", "html", "-o", "out", "a.md", "b.md")
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	if code != 0 || !strings.HasPrefix(lines[len(lines)-1], "export: 2 input(s), 2 file(s) written in out") {
		t.Errorf("exit %d:\n%s", code, errs)
	}
	if _, _, errs := runExport(t, "-q", "-t", "html", "-o", "out", "a.md"); errs != "" {
		t.Errorf("-q printed %q", errs)
	}
}
