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

// TestIncrementalKeyTakesOnlyNamedTargets: with links between inputs, a
// document's key changes when an input it links to changes (its headings
// decide where the links go), and not when an input it does not name
// comes or goes, or changes.
func TestIncrementalKeyTakesOnlyNamedTargets(t *testing.T) {
	dir := t.TempDir()
	a, b, c := filepath.Join(dir, "a.md"), filepath.Join(dir, "b.md"), filepath.Join(dir, "c.md")
	writeFile(t, a, "# A\n\nSee [the setup](b.md#proxy) and [the page](./b.html).\n")
	writeFile(t, b, "# B\n\n## Proxy\n\nText.\n")
	writeFile(t, c, "# C\n\nNo links.\n")
	jobs := func(names ...string) []Job {
		var js []Job
		for _, n := range names {
			js = append(js, Job{Name: n, OutBase: filepath.Join(dir, "out", stem(n))})
		}
		return js
	}
	key := func(job Job, all []Job) string {
		t.Helper()
		k, err := JobKey(job, &Options{Formats: []string{"html"}, Links: NewLinks(all)})
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	ab, abc := jobs(a, b), jobs(a, b, c)
	ka, kc := key(ab[0], ab), key(jobs(c)[0], jobs(c))
	if key(abc[0], abc) != ka {
		t.Error("an input a.md does not name appeared, and a.md's key changed")
	}
	if key(abc[2], abc) != kc {
		t.Error("c.md names no input, yet its key depends on the others")
	}
	writeFile(t, c, "# C\n\nStill no links, other text.\n")
	if key(abc[0], abc) != ka {
		t.Error("an input a.md does not name changed, and a.md's key changed")
	}
	writeFile(t, b, "# B\n\n## Proxy settings\n\nText.\n")
	if key(abc[0], abc) == ka {
		t.Error("b.md, which a.md links to, changed its headings, yet a.md's key did not change")
	}
	if key(jobs(a)[0], jobs(a)) == key(ab[0], ab) {
		t.Error("a.md's target left the run, yet its key did not change")
	}
}
