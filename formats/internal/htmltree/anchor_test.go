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

// TestAnchorsInFiguresTablesAndTerms: a figure's id lands on its caption,
// a table's and its first row's on the first cell, a cell's on that cell,
// a term's on the term; a picture alone in a linked paragraph is still a
// figure, its place the text after it; each conversion starts with
// nothing waiting.
func TestAnchorsInFiguresTablesAndTerms(t *testing.T) {
	page := `<body>
<p><a href="#fig">f</a> <a href="#tab">t</a> <a href="#row2">r</a> <a href="#c22">c</a> <a href="#term">d</a> <a href="#pic">p</a> <a href="#end">e</a></p>
<figure id="fig"><img src="a.png" alt="A"><figcaption>The weir in spring.</figcaption></figure>
<table id="tab"><tr><td>a</td><td>b</td></tr><tr id="row2"><td>c</td><td id="c22">d</td></tr></table>
<dl><dt id="term">Elver</dt><dd>A young eel.</dd></dl>
<p id="pic"><img src="b.png" alt="B"></p>
<p>After the picture.</p>
<div id="end"></div>
</body>`
	root, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var hrefs []string
	var body *html.Node
	WalkNodes(root, func(n *html.Node) Walk {
		if h := Attr(n, "href"); h != "" {
			hrefs = append(hrefs, h)
		}
		if n.Type == html.ElementNode && n.Data == "body" {
			body = n
		}
		return WalkIn
	})
	c := &Converter{File: "p.html", Line: 1, Targets: LinkTargets(slices.Values(hrefs))}
	got := shape(c.Blocks(body))
	want := strings.Join([]string{
		`Paragraph[ Link[ T ] T Link[ T ] T Link[ T ] T Link[ T ] T Link[ T ] T Link[ T ] T Link[ T ] ]`,
		`Figure[ #fig T ]`,
		`Table[ #tab T T #row2 T #c22 T ]`,
		`DefinitionList[ #term T Paragraph[ T ] ]`,
		`Figure[ ]`,
		`Paragraph[ #pic T ]`,
	}, " ")
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	// The anchor of the empty element at the end waited for text that
	// never came; the next conversion does not receive it.
	next, err := html.Parse(strings.NewReader(`<body><p>Another page.</p></body>`))
	if err != nil {
		t.Fatal(err)
	}
	if got := shape(c.Blocks(next.LastChild.LastChild)); got != `Paragraph[ T ]` {
		t.Errorf("next conversion: %s", got)
	}
}
