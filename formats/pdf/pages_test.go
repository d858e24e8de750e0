package pdf

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"folio/pipeline/doc"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

// TestNoBlankLastPage: a document whose text ends at the foot of a page
// (or anywhere else) has no page after the one its last line is on, and
// every footer counts the pages there are. The sweep's case was a title
// and 57 one-line paragraphs, which set a third page holding only the
// running head and "Page 3 of 3". The counts below put the end of the
// text at every place on the second page, after each kind of block.
func TestNoBlankLastPage(t *testing.T) {
	lineRE := regexp.MustCompile(`^p(\d+) `)
	footRE := regexp.MustCompile(`Page (\d+) of (\d+)`)
	const end = "Closing words."
	for _, tc := range []struct {
		name string
		last doc.Block
	}{
		{"paragraph", ptext(end)},
		{"list", &doc.List{Tight: true, Items: []*doc.ListItem{li(ptext(end))}}},
		{"quote", &doc.BlockQuote{Blocks: []doc.Block{ptext(end)}}},
		{"code", &doc.CodeBlock{Text: end + "\n"}},
		{"table", &doc.Table{Align: []doc.Align{"", ""}, Header: []*doc.Row{row("A", "B")}, Body: []*doc.Row{row(end, "x")}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for n := 40; n <= 75; n++ {
				d := &doc.Document{Meta: doc.Meta{Title: "Blank", Lang: "en"}}
				for i := 1; i < n; i++ {
					d.Blocks = append(d.Blocks, ptext(fmt.Sprintf("Paragraph %d.", i)))
				}
				d.Blocks = append(d.Blocks, tc.last)
				var runs []string
				o := Options{trace: func(r []string) { runs = append([]string(nil), r...) }}
				b, _ := write(t, d, o)
				pages, err := api.PageCount(bytes.NewReader(b), model.NewDefaultConfiguration())
				if err != nil {
					t.Fatalf("%d blocks: page count: %v", n, err)
				}
				lastPage, feet := 0, 0
				for _, r := range runs {
					m := lineRE.FindStringSubmatch(r)
					if m == nil {
						continue
					}
					pg, _ := strconv.Atoi(m[1])
					if strings.Contains(r, end) {
						lastPage = pg
					}
					if f := footRE.FindStringSubmatch(r); f != nil {
						feet++
						if f[1] != m[1] || f[2] != strconv.Itoa(pages) {
							t.Errorf("%d blocks: page %d of %d says %q", n, pg, pages, f[0])
						}
					}
				}
				if feet != pages {
					t.Errorf("%d blocks: %d footers on %d pages", n, feet, pages)
				}
				if lastPage != pages {
					t.Errorf("%d blocks: the last line is on page %d of %d", n, lastPage, pages)
				}
			}
		})
	}
}
