package pdf

import (
	"slices"
	"strings"
	"testing"

	"folio/assets/fonts"
	"folio/internal/checktool"
	"folio/pipeline/doc"
)

func TestEmojiAreNamedNeverReplaced(t *testing.T) {
	d := &doc.Document{Meta: doc.Meta{Title: "T", Lang: "en"}, Blocks: []doc.Block{
		&doc.Paragraph{Content: []doc.Inline{&doc.Text{Value: "Party 🎉 time 👍🏽\uFE0F done"}}},
	}}
	b, ws := write(t, d, Options{})
	text := extract(t, b)
	if !strings.Contains(text, "Party [party popper] time [thumbs up sign] done") || strings.ContainsRune(text, '\uFFFD') {
		t.Errorf("text %q: want the emoji by name, no U+FFFD", text)
	}
	if c := codes(ws); !slices.Contains(c, "emoji-named") || slices.Contains(c, "glyph-missing") {
		t.Errorf("warnings %v: want emoji-named, no glyph-missing", c)
	}
}

// TestBMPEmojiAreNamed: emoji below U+10000 that no face has (✅ ❌ ✨ ⛽
// ⭐, in text, a table cell and a code block) are shown by name as those
// above U+FFFF are, with the one emoji-named warning, never as U+FFFD;
// one a face has (☀) is drawn as itself.
func TestBMPEmojiAreNamed(t *testing.T) {
	d := &doc.Document{Meta: doc.Meta{Title: "T", Lang: "en"}, Blocks: []doc.Block{
		ptext("Fast ✨ and ⛽️ full, ⭐ sun ☀ rocket 🚀 end"),
		&doc.Table{Align: []doc.Align{"", ""}, Header: []*doc.Row{row("A", "B")}, Body: []*doc.Row{row("✅", "❌")}},
		&doc.CodeBlock{Text: "ok = \"✅\"\n"},
	}}
	b, ws := write(t, d, Options{})
	text := extract(t, b)
	for _, want := range []string{
		"Fast [sparkles] and [fuel pump] full, [white medium star] sun ☀ rocket [rocket] end",
		"[white heavy check mark] [cross mark]",
		`ok = "[white heavy check mark]"`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text %q lacks %q", text, want)
		}
	}
	if strings.ContainsRune(text, '\uFFFD') {
		t.Errorf("text has U+FFFD: %q", text)
	}
	n := 0
	for _, c := range codes(ws) {
		switch c {
		case "emoji-named":
			n++
		case "glyph-missing":
			t.Errorf("warning %s: want none", c)
		}
	}
	if n != 1 {
		t.Errorf("warnings %v: want one emoji-named", codes(ws))
	}
}

func TestEmojiNameTable(t *testing.T) {
	for r, want := range map[rune]string{
		0x1F389: "party popper", 0x1F60E: "smiling face with sunglasses", 0x1D11E: "musical symbol g clef", 0x20000: "",
		0x2705: "white heavy check mark", 0x274C: "cross mark", 0x2728: "sparkles", 0x26FD: "fuel pump",
		0x2B50: "white medium star", 0x2B55: "heavy large circle", 0x231A: "watch", 0x23F3: "hourglass with flowing sand",
		'#': "", '1': "", 0x2601: "cloud", 0x2602: "umbrella", 0x2610: "", 0x00E9: "",
	} {
		if got := emojiName(r); got != want {
			t.Errorf("emojiName(%U) = %q, want %q", r, got, want)
		}
	}
}

