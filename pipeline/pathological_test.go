package pipeline

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"

	"folio/internal/benchcpu"
	"folio/internal/raceflag"
	"folio/pipeline/doc"
)

// pathological is one input in the spirit of cmark's pathological_tests.py:
// a shape that makes a naive parser slow. want is the error code the
// document must fail with, or "" when it must convert (warn, if warn is
// set).
type pathological struct {
	name string
	src  func(n int) string
	n    int // the size the suite runs
	want string
	warn string
}

func pathologicalCases() []pathological {
	big := 1
	if raceflag.Enabled {
		big = 5
	}
	return []pathological{
		{name: "mismatched emphasis *a_", src: func(n int) string { return strings.Repeat("*a_ ", n) }, n: 50_000, want: "pathological-input"},
		{name: "unclosed links [a](b", src: func(n int) string { return strings.Repeat("[a](b", n) }, n: 50_000, want: "pathological-input"},
		{name: "unclosed angle links [a](<b", src: func(n int) string { return strings.Repeat("[a](<b", n) }, n: 50_000, want: "pathological-input"},
		{name: "empty unclosed links [](", src: func(n int) string { return strings.Repeat("[](", n) }, n: 20_000, want: "pathological-input"},
		{name: "nested list items * then a", src: func(n int) string { return strings.Repeat("* ", n) + "a" }, n: 50_000, want: "nesting-limit"},
		{name: "nested block quotes", src: func(n int) string { return strings.Repeat("> ", n) + "a" }, n: 50_000, want: "nesting-limit"},
		{name: "nested ordered lists on lines", src: func(n int) string {
			var b strings.Builder
			for i := range n {
				fmt.Fprintf(&b, "%s1. x\n", strings.Repeat("   ", i))
			}
			return b.String()
		}, n: 1_000, want: "nesting-limit"},
		{name: "table 3000 columns with missing cells", src: func(n int) string {
			return "|" + strings.Repeat(" a |", n) + "\n|" + strings.Repeat("-|", n) + "\n" + strings.Repeat("| x |\n", n)
		}, n: 3_000, warn: "table-too-wide"},
		{name: "open brackets", src: func(n int) string { return strings.Repeat("[", n) }, n: 50_000},
		{name: "nested brackets", src: func(n int) string { return strings.Repeat("[", n) + "a" + strings.Repeat("]", n) }, n: 50_000 / big},
		{name: "deep matched emphasis", src: func(n int) string {
			return strings.Repeat("*a **a ", n) + "b" + strings.Repeat(" a** a*", n)
		}, n: 65_000 / big, warn: "nesting-flattened"},
		{name: "matched emphasis pairs", src: func(n int) string { return strings.Repeat("*a* _b_ ", n) }, n: 50_000 / big},
		{name: "link reference definitions", src: func(n int) string {
			var b strings.Builder
			for i := range n {
				fmt.Fprintf(&b, "[l%d]: https://example.org/%d\n", i, i)
			}
			return b.String() + "[l1] and [l2]\n"
		}, n: 9_000},
		{name: "too many link reference definitions", src: func(n int) string {
			return strings.Repeat("[a]: b\n", n)
		}, n: 20_000, want: "limit-link-refs"},
		{name: "one 5 MB line", src: func(n int) string { return strings.Repeat("word ", n) }, n: 1_000_000 / big},
		{name: "100000-row table", src: func(n int) string {
			return "| a | b | c |\n|---|---|---|\n" + strings.Repeat("| 1 | 2 | 3 |\n", n)
		}, n: 100_000 / big},
		{name: "many emphasis markers in code spans", src: func(n int) string { return strings.Repeat("`*a_` ", n) }, n: 50_000 / big},
	}
}

// convertSrc writes src to a temporary file and converts it.
func convertSrc(t testing.TB, name, src string, formats ...string) *Result {
	dir := t.TempDir()
	in := filepath.Join(dir, name+".md")
	if err := os.WriteFile(in, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	o := &Options{Formats: formats, MaxInputSize: 8 << 20}
	return Convert(context.Background(), Job{Name: in, OutBase: filepath.Join(dir, "out", name)}, o)
}

// TestPathologicalInputsFinish runs every shape at full size through the
// reader and the HTML and JSON writers. Each must end with its expected
// error or convert; a hang would show as the test timing out. Elapsed
// times are logged (go test -v), never asserted.
func TestPathologicalInputsFinish(t *testing.T) {
	var total time.Duration
	for i, c := range pathologicalCases() {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			res := convertSrc(t, fmt.Sprintf("p%02d", i), c.src(c.n), "json", "html")
			elapsed := time.Since(start)
			total += elapsed
			t.Logf("n=%d: %v", c.n, elapsed)
			var de *doc.Error
			switch {
			case c.want != "":
				if !errors.As(res.Err, &de) || de.Code != c.want {
					t.Fatalf("err = %v, want code %s", res.Err, c.want)
				}
				if de.Pos.Line == 0 {
					t.Errorf("error %v names no line", de)
				}
				if len(res.Outputs) != 0 {
					t.Errorf("outputs written for a refused input: %v", res.Outputs)
				}
			case res.Err != nil:
				t.Fatalf("err = %v, want success", res.Err)
			case c.warn != "" && !hasWarning(res.Warnings, c.warn):
				t.Errorf("warnings %v lack %s", res.Warnings, c.warn)
			}
		})
	}
	t.Logf("total %v", total)
}

