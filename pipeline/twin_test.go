package pipeline

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"folio/pipeline/doc"
)

// TestWebPageTwinReadsLikeTheArticle reads a scraped article and the web
// page it was copied from (written as a news site's page would be: menus,
// breadcrumb, lead photo, related list, newsletter box) with their two
// readers: both must find the same title, headings and paragraphs.
func TestWebPageTwinReadsLikeTheArticle(t *testing.T) {
	twins := [][2]string{{"articles/features-breadcrumb.txt", "pages/meltwater-diplomacy.html"}}
	for _, tw := range twins {
		t.Run(filepath.Base(tw[1]), func(t *testing.T) {
			var got [2]twinText
			for i, f := range tw {
				path := filepath.Join("..", "testdata", f)
				src, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				in, _, err := Load(path, bytes.NewReader(src), LoadOptions{})
				if err != nil {
					t.Fatal(err)
				}
				read, err := readerFor(in.Format, &Options{})
				if err != nil {
					t.Fatal(err)
				}
				d, _, err := read(in)
				if err != nil {
					t.Fatal(err)
				}
				got[i] = textsOf(d)
			}
			if got[0].title != got[1].title {
				t.Errorf("title: article %q, page %q", got[0].title, got[1].title)
			}
			if !reflect.DeepEqual(got[0].headings, got[1].headings) {
				t.Errorf("headings:\narticle %q\n   page %q", got[0].headings, got[1].headings)
			}
			if !reflect.DeepEqual(got[0].paragraphs, got[1].paragraphs) {
				t.Errorf("paragraphs differ:\narticle %q\n   page %q", got[0].paragraphs, got[1].paragraphs)
			}
			if len(got[0].paragraphs) < 8 || len(got[0].headings) < 3 {
				t.Errorf("too little read to compare: %d paragraphs, %d headings", len(got[0].paragraphs), len(got[0].headings))
			}
		})
	}
}

type twinText struct {
	title      string
	headings   []string
	paragraphs []string
}

func textsOf(d *doc.Document) twinText {
	tt := twinText{title: d.Meta.Title}
	doc.Walk(d, func(n doc.Node, entering bool) doc.WalkStatus {
		if !entering {
			return doc.WalkContinue
		}
		switch n := n.(type) {
		case *doc.Heading:
			tt.headings = append(tt.headings, doc.PlainText(n.Content))
		case *doc.Paragraph:
			tt.paragraphs = append(tt.paragraphs, doc.PlainText(n.Content))
		}
		return doc.WalkContinue
	})
	return tt
}
