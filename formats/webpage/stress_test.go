package webpage

import (
	"fmt"
	"strings"
	"testing"

	"folio/pipeline/doc"
)

// hostile are pages built to make a parser or a tree walker work hard.
var hostile = map[string]func() string{
	"10000 nested divs": func() string {
		return "<html><body>" + strings.Repeat("<div>", 10000) + "deep text" + strings.Repeat("</div>", 10000) + "</body></html>"
	},
	"10000 unclosed divs": func() string { return strings.Repeat("<div>x ", 10000) },
	"10000 nested blockquotes with paragraphs": func() string {
		return strings.Repeat("<blockquote><p>quoted words here</p>", 10000) + strings.Repeat("</blockquote>", 10000)
	},
	"5000 nested lists": func() string { return strings.Repeat("<ul><li>item ", 5000) },
	"10000 nested spans": func() string {
		return "<p>" + strings.Repeat("<span><em>", 10000) + "x" + strings.Repeat("</em></span>", 10000)
	},
	"formatting with distinct attributes reopened in every paragraph": func() string {
		var b strings.Builder
		for i := range 3000 {
			fmt.Fprintf(&b, "<b id=b%d>", i)
		}
		b.WriteString(strings.Repeat("<p>paragraph text</p>", 3000))
		return b.String()
	},
	"20000 unclosed links": func() string { return strings.Repeat("<a href=#x>link ", 20000) },
	"10000 nested tables":  func() string { return strings.Repeat("<table><tr><td>cell ", 10000) },
	"2 MB of paragraphs": func() string {
		p := "<p>" + strings.Repeat("Words of an ordinary paragraph, long enough to score. ", 8) + "</p>\n"
		return "<html><body><article>" + strings.Repeat(p, (2<<20)/len(p)) + "</article></body></html>"
	},
}

// TestHostilePages: no panic, no stack exhaustion, a document back, and
// every position on a line of the input.
func TestHostilePages(t *testing.T) {
	for name, mk := range hostile {
		t.Run(name, func(t *testing.T) {
			src := mk()
			d, ws, err := New(Options{}).Read([]byte(src), "deep.html")
			if err != nil {
				t.Fatal(err)
			}
			checkPositions(t, d, ws, strings.Count(src, "\n")+1)
		})
	}
}

func BenchmarkHostile(b *testing.B) {
	for name, mk := range hostile {
		src := []byte(mk())
		b.Run(strings.ReplaceAll(name, " ", "_"), func(b *testing.B) {
			for b.Loop() {
				if _, _, err := New(Options{}).Read(src, "deep.html"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// checkPositions fails when a node or warning has no line or one past the
// end of the input.
func checkPositions(t *testing.T, d *doc.Document, ws []doc.Warning, lines int) {
	t.Helper()
	bad := 0
	doc.Walk(d, func(n doc.Node, entering bool) doc.WalkStatus {
		if entering {
			if p := n.Position(); p.Line < 1 || p.Line > lines {
				if bad < 5 {
					t.Errorf("%s at line %d, input has %d lines", n.Kind(), p.Line, lines)
				}
				bad++
			}
		}
		return doc.WalkContinue
	})
	for _, w := range ws {
		if w.Pos.Line < 1 || w.Pos.Line > lines {
			t.Errorf("warning %v outside the input's %d lines", w, lines)
		}
	}
}