func hasWarning(ws []doc.Warning, code string) bool {
	for _, w := range ws {
		if w.Code == code {
			return true
		}
	}
	return false
}

// TestGuardKeepsOrdinaryMarkup checks the guard passes what real documents
// write, in quantity: many links, closed emphasis, code spans with
// markers, tables with stray markers.
func TestGuardKeepsOrdinaryMarkup(t *testing.T) {
	for _, src := range []string{
		strings.Repeat("See [the report](https://example.org/a_b*c) and *this* or __that__. ", 20_000),
		// One 740 KB paragraph of this takes goldmark 4 min 44 s (every
		// "2*3" walks back over every "_" before it); in paragraphs, and as
		// list items, it is ordinary.
		strings.Repeat(strings.Repeat("snake_case_names and 2*3*4 and a * b ", 20)+"\n\n", 1_000),
		strings.Repeat("- snake_case_names and 2*3*4 and a * b\n", 20_000),
		strings.Repeat("See <https://example.org/a_b*c> and x_y. ", 20_000),
		strings.Repeat("A setext heading with a_b*c\n---\n", 20_000),
		"| a | b |\n|---|---|\n" + strings.Repeat("| *x | y_ |\n", 20_000),
		"```\n" + strings.Repeat("*a_ [a](b ", 50_000) + "\n```\n",
		strings.Repeat("`*a_` ", 50_000),
	} {
		if err := guardMarkdown([]byte(src), "ok.md"); err != nil {
			t.Errorf("%.40q…: %v", src, err)
		}
	}
}

// TestGuardNamesThePlace checks the position and advice of a refusal.
func TestGuardNamesThePlace(t *testing.T) {
	src := "# Title\n\nfine text\n\n" + strings.Repeat("*a_ ", 50_000)
	err := guardMarkdown([]byte(src), "x.md")
	var de *doc.Error
	if !errors.As(err, &de) || de.Code != "pathological-input" || de.Pos.Line != 5 || de.Pos.Col < 1 {
		t.Fatalf("err = %#v", err)
	}
	if !strings.Contains(de.Error(), "x.md:5:") || !strings.Contains(de.Error(), "escape") {
		t.Errorf("message %q lacks position or advice", de.Error())
	}
}

// BenchmarkLinear runs each accepted shape at n and 10n and reports the
// time ratio (10 for linear growth, 100 for quadratic) as "ratio-10x".
func BenchmarkLinear(b *testing.B) {
	shapes := []struct {
		name string
		src  func(n int) string
		n    int
	}{
		{"prose", func(n int) string {
			return strings.Repeat("A sentence with *emphasis*, a [link](https://example.org) and `code`.\n\n", n)
		}, 500},
		{"deep-emphasis", func(n int) string {
			return strings.Repeat("*a **a ", n) + "b" + strings.Repeat(" a** a*", n)
		}, 2_000},
		{"nested-brackets", func(n int) string { return strings.Repeat("[", n) + "a" + strings.Repeat("]", n) }, 2_000},
		{"table-rows", func(n int) string {
			return "| a | b | c |\n|---|---|---|\n" + strings.Repeat("| 1 | 2 | 3 |\n", n)
		}, 1_000},
		{"long-line", func(n int) string { return strings.Repeat("word ", n) }, 20_000},
		{"mismatched-emphasis-refused", func(n int) string { return strings.Repeat("*a_ ", n) }, 5_000},
	}
	for _, s := range shapes {
		b.Run(s.name, func(b *testing.B) {
			small, large := s.src(s.n), s.src(10*s.n)
			var ts, tl time.Duration
			for b.Loop() {
				start := time.Now()
				convertSrc(b, "small", small, "json")
				ts += time.Since(start)
				start = time.Now()
				convertSrc(b, "large", large, "json")
				tl += time.Since(start)
			}
			b.ReportMetric(float64(tl)/float64(ts), "ratio-10x")
		})
	}
}

