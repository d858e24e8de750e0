package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"folio/internal/corpus"
)

func runExport(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestUsageAndExitCodes(t *testing.T) {
	tests := []struct {
		name string
		args []string
		env  string
		code int
		want string
	}{
		{"help", []string{"--help"}, "", 0, "Usage: export"},
		{"version", []string{"--version"}, "", 0, "export (Folio)"},
		{"no input", nil, "", 2, "no input given"},
		{"unknown flag", []string{"--frobnicate", "a.md"}, "", 2, "unknown flag"},
		{"unknown format", []string{"-t", "docx", "a.md"}, "", 2, `unknown output format "docx"`},
		{"bad paper", []string{"--paper", "a3", "a.md"}, "", 2, "--paper"},
		{"bad meta", []string{"--meta", "novalue", "a.md"}, "", 2, "want key=value"},
		{"missing input", []string{"-o", t.TempDir(), "does-not-exist.md"}, "", 2, "does-not-exist.md"},
		{"SOURCE_DATE_EPOCH not a number", []string{"a.md"}, "abc", 2, "SOURCE_DATE_EPOCH"},
		{"SOURCE_DATE_EPOCH float", []string{"a.md"}, "1e9", 2, "SOURCE_DATE_EPOCH"},
		{"SOURCE_DATE_EPOCH negative", []string{"a.md"}, "-1", 2, "SOURCE_DATE_EPOCH"},
		{"SOURCE_DATE_EPOCH in the year 10000 (r15)", []string{"a.md"}, "253402300800", 2, "after the year 9999"},
		{"SOURCE_DATE_EPOCH in milliseconds", []string{"a.md"}, "1700000000000", 2, "milliseconds"},
		{"base-url not http", []string{"--base-url", "ftp://x.org/", "a.md"}, "", 2, "--base-url"},
		{"base-url relative", []string{"--base-url", "docs/", "a.md"}, "", 2, "want an absolute http or https URL"},
		{"bad shard", []string{"--shard", "3/2", "a.md"}, "", 2, "shard"},
		{"pack flag without pack", []string{"--sort", "date", "a.md"}, "", 2, "--sort needs --pack"},
		{"pack bad sort", []string{"--pack", "p", "--sort", "size", "a.md"}, "", 2, `--sort "size"`},
		{"pack bad date", []string{"--pack", "p", "--pack-date", "March", "a.md"}, "", 2, "--pack-date"},
		{"pack as json", []string{"--pack", "p", "-t", "json", "a.md"}, "", 2, "a pack is written as epub, html, pdf"},
		{"pack name with folder", []string{"--pack", "../p", "a.md"}, "", 2, "without folders"},
		{"pack incremental", []string{"--pack", "p", "--incremental", "a.md"}, "", 2, "--incremental does not apply"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("SOURCE_DATE_EPOCH", tt.env)
			code, out, errs := runExport(t, tt.args...)
			if code != tt.code || !strings.Contains(out+errs, tt.want) {
				t.Errorf("exit %d, want %d; output %q, want it to contain %q", code, tt.code, out+errs, tt.want)
			}
		})
	}
}

// hashes returns path (relative to dir) → SHA-256 of every file under dir.
func hashes(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() || strings.HasPrefix(e.Name(), ".folio") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(b)
		rel, _ := filepath.Rel(dir, p)
		m[rel] = hex.EncodeToString(sum[:])
		return nil
	})
	return m
}