// TestSystemCJKFontFillsIn sets Chinese and Japanese with the system's
// fonts: it needs a TrueType-outlined CJK face (fonts-wqy-zenhei; Noto CJK
// is CFF and cannot be embedded).
func TestSystemCJKFontFillsIn(t *testing.T) {
	lib := fonts.NewLibrary(nil, fonts.SystemDirs())
	if found, _ := lib.Find([]rune("世")); len(found) == 0 {
		if checktool.InCI() {
			t.Fatal("no system font with CJK ideographs under CI=true (install: apt-get install fonts-wqy-zenhei)")
		}
		t.Skip("no system font with CJK ideographs (apt-get install fonts-wqy-zenhei)")
	}
	zh := "我们的世界很大，这是一段很长的中文句子，用来测试行内断行是否在汉字之间正常工作，不需要空格也能换行。"
	ja := "日本語のテキストも表示されます。ひらがなとカタカナ。"
	d := &doc.Document{Meta: doc.Meta{Title: "世界", Lang: "zh"}, Blocks: []doc.Block{
		&doc.Paragraph{Content: []doc.Inline{&doc.Text{Value: zh + zh}}},
		&doc.Paragraph{Content: []doc.Inline{&doc.Text{Value: ja + " 🎉"}}},
	}}
	b, ws := write(t, d, Options{Fonts: lib})
	qpdfCheck(t, b)
	text := strings.ReplaceAll(extract(t, b), " ", "")
	for _, want := range []string{zh + zh, ja + "[partypopper]"} {
		if !strings.Contains(text, want) {
			t.Errorf("text %q lacks %q", text, want)
		}
	}
	if strings.ContainsRune(text, '\uFFFD') {
		t.Errorf("text has U+FFFD: %q", text)
	}
	if c := codes(ws); !slices.Contains(c, "font-fallback") || slices.Contains(c, "glyph-missing") {
		t.Errorf("warnings %v: want font-fallback, no glyph-missing", ws)
	}
	out, err := checktool.Run(t, checktool.PDFFonts, tempPDF(t, b))
	if err != nil {
		t.Fatalf("pdffonts: %v\n%s", err, out)
	}
	found := false
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, "-F1") && strings.Contains(line, "yes yes") {
			found = true
		}
	}
	if !found {
		t.Errorf("pdffonts lists no embedded fallback face:\n%s", out)
	}
}

// An emoji sequence is named once, as a reader would say it: a flag by its
// country or region, a joined emoji by its parts, a skin tone not at all.
func TestEmojiSequencesNamedOnce(t *testing.T) {
	for in, want := range map[string]string{
		"🇫🇷":         "flag FR",
		"🇺🇦\uFE0F":   "flag UA",
		"👩‍💻":        "woman + personal computer",
		"👨‍👩‍👧":      "man + woman + girl",
		"👍🏽":         "thumbs up sign",
		"🏳️‍🌈":       "waving white flag + rainbow",
		"🏴󠁧󠁢󠁳󠁣󠁴󠁿":    "flag GB-SCT",
		"🚀\u200D":    "rocket",
		"🚀\u200Dx":   "rocket",
		"✅":          "white heavy check mark",
		"\U00020000": "",
	} {
		name, n := emojiSequence(in + "!")
		if name != want {
			t.Errorf("emojiSequence(%q) = %q, want %q", in, name, want)
		}
		if want != "" && !strings.HasSuffix(in, "x") && !strings.HasSuffix(in, "\u200D") && n != len(in) {
			t.Errorf("emojiSequence(%q) took %d bytes, want %d", in, n, len(in))
		}
	}
	d := &doc.Document{Meta: doc.Meta{Title: "T", Lang: "en"}, Blocks: []doc.Block{
		ptext("Paris 🇫🇷 and 👩‍💻 coding, 👨‍👩‍👧 home, ☝🏽 up."),
	}}
	b, _ := write(t, d, Options{})
	text := extract(t, b)
	if want := "Paris [flag FR] and [woman + personal computer] coding, [man + woman + girl] home, ☝ up."; !strings.Contains(text, want) {
		t.Errorf("text %q lacks %q", text, want)
	}
}

// A character no font has, inside a code block, is reported at its own
// line: the block's text starts below a fence (TextLine) or on the
// block's own line (an indented block).
func TestGlyphMissingInCodeNamesItsLine(t *testing.T) {
	for _, tt := range []struct {
		block *doc.CodeBlock
		line  int
	}{
		{&doc.CodeBlock{Text: "one\ntwo\nthai ก\n", Pos: doc.Pos{File: "in.md", Line: 5}, TextLine: 6}, 8},
		{&doc.CodeBlock{Text: "one\ntib ༀ\n", Pos: doc.Pos{File: "in.md", Line: 13}}, 14},
	} {
		d := &doc.Document{Meta: doc.Meta{Title: "T", Lang: "en"}, Blocks: []doc.Block{tt.block}}
		_, ws := write(t, d, Options{})
		var got []int
		for _, w := range ws {
			if w.Code == "glyph-missing" {
				got = append(got, w.Pos.Line)
			}
		}
		if len(got) != 1 || got[0] != tt.line {
			t.Errorf("%q: glyph-missing at lines %v, want %d", tt.block.Text, got, tt.line)
		}
	}
}
