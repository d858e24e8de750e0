package markdown

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"folio/internal/goldentree"
	"folio/pipeline/doc"
)

func read(t *testing.T, opts Options, src string) (*doc.Document, []doc.Warning) {
	t.Helper()
	d, w, err := New(opts).Read([]byte(src), "in.md")
	if err != nil {
		t.Fatalf("Read(%q): %v", src, err)
	}
	return d, w
}

// sketch prints a tree compactly for assertions: Kind(children) with text
// values quoted and the interesting fields in brackets.
func sketch(bs []doc.Block) string {
	var b strings.Builder
	for i, bl := range bs {
		if i > 0 {
			b.WriteString(" ")
		}
		sketchNode(&b, bl)
	}
	return b.String()
}

func sketchInlines(is []doc.Inline) string {
	var b strings.Builder
	for i, in := range is {
		if i > 0 {
			b.WriteString(" ")
		}
		sketchNode(&b, in)
	}
	return b.String()
}

func sketchNode(b *strings.Builder, n doc.Node) {
	switch n := n.(type) {
	case *doc.Text:
		fmt.Fprintf(b, "%q", n.Value)
		return
	case *doc.Code:
		fmt.Fprintf(b, "Code%q", n.Value)
		return
	case *doc.Heading:
		fmt.Fprintf(b, "H%d(%s)", n.Level, sketchInlines(n.Content))
		return
	case *doc.Paragraph:
		fmt.Fprintf(b, "P(%s)", sketchInlines(n.Content))
		return
	case *doc.Emph:
		fmt.Fprintf(b, "Emph(%s)", sketchInlines(n.Content))
		return
	case *doc.Strong:
		fmt.Fprintf(b, "Strong(%s)", sketchInlines(n.Content))
		return
	case *doc.Strike:
		fmt.Fprintf(b, "Strike(%s)", sketchInlines(n.Content))
		return
	case *doc.Sub:
		fmt.Fprintf(b, "Sub(%s)", sketchInlines(n.Content))
		return
	case *doc.Sup:
		fmt.Fprintf(b, "Sup(%s)", sketchInlines(n.Content))
		return
	case *doc.Span:
		fmt.Fprintf(b, "Span[%s](%s)", n.Style, sketchInlines(n.Content))
		return
	case *doc.Link:
		fmt.Fprintf(b, "Link[%s|%s](%s)", n.URL, n.Title, sketchInlines(n.Content))
		return
	case *doc.Image:
		fmt.Fprintf(b, "Image[%s|%s|%s]", n.Src, n.Alt, n.Title)
		return
	case *doc.Figure:
		fmt.Fprintf(b, "Figure[%s|%s|%s](%s)", n.Src, n.Alt, n.Title, sketchInlines(n.Caption))
		return
	case *doc.CodeBlock:
		fmt.Fprintf(b, "CodeBlock[%s]%q", n.Language, n.Text)
		return
	case *doc.RawBlock:
		fmt.Fprintf(b, "RawBlock[%s]%q", n.Format, n.Text)
		return
	case *doc.RawInline:
		fmt.Fprintf(b, "RawInline[%s]%q", n.Format, n.Text)
		return
	case *doc.NoteRef:
		fmt.Fprintf(b, "NoteRef[%s]", n.Label)
		return
	case *doc.BlockQuote:
		fmt.Fprintf(b, "Quote(%s)", sketch(n.Blocks))
		return
	case *doc.List:
		fmt.Fprintf(b, "List[ordered=%v start=%d tight=%v](", n.Ordered, n.Start, n.Tight)
		for i, it := range n.Items {
			if i > 0 {
				b.WriteString(" ")
			}
			if it.Task {
				fmt.Fprintf(b, "Task[%v]", it.Checked)
			}
			fmt.Fprintf(b, "Item(%s)", sketch(it.Blocks))
		}
		b.WriteString(")")
		return
	case *doc.Table:
		fmt.Fprintf(b, "Table%v(", n.Align)
		for i, r := range append(append([]*doc.Row(nil), n.Header...), n.Body...) {
			if i > 0 {
				b.WriteString(" / ")
			}
			for j, c := range r.Cells {
				if j > 0 {
					b.WriteString(" | ")
				}
				b.WriteString(sketchInlines(c.Content))
			}
		}
		fmt.Fprintf(b, ")[header=%d]", len(n.Header))
		return
	case *doc.DefinitionList:
		b.WriteString("DL(")
		for i, it := range n.Items {
			if i > 0 {
				b.WriteString(" ")
			}
			fmt.Fprintf(b, "Term(%s)", sketchInlines(it.Term))
			for _, def := range it.Definitions {
				fmt.Fprintf(b, " Def(%s)", sketch(def))
			}
		}
		b.WriteString(")")
		return
	}
	b.WriteString(n.Kind())
}

