package markdown

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/internal/goldentree"
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
			golden := filepath.Join("testdata", strings.TrimSuffix(filepath.Base(path), ".md")+".json")
			goldentree.Check(t, golden, goldentree.Encode(t, d, warns), *update)
		})
	}
}
