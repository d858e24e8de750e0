package markdown

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark/util"

	"folio/pipeline/doc"
)

// TestCommonMarkSpecIsRepresentable reads every example of the CommonMark
// spec shipped in the goldmark module in strict CommonMark mode and renders
// the tree with a tiny HTML renderer written for this test (the real one is
// formats/internal/markup). All examples must come out as the spec says:
// that shows the tree carries what the HTML needs.
func TestCommonMarkSpecIsRepresentable(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/yuin/goldmark").Output()
	if err != nil {
		t.Skipf("goldmark module not found: %v", err)
	}
	raw, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), "_test", "spec.json"))
	if err != nil {
		t.Skipf("spec.json: %v", err)
	}
	var examples []struct {
		Markdown string `json:"markdown"`
		HTML     string `json:"html"`
		Example  int    `json:"example"`
		Section  string `json:"section"`
	}
	if err := json.Unmarshal(raw, &examples); err != nil {
		t.Fatal(err)
	}
	r := New(Options{CommonMark: true})
	pass := 0
	for _, ex := range examples {
		d, _, err := r.Read([]byte(ex.Markdown), "spec.md")
		if err != nil {
			t.Errorf("example %d (%s): %v", ex.Example, ex.Section, err)
			continue
		}
		got := renderHTML(d.Blocks, false)
		if normHTML(got) == normHTML(ex.HTML) {
			pass++
			continue
		}
		t.Errorf("example %d (%s)\nmarkdown: %q\n    want: %q\n     got: %q", ex.Example, ex.Section, ex.Markdown, ex.HTML, got)
	}
	t.Logf("CommonMark spec: %d/%d examples representable", pass, len(examples))
	if len(examples) < 600 {
		t.Errorf("only %d examples in spec.json", len(examples))
	}
}

var tagSpace = regexp.MustCompile(`\n+<|>\n+`)

func normHTML(s string) string {
	s = tagSpace.ReplaceAllStringFunc(s, func(m string) string { return strings.Trim(m, "\n") })
	return strings.TrimSpace(s)
}

// renderHTML is the test's throwaway CommonMark HTML renderer.
func renderHTML(bs []doc.Block, tight bool) string {
	var b strings.Builder
	for _, bl := range bs {
		renderBlock(&b, bl, tight)
	}
	return b.String()
}

func renderBlock(b *strings.Builder, bl doc.Block, tight bool) {
	switch n := bl.(type) {
	case *doc.Paragraph:
		if tight {
			b.WriteString(renderInlines(n.Content) + "\n")
			return
		}
		b.WriteString("<p>" + renderInlines(n.Content) + "</p>\n")
	case *doc.Heading:
		fmt.Fprintf(b, "<h%d>%s</h%d>\n", n.Level, renderInlines(n.Content), n.Level)
	case *doc.ThematicBreak:
		b.WriteString("<hr />\n")
	case *doc.CodeBlock:
		b.WriteString("<pre><code")
		if n.Language != "" {
			b.WriteString(` class="language-` + esc(n.Language) + `"`)
		}
		b.WriteString(">" + esc(n.Text) + "</code></pre>\n")
	case *doc.BlockQuote:
		b.WriteString("<blockquote>\n" + renderHTML(n.Blocks, false) + "</blockquote>\n")
	case *doc.List:
		tag := "ul"
		if n.Ordered {
			tag = "ol"
		}
		b.WriteString("<" + tag)
		if n.Ordered && n.Start != 1 {
			fmt.Fprintf(b, ` start="%d"`, n.Start)
		}
		b.WriteString(">\n")
		for _, it := range n.Items {
			b.WriteString("<li>" + renderHTML(it.Blocks, n.Tight) + "</li>\n")
		}
		b.WriteString("</" + tag + ">\n")
	case *doc.RawBlock:
		b.WriteString(n.Text)
	default:
		fmt.Fprintf(b, "<!-- %s -->", bl.Kind())
	}
}

func renderInlines(is []doc.Inline) string {
	var b strings.Builder
	for _, in := range is {
		switch n := in.(type) {
		case *doc.Text:
			b.WriteString(esc(n.Value))
		case *doc.Emph:
			b.WriteString("<em>" + renderInlines(n.Content) + "</em>")
		case *doc.Strong:
			b.WriteString("<strong>" + renderInlines(n.Content) + "</strong>")
		case *doc.Code:
			b.WriteString("<code>" + esc(n.Value) + "</code>")
		case *doc.Link:
			b.WriteString(`<a href="` + esc(string(util.URLEscape([]byte(n.URL), false))) + `"`)
			if n.Title != "" {
				b.WriteString(` title="` + esc(n.Title) + `"`)
			}
			b.WriteString(">" + renderInlines(n.Content) + "</a>")
		case *doc.Image:
			b.WriteString(`<img src="` + esc(string(util.URLEscape([]byte(n.Src), false))) + `" alt="` + esc(n.Alt) + `"`)
			if n.Title != "" {
				b.WriteString(` title="` + esc(n.Title) + `"`)
			}
			b.WriteString(" />")
		case *doc.LineBreak:
			b.WriteString("<br />\n")
		case *doc.SoftBreak:
			b.WriteString("\n")
		case *doc.RawInline:
			b.WriteString(n.Text)
		default:
			fmt.Fprintf(&b, "<!-- %s -->", in.Kind())
		}
	}
	return b.String()
}

func esc(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}
