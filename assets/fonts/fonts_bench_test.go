package fonts

import (
	"bytes"
	"testing"

	"github.com/go-text/typesetting/font"
)

// BenchmarkMetrics is what the first use of a face costs a process to
// measure text with it (coverage and advances).
func BenchmarkMetrics(b *testing.B) {
	for _, f := range []*Face{Get(Serif, Regular), Get(Sans, Bold), Get(Mono, Regular), Get(Fallback, Regular)} {
		b.Run(f.Family+f.Style, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := readMetrics(f.ttf); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkShape is the full parse a face needs only when text is shaped
// (Arabic, with DejaVu Sans, and the EPUB cover).
func BenchmarkShape(b *testing.B) {
	for _, f := range []*Face{Get(Fallback, Regular), Get(Serif, Bold)} {
		b.Run("full/"+f.Family+f.Style, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := font.ParseTTF(bytes.NewReader(f.ttf)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkGlyphRunes is the map from glyphs back to characters that
// writing shaped text needs.
func BenchmarkGlyphRunes(b *testing.B) {
	ff := Get(Fallback, Regular).Font()
	b.ReportAllocs()
	for b.Loop() {
		glyphRunes(ff)
	}
}

// BenchmarkCore is the once-per-process cut of a face to the core set.
func BenchmarkCore(b *testing.B) {
	f := Get(Serif, Regular)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := subset(f.ttf, InCoreSet); err != nil {
			b.Fatal(err)
		}
	}
}
