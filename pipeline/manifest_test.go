package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestIncrementalNoticesAnImageThatAppears is r11: a document exported
// while its image was missing is rebuilt once the image appears (the
// manifest records every path the resolver looked at, found or not), and
// again when the image changes; otherwise it stays fresh.
func TestIncrementalNoticesAnImageThatAppears(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in", "doc.md")
	writeFile(t, in, "# Doc\n\n![chart](chart.png)\n")
	out := filepath.Join(dir, "out")
	o := &Options{Formats: []string{"html"}}
	job := Job{Name: in, OutBase: filepath.Join(out, "doc")}
	export := func() *Manifest {
		t.Helper()
		m := LoadManifest(out)
		key, err := JobKey(job, o)
		if err != nil {
			t.Fatal(err)
		}
		res := Convert(context.Background(), job, o)
		if res.Err != nil {
			t.Fatal(res.Err)
		}
		m.Record(in, key, res)
		if err := m.Save(); err != nil {
			t.Fatal(err)
		}
		return m
	}
	fresh := func() bool {
		t.Helper()
		key, err := JobKey(job, o)
		if err != nil {
			t.Fatal(err)
		}
		_, ok := LoadManifest(out).Fresh(in, key)
		return ok
	}
	export()
	if !fresh() {
		t.Fatal("nothing changed, yet the document is not fresh")
	}
	writeBytes(t, filepath.Join(dir, "in", "chart.png"), testPNG(t, 4, 3))
	if fresh() {
		t.Fatal("the missing image appeared, yet the document is fresh")
	}
	export()
	if !fresh() {
		t.Fatal("rebuilt with the image, yet not fresh")
	}
	writeBytes(t, filepath.Join(dir, "in", "chart.png"), testPNG(t, 5, 3))
	if fresh() {
		t.Fatal("the image changed, yet the document is fresh")
	}
	if err := os.Remove(filepath.Join(dir, "in", "chart.png")); err != nil {
		t.Fatal(err)
	}
	export()
	if !fresh() {
		t.Fatal("the image is gone again and rebuilt, yet not fresh")
	}
}
