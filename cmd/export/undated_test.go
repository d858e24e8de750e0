package main

import (
	"archive/zip"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// opfOf returns the package document of the EPUB at path.
func opfOf(t *testing.T, path string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, ".opf") {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(rc)
			rc.Close()
			return string(b)
		}
	}
	t.Fatalf("%s has no package document", path)
	return ""
}

var modifiedMeta = regexp.MustCompile(`<meta property="dcterms:modified">([^<]*)</meta>`)

func modifiedOf(t *testing.T, path string) string {
	t.Helper()
	m := modifiedMeta.FindStringSubmatch(opfOf(t, path))
	if m == nil {
		t.Fatalf("%s: no dcterms:modified", path)
	}
	return m[1]
}

// TestUndatedStampDoesNotDependOnTheBatch pins the rule for documents
// with no date (README, "A document with no date"): the timestamps the
// formats require come from SOURCE_DATE_EPOCH, else are doc.UndatedStamp,
// never from the other inputs. So an undated document's bytes are the
// same exported alone, with a newer dated article beside it, or in
// shards; only a pack, which is made of the batch, takes its newest
// article's date.
func TestUndatedStampDoesNotDependOnTheBatch(t *testing.T) {
	dir := userFolder(t, map[string]string{
		"in/undated.md": "# Undated\n\nNo date anywhere.\n",
		"in/news.md":    "---\ntitle: News\ndate: 2025-06-30\n---\n\nDated.\n",
	})
	formats := []string{"-q", "-t", "epub,pdf,html"}
	run := func(args ...string) {
		t.Helper()
		if code, _, errs := runExport(t, append(append([]string{}, formats...), args...)...); code != 0 {
			t.Fatalf("export %v: exit %d: %s", args, code, errs)
		}
	}
	run("-o", "alone", "in/undated.md")
	run("-o", "batch", "in")
	run("--shard", "1/2", "-o", "shards", "in")
	run("--shard", "2/2", "-o", "shards", "in")
	alone, batch, shards := hashes(t, filepath.Join(dir, "alone")), hashes(t, filepath.Join(dir, "batch")), hashes(t, filepath.Join(dir, "shards"))
	for _, f := range []string{"undated.epub", "undated.pdf", "undated.html"} {
		if alone[f] == "" || alone[f] != batch[f] || alone[f] != shards[f] {
			t.Errorf("%s differs between alone, in the batch and in shards (%.8s %.8s %.8s)", f, alone[f], batch[f], shards[f])
		}
	}
	if got := modifiedOf(t, filepath.Join(dir, "batch", "undated.epub")); got != "2026-01-01T00:00:00Z" {
		t.Errorf("undated EPUB modified %s, want doc.UndatedStamp 2026-01-01T00:00:00Z (not the newest input's 2025-06-30)", got)
	}
	if opf := opfOf(t, filepath.Join(dir, "batch", "undated.epub")); strings.Contains(opf, "<dc:date") {
		t.Error("an undated document's EPUB shows a dc:date")
	}
	pdf, _ := os.ReadFile(filepath.Join(dir, "batch", "undated.pdf"))
	if !strings.Contains(string(pdf), "/CreationDate (D:20260101000000") {
		t.Error("undated PDF's creation date is not doc.UndatedStamp")
	}
	if got := modifiedOf(t, filepath.Join(dir, "batch", "news.epub")); got != "2025-06-30T00:00:00Z" {
		t.Errorf("dated EPUB modified %s, want its own date", got)
	}

	// SOURCE_DATE_EPOCH, when set, is the stamp.
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	run("-o", "sde", "in")
	if got := modifiedOf(t, filepath.Join(dir, "sde", "undated.epub")); got != "2023-11-14T22:13:20Z" {
		t.Errorf("with SOURCE_DATE_EPOCH=1700000000 the undated EPUB's modified is %s", got)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "")

	// A pack is one publication made of the batch: its date is its newest
	// article's.
	if code, _, errs := runExport(t, "-q", "-t", "epub", "--pack", "brief", "-o", "pack", "in"); code != 0 {
		t.Fatalf("pack: exit %d: %s", code, errs)
	}
	if got := modifiedOf(t, filepath.Join(dir, "pack", "brief.epub")); got != "2025-06-30T00:00:00Z" {
		t.Errorf("pack modified %s, want its newest article's date 2025-06-30", got)
	}
}
