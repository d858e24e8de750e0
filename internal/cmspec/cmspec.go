// Package cmspec loads the CommonMark spec examples that ship inside the
// goldmark module (_test/spec.json), for conformance tests. The spec is
// read from the module directory at test time and never copied into this
// repository: its licence asks for attribution.
package cmspec

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"folio/internal/shared"
)

// Example is one spec example.
type Example struct {
	Markdown string `json:"markdown"`
	HTML     string `json:"html"`
	Example  int    `json:"example"`
	Section  string `json:"section"`
}

// Load reads every example, failing the test when the module cannot be
// found.
func Load(t testing.TB) []Example {
	t.Helper()
	dir, err := shared.ModuleDir("github.com/yuin/goldmark")
	if err != nil {
		t.Fatalf("cannot find the goldmark module directory (go list -m github.com/yuin/goldmark): %v", err)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "_test", "spec.json"))
	if err != nil {
		t.Fatal(err)
	}
	var examples []Example
	if err := json.Unmarshal(raw, &examples); err != nil {
		t.Fatal(err)
	}
	if len(examples) < 600 {
		t.Fatalf("spec.json has only %d examples", len(examples))
	}
	return examples
}

// newlinesAtTags are line breaks next to a tag, which the reference
// renderer places by its own habit and which do not change the HTML.
var newlinesAtTags = regexp.MustCompile(`\n+<|>\n+`)

// Normalize evens out the whitespace differences that do not change what
// the HTML means.
func Normalize(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = newlinesAtTags.ReplaceAllStringFunc(s, func(m string) string { return strings.Trim(m, "\n") })
	return strings.TrimSpace(s)
}

// Check compares the examples that failed with the known failures: a
// new failure fails the test, and so does a known failure that now passes
// (take it off the list), so no example can regress or be fixed unseen.
func Check(t testing.TB, failed []int, total int, known []int) {
	t.Helper()
	t.Logf("CommonMark conformance: %d/%d examples pass", total-len(failed), total)
	isKnown := map[int]bool{}
	for _, n := range known {
		isKnown[n] = true
	}
	for _, n := range failed {
		if !isKnown[n] {
			t.Errorf("example %d fails and is not a known failure", n)
		}
		delete(isKnown, n)
	}
	for _, n := range known {
		if isKnown[n] {
			t.Errorf("example %d is a known failure but passes now: take it off the list", n)
		}
	}
}
