package markdown

import (
	"errors"
	"fmt"
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
