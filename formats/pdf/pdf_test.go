package pdf

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"folio/pipeline/doc"
)

var keep = flag.String("keep", "", "write the test PDFs into this folder to look at")

// write renders d and returns the PDF and the warnings raised.
func write(t testing.TB, d *doc.Document, opts Options) ([]byte, []doc.Warning) {
	t.Helper()
	var c doc.Collector
	ctx := doc.WithWarn(context.Background(), c.Add)
	var buf bytes.Buffer
	if err := New(opts).Write(ctx, d, &buf); err != nil {
		t.Fatalf("Write: %v", err)
	}
	if *keep != "" {
		name := filepath.Join(*keep, filepath.Base(t.Name())+".pdf")
		_ = os.MkdirAll(*keep, 0o755)
		_ = os.WriteFile(name, buf.Bytes(), 0o644)
	}
	return buf.Bytes(), c.Warnings()
}

func TestBriefingRenders(t *testing.T) {
	b, ws := write(t, briefing(), Options{Marking: "INTERNAL — NOT FOR DISTRIBUTION", SourceDate: time.Unix(0, 0)})
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatal("not a PDF")
	}
	for _, w := range ws {
		t.Logf("warning: %v", w)
	}
}
