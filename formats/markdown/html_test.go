package markdown

import (
	"slices"
	"strings"
	"testing"
)

func TestRawHTMLBecomesTree(t *testing.T) {
	tests := []struct {
		name, src, want string
		warnings        []string // codes, in order
	}{
		{"a centred paragraph keeps its text",
			`<p align="center">An intro that matters.</p>`, `P("An intro that matters.")`, nil},
		{"a line break inside a paragraph",
			"Line one<br>line two", `P("Line one" LineBreak "line two")`, nil},
		{"sub, sup, kbd, underline and mark around Markdown text",
			"H<sub>2</sub>O, mc<sup>2</sup>, <kbd>Ctrl</kbd>, <u>u</u>, <mark>a *b*</mark>",
			`P("H" Sub("2") "O, mc" Sup("2") ", " Span[kbd]("Ctrl") ", " Span[underline]("u") ", " Span[mark]("a " Emph("b")))`, nil},
		{"details opened in one HTML block and closed in a later one is one node, Markdown inside",
			"<details>\n<summary>Click to expand</summary>\n\nHidden **text**.\n\n- one\n\n</details>\n\nAfter.",
			`P(Strong("Click to expand")) P("Hidden " Strong("text") ".") List[ordered=false start=0 tight=true](Item(P("one"))) P("After.")`, nil},
		{"Markdown right after an HTML block's line stays HTML text, as CommonMark says",
			"<div>\n*not emphasis*\n</div>", `P("*not emphasis*")`, nil},
		{"a linked image is a link holding the image",
			`<a href="https://example.com/"><img src="logo.png" alt="Logo"></a>`,
			`P(Link[https://example.com/|](Image[logo.png|Logo|]))`, nil},
		{"an anchor that only names a place stays, for normalize to give the heading it stands by",
			"<a id=\"1.2.0\"></a>\n## Version 1.2.0", `P(RawInline[html]"<a id=\"1.2.0\"></a>") H2("Version 1.2.0")`, nil},
		{"a lone image is a figure",
			`<img src="logo.png" alt="Logo" width="200">`, `Figure[logo.png|Logo|]()`, nil},
		{"an HTML table is a table",
			"<table>\n<tr><th>A</th><th>B</th></tr>\n<tr><td>1</td><td>2</td></tr>\n</table>",
			`Table[ ]("A" | "B" / "1" | "2")[header=1]`, nil},
		{"script, style and forms are dropped with their content",
			"<script>alert(1)</script>\n\n<form><input value=x><button>Go</button></form>\n\nText <style>p{}</style>kept.",
			`P("Text kept.")`, []string{"html-element-dropped", "html-element-dropped", "html-element-dropped"}},
		{"a script URL is text; event handlers are left out",
			`<a href=" JavaScript:alert(1)" onclick="x()">click</a>`, `P("click")`,
			[]string{"html-attribute-dropped", "html-link-dropped"}},
		{"unknown elements are unwrapped, one warning per tag name",
			`<span>one</span> <span>two</span> <blink>three</blink>`, `P("one two three")`,
			[]string{"html-element-unwrapped", "html-element-unwrapped"}},
		{"a placeholder's name cannot be forged",
			`<folio-md-0 k="b" i="0"></folio-md-0>text`, `P("text")`, []string{"html-element-unwrapped"}},
		{"an unclosed element does not lose what follows",
			"<div>\n\nStill *here*.", `P("Still " Emph("here") ".")`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, ws := read(t, Options{}, tt.src)
			if got := sketch(d.Blocks); got != tt.want {
				t.Errorf("\n got %s\nwant %s", got, tt.want)
			}
			var codes []string
			for _, w := range ws {
				codes = append(codes, w.Code)
			}
			if !slices.Equal(codes, tt.warnings) {
				t.Errorf("warnings %v, want %v (%v)", codes, tt.warnings, ws)
			}
		})
	}
}

func TestRawHTMLOptionKeepsHTMLRaw(t *testing.T) {
	d, _ := read(t, Options{CommonMark: true, RawHTML: true}, "<div>\nx\n</div>\n\na <b>c</b>")
	want := `RawBlock[html]"<div>\nx\n</div>\n" P("a " RawInline[html]"<b>" "c" RawInline[html]"</b>")`
	if got := sketch(d.Blocks); got != want {
		t.Errorf("\n got %s\nwant %s", got, want)
	}
}

func TestHTMLWarningsNameTheLine(t *testing.T) {
	_, ws := read(t, Options{}, "# T\n\nSome text.\n\n<script>x</script>\n")
	if len(ws) != 1 || ws[0].Pos.Line != 5 || !strings.Contains(ws[0].Message, "<script>") {
		t.Errorf("warnings %v, want one on line 5 naming <script>", ws)
	}
}
