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
