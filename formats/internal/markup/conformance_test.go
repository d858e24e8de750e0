package markup_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"folio/formats/internal/markup"
	"folio/formats/markdown"
)

// TestCommonMarkConformance runs every example of the CommonMark spec that
// ships inside the goldmark module through the strict CommonMark reader,
// the document tree and the shared body renderer (raw HTML allowed, no
// heading ids, relative links kept, images as written), and compares the
// result with the spec's HTML after normalising whitespace. The spec is
// read from the module directory at test time, never copied into the
// repository (its licence asks for attribution).
func TestCommonMarkConformance(t *testing.T) {
	examples := loadSpec(t)
	reader := markdown.New(markdown.Options{CommonMark: true})
	opts := markup.Options{UnsafeHTML: true, AllowRelativeLinks: true, NoDirAuto: true, NoTableWrap: true}
	pass := 0
	for _, ex := range examples {
		d, _, err := reader.Read([]byte(ex.Markdown), "spec.md")
		if err != nil {
			t.Errorf("example %d (%s): %v", ex.Example, ex.Section, err)
			continue
		}
		var b bytes.Buffer
		markup.RenderBlocks(&b, d.Blocks, opts, nil)
		if got, want := normalizeHTML(b.String()), normalizeHTML(ex.HTML); got != want {
			t.Logf("example %d (%s) differs\nmarkdown: %q\n    want: %q\n     got: %q", ex.Example, ex.Section, ex.Markdown, want, got)
			continue
		}
		pass++
	}
	rate := 100 * float64(pass) / float64(len(examples))
	t.Logf("CommonMark conformance: %d/%d examples pass (%.2f%%)", pass, len(examples), rate)
	if len(examples) < 600 {
		t.Errorf("spec.json has only %d examples", len(examples))
	}
	if rate < 99 {
		t.Errorf("conformance %.2f%% is below 99%%", rate)
	}
}

type specExample struct {
	Markdown string `json:"markdown"`
	HTML     string `json:"html"`
	Example  int    `json:"example"`
	Section  string `json:"section"`
}

// loadSpec reads _test/spec.json from the goldmark module directory.
func loadSpec(t *testing.T) []specExample {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/yuin/goldmark").Output()
	if err != nil || strings.TrimSpace(string(out)) == "" {
		t.Fatalf("cannot find the goldmark module directory (go list -m github.com/yuin/goldmark): %v", err)
	}
	raw, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), "_test", "spec.json"))
	if err != nil {
		t.Fatal(err)
	}
	var examples []specExample
	if err := json.Unmarshal(raw, &examples); err != nil {
		t.Fatal(err)
	}
	return examples
}

// newlinesAtTags are line breaks next to a tag, which the reference
// renderer places by its own habit and which do not change the HTML.
var newlinesAtTags = regexp.MustCompile(`\n+<|>\n+`)

func normalizeHTML(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = newlinesAtTags.ReplaceAllStringFunc(s, func(m string) string { return strings.Trim(m, "\n") })
	return strings.TrimSpace(s)
}
