package quality

import (
	"hash/fnv"
	"os"
	"path/filepath"
	"strings"

	"folio/internal/shared"
)

// Corpus finds the shared corpus folder: FOLIO_CORPUS when set, else
// shared/corpus beside the repository; "" when there is none.
func Corpus() string {
	if d := os.Getenv("FOLIO_CORPUS"); d != "" {
		return d
	}
	return shared.Dir("corpus")
}

// The modules that ship the development sets' pages.
const (
	ReadabilityModule = "codeberg.org/readeck/go-readability/v2"
	TrafilaturaModule = "github.com/markusmobius/go-trafilatura"
)

// LoadMozilla reads Mozilla's test pages from the go-readability module
// with their copied text from corpus.
func LoadMozilla(corpus string) (*Set, error) {
	dir, err := shared.ModuleDir(ReadabilityModule)
	if err != nil {
		return nil, err
	}
	return Mozilla(filepath.Join(dir, "test-pages"), filepath.Join(corpus, "readability-text"))
}

// LoadTrafilatura reads Trafilatura's evaluation set from the
// go-trafilatura module with its annotations and copied text from corpus.
func LoadTrafilatura(corpus string) (*Set, error) {
	dir, err := shared.ModuleDir(TrafilaturaModule)
	if err != nil {
		return nil, err
	}
	return Trafilatura(filepath.Join(corpus, "trafilatura-comparison.json"),
		filepath.Join(dir, "test-files", "comparison"), filepath.Join(corpus, "trafilatura-text"))
}

// Half puts a page in the "dev" or "check" half of its set by a hash of
// its name (the file name without .html), so that what is fitted on one
// half can be checked on the other.
func Half(name string) string {
	h := fnv.New32a()
	h.Write([]byte(strings.TrimSuffix(name, ".html")))
	if h.Sum32()%2 == 0 {
		return "dev"
	}
	return "check"
}
