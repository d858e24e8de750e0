package webpage

import (
	"flag"
	"testing"

	"folio/internal/goldentree"
)

const pagesDir = "../../testdata/pages"

var update = flag.Bool("update", false, "rewrite the golden trees in testdata/")

// TestGolden reads every sample page and compares the tree, with the
// warnings, to testdata/NAME.golden.json.
func TestGolden(t *testing.T) {
	goldentree.Run(t, pagesDir+"/*.html", 8, New(Options{}).Read, *update)
}
