package article

import (
	"os"
	"path/filepath"
	"testing"
)

func BenchmarkRead(b *testing.B) {
	src, err := os.ReadFile(filepath.Join(articlesDir, "wire-dateline.txt"))
	if err != nil {
		b.Fatal(err)
	}
	r := New(Options{})
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		r.Read(src, "x.txt")
	}
}
