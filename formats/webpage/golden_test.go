package webpage

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/internal/goldentree"
)

var update = flag.Bool("update", false, "rewrite the golden trees in testdata/")

const pagesDir = "../../testdata/pages"

// TestGolden reads every sample page and compares the tree, with the
// warnings, to testdata/NAME.golden.json.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(pagesDir, "*.html"))
	if err != nil || len(files) < 8 {
		t.Fatalf("want at least 8 sample pages in %s, found %d (%v)", pagesDir, len(files), err)
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
			golden := filepath.Join("testdata", strings.TrimSuffix(name, ".html")+".golden.json")
			goldentree.Check(t, golden, goldentree.Encode(t, d, ws), *update)
		})
	}
}