func TestNodeKinds(t *testing.T) {
	tests := []struct {
		name string
		cm   bool
		src  string
		want string
	}{
		{"ATX and setext headings", false, "# One\n\nTwo\n---\n", `H1("One") H2("Two")`},
		{"emphasis, strong and code", false, "*a* **b** `c`", `P(Emph("a") " " Strong("b") " " Code"c")`},
		{"strikethrough", false, "~~gone~~", `P(Strike("gone"))`},
		{"soft and hard breaks", false, "a\nb  \nc\\\nd", `P("a" SoftBreak "b" LineBreak "c" LineBreak "d")`},
		{"escapes and entities resolved", true, `\*a\* &amp; &copy; &#35; &#x22; \\`, `P("*a* & © # \" \\")`},
		{"escaped entity stays literal", true, `\&amp;`, `P("&amp;")`},
		{"link with title, escapes resolved", true, `[a](/u\)rl "t &amp; \"q\"")`, `P(Link[/u)rl|t & "q"]("a"))`},
		{"reference link", true, "[a][x]\n\n[x]: /dest 'T'\n", `P(Link[/dest|T]("a"))`},
		{"autolink URL and e-mail", true, "<http://a.b/c> <me@x.org>", `P(Link[http://a.b/c|]("http://a.b/c") " " Link[mailto:me@x.org|]("me@x.org"))`},
		{"linkify bare URL", false, "see www.example.com now", `P("see " Link[http://www.example.com|]("www.example.com") " now")`},
		{"no linkify in CommonMark", true, "see www.example.com now", `P("see www.example.com now")`},
		{"inline image keeps plain alt", false, "x ![a *b*](i.png \"T\")", `P("x " Image[i.png|a b|T])`},
		{"image alone is a figure", false, "![A *b*](i.png \"T\")", `Figure[i.png|A b|T]("A " Emph("b"))`},
		{"image alone stays an image in CommonMark", true, "![A](i.png)", `P(Image[i.png|A|])`},
		{"fenced code keeps first word of info", true, "```go extra\nx := 1\n```\n", `CodeBlock[go]"x := 1\n"`},
		{"indented code", true, "    a\n    b\n", `CodeBlock[]"a\nb\n"`},
		{"block quote", true, "> a\n> b\n", `Quote(P("a" SoftBreak "b"))`},
		{"tight bullet list", true, "- a\n- b\n", `List[ordered=false start=0 tight=true](Item(P("a")) Item(P("b")))`},
		{"loose ordered list from 3", true, "3. a\n\n4. b\n", `List[ordered=true start=3 tight=false](Item(P("a")) Item(P("b")))`},
		{"ordered list from 0", true, "0. a\n", `List[ordered=true start=0 tight=true](Item(P("a")))`},
		{"task list", false, "- [x] done\n- [ ] todo\n- plain\n", `List[ordered=false start=0 tight=true](Task[true]Item(P("done")) Task[false]Item(P("todo")) Item(P("plain")))`},
		{"no task list in CommonMark", true, "- [x] done\n", `List[ordered=false start=0 tight=true](Item(P("[x] done")))`},
		{"table with alignments", false, "| a | b | c |\n|:--|:-:|--:|\n| 1 | *2* | 3 |\n", `Table[left center right]("a" | "b" | "c" / "1" | Emph("2") | "3")[header=1]`},
		{"no table in CommonMark", true, "| a |\n|---|\n", `P("| a |" SoftBreak "|---|")`},
		{"escaped pipe in a cell", false, "| a |\n|---|\n| x \\| y |\n", `Table[]("a" / "x | y")[header=1]`},
		{"definition list", false, "Term\n: One\n\n: Two\n", `DL(Term("Term") Def(P("One")) Def(P("Two")))`},
		{"thematic break", true, "a\n\n***\n", `P("a") ThematicBreak`},
		{"raw HTML block and inline become tree", true, "<div>\nx\n</div>\n\na <b>c</b>", `P("x") P("a " Strong("c"))`},
		{"code span strips one space", true, "`` `a` ``", `P(Code"` + "`a`" + `")`},
		{"footnote reference", false, "a[^n]\n\n[^n]: note\n", `P("a" NoteRef[n])`},
		{"smart punctuation is Unicode", false, `"Don't" -- 'x' --- wait...`, `P("“Don’t” – ‘x’ — wait…")`},
		{"no smart punctuation in CommonMark", true, `"Don't" -- wait...`, `P("\"Don't\" -- wait...")`},
		{"no footnotes in CommonMark", true, "a[^n]\n\n[^n]: note\n", `P("a" Link[note|]("^n"))`},
		{"heading ids stay empty, non-ASCII kept", false, "# Привет мир\n", `H1("Привет мир")`},
		{"NUL becomes U+FFFD", true, "a\x00b", "P(\"a\uFFFDb\")"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, _ := read(t, Options{CommonMark: tt.cm}, tt.src)
			if got := sketch(d.Blocks); got != tt.want {
				t.Errorf("\n got %s\nwant %s", got, tt.want)
			}
			for _, b := range d.Blocks {
				if h, ok := b.(*doc.Heading); ok && h.ID != "" {
					t.Errorf("heading id %q set by the reader", h.ID)
				}
			}
		})
	}
}

