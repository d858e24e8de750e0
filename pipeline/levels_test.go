package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"folio/internal/checktool"
)

var headingTag = regexp.MustCompile(`<h([1-6]) id=`) // body headings; the title and "Contents" have no id

// TestHeadingLevelsValidate checks the outline of the HTML page for
// sources that skip levels ("##" then "#####") or give impossible ones (a
// JSON tree with levels 0 and 99): no level is skipped, all are 1–6, and
// the Nu checker finds no error.
func TestHeadingLevelsValidate(t *testing.T) {
	dir := t.TempDir()
	md := filepath.Join(dir, "skips.md")
	writeFile(t, md, "# Title\n\n## A\n\n##### B\n\n###### C\n\n## D\n\ntext\n")
	tree := filepath.Join(dir, "levels.json")
	writeFile(t, tree, `{"folio": 1, "meta": {"title": "T"}, "blocks": [
		{"type": "Heading", "level": 0, "content": [{"type": "Text", "value": "Zero"}]},
		{"type": "Heading", "level": 99, "content": [{"type": "Text", "value": "Deep"}]},
		{"type": "Paragraph", "content": [{"type": "Text", "value": "text"}]}]}`)
	out := filepath.Join(dir, "out")
	var pages []string
	for in, want := range map[string][]string{md: {"2", "3", "4", "2"}, tree: {"2", "3"}} {
		stem := strings.TrimSuffix(filepath.Base(in), filepath.Ext(in))
		res := Convert(context.Background(), Job{Name: in, OutBase: filepath.Join(out, stem)}, &Options{Formats: []string{"html"}})
		if res.Err != nil {
			t.Fatalf("%s: %v", in, res.Err)
		}
		b, err := os.ReadFile(res.Outputs[0].Path)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, m := range headingTag.FindAllSubmatch(b, -1) {
			got = append(got, string(m[1]))
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: heading levels %v, want %v", filepath.Base(in), got, want)
		}
		pages = append(pages, res.Outputs[0].Path)
	}
	checktool.Need(t, checktool.VNU)
	text, err := checktool.Run(t, checktool.VNU, append([]string{"--errors-only", "--format", "text"}, pages...)...)
	if err != nil || strings.Contains(text, "Error:") {
		t.Errorf("Nu HTML checker reports errors (%v):\n%s", err, text)
	}
}
