package pdf

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"folio/pipeline/doc"
)

// arabicLetter reports a letter of the Arabic block, as written (not a
// presentation form).
func arabicLetter(r rune) bool { return r >= 0x0600 && r <= 0x06FF }

// TestCodeBlockBidi: Hebrew and Arabic in a code block are reordered and
// Arabic is shaped as in a paragraph, each line set left to right: the
// sweep found them drawn in logical order (reading backwards) with the
// Arabic letters unjoined. A line without right-to-left text is drawn as
// it was written.
func TestCodeBlockBidi(t *testing.T) {
	d := &doc.Document{Meta: doc.Meta{Title: "Bidi", Lang: "en"}, Blocks: []doc.Block{
		&doc.CodeBlock{Text: "x = \"שלום עולם\" + y\n\"مرحبا بالعالم\"\nplain := `a  b`\n"},
	}}
	var runs []string
	o := Options{trace: func(r []string) { runs = append([]string(nil), r...) }}
	b, _ := write(t, d, o)
	var hebrew, arabic, plain string
	for _, r := range runs {
		switch {
		case strings.Contains(r, "x = "):
			hebrew = r
		case strings.ContainsFunc(r, arabicLetter) || strings.ContainsFunc(r, isForm):
			arabic = r
		case strings.Contains(r, "plain"):
			plain = r
		}
	}
	if want := `"x = \"םלוע םולש\" + y"`; !strings.HasSuffix(hebrew, want) {
		t.Errorf("Hebrew line drawn %s, want it to end %s", hebrew, want)
	}
	if arabic == "" || strings.ContainsFunc(arabic, arabicLetter) || !strings.ContainsFunc(arabic, isForm) {
		t.Errorf("Arabic line drawn %+q, want presentation forms only", arabic)
	}
	if want := "\"plain := `a  b`\""; !strings.HasSuffix(plain, want) || !strings.Contains(plain, "LiberationMono") {
		t.Errorf("plain line drawn %s, want it to end %s in the mono face", plain, want)
	}
	// Copied out, the words are in logical order (pdftotext marks each
	// line's direction with embedding controls, and guesses it).
	text := strings.Map(func(r rune) rune {
		if r >= 0x202A && r <= 0x202E {
			return -1
		}
		return r
	}, extract(t, b))
	for _, want := range []string{"שלום עולם", `"مرحبا بالعالم"`} {
		if !strings.Contains(text, want) {
			t.Errorf("text %q lacks %q", text, want)
		}
	}
}

// TestCodeLineKeepsTextAfterWideSpaces: a space other than U+0020 or a
// no-break space in a code line (an em space, an ideographic space) is a
// character of the line like any other. It used to end the line's only
// word, and what followed it was lost.
func TestCodeLineKeepsTextAfterWideSpaces(t *testing.T) {
	d := &doc.Document{Meta: doc.Meta{Title: "Spaces", Lang: "en"}, Blocks: []doc.Block{
		&doc.CodeBlock{Text: "a\u2003b c\u3000d\u2009e end\n"},
	}}
	b, _ := write(t, d, Options{})
	if text := extract(t, b); !strings.Contains(text, "a b c d e end") {
		t.Errorf("text %q lacks the whole code line", text)
	}
}

// TestCodeLinesWrapAtSpacesAndKeepTheirIndent: a code line too wide for
// the block breaks after a space when one is in the last half of the
// line, never starts a line with a space, continues at its own indent
// (at most half the block), and each line that continues it has a mark
// in the gutter. Its lines put together are the source line. The sweep
// found the lines cut mid-word ("spu" / "rious"), the continuation at the
// block's edge or after a stray space, and no mark.
func TestCodeLinesWrapAtSpacesAndKeepTheirIndent(t *testing.T) {
	const space = 9 * 0.6 // Liberation Mono's advance at 9 pt
	for _, tc := range []struct {
		name, src string
		indent    float64 // of the lines that continue it, from the first
		whole     bool    // every break after a space
	}{
		{"sweep", "    Make the testsuite more robust: eliminate several spurious failures, and respect the environment variables.", 4 * space, true},
		{"comment", "    return (input_m3 - billed_m3) / input_m3  # a very long comment that goes on well past the width of the column so that it has to wrap", 4 * space, true},
		{"no space", "  url = https://example.org/" + strings.Repeat("abcdefghij", 12), 2 * space, false},
		{"deep indent", strings.Repeat(" ", 40) + "deeply indented words that go on past the edge of the block and wrap", (324 - 14) / 2, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := &doc.Document{Meta: doc.Meta{Title: "Wrap", Lang: "en"}, Blocks: []doc.Block{&doc.CodeBlock{Text: tc.src + "\n"}}}
			var runs []string
			write(t, d, Options{trace: func(r []string) { runs = append([]string(nil), r...) }})
			re := regexp.MustCompile(`^p\d+ y=[\d.]+ x=([\d.]+) (\S+) "(.*)"$`)
			var texts []string
			var xs []float64
			marks := 0
			for _, r := range runs {
				m := re.FindStringSubmatch(r)
				if m == nil {
					continue
				}
				switch {
				case m[2] == "mark":
					marks++
				case strings.HasPrefix(m[2], "LiberationMono"):
					x, _ := strconv.ParseFloat(m[1], 64)
					s, _ := strconv.Unquote(`"` + m[3] + `"`)
					texts = append(texts, s)
					xs = append(xs, x)
				}
			}
			if len(texts) < 2 {
				t.Fatalf("%d lines, want the line wrapped: %q", len(texts), texts)
			}
			if got := strings.Join(texts, ""); got != tc.src {
				t.Errorf("lines %q do not make the source line", texts)
			}
			if marks != len(texts)-1 {
				t.Errorf("%d marks for %d lines that continue the first", marks, len(texts)-1)
			}
			if strings.TrimSpace(texts[0]) == "" {
				t.Errorf("first line %q has no text", texts[0])
			}
			for i, s := range texts[1:] {
				if strings.HasPrefix(s, " ") {
					t.Errorf("line %d starts with a space: %q", i+2, s)
				}
				if d := xs[i+1] - xs[0]; d < tc.indent-0.1 || d > tc.indent+0.1 {
					t.Errorf("line %d starts %.1f pt in from the first, want %.1f", i+2, d, tc.indent)
				}
				if tc.whole && !strings.HasSuffix(texts[i], " ") {
					t.Errorf("line %d breaks mid-word: %q", i+1, texts[i])
				}
			}
		})
	}
}
