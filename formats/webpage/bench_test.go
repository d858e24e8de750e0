package webpage

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkRead reads each sample saved page (testdata/pages): the reader's
// share of one article's conversion.
func BenchmarkRead(b *testing.B) {
	paths, err := filepath.Glob(filepath.Join("..", "..", "testdata", "pages", "*.html"))
	if err != nil || len(paths) == 0 {
		b.Fatal("no sample pages", err)
	}
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(filepath.Base(p), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := New(Options{}).Read(src, p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