func TestFootnotesBecomeNotes(t *testing.T) {
	d, _ := read(t, Options{}, "Intro.[^b] More.[^a] Again.[^b]\n\n[^a]: First *note*.\n[^b]: Second.\n\n    With a second paragraph.\n\n[^unused]: Never cited.\n")
	var labels []string
	for _, n := range d.Notes {
		labels = append(labels, fmt.Sprintf("%s@%d:%s", n.Label, n.Pos.Line, sketch(n.Blocks)))
	}
	want := `b@4:P("Second.") P("With a second paragraph.") a@3:P("First " Emph("note") ".")`
	if got := strings.Join(labels, " "); got != want {
		t.Errorf("notes:\n got %s\nwant %s", got, want)
	}
	if got := sketch(d.Blocks); got != `P("Intro." NoteRef[b] " More." NoteRef[a] " Again." NoteRef[b])` {
		t.Errorf("body: %s", got)
	}
}

func TestBlockPositions(t *testing.T) {
	src := "---\ntitle: T\n---\n\n# Heading\n\nPara *one*\ncontinued\n\n- item\n\n  > quote\n\n```\ncode\n```\n\n| a |\n|---|\n| b |\n\n[^1]: note\n\nx[^1]\n"
	d, _ := read(t, Options{}, src)
	var got []string
	doc.Walk(d, func(n doc.Node, entering bool) doc.WalkStatus {
		if entering {
			if _, ok := n.(doc.Block); ok {
				got = append(got, fmt.Sprintf("%s@%d", n.Kind(), n.Position().Line))
			}
			if n.Position().File != "in.md" {
				t.Errorf("%s has file %q", n.Kind(), n.Position().File)
			}
		}
		return doc.WalkContinue
	})
	want := "Heading@5 Paragraph@7 List@10 Paragraph@10 BlockQuote@12 Paragraph@12 CodeBlock@14 Table@18 Paragraph@24 Paragraph@22"
	if s := strings.Join(got, " "); s != want {
		t.Errorf("positions:\n got %s\nwant %s", s, want)
	}
	em := d.Blocks[1].(*doc.Paragraph).Content[1]
	if p := em.Position(); p.Line != 7 || p.Col != 6 {
		t.Errorf("emphasis at %v, want 7:6", p)
	}
	if d.Notes[0].Pos.Line != 22 || d.Meta.Pos.Line != 1 {
		t.Errorf("note at %v, meta at %v", d.Notes[0].Pos, d.Meta.Pos)
	}
}