// quadraticShapes are the inline shapes that make goldmark's delimiter,
// link-destination or code-span scanning quadratic (the catalogue's
// b13–b17 and r10, testdata/bad/EXPECT), and mixes of the same mechanisms.
var quadraticShapes = []struct{ name, unit string }{
	{"b13 nested brackets", ""}, // built by shapeText
	{"b14 nested emphasis", ""},
	{"b15 mismatched *a_", "*a_ "},
	{"b15 mismatched _a*", "_a* "},
	{"b16 unclosed links", "[a](b"},
	{"b16 unclosed angle links", "[a](<b"},
	{"b17 empty unclosed links", "[]("},
	{"b17 goldmark#555 mix", "*a [b](c `d` <e> **f** "},
	{"r10 a_b*c", "a_b*c "},
	{"r10 x_y z*w", "x_y z*w "},
	{"underscore then strikethrough", "a_b~c "},
	{"double strike then star", "a_b~~c "},
	{"strong then underscore", "a**b_c "},
	{"emphasis in unclosed links", "[*a]("},
	{"snake case with stars", "snake_case_names and 2*3*4 and a * b "},
	{"unclosed code spans", "``a `"},
}

func shapeText(name, unit string, size int) string {
	switch name {
	case "b13 nested brackets":
		n := size / 2
		return strings.Repeat("[", n) + "a" + strings.Repeat("]", n)
	case "b14 nested emphasis":
		n := size / 14
		return strings.Repeat("*a **a ", n) + "b" + strings.Repeat(" a** a*", n)
	}
	return strings.Repeat(unit, size/len(unit))
}

// TestGuardBoundsEveryQuadraticMix runs every quadratic shape at 100 KB
// and 1 MB: each is refused by the guard, or goldmark (with the reader's
// GFM extensions) parses it within a generous budget of CPU time (wall
// time on this shared machine moves tenfold with the load). The guard's
// own time and the outcome are logged (go test -v) — the figures in the
// package comment of guard.go come from here.
func TestGuardBoundsEveryQuadraticMix(t *testing.T) {
	if testing.Short() {
		t.Skip("converts 1 MB inputs")
	}
	budget := 5 * time.Second
	if raceflag.Enabled {
		budget = 30 * time.Second
	}
	for _, s := range quadraticShapes {
		for _, size := range []int{100_000, 1_000_000} {
			t.Run(fmt.Sprintf("%s/%dKB", s.name, size/1000), func(t *testing.T) {
				src := shapeText(s.name, s.unit, size)
				start, cpu := time.Now(), benchcpu.Used()
				gerr := guardMarkdown([]byte(src), "x.md")
				guardTime, guardCPU := time.Since(start), benchcpu.Used()-cpu
				if gerr != nil {
					t.Logf("%s %d KB: refused by the guard, CPU %v (wall %v)", s.name, size/1000, guardCPU.Round(time.Millisecond), guardTime.Round(time.Millisecond))
					return
				}
				start, cpu = time.Now(), benchcpu.Used()
				goldmark.New(goldmark.WithExtensions(extension.GFM)).Parser().Parse(text.NewReader([]byte(src)))
				parseCPU := benchcpu.Used() - cpu
				t.Logf("%s %d KB: accepted by the guard, CPU %v; goldmark CPU %v (wall %v)", s.name, size/1000, guardCPU.Round(time.Millisecond), parseCPU.Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
				if parseCPU > budget {
					t.Errorf("accepted, but parsing took %v of CPU (budget %v): the guard misses this shape", parseCPU, budget)
				}
			})
		}
	}
}

// TestGuardRefusesRedTeamShapes pins the red team's r10 inputs: "a_b*c"
// repeated (400 KB took 17 s inside goldmark) and realistic "x_y z*w"
// prose are refused before parsing, naming the paragraph.
func TestGuardRefusesRedTeamShapes(t *testing.T) {
	for _, unit := range []string{"a_b*c ", "x_y z*w ", "snake_case_names and 2*3*4 and a * b "} {
		src := "# T\n\n" + strings.Repeat(unit, 400_000/len(unit))
		err := guardMarkdown([]byte(src), "r10.md")
		var de *doc.Error
		if !errors.As(err, &de) || de.Code != "pathological-input" || de.Pos.Line != 3 {
			t.Errorf("%q ×%d: err = %v, want pathological-input at line 3", unit, 400_000/len(unit), err)
		}
	}
}

// BenchmarkGuard times the guard alone on 1 MB of each shape: it must stay
// linear whatever goldmark would do.
func BenchmarkGuard(b *testing.B) {
	for _, s := range quadraticShapes {
		src := []byte(shapeText(s.name, s.unit, 1_000_000))
		b.Run(strings.ReplaceAll(s.name, " ", "_"), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			defer benchcpu.PerOp(b)()
			for b.Loop() {
				guardMarkdown(src, "x.md")
			}
		})
	}
}
