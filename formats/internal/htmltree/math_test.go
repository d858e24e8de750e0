package htmltree

import (
	"strings"
	"testing"

	"golang.org/x/net/html"

	"folio/pipeline/doc"
)

// A MathML formula reads as code: its alttext, else its TeX source, else
// its characters with scripts, fractions and roots written out; one
// warning per document.
func TestMathAsText(t *testing.T) {
	tests := []struct{ in, want string }{
		{`<math alttext="a \ne 0"><mi>a</mi><mo>≠</mo><mn>0</mn></math>`, `a \ne 0`},
		{`<math><semantics><mrow><mi>x</mi></mrow><annotation encoding="application/x-tex">x^{2}</annotation></semantics></math>`, `x^{2}`},
		{`<math><mi>a</mi><msup><mi>x</mi><mn>2</mn></msup><mo>+</mo><mi>c</mi></math>`, `ax^2+c`},
		{`<math><mfrac><mn>1</mn><mrow><mn>2</mn><mi>a</mi></mrow></mfrac></math>`, `1/(2a)`},
		{`<math><msqrt><mi>b</mi><mo>−</mo><mn>4</mn></msqrt><msub><mi>a</mi><mi>k</mi></msub></math>`, `√(b−4)a_k`},
	}
	for _, tt := range tests {
		n, err := html.Parse(strings.NewReader("<p>" + tt.in + "</p>"))
		if err != nil {
			t.Fatal(err)
		}
		var ws []doc.Warning
		c := &Converter{File: "in.html", Line: 1, Hooks: Hooks{Warn: func(w doc.Warning) { ws = append(ws, w) }}}
		var p *html.Node
		var find func(*html.Node)
		find = func(x *html.Node) {
			if x.Type == html.ElementNode && x.Data == "p" && p == nil {
				p = x
			}
			for ch := x.FirstChild; ch != nil; ch = ch.NextSibling {
				find(ch)
			}
		}
		find(n)
		is := c.Inlines(p)
		if len(is) != 1 {
			t.Fatalf("%s: %d inlines, want one code", tt.in, len(is))
		}
		if code, ok := is[0].(*doc.Code); !ok || code.Value != tt.want {
			t.Errorf("%s: %#v, want code %q", tt.in, is[0], tt.want)
		}
		if len(ws) != 1 || ws[0].Code != "math-as-text" {
			t.Errorf("%s: warnings %v, want one math-as-text", tt.in, ws)
		}
	}
}
