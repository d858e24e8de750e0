package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"folio/formats/html"
	"folio/internal/cmspec"
)

// headingIDAttr is the id Folio puts on every heading; the spec's HTML has
// none ("heading ids aside").
var headingIDAttr = regexp.MustCompile(`(<h[1-6]) id="[^"]*"`)

// commonMarkKnownFailures are the spec examples Folio's export is known
// to get wrong (none today). The suite runs once, here, through the whole
// pipeline; a new failure or a fixed one fails the test.
var commonMarkKnownFailures = []int{}

// TestExportCommonMarkFragment checks the promise the README makes: that
// `export -f commonmark -t html --fragment --unsafe-html` writes the
// spec's HTML for the spec's examples. Each example goes through the whole
// pipeline (load, reader, normalize passes, HTML writer, atomic output).
func TestExportCommonMarkFragment(t *testing.T) {
	examples := cmspec.Load(t)
	dir := t.TempDir()
	o := &Options{Formats: []string{"html"}, From: "commonmark", Fragment: true, UnsafeHTML: true}
	var failed []int
	for _, ex := range examples {
		in := filepath.Join(dir, "ex.md")
		if err := os.WriteFile(in, []byte(ex.Markdown), 0o644); err != nil {
			t.Fatal(err)
		}
		res := Convert(context.Background(), Job{Name: in, OutBase: filepath.Join(dir, "out", "ex")}, o)
		if res.Err != nil {
			t.Logf("example %d: %v", ex.Example, res.Err)
			failed = append(failed, ex.Example)
			continue
		}
		b, err := os.ReadFile(res.Outputs[0].Path)
		if err != nil {
			t.Fatal(err)
		}
		// The fragment starts with Folio's generator mark, a comment
		// (so a later run does not take it for an input).
		frag, ok := strings.CutPrefix(string(b), html.FragmentMark)
		if !ok {
			t.Fatalf("example %d: the fragment does not start with the generator mark", ex.Example)
		}
		got := cmspec.Normalize(headingIDAttr.ReplaceAllString(frag, "$1"))
		if want := cmspec.Normalize(ex.HTML); got != want {
			t.Logf("example %d (%s) differs\n    want: %q\n     got: %q", ex.Example, ex.Section, want, got)
			failed = append(failed, ex.Example)
		}
	}
	cmspec.Check(t, failed, len(examples), commonMarkKnownFailures)
}
