package markup_test

import (
	"bytes"
	"testing"

	"folio/formats/internal/markup"
	"folio/formats/markdown"
	"folio/internal/cmspec"
)

// TestCommonMarkConformance runs every example of the CommonMark spec that
// ships inside the goldmark module through the strict CommonMark reader,
// the document tree and the shared body renderer (raw HTML allowed, no
// heading ids, relative links and any safe scheme kept, images as
// written), and compares the
// result with the spec's HTML after normalising whitespace. The spec is
// read from the module directory at test time, never copied into the
// repository (its licence asks for attribution).
func TestCommonMarkConformance(t *testing.T) {
	examples := cmspec.Load(t)
	reader := markdown.New(markdown.Options{CommonMark: true, RawHTML: true})
	opts := markup.Options{UnsafeHTML: true, AllowRelativeLinks: true, NoDirAuto: true, NoTableWrap: true, AnyScheme: true}
	pass := 0
	for _, ex := range examples {
		d, _, err := reader.Read([]byte(ex.Markdown), "spec.md")
		if err != nil {
			t.Errorf("example %d (%s): %v", ex.Example, ex.Section, err)
			continue
		}
		var b bytes.Buffer
		markup.RenderBlocks(&b, d.Blocks, opts, nil)
		if got, want := cmspec.Normalize(b.String()), cmspec.Normalize(ex.HTML); got != want {
			t.Logf("example %d (%s) differs\nmarkdown: %q\n    want: %q\n     got: %q", ex.Example, ex.Section, ex.Markdown, want, got)
			continue
		}
		pass++
	}
	cmspec.Report(t, pass, len(examples), 99)
}
