package pipeline

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"folio/internal/raceflag"
	"folio/pipeline/doc"
)

// TestMain lets the test binary serve as the --isolate worker: the tests
// below start it with WorkerFlag, as the export binary starts itself.
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == WorkerFlag {
		os.Exit(ServeWorker(os.Stdin, os.Stdout))
	}
	os.Exit(m.Run())
}

func isolatedOptions(formats ...string) *Options {
	return &Options{Formats: formats, Isolate: true, WorkerCommand: []string{os.Args[0], WorkerFlag}}
}

func TestIsolatedMatchesInProcess(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "a.md")
	writeFile(t, in, "# Title\n\nText with a [link](https://example.org) and ![missing](nope.png).\n\n<script>x</script>\n")
	o := isolatedOptions("json", "html", "pdf", "epub")
	iso := ConvertIsolated(context.Background(), Job{Name: in, OutBase: filepath.Join(dir, "iso", "a")}, o)
	plain := Convert(context.Background(), Job{Name: in, OutBase: filepath.Join(dir, "plain", "a")}, &Options{Formats: o.Formats})
	if iso.Err != nil || plain.Err != nil {
		t.Fatalf("errors: isolated %v, in-process %v", iso.Err, plain.Err)
	}
	if len(iso.Outputs) != 4 {
		t.Fatalf("isolated outputs %v", iso.Outputs)
	}
	for i := range iso.Outputs {
		if iso.Outputs[i].SHA256 != plain.Outputs[i].SHA256 {
			t.Errorf("%s differs between isolated and in-process runs", iso.Outputs[i].Format)
		}
	}
	if codesOf(iso.Warnings) != codesOf(plain.Warnings) {
		t.Errorf("warnings: isolated %s, in-process %s", codesOf(iso.Warnings), codesOf(plain.Warnings))
	}
}

func TestIsolatedErrorKeepsCodeAndPosition(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "bad.md")
	writeFile(t, in, "# ok\n\n"+strings.Repeat("> ", 40)+"deep\n")
	res := ConvertIsolated(context.Background(), Job{Name: in, OutBase: filepath.Join(dir, "out", "bad")}, isolatedOptions("json"))
	var de *doc.Error
	if !errors.As(res.Err, &de) || de.Code != "nesting-limit" || de.Pos.Line != 3 {
		t.Fatalf("err = %#v", res.Err)
	}
}

// TestIsolatedTimeoutKillsTheWorker gives a document that takes the parser
// a while (50,000 nested brackets) a deadline far shorter: the worker is
// killed, the document fails with timed-out, the previous output stays
// and no temporary file is left.
func TestIsolatedTimeoutKillsTheWorker(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "slow.md")
	writeFile(t, in, strings.Repeat("[", 50_000)+"a"+strings.Repeat("]", 50_000)+"\n")
	out := filepath.Join(dir, "out")
	writeFile(t, filepath.Join(out, "slow.json"), "previous")
	o := isolatedOptions("json", "pdf")
	o.Timeout = 30 * time.Millisecond
	start := time.Now()
	res := ConvertIsolated(context.Background(), Job{Name: in, OutBase: filepath.Join(out, "slow")}, o)
	var de *doc.Error
	if !errors.As(res.Err, &de) || de.Code != "timed-out" {
		t.Fatalf("err = %v, want timed-out", res.Err)
	}
	t.Logf("returned after %v", time.Since(start))
	if b, _ := os.ReadFile(filepath.Join(out, "slow.json")); string(b) != "previous" {
		t.Errorf("previous output changed: %q", b)
	}
	assertNoTemps(t, out)
}

// TestIsolatedMemoryLimit gives a worker far less memory than a 5 MB
// document needs: the worker dies, the parent reports memory-limit.
func TestIsolatedMemoryLimit(t *testing.T) {
	if raceflag.Enabled {
		t.Skip("under -race, shadow memory is mapped outside the worker's limit")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "big.md")
	// 700,000 paragraphs: hundreds of MB of tree and output, far past the limit.
	writeFile(t, in, strings.Repeat("word\n\n", 700_000))
	o := isolatedOptions("json", "html")
	o.MaxInputSize = 8 << 20
	o.WorkerMemory = 16 << 20
	res := ConvertIsolated(context.Background(), Job{Name: in, OutBase: filepath.Join(dir, "out", "big")}, o)
	var de *doc.Error
	if !errors.As(res.Err, &de) || (de.Code != "memory-limit" && de.Code != "worker-crashed") {
		t.Fatalf("err = %v, want memory-limit", res.Err)
	}
	assertNoTemps(t, filepath.Join(dir, "out"))
}
