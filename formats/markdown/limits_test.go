package markdown

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	east "github.com/yuin/goldmark/extension/ast"

	"folio/pipeline/doc"
)

func repeatLines(n int, format string) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, format, i)
	}
	return b.String()
}

func indentedList(depth int) string {
	var b strings.Builder
	for i := 0; i < depth; i++ {
		b.WriteString(strings.Repeat("  ", i) + "- a\n")
	}
	return b.String()
}

func orderedList(depth int) string {
	var b strings.Builder
	for i := 0; i < depth; i++ {
		b.WriteString(strings.Repeat("   ", i) + "1. a\n")
	}
	return b.String()
}

func TestLimits(t *testing.T) {
	tests := []struct {
		name string
		src  string
		code string // error code, or "" for success
		pos  string // file:line[:col] of the error
	}{
		{"50000 nested quotes on one line", strings.Repeat("> ", 50000) + "a\n", "nesting-limit", "x.md:1:65"},
		{"50000 nested list markers on one line", strings.Repeat("* ", 50000) + "a\n", "nesting-limit", "x.md:1:65"},
		{"quotes and lists mixed", strings.Repeat("> - ", 17) + "a\n", "nesting-limit", "x.md:1:65"},
		{"list markers separated by tabs", strings.Repeat("-\t", 40) + "a\n", "nesting-limit", "x.md:1:65"},
		{"1000-deep list by indentation", indentedList(1000), "nesting-limit", "x.md:33:65"},
		{"ordered list by indentation", orderedList(40), "nesting-limit", "x.md:33:97"},
		{"32 nested quotes are fine", strings.Repeat("> ", 32) + "a\n", "", ""},
		{"32-deep list is fine", indentedList(32), "", ""},
		{"a thematic break is not a list", strings.Repeat("- ", 50) + "\n", "", ""},
		{"deep quotes inside fenced code are text", "```\n" + strings.Repeat("> ", 40) + "\n```\n", "", ""},
		{"sibling items do not nest", repeatLines(100, "- item %d\n"), "", ""},
		{"10,000 link definitions are fine", repeatLines(10000, "[l%d]: /u\n"), "", ""},
		{"10,001 link definitions", repeatLines(10001, "[l%d]: /u\n"), "limit-link-refs", "x.md:10001"},
		{"10,001 footnotes", repeatLines(10001, "[^%d]: n\n"), "limit-footnotes", "x.md:10001"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := New(Options{}).Read([]byte(tt.src), "x.md")
			if tt.code == "" {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				return
			}
			var de *doc.Error
			if !errors.As(err, &de) || de.Code != tt.code {
				t.Fatalf("err = %v, want code %s", err, tt.code)
			}
			if tt.pos != "" && de.Pos.String() != tt.pos {
				t.Errorf("error at %s, want %s", de.Pos, tt.pos)
			}
			if tt.code == "nesting-limit" && !strings.Contains(de.Msg, "depth 33 > 32") {
				t.Errorf("message %q", de.Msg)
			}
		})
	}
}

func TestNestingLimitCountsByIndentation(t *testing.T) {
	tests := []struct {
		lines []string
		want  []int
	}{
		{[]string{"- a", "  - b", "    - c", "  - d", "e"}, []int{1, 2, 3, 2, 0}},
		{[]string{"1. a", "   1. b", "", "      c"}, []int{1, 2, 2, 2}},
		{[]string{"> - a", ">   - b", "x"}, []int{2, 3, 0}},
		{[]string{"- a", "      - code, not a list"}, []int{1, 1}},
		{[]string{"- - - a"}, []int{3}},
		{[]string{"* * *"}, []int{0}},
		{[]string{"    - indented code"}, []int{0}},
	}
	for _, tt := range tests {
		var s nestScan
		var got []int
		for _, l := range tt.lines {
			d, _, _ := s.line([]byte(l))
			got = append(got, d)
		}
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("%q: depths %v, want %v", tt.lines, got, tt.want)
		}
	}
}

