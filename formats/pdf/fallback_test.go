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

func TestEmojiNameTable(t *testing.T) {
	for r, want := range map[rune]string{0x1F389: "party popper", 0x1F60E: "smiling face with sunglasses", 0x1D11E: "musical symbol g clef", 0x20000: ""} {
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
