package htmltree

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"folio/pipeline/doc"
)

// shape writes blocks as their kinds, an anchor with its id and a
// heading with its other names: enough to see where anchors landed.
func shape(bs []doc.Block) string {
	var b strings.Builder
	doc.WalkBlocks(bs, func(n doc.Node, entering bool) doc.WalkStatus {
		switch n := n.(type) {
		case *doc.Anchor:
			if entering {
				fmt.Fprintf(&b, "#%s ", n.ID)
			}
		case *doc.Text:
			if entering {
				b.WriteString("T ")
			}
		case *doc.Heading:
			if entering {
				fmt.Fprintf(&b, "H%q[ ", n.Anchors)
			} else {
				b.WriteString("] ")
			}
		default:
			if entering {
				b.WriteString(n.Kind() + "[ ")
			} else {
				b.WriteString("] ")
			}
		}
		return doc.WalkContinue
	})
	return strings.Join(strings.Fields(b.String()), " ")
}

// TestAnchorsWhereLinksLand: an element whose id a link of the page names
// is an anchor where its text starts: a citation mark in the line, a
// reference entry at the start of its item, an empty element at the next
// text, a name inside a heading or just before it among the heading's
// names. An id no link names leaves nothing, and no paragraph is made of
// an anchor alone.
func TestAnchorsWhereLinksLand(t *testing.T) {
	page := `<body>
<div id="top"></div>
<p>A claim<sup id="cite_ref-1"><a href="#cite_note-1">[1]</a></sup> and <a href="#History">more</a>.</p>
<p id="unlinked">Nothing links here.</p>
<div><span id="sec"></span></div>
<h2><span id="History">History</span></h2>
<p><a name="old"></a>Old text, <a href="#old">self</a>, <a href="#sec">sec</a>, <a href="#top">top</a>.</p>
<ol><li id="cite_note-1"><a href="#cite_ref-1">^</a> A source.</li></ol>
</body>`
	root, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var hrefs []string
	WalkNodes(root, func(n *html.Node) Walk {
		if h := Attr(n, "href"); h != "" {
			hrefs = append(hrefs, h)
		}
		return WalkIn
	})
	c := &Converter{File: "p.html", Line: 1, Targets: LinkTargets(slices.Values(hrefs))}
	var body *html.Node
	WalkNodes(root, func(n *html.Node) Walk {
		if n.Type == html.ElementNode && n.Data == "body" {
			body = n
			return WalkStop
		}
		return WalkIn
	})
	got := shape(c.Blocks(body))
	want := strings.Join([]string{
		`Paragraph[ #top T #cite_ref-1 Sup[ Link[ T ] ] T Link[ T ] T ]`,
		`Paragraph[ T ]`,
		`H["sec" "History"][ T ]`,
		`Paragraph[ #old T Link[ T ] T Link[ T ] T Link[ T ] T ]`,
		`List[ Paragraph[ #cite_note-1 Link[ T ] T ] ]`,
	}, " ")
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	// Without targets (a reader that sets none) nothing changes.
	c = &Converter{File: "p.html", Line: 1}
	if got := shape(c.Blocks(body)); strings.Contains(got, "#") || strings.Contains(got, `"History"`) {
		t.Errorf("anchors with no targets: %s", got)
	}
}