func TestBatchReportsFailuresAndKeepsGoing(t *testing.T) {
	src := t.TempDir()
	good, err := corpus.Write(src, 40, 3000, 7)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out")
	report, junit := filepath.Join(out, "report.json"), filepath.Join(out, "junit.xml")
	code, _, errs := runExport(t, "-j", "2", "-q", "-o", out, "--report", report, "--junit", junit, src)
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr:\n%s", code, errs)
	}
	// The three broken inputs are named with file:line, nothing else failed.
	for _, want := range []string{"broken-latin1.txt:5:33: invalid-utf8", "broken-frontmatter.md:[23]: front-matter", "broken-nesting.md:1:65: nesting-limit"} {
		if !regexp.MustCompile(regexp.QuoteMeta(src) + "/" + want).MatchString(errs) {
			t.Errorf("stderr does not name %s:\n%s", want, errs)
		}
	}
	if n := strings.Count(strings.TrimSpace(errs), "\n") + 1; n != 3 {
		t.Errorf("%d error lines, want 3:\n%s", n, errs)
	}
	files := hashes(t, out)
	for _, g := range good {
		rel, _ := filepath.Rel(src, g)
		base := strings.TrimSuffix(rel, filepath.Ext(rel))
		for _, ext := range []string{".pdf", ".epub", ".html"} {
			if files[base+ext] == "" {
				t.Errorf("missing %s", base+ext)
			}
		}
	}
	for name := range files {
		if strings.HasPrefix(name, "broken-") {
			t.Errorf("output written for a broken input: %s", name)
		}
	}
	var rep struct {
		Total, OK, Failed int
		Inputs            []struct{ Input, Status, Error string }
	}
	b, _ := os.ReadFile(report)
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatalf("report: %v", err)
	}
	if rep.Total != 43 || rep.OK != 40 || rep.Failed != 3 {
		t.Errorf("report totals %d/%d/%d, want 43/40/3", rep.Total, rep.OK, rep.Failed)
	}
	if !sort.SliceIsSorted(rep.Inputs, func(i, j int) bool { return rep.Inputs[i].Input < rep.Inputs[j].Input }) {
		t.Error("report entries are not sorted by input")
	}
	var suite struct {
		Tests    int `xml:"tests,attr"`
		Failures int `xml:"failures,attr"`
		Cases    []struct {
			Name    string    `xml:"name,attr"`
			Failure *struct{} `xml:"failure"`
		} `xml:"testcase"`
	}
	b, _ = os.ReadFile(junit)
	if err := xml.Unmarshal(b, &suite); err != nil {
		t.Fatalf("junit: %v", err)
	}
	if suite.Tests != 43 || suite.Failures != 3 || len(suite.Cases) != 43 {
		t.Errorf("junit: %d tests, %d failures, %d cases", suite.Tests, suite.Failures, len(suite.Cases))
	}
}

func TestReproducibleAcrossJobsAndShards(t *testing.T) {
	src := t.TempDir()
	if _, err := corpus.Write(src, 12, 2500, 3); err != nil {
		t.Fatal(err)
	}
	for name := range corpus.Broken {
		os.Remove(filepath.Join(src, name))
	}
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	one, two, sharded := t.TempDir(), t.TempDir(), t.TempDir()
	if code, _, errs := runExport(t, "-q", "-j", "1", "-o", one, src); code != 0 {
		t.Fatalf("-j1: exit %d: %s", code, errs)
	}
	if code, _, errs := runExport(t, "-q", "-j", "2", "-o", two, src); code != 0 {
		t.Fatalf("-j2: exit %d: %s", code, errs)
	}
	for k := 1; k <= 3; k++ {
		if code, _, errs := runExport(t, "-q", "--shard", []string{"1/3", "2/3", "3/3"}[k-1], "-o", sharded, src); code != 0 {
			t.Fatalf("shard %d: exit %d: %s", k, code, errs)
		}
	}
	a, b, c := hashes(t, one), hashes(t, two), hashes(t, sharded)
	if len(a) != 36 {
		t.Fatalf("%d files, want 36", len(a))
	}
	for name, sum := range a {
		if b[name] != sum {
			t.Errorf("%s differs between -j1 and -j2", name)
		}
		if c[name] != sum {
			t.Errorf("%s differs between one run and three shards", name)
		}
	}
}

