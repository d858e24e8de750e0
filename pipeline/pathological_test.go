package pipeline

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

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

// TestDenseMarkupCostIsLinear runs the goldmark#555 mix ("*a [b](c `d`
// <e> **f** ", which the guard accepts: goldmark parses 1 MB of it in a
// quarter of a second) through the whole pipeline to HTML and JSON, and
// bounds what it costs by bytes allocated, not time: about the same per
// input byte at 100 KB and 400 KB (quadratic work would be four times
// more at the larger size), and under 1,000 bytes per input byte. 1 MB
// of it took 13 s on a loaded machine; the allocation was 1,420 bytes per
// input byte, from the HTML converter copying every inline once per
// nested unknown <e> (64 levels), the placeholder fragment regrowing and
// the JSON writer building its 40 MB output in one growing buffer.
func TestDenseMarkupCostIsLinear(t *testing.T) {
	const unit = "*a [b](c `d` <e> **f** "
	perByte := map[int]float64{}
	for _, size := range []int{100_000, 400_000} {
		dir := t.TempDir()
		in := filepath.Join(dir, "dense.md")
		writeFile(t, in, "# Dense\n\n"+strings.Repeat(unit, size/len(unit)))
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		res := Convert(context.Background(), Job{Name: in, OutBase: filepath.Join(dir, "out", "dense")}, &Options{Formats: []string{"html", "json"}})
		runtime.ReadMemStats(&after)
		if res.Err != nil {
			t.Fatalf("%d bytes: %v", size, res.Err)
		}
		perByte[size] = float64(after.TotalAlloc-before.TotalAlloc) / float64(size)
		t.Logf("%d bytes of the goldmark#555 mix: %.0f bytes allocated per input byte", size, perByte[size])
	}
	if r := perByte[400_000] / perByte[100_000]; r > 1.25 {
		t.Errorf("allocation per input byte grows %.2f× from 100 KB to 400 KB: the work is not linear", r)
	}
	if limit := 1000.0; !raceflag.Enabled && perByte[400_000] > limit {
		t.Errorf("%.0f bytes allocated per input byte, want at most %.0f", perByte[400_000], limit)
	}
}
