package article

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/internal/goldentree"
)

var update = flag.Bool("update", false, "rewrite the golden trees in testdata/")

const articlesDir = "../../testdata/articles"

// TestGolden reads every sample article and compares the tree, with the
// warnings, to testdata/NAME.golden.json.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(articlesDir, "*.txt"))
	if err != nil || len(files) < 8 {
		t.Fatalf("want at least 8 sample articles in %s, found %d (%v)", articlesDir, len(files), err)
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			d, ws, err := New(Options{}).Read(src, name)
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", strings.TrimSuffix(name, ".txt")+".golden.json")
			goldentree.Check(t, golden, goldentree.Encode(t, d, ws), *update)
		})
	}
}
