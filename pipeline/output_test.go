package pipeline

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"folio/formats/html"
	"folio/pipeline/doc"
)

// TestOutputsCommittedTogether checks r12: when one output cannot be put
// in place (a.epub is a folder), the outputs already renamed are rolled
// back: the previous a.pdf is back byte for byte, an a.html that did not
// exist does not exist, and no temporary file is left.
func TestOutputsCommittedTogether(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "a.md")
	writeFile(t, in, "# A\n\ntext\n")
	out := filepath.Join(dir, "out")
	writeFile(t, filepath.Join(out, "a.pdf"), "previous pdf")
	writeFile(t, filepath.Join(out, "a.json"), "previous json")
	if err := os.MkdirAll(filepath.Join(out, "a.epub", "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	// pdf and json come before epub, so they are renamed before the
	// failing one; html comes after.
	o := &Options{Formats: []string{"pdf", "json", "epub", "html"}}
	res := Convert(context.Background(), Job{Name: in, OutBase: filepath.Join(out, "a")}, o)
	if res.Err == nil || len(res.Outputs) != 0 {
		t.Fatalf("err = %v, outputs %v: want an error and no outputs", res.Err, res.Outputs)
	}
	for name, want := range map[string]string{"a.pdf": "previous pdf", "a.json": "previous json"} {
		if b, err := os.ReadFile(filepath.Join(out, name)); string(b) != want {
			t.Errorf("%s = %q (%v), want the previous file back", name, b, err)
		}
	}
	if _, err := os.Lstat(filepath.Join(out, "a.html")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a.html exists after a failed commit: %v", err)
	}
	assertNoTemps(t, out)

	// Once the folder is gone, all four are written.
	os.RemoveAll(filepath.Join(out, "a.epub"))
	if res := Convert(context.Background(), Job{Name: in, OutBase: filepath.Join(out, "a")}, o); res.Err != nil || len(res.Outputs) != 4 {
		t.Fatalf("err = %v, outputs %v", res.Err, res.Outputs)
	}
	assertNoTemps(t, out)
}

// stallingWriter writes a little, then waits far past any deadline.
type stallingWriter struct{ release chan struct{} }

func (s stallingWriter) Write(ctx context.Context, d *doc.Document, w io.Writer) error {
	w.Write([]byte("partial"))
	<-s.release
	return nil
}

// TestTimeoutRemovesTemps checks r18: a document given up by --timeout
// (without --isolate) leaves no temporary file, at once and after its
// writers finally return, and nothing is committed after the deadline.
func TestTimeoutRemovesTemps(t *testing.T) {
	release := make(chan struct{})
	outputs["stall"] = outputFormat{".stall", func(o *Options) Writer { return stallingWriter{release} }}
	defer delete(outputs, "stall")
	dir := t.TempDir()
	in := filepath.Join(dir, "slow.md")
	writeFile(t, in, "# Slow\n\ntext\n")
	out := filepath.Join(dir, "out")
	o := &Options{Formats: []string{"html", "stall"}, Timeout: 300 * time.Millisecond}
	res := ConvertWithTimeout(context.Background(), Job{Name: in, OutBase: filepath.Join(out, "slow")}, o)
	var de *doc.Error
	if !errors.As(res.Err, &de) || de.Code != "timed-out" {
		t.Fatalf("err = %v, want timed-out", res.Err)
	}
	assertNoTemps(t, out)
	close(release)
	time.Sleep(200 * time.Millisecond) // let the abandoned writers return
	assertNoTemps(t, out)
	if _, err := os.Stat(filepath.Join(out, "slow.html")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("slow.html committed after the deadline: %v", err)
	}
}

// TestCleanStaleTemps checks r18's second half: temporary files of a run
// killed with -9 are removed by the next run, but only Folio's own names,
// and never one whose writer is alive (it holds the lock).
func TestCleanStaleTemps(t *testing.T) {
	dir := t.TempDir()
	stale := []string{".a.pdf.tmp-123456", ".b c.epub.tmp-old-99"}
	kept := []string{".a.pdf.tmp-notes", "a.pdf.tmp-1", "notes.md", ".a.pdf.tmp-"}
	for _, n := range append(append([]string{}, stale...), kept...) {
		writeFile(t, filepath.Join(dir, n), "x")
	}
	live, err := create(filepath.Join(dir, "live.html"))
	if err != nil {
		t.Fatal(err)
	}
	defer live.abort()
	CleanStaleTemps(dir)
	for _, n := range stale {
		if _, err := os.Lstat(filepath.Join(dir, n)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("stale %s kept: %v", n, err)
		}
	}
	for _, n := range append(kept, filepath.Base(live.f.Name())) {
		if _, err := os.Lstat(filepath.Join(dir, n)); err != nil {
			t.Errorf("%s removed: %v", n, err)
		}
	}
	// The lock really is what protects it: the same check from another
	// open file description fails while create's file is open.
	f, err := os.Open(live.f.Name())
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err == nil {
		t.Error("a live temporary file is not locked")
	}
}

// TestPackCleansStaleTemps checks that --pack cleans its folder as the
// per-document run does: temporary files a killed run left beside the
// pack (its own names, another document's, a kept-aside old output) are
// removed, while one a live writer holds, and files of other names, stay.
func TestPackCleansStaleTemps(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "a.md")
	writeFile(t, in, "# A\n\nText.\n")
	out := filepath.Join(dir, "out")
	stale := []string{".p.html.tmp-4242", ".p.pdf.tmp-old-7", ".other.epub.tmp-99"}
	kept := []string{"notes.md", ".p.html.tmp-notes"}
	for _, n := range append(append([]string{}, stale...), kept...) {
		writeFile(t, filepath.Join(out, n), "x")
	}
	live, err := create(filepath.Join(out, "live.html"))
	if err != nil {
		t.Fatal(err)
	}
	defer live.abort()

	pr := ConvertPack(context.Background(), []Job{{Name: in}}, &Options{Formats: []string{"html"}},
		PackOptions{OutBase: filepath.Join(out, "p")})
	if pr.Pack.Err != nil {
		t.Fatal(pr.Pack.Err)
	}
	for _, n := range stale {
		if _, err := os.Lstat(filepath.Join(out, n)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("stale %s kept by --pack: %v", n, err)
		}
	}
	for _, n := range append(kept, filepath.Base(live.f.Name()), "p.html") {
		if _, err := os.Lstat(filepath.Join(out, n)); err != nil {
			t.Errorf("%s missing after the pack: %v", n, err)
		}
	}
}