func TestIncrementalSkipsUnchangedInputs(t *testing.T) {
	src := t.TempDir()
	writeFile := func(name, text string) {
		if err := os.WriteFile(filepath.Join(src, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	writeFile("a.md", "# A\n\ntext\n")
	writeFile("b.md", "# B\n\ntext\n")
	out := t.TempDir()
	args := []string{"-t", "html,json", "--incremental", "-o", out, src}
	if code, _, errs := runExport(t, args...); code != 0 {
		t.Fatal(errs)
	}
	code, stdout, errs := runExport(t, args...)
	if code != 0 || !strings.Contains(errs, "2 unchanged since the last run, 0 to export") || strings.Contains(errs, "→") {
		t.Fatalf("second run: exit %d, stdout %q, stderr %q", code, stdout, errs)
	}
	writeFile("b.md", "# B\n\nchanged\n")
	os.Remove(filepath.Join(out, "a.html"))
	_, _, errs = runExport(t, args...)
	if !strings.Contains(errs, "0 unchanged since the last run, 2 to export") {
		t.Errorf("after changing b and deleting a.html: %s", errs)
	}
	if !strings.Contains(errs, "a.html") || !strings.Contains(errs, "b.html") {
		t.Errorf("did not rebuild a and b: %s", errs)
	}
	_, _, errs = runExport(t, append([]string{"--meta", "publisher=X"}, args...)...)
	if !strings.Contains(errs, "0 unchanged") {
		t.Errorf("changed options did not rebuild: %s", errs)
	}
}

func TestConfigFileGivesDefaultsFlagsOverride(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "a.md")
	os.WriteFile(in, []byte("# A\n\ntext\n"), 0o644)
	cfg := filepath.Join(dir, "folio.yaml")
	os.WriteFile(cfg, []byte("to: [json]\nout: "+filepath.Join(dir, "from-config")+"\ninputs: ["+in+"]\nmeta:\n  publisher: Config Desk\n"), 0o644)
	if code, _, errs := runExport(t, "--config", cfg); code != 0 {
		t.Fatal(errs)
	}
	b, err := os.ReadFile(filepath.Join(dir, "from-config", "a.json"))
	if err != nil || !strings.Contains(string(b), "Config Desk") {
		t.Fatalf("config not applied: %v %s", err, b)
	}
	if code, _, errs := runExport(t, "--config", cfg, "-t", "html", "-o", filepath.Join(dir, "flag")); code != 0 {
		t.Fatal(errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "flag", "a.html")); err != nil {
		t.Error("flags did not override the config file")
	}
	os.WriteFile(cfg, []byte("to: html\ncolour: blue\n"), 0o644)
	if code, _, errs := runExport(t, "--config", cfg, in); code != 2 || !strings.Contains(errs, cfg+":2: colour: unknown setting") {
		t.Errorf("unknown setting: exit %d %s", code, errs)
	}
}

// TestInterruptLeavesNoPartialFiles runs the real binary over a large batch,
// sends SIGINT once outputs start to appear, and checks that the run stops
// with status 130, leaves no temporary file, and that every final file is
// whole.
func TestInterruptLeavesNoPartialFiles(t *testing.T) {
	bin := exportBinary(t)
	src := t.TempDir()
	if _, err := corpus.Write(src, 300, 6000, 11); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	cmd := exec.Command(bin, "-q", "-j", "2", "-t", "json,html,pdf", "-o", out, "--report", filepath.Join(out, "r.json"), src)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if m, _ := filepath.Glob(filepath.Join(out, "batch-0*", "*.pdf")); len(m) >= 3 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGINT)
	err := cmd.Wait()
	ee, ok := err.(*exec.ExitError)
	if !ok || ee.ExitCode() != 130 {
		t.Fatalf("exit = %v, want 130; stderr %s", err, stderr.String())
	}
	if _, err := os.Stat(filepath.Join(out, "r.json")); err != nil {
		t.Error("the report was not written after the interrupt")
	}
	n := 0
	filepath.WalkDir(out, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file left: %s", p)
		}
		if strings.HasSuffix(p, ".json") && !strings.HasSuffix(p, "r.json") {
			n++
			b, _ := os.ReadFile(p)
			if !json.Valid(b) {
				t.Errorf("truncated output: %s", p)
			}
		}
		if strings.HasSuffix(p, ".pdf") {
			b, _ := os.ReadFile(p)
			if !bytes.HasSuffix(bytes.TrimSpace(b), []byte("%%EOF")) {
				t.Errorf("truncated PDF: %s", p)
			}
		}
		return nil
	})
	if n == 0 || n >= 300 {
		t.Errorf("%d documents finished; the interrupt should land midway", n)
	}
}
