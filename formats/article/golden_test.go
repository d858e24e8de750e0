package article

import (
	"flag"
	"testing"

	"folio/internal/goldentree"
)

const articlesDir = "../../testdata/articles"

var update = flag.Bool("update", false, "rewrite the golden trees in testdata/")

// TestGolden reads every sample article and compares the tree, with the
// warnings, to testdata/NAME.golden.json.
func TestGolden(t *testing.T) {
	goldentree.Run(t, articlesDir+"/*.txt", 8, New(Options{}).Read, *update)
}
