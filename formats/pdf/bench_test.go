package pdf

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"folio/internal/benchcpu"
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
	defer benchcpu.PerOp(b)()
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
	defer benchcpu.PerOp(b)()
	for b.Loop() {
		buf.Reset()
		if err := w.Write(context.Background(), d, &buf); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFaces writes a one-page document that uses more faces at each
// step: what each face costs a document (fpdf parses it, hashes its
// definition by JSON-encoding a 65,536-entry width table, subsets it and
// compresses the subset and a 128 KB glyph map with new zlib writers at
// output, per document; none of it can be kept between documents through
// fpdf's API). Measured on the shared 2-core machine, medians of 3:
// faces=3 10.9 ms wall / 14.4 ms CPU / 14.6 MB, each further face about
// 3 ms of wall time and 4.5 MB. Before the core faces became glyph subsets
// and the pages were compressed with a pooled writer, faces=3 took 11.9 ms
// / 16.2 ms CPU.
func BenchmarkFaces(b *testing.B) {
	steps := []doc.Inline{
		txt("Plain running text, a title and a footer: serif regular, sans bold and sans regular. "),
		strong(txt("Bold words. ")),
		emph(txt("Italic words. ")),
		code("code_span"),
		strong(emph(txt(" Bold italic."))),
	}
	for n := 1; n <= len(steps); n++ {
		d := &doc.Document{Meta: doc.Meta{Title: "Faces", Lang: "en"}, Blocks: []doc.Block{para(steps[:n]...)}}
		b.Run(fmt.Sprintf("faces=%d", n+2), func(b *testing.B) {
			w := New(Options{})
			var buf bytes.Buffer
			b.ReportAllocs()
			defer benchcpu.PerOp(b)()
			for b.Loop() {
				buf.Reset()
				if err := w.Write(context.Background(), d, &buf); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