// TestGeneratorMarkRecognised: the folder search knows Folio's pages by
// the <meta name="generator"> in their head and its fragments by the
// comment they start with, and takes neither for an input; a user's page
// or fragment that merely mentions the mark in its body is an input.
func TestGeneratorMarkRecognised(t *testing.T) {
	dir := t.TempDir()
	for name, tt := range map[string]struct {
		text  string
		folio bool
	}{
		"page.html":       {`<!DOCTYPE html><html><head><title>t</title><meta name="generator" content="Folio"></head><body><p>x</p></body></html>`, true},
		"frag.html":       {html.FragmentMark + "<p>x</p>\n", true},
		"user-page.html":  {`<html><head><title>t</title></head><body><p>&lt;meta name="generator" content="Folio"&gt;</p><!-- generator: Folio --></body></html>`, false},
		"user-frag.html":  {"<p>About Folio</p>\n" + html.FragmentMark, false},
		"other-frag.html": {"<!-- generator: Hugo -->\n<p>x</p>\n", false},
	} {
		p := filepath.Join(dir, name)
		writeFile(t, p, tt.text)
		if got := madeByFolio(p, *formatNamed("html")); got != tt.folio {
			t.Errorf("%s: recognised as Folio's = %v, want %v", name, got, tt.folio)
		}
	}
}
