package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"folio/internal/epubzip"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"folio/internal/corpus"
)

// copyCatalogue copies the committed bad inputs (and the images they
// refer to) and the briefing sample into dir.
func copyCatalogue(t *testing.T, dir string) {
	t.Helper()
	files, _ := filepath.Glob("../../testdata/bad/*")
	files = append(files, "../../testdata/samples/briefing.md")
	for _, f := range files {
		if b := filepath.Base(f); b == "EXPECT" || b == "ELSEWHERE" {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		// Folder search takes .md files; keep the images beside them.
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// reportSummary is a run's report without timings, sorted: what must not
// depend on -j or sharding.
func reportSummary(t *testing.T, paths ...string) []string {
	t.Helper()
	var out []string
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var r struct {
			Inputs []struct {
				Input    string `json:"input"`
				Status   string `json:"status"`
				Error    string `json:"error"`
				Warnings []struct {
					Code string `json:"code"`
				} `json:"warnings"`
			} `json:"inputs"`
		}
		if err := json.Unmarshal(b, &r); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		for _, e := range r.Inputs {
			var codes []string
			for _, w := range e.Warnings {
				codes = append(codes, w.Code)
			}
			out = append(out, fmt.Sprintf("%s %s %v %v", filepath.Base(e.Input), e.Status, e.Error != "", codes))
		}
	}
	sort.Strings(out)
	return out
}

// TestCatalogueReproducibleAcrossJobsAndShards is B50: the whole bad-input
// catalogue plus the sample, exported with -j1, -j8 and as three shards,
// gives byte-identical outputs and the same sorted report.
func TestCatalogueReproducibleAcrossJobsAndShards(t *testing.T) {
	src := t.TempDir()
	copyCatalogue(t, src)
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	one, eight, sharded := t.TempDir(), t.TempDir(), t.TempDir()
	args := []string{"-q", "-t", "pdf,epub,html,json"}
	rep := func(name string) string { return filepath.Join(t.TempDir(), name) }
	p1, p8 := rep("one.json"), rep("eight.json")
	if code, _, errs := runExport(t, append(args, "-j", "1", "-o", one, "--report", p1, src)...); code != 1 {
		t.Fatalf("-j1: exit %d, want 1 (some inputs are bad): %s", code, errs)
	}
	if code, _, errs := runExport(t, append(args, "-j", "8", "-o", eight, "--report", p8, src)...); code != 1 {
		t.Fatalf("-j8: exit %d: %s", code, errs)
	}
	var shardReports []string
	for k := 1; k <= 3; k++ {
		p := rep(fmt.Sprintf("shard%d.json", k))
		shardReports = append(shardReports, p)
		runExport(t, append(args, "--shard", fmt.Sprintf("%d/3", k), "-o", sharded, "--report", p, src)...)
	}
	a, b, c := hashes(t, one), hashes(t, eight), hashes(t, sharded)
	if len(a) < 4*25 {
		t.Fatalf("only %d outputs", len(a))
	}
	for name, sum := range a {
		if b[name] != sum {
			t.Errorf("%s differs between -j1 and -j8", name)
		}
		if c[name] != sum {
			t.Errorf("%s differs between one run and three shards", name)
		}
	}
	if len(b) != len(a) || len(c) != len(a) {
		t.Errorf("output counts differ: %d, %d, %d", len(a), len(b), len(c))
	}
	s1, s8, s3 := reportSummary(t, p1), reportSummary(t, p8), reportSummary(t, shardReports...)
	if strings.Join(s1, "\n") != strings.Join(s8, "\n") || strings.Join(s1, "\n") != strings.Join(s3, "\n") {
		t.Errorf("reports differ:\n-j1 %v\n-j8 %v\nshards %v", s1, s8, s3)
	}
}

// TestAwkwardInputNames is B49: names that look like flags, have spaces,
// decomposed accents, Windows device names or are very long are all
// exported (after --), with sanitised output names.
func TestAwkwardInputNames(t *testing.T) {
	src, out := t.TempDir(), t.TempDir()
	long := strings.Repeat("x", 250) + ".md"
	decomposed := norm.NFD.String("ü") + ".md"
	names := []string{"-o.md", "a b.md", decomposed, "con.md", long}
	var args []string
	for _, n := range names {
		p := filepath.Join(src, n)
		if err := os.WriteFile(p, []byte("# "+n+"\n\ntext\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, p)
	}
	code, _, errs := runExport(t, append([]string{"-q", "-t", "html", "-o", out, "--"}, args...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"-o.html", "a b.html", norm.NFC.String("ü") + ".html", "_con.html", strings.Repeat("x", 240) + ".html"} {
		if _, err := os.Stat(filepath.Join(out, want)); err != nil {
			t.Errorf("missing output %q: %v", want, err)
		}
	}
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		if len(e.Name()) > 255 || !norm.NFC.IsNormalString(e.Name()) {
			t.Errorf("output name %q is too long or not NFC", e.Name())
		}
	}
}

// TestSourceDateEpochZero is B48's accepted case: 0 is the Unix epoch;
// the EPUB's metadata says 1970 and its zip times are clamped to 1980,
// the earliest a zip can store.
func TestSourceDateEpochZero(t *testing.T) {
	src, out := t.TempDir(), t.TempDir()
	in := filepath.Join(src, "undated.md")
	os.WriteFile(in, []byte("# Undated\n\ntext\n"), 0o644)
	t.Setenv("SOURCE_DATE_EPOCH", "0")
	if code, _, errs := runExport(t, "-q", "-t", "epub", "-o", out, in); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	sawOPF := false
	for _, f := range epubzip.ReadFile(t, filepath.Join(out, "undated.epub")) {
		if f.Modified.Year() < 1980 {
			t.Errorf("%s: zip time %v before 1980", f.Name, f.Modified)
		}
		if strings.HasSuffix(f.Name, ".opf") {
			sawOPF = true
			if !strings.Contains(string(f.Data), "1970-01-01") {
				t.Errorf("OPF has no 1970 date:\n%s", f.Data)
			}
		}
	}
	if !sawOPF {
		t.Error("no OPF in the EPUB")
	}
}

// TestSigkillNeverLeavesTruncatedFiles is B46: the binary is killed with
// SIGKILL at spread-out moments of a batch; every file under its final
// name is complete (temporary files may remain: nothing can clean up
// after SIGKILL, and they are hidden dot files).
func TestSigkillNeverLeavesTruncatedFiles(t *testing.T) {
	bin := exportBinary(t)
	src := t.TempDir()
	if _, err := corpus.Write(src, 60, 3000, 5); err != nil {
		t.Fatal(err)
	}
	const rounds = 12
	complete := 0
	for i := range rounds {
		out := t.TempDir()
		cmd := exec.Command(bin, "-q", "-j", "2", "-t", "json,html,pdf,epub", "-o", out, src)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(100+i*120) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		filepath.WalkDir(out, func(p string, e os.DirEntry, err error) error {
			if err != nil || e.IsDir() || strings.HasPrefix(e.Name(), ".") {
				return err
			}
			b, _ := os.ReadFile(p)
			ok := true
			switch filepath.Ext(p) {
			case ".json":
				ok = json.Valid(b)
			case ".pdf":
				ok = bytes.HasSuffix(bytes.TrimSpace(b), []byte("%%EOF"))
			case ".html":
				ok = bytes.HasSuffix(bytes.TrimSpace(b), []byte("</html>"))
			case ".epub":
				_, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
				ok = err == nil
			}
			if !ok {
				t.Errorf("round %d: truncated %s", i, p)
			}
			complete++
			return nil
		})
	}
	t.Logf("%d complete files checked over %d kills", complete, rounds)
	if complete == 0 {
		t.Error("no output finished before any kill: the kills came too early to prove anything")
	}
}
