package pdf

import (
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
