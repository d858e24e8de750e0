package webpage

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"folio/pipeline/doc"
)

// TestLinksToDroppedPassages: a documentation page's headings link back to
// its table of contents, which the reader leaves out with the page's
// navigation: those links become their text, each with a links-to-dropped
// note naming its line. A link to a place the article kept stays a link,
// and so does one to an id the page never had (normalize warns about
// that one, since it may be a mistake in the page).
func TestLinksToDroppedPassages(t *testing.T) {
	var b strings.Builder
	b.WriteString("<!doctype html><html lang=en><head><title>Sharing history</title></head><body>\n")
	b.WriteString("<nav class=\"toc\"><ul><li><a id=\"toc1\" href=\"#one\">One</a></li><li><a id=\"toc2\" href=\"#two\">Two</a></li></ul></nav>\n<article><h1>Sharing history</h1>\n")
	for i, sec := range []string{"one", "two"} {
		fmt.Fprintf(&b, "<section id=\"%s\"><h2><a href=\"#toc%d\">Section %s</a></h2>\n", sec, i+1, sec)
		for k := 0; k < 4; k++ {
			fmt.Fprintf(&b, "<p>Paragraph %d of section %s explains how changesets in draft phase are shared between two repositories before anyone publishes them to the public server.</p>\n", k, sec)
		}
		b.WriteString("</section>\n")
	}
	b.WriteString("<p>The last paragraph points back to <a href=\"#two\">section two</a>, where the sharing is explained, and to <a href=\"#nowhere\">a place the page lacks</a>, as pages sometimes do when an editor moved things.</p>\n</article></body></html>\n")
	d, ws, err := New(Options{}).Read([]byte(b.String()), "doc.html")
	if err != nil {
		t.Fatal(err)
	}
	var notes []string
	for _, w := range ws {
		if w.Code == "links-to-dropped" {
			notes = append(notes, fmt.Sprintf("%d %s", w.Pos.Line, w.Message))
		}
	}
	want := []string{
		`4 link to "#toc1" goes to a passage left out of the article; its text is kept`,
		`10 link to "#toc2" goes to a passage left out of the article; its text is kept`,
	}
	if !slices.Equal(notes, want) {
		t.Errorf("notes\n%q\nwant\n%q", notes, want)
	}
	var links []string
	doc.Walk(d, func(n doc.Node, entering bool) doc.WalkStatus {
		if l, ok := n.(*doc.Link); ok && entering {
			links = append(links, l.URL)
		}
		return doc.WalkContinue
	})
	if !slices.Equal(links, []string{"#two", "#nowhere"}) {
		t.Errorf("links left %q, want #two and #nowhere", links)
	}
}