// A fenced block's text starts below its fence (TextLine); an indented
// block's, a fenced one in a list item, and an empty one's as recorded.
func TestCodeBlockTextLine(t *testing.T) {
	for src, want := range map[string][2]int{ // Pos.Line, TextLine
		"Intro.\n\n```go\nx := 1\n```\n":     {3, 4},
		"Intro.\n\n    x := 1\n    y := 2\n": {3, 0},
		"- item\n\n  ~~~\n  x\n  ~~~\n":      {3, 4},
		"Intro.\n\n```\n```\n":               {3, 0},
	} {
		d, _ := read(t, Options{}, src)
		var cb *doc.CodeBlock
		doc.Walk(d, func(n doc.Node, entering bool) doc.WalkStatus {
			if c, ok := n.(*doc.CodeBlock); ok && entering {
				cb = c
			}
			return doc.WalkContinue
		})
		if cb == nil {
			t.Fatalf("%q: no code block", src)
		}
		if got := [2]int{cb.Pos.Line, cb.TextLine}; got != want {
			t.Errorf("%q: Pos.Line, TextLine = %v, want %v", src, got, want)
		}
	}
}

func TestLineEndingsAndBOMGiveTheSameTree(t *testing.T) {
	lf := "---\ntitle: Line endings\n---\n# Head\n\nPara one\nline two  \nhard\n\n- a\n- b\n\n```\ncode\n\nmore\n```\n\n> q\n"
	want := goldentree.Encode(t, mustRead(t, lf), nil)
	for name, src := range map[string]string{
		"CRLF":       strings.ReplaceAll(lf, "\n", "\r\n"),
		"CR":         strings.ReplaceAll(lf, "\n", "\r"),
		"BOM":        "\uFEFF" + lf,
		"BOM + CRLF": "\uFEFF" + strings.ReplaceAll(lf, "\n", "\r\n"),
	} {
		got := goldentree.Encode(t, mustRead(t, src), nil)
		if string(got) != string(want) {
			t.Errorf("%s: tree differs from LF\n got %s\nwant %s", name, got, want)
		}
	}
}

func mustRead(t *testing.T, src string) *doc.Document {
	t.Helper()
	d, _ := read(t, Options{}, src)
	return d
}

func TestBOMBeforeHeading(t *testing.T) {
	d, _ := read(t, Options{CommonMark: true}, "\uFEFF# Title\n")
	if got := sketch(d.Blocks); got != `H1("Title")` {
		t.Errorf("got %s", got)
	}
}

func TestNULWarns(t *testing.T) {
	_, w := read(t, Options{}, "ok\nab\x00c\x00\n")
	if len(w) != 1 || w[0].Code != "nul-replaced" || w[0].Pos.Line != 2 || w[0].Pos.Col != 3 {
		t.Errorf("warnings = %v", w)
	}
}

func TestDeepEmphasisDoesNotOverflow(t *testing.T) {
	n := 20000
	src := strings.Repeat("*a **a ", n) + strings.Repeat(" a** a*", n)
	d, _ := read(t, Options{CommonMark: true}, src)
	depth := 0
	var in []doc.Inline = d.Blocks[0].(*doc.Paragraph).Content
	for len(in) > 0 {
		var next []doc.Inline
		for _, x := range in {
			switch x := x.(type) {
			case *doc.Emph:
				next = x.Content
			case *doc.Strong:
				next = x.Content
			}
		}
		if next == nil {
			break
		}
		depth++
		in = next
	}
	if depth < n {
		t.Errorf("emphasis nested %d deep, want at least %d", depth, n)
	}
}

func TestConcurrentReads(t *testing.T) {
	r := New(Options{})
	src := []byte("---\ntitle: T\n---\n# H\n\n\"q\" a[^1]\n\n[^1]: n\n")
	want := string(goldentree.Encode(t, mustRead(t, string(src)), nil))
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d, _, err := r.Read(src, "in.md")
			if err != nil || string(goldentree.Encode(t, d, nil)) != want {
				t.Errorf("concurrent read differs: %v", err)
			}
		}()
	}
	wg.Wait()
}

func TestErrorsAreDocErrors(t *testing.T) {
	_, _, err := New(Options{}).Read([]byte(strings.Repeat("> ", 40)+"x"), "deep.md")
	var de *doc.Error
	if !errors.As(err, &de) || de.Code != "nesting-limit" || de.Pos.File != "deep.md" {
		t.Fatalf("err = %#v", err)
	}
}
