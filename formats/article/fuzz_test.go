package article

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzRead feeds the reader arbitrary text: it must not panic, and every
// node and warning must point at a line of the input.
//
// Run it with a bounded minimisation, which otherwise spends minutes
// shrinking a several-kilobyte sample under coverage instrumentation:
//
//	go test ./formats/article -run '^$' -fuzz FuzzRead -fuzztime 60s -fuzzminimizetime 2s
func FuzzRead(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(articlesDir, "*.txt"))
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Add([]byte("A | B | C\n\nBy X and Y, Z\n\nT\nCredit: \n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		d, ws, err := New(Options{}).Read(src, "x.txt")
		if err != nil {
			return
		}
		lines := bytes.Count(src, []byte("\n")) + bytes.Count(src, []byte("\r")) + 1
		checkPositions(t, d, ws, lines)
		if d.Meta.Lang == "" {
			t.Error("no language")
		}
	})
}
