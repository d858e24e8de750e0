package quality

import (
	"hash/fnv"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Corpus finds the shared corpus folder: FOLIO_CORPUS when set, else
// shared/corpus beside the repository, walking up from the working
// directory; "" when there is none.
func Corpus() string {
	if d := os.Getenv("FOLIO_CORPUS"); d != "" {
		return d
	}
	dir, err := filepath.Abs(".")
	if err != nil {
		return ""
	}
	for {
		p := filepath.Join(dir, "shared", "corpus")
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// ModuleDir is where the module cache holds a module of the build list,
// or "" with the reason.
func ModuleDir(path string) (string, error) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", path).Output()
	if err != nil {
		return "", err
	}
	dir := strings.TrimSpace(string(out))
	if _, err := os.Stat(dir); err != nil {
		return "", err
	}
	return dir, nil
}

// The modules that ship the development sets' pages.
const (
	ReadabilityModule = "codeberg.org/readeck/go-readability/v2"
	TrafilaturaModule = "github.com/markusmobius/go-trafilatura"
)

// LoadMozilla reads Mozilla's test pages from the go-readability module
// with their copied text from corpus.
func LoadMozilla(corpus string) (*Set, error) {
	dir, err := ModuleDir(ReadabilityModule)
	if err != nil {
		return nil, err
	}
	return Mozilla(filepath.Join(dir, "test-pages"), filepath.Join(corpus, "readability-text"))
}

// LoadTrafilatura reads Trafilatura's evaluation set from the
// go-trafilatura module with its annotations and copied text from corpus.
func LoadTrafilatura(corpus string) (*Set, error) {
	dir, err := ModuleDir(TrafilaturaModule)
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
