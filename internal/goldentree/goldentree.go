// Package goldentree gives reader tests one way to write and compare
// golden trees: the document as the real JSON writer (formats/json) prints
// it, followed by the reader's warnings, one per line. Readers' golden
// files therefore show exactly what `export -t json` shows, and no reader
// keeps an encoder of its own.
package goldentree

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	fjson "folio/formats/json"
	"folio/pipeline/doc"
)

// Encode returns the golden text of a tree and its warnings.
func Encode(t testing.TB, d *doc.Document, ws []doc.Warning) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := fjson.New(fjson.Options{}).Write(context.Background(), d, &b); err != nil {
		t.Fatal(err)
	}
	for _, w := range ws {
		fmt.Fprintf(&b, "warning: %s\n", w)
	}
	return b.Bytes()
}

// Run reads every file matching pattern (there must be at least min)
// with read, under its base name, and compares each tree, warnings
// included, with testdata/STEM.golden.json, one subtest per file.
func Run(t *testing.T, pattern string, min int, read func(src []byte, name string) (*doc.Document, []doc.Warning, error), update bool) {
	t.Helper()
	files, err := filepath.Glob(pattern)
	if err != nil || len(files) < min {
		t.Fatalf("want at least %d files matching %s, found %d (%v)", min, pattern, len(files), err)
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			d, ws, err := read(src, name)
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", strings.TrimSuffix(name, filepath.Ext(name))+".golden.json")
			Check(t, golden, Encode(t, d, ws), update)
		})
	}
}

// Check compares got with the golden file, or rewrites the file when
// update is set. A difference is reported with the first line that
// differs.
func Check(t testing.TB, golden string, got []byte, update bool) {
	t.Helper()
	if update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("tree differs from %s (run go test -update and review the diff):\n%s", golden, firstDiff(string(want), string(got)))
	}
}

func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\n want: %s\n  got: %s", i+1, w, g)
		}
	}
	return ""
}