func TestTreeNestingGuard(t *testing.T) {
	c := newConverter(nil, "x.md", &warnings{name: "x.md"}, true, false)
	f := &frame{depth: maxNesting}
	if c.deeper(f, doc.Pos{File: "x.md", Line: 7}) || c.err == nil || !strings.Contains(c.err.Error(), "x.md:7: nesting-limit: depth 33 > 32") {
		t.Errorf("err = %v", c.err)
	}
}

func TestWideTable(t *testing.T) {
	table := func(cols, rows int) string {
		return strings.Repeat("| h ", cols) + "|\n" + strings.Repeat("|---", cols) + "|\n" + strings.Repeat("| x |\n", rows)
	}
	t.Run("128 columns stay a table", func(t *testing.T) {
		d, w := read(t, Options{}, table(128, 2))
		if tb, ok := d.Blocks[0].(*doc.Table); !ok || len(tb.Align) != 128 || len(tb.Body[0].Cells) != 128 || len(w) != 0 {
			t.Errorf("blocks %s, warnings %v", sketch(d.Blocks), w)
		}
	})
	t.Run("3000 columns become text with a warning", func(t *testing.T) {
		d, w := read(t, Options{}, "intro\n\n"+table(3000, 3000))
		if len(w) != 1 || w[0].Code != "table-too-wide" || w[0].Pos.Line != 4 {
			t.Fatalf("warnings %v", w)
		}
		p, ok := d.Blocks[1].(*doc.Paragraph)
		if !ok || len(d.Blocks) != 2 {
			t.Fatalf("blocks %d, second is %T", len(d.Blocks), d.Blocks[1])
		}
		text := doc.PlainText(p.Content)
		// The delimiter row is text now, so smart punctuation turns its
		// "---" into em dashes.
		if !strings.HasPrefix(text, "| h | h") || !strings.Contains(text, "|—|—|") || strings.Count(text, "| x |") != 3000 {
			t.Errorf("paragraph text starts %q", text[:40])
		}
	})
	t.Run("a wide table in a list item is caught by the line scan", func(t *testing.T) {
		d, w := read(t, Options{}, "- "+strings.Replace(table(200, 1), "\n", "\n  ", -1))
		if len(w) != 1 || w[0].Code != "table-too-wide" {
			t.Fatalf("warnings %v", w)
		}
		if got := sketch(d.Blocks); !strings.HasPrefix(got, `List[ordered=false start=0 tight=true](Item(P("| h | h | h`) {
			t.Errorf("blocks %s", got[:80])
		}
	})
	t.Run("a wide table the scan missed becomes text after parsing", func(t *testing.T) {
		w := &warnings{name: "x.md"}
		c := newConverter(nil, "x.md", w, true, false)
		n := east.NewTable()
		n.Alignments = make([]east.Alignment, 200)
		row := func(s string) *doc.Row {
			return &doc.Row{Cells: []*doc.Cell{{Content: []doc.Inline{&doc.Text{Value: s}}}, {Content: []doc.Inline{&doc.Text{Value: s + "2"}}}}}
		}
		f := &frame{kids: []any{headerRow{row("h")}, row("x")}}
		got := c.table(f, n, doc.Pos{File: "x.md", Line: 3})
		p, ok := got.(*doc.Paragraph)
		if !ok || sketchInlines(p.Content) != `"h | h2" SoftBreak "x | x2"` {
			t.Errorf("got %#v", got)
		}
		if len(w.list) != 1 || w.list[0].Code != "table-too-wide" || w.list[0].Pos.Line != 3 {
			t.Errorf("warnings %v", w.list)
		}
	})
	t.Run("a list item shaped like a delimiter row is left alone", func(t *testing.T) {
		src := "a\n- |" + strings.Repeat(" - |", 200) + "\n"
		d, w := read(t, Options{}, src)
		if len(w) != 0 {
			t.Errorf("warnings %v", w)
		}
		if _, ok := d.Blocks[1].(*doc.List); !ok {
			t.Errorf("blocks %s", sketch(d.Blocks))
		}
	})
}
