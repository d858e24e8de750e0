package htmltree

import (
	"runtime"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"folio/pipeline/doc"
)

// TestNestedWrappersCopyNothing checks that elements which leave no node
// of their own (an unknown <e>, a <span>, a <font>) cost
// nothing per level: 64 of them nested around 20,000 inlines (what the
// Markdown reader's nesting bound lets through; the goldmark#555 mix
// "*a [b](c `d` <e> **f** " repeated makes exactly this) allocate about
// what the inlines themselves take. Each level returning its slice for
// its parent to copy allocated 64 copies of the whole list: 10 times
// more. The bound is on bytes allocated, not time.
func TestNestedWrappersCopyNothing(t *testing.T) {
	const levels, n = 64, 20_000
	var b strings.Builder
	for i := range levels {
		switch i % 3 {
		case 0:
			b.WriteString("<e>")
		case 1:
			b.WriteString("<span>")
		case 2:
			b.WriteString("<font>")
		}
	}
	for range n {
		b.WriteString("x<br>")
	}
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(b.String()), body)
	if err != nil {
		t.Fatal(err)
	}
	for _, nd := range nodes {
		body.AppendChild(nd)
	}
	c := &Converter{File: "x.html", Line: 1}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	is := c.Inlines(body)
	runtime.ReadMemStats(&after)
	if len(is) != 2*n {
		t.Fatalf("%d inlines, want %d", len(is), 2*n)
	}
	if _, ok := is[0].(*doc.Text); !ok {
		t.Fatalf("first inline %T, want the text", is[0])
	}
	perInline := float64(after.TotalAlloc-before.TotalAlloc) / float64(len(is))
	t.Logf("%.0f bytes allocated per inline under %d wrappers", perInline, levels)
	if perInline > 250 {
		t.Errorf("%.0f bytes allocated per inline under %d wrappers: each level copies the list", perInline, levels)
	}
}
