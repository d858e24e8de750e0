package pdf

import (
	"bytes"
	"context"
	"testing"

	"folio/pipeline/doc"
)

func articleSize(d *doc.Document) int {
	n := 0
	doc.Walk(d, func(nd doc.Node, entering bool) doc.WalkStatus {
		if t, ok := nd.(*doc.Text); ok && entering {
			n += len(t.Value)
		}
		return doc.WalkContinue
	})
	return n
}

// BenchmarkBriefing writes the ~8 KB sample article (six faces: serif
// regular/bold/italic, sans regular/bold, mono).
func BenchmarkBriefing(b *testing.B) {
	d := briefing()
	b.ReportMetric(float64(articleSize(d)), "text-bytes")
	w := New(Options{Marking: "INTERNAL"})
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := w.Write(context.Background(), d, &buf); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPlain writes a one-paragraph document (two faces).
func BenchmarkPlain(b *testing.B) {
	d := &doc.Document{Meta: doc.Meta{Title: "Plain", Lang: "en"}, Blocks: []doc.Block{ptext(paraQuotes)}}
	w := New(Options{})
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := w.Write(context.Background(), d, &buf); err != nil {
			b.Fatal(err)
		}
	}
}
