package linebreak

import (
	"math"
	"strings"
	"testing"
)

// para makes items from text: every letter is 1 wide, a space is glue 1
// wide (stretch 0.5, shrink 0.25), "|" marks a hyphenation point (a
// flagged penalty of 50 whose hyphen is 1 wide) and "\n" a forced break.
func para(text string) []Item {
	var items []Item
	for li, ln := range strings.Split(text, "\n") {
		if li > 0 {
			items = append(items, NewGlue(0, Infinity, 0), NewPenalty(0, -Infinity, false))
		}
		for wi, w := range strings.Fields(ln) {
			if wi > 0 {
				items = append(items, NewGlue(1, 0.5, 0.25))
			}
			for pi, part := range strings.Split(w, "|") {
				if pi > 0 {
					items = append(items, NewPenalty(1, 50, true))
				}
				items = append(items, NewBox(float64(len([]rune(part)))))
			}
		}
	}
	return items
}

// show renders the lines as text: boxes' letters, a space per glue, and
// "-" where a line ends at a flagged penalty.
func show(text string, lines []Line) []string {
	items := para(text)
	var letters []string
	for _, ln := range strings.Split(text, "\n") {
		for _, w := range strings.Fields(ln) {
			letters = append(letters, strings.Split(w, "|")...)
		}
	}
	box := map[int]string{}
	k := 0
	for i, it := range items {
		if it.Kind == Box {
			box[i] = letters[k]
			k++
		}
	}
	var out []string
	for _, l := range lines {
		var b strings.Builder
		for i := l.Start; i < l.End && i < len(items); i++ {
			switch items[i].Kind {
			case Box:
				b.WriteString(box[i])
			case Glue:
				if items[i].Stretch < Infinity {
					b.WriteByte(' ')
				}
			}
		}
		if l.End < len(items) && items[l.End].Kind == Penalty && items[l.End].Flagged {
			b.WriteByte('-')
		}
		out = append(out, b.String())
	}
	return out
}

func TestBreak(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		p     Params
		want  []string
		ratio float64 // the largest ratio allowed on any line but the last
	}{
		{
			name: "short paragraph stays on one line",
			text: "a bb ccc",
			p:    Params{Width: 20, Pretolerance: 1, Tolerance: 2},
			want: []string{"a bb ccc"},
		},
		{
			name: "total fit shrinks the first line where first fit would leave the next loose",
			// First fit: "aa bb ccc dd" (ratio 2.7), "eeee ffffffff" (6).
			text:  "aa bb ccc dd eeee ffffffff ggggggg hhhhhh",
			p:     Params{Width: 16, Pretolerance: 1, Tolerance: 1},
			want:  []string{"aa bb ccc dd eeee", "ffffffff ggggggg", "hhhhhh"},
			ratio: 1,
		},
		{
			name:  "no hyphen when the lines fit without",
			text:  "aaaa bbbb cc|cc dddd eeee",
			p:     Params{Width: 14, Pretolerance: 1, Tolerance: 1},
			want:  []string{"aaaa bbbb cccc", "dddd eeee"},
			ratio: 1,
		},
		{
			name:  "hyphenates when nothing else keeps within the looseness limit",
			text:  "aaaaa bbbbbb cccc|cccc|cccc ddd",
			p:     Params{Width: 18, Pretolerance: 1, Tolerance: 1},
			want:  []string{"aaaaa bbbbbb cccc-", "cccccccc ddd"},
			ratio: 1,
		},
		{
			name: "forced break ends a line in the middle",
			text: "aa bb\ncc dd",
			p:    Params{Width: 40, Pretolerance: 1, Tolerance: 1},
			want: []string{"aa bb", "cc dd"},
		},
		{
			name: "a box wider than the line is set alone, the rest still broken",
			text: "aa bbbbbbbbbbbbbbbbbbbb cc dd",
			p:    Params{Width: 8, Pretolerance: 1, Tolerance: 1},
			want: []string{"aa", "bbbbbbbbbbbbbbbbbbbb", "cc dd"},
		},
		{
			name: "ragged lines take their stretch from the line end",
			text: "aa bb cc dd ee ff gg",
			p:    Params{Width: 9, Pretolerance: 1, Tolerance: 1, LineStretch: 6},
			want: []string{"aa bb cc", "dd ee ff", "gg"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines := Break(para(tt.text), tt.p)
			got := show(tt.text, lines)
			if strings.Join(got, "/") != strings.Join(tt.want, "/") {
				t.Fatalf("lines = %q, want %q", got, tt.want)
			}
			if tt.ratio > 0 {
				for i, l := range lines[:len(lines)-1] {
					if l.Ratio > tt.ratio {
						t.Errorf("line %d stretched %.2f, more than %.2f", i+1, l.Ratio, tt.ratio)
					}
				}
			}
		})
	}
}

func TestBoxStretchWidensWhatFits(t *testing.T) {
	// Without stretch in its boxes "aaaaaaaa bbbbbbbb" (17) cannot fill
	// 19 within the limit (one space, stretch 0.5); with letters that may
	// spread by 0.1 each, it can.
	items := para("aaaaaaaa bbbbbbbb cc")
	if _, ok := Fit(items, Params{Width: 19}, 1, false); ok {
		t.Fatal("rigid boxes fit; the test needs a line that does not")
	}
	for i := range items {
		if items[i].Kind == Box {
			items[i].Stretch = items[i].Width * 0.2
		}
	}
	lines, ok := Fit(items, Params{Width: 19}, 1, false)
	if !ok || len(lines) != 2 {
		t.Fatalf("stretchy boxes: lines %v ok %v, want two lines within the limit", lines, ok)
	}
}

func TestBreakAvoidsConsecutiveHyphens(t *testing.T) {
	// Two hyphenated lines in a row would fit exactly; the breaker should
	// prefer a slightly looser set with one hyphen.
	text := "aaaa|aaaa bbbb|bbbb cccc|cccc dddd|dddd eeee|eeee ffff|ffff gggg"
	lines := Break(para(text), Params{Width: 16, Pretolerance: -1, Tolerance: 1.5})
	got := show(text, lines)
	run := 0
	for _, l := range got[:len(got)-1] {
		if strings.HasSuffix(l, "-") {
			run++
			if run > 1 {
				t.Fatalf("consecutive hyphenated lines: %q", got)
			}
		} else {
			run = 0
		}
	}
}

func TestBreakLastLineIsNotStretched(t *testing.T) {
	lines := Break(para("aaa bbb ccc ddd e"), Params{Width: 11, Pretolerance: 1, Tolerance: 1})
	if last := lines[len(lines)-1]; math.Abs(last.Ratio) > 0.01 {
		t.Errorf("last line ratio %.3f, want about 0 (its end takes the slack)", last.Ratio)
	}
}
