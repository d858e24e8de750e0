package markdown

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden JSON files in testdata")

// TestGolden reads each testdata/*.md (files named *.cm.md in CommonMark
// mode) and the shared sample briefing, and compares the tree, warnings
// included, with the .json file beside it.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.md")
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, filepath.Join("..", "..", "testdata", "samples", "briefing.md"))
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			opts := Options{CommonMark: strings.HasSuffix(path, ".cm.md")}
			d, warns, err := New(opts).Read(src, filepath.Base(path))
			if err != nil {
				t.Fatal(err)
			}
			got := treeJSON(d)
			for _, w := range warns {
				got = append(got, []byte("warning: "+w.String()+"\n")...)
			}
			golden := filepath.Join("testdata", strings.TrimSuffix(filepath.Base(path), ".md")+".json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if string(got) != string(want) {
				t.Errorf("tree differs from %s (run go test -update and review the diff):\n%s", golden, got)
			}
		})
	}
}
