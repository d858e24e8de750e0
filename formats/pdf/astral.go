package pdf

//go:generate sh -c "go run ./internal/genemoji > emoji_names.go"

import (
	"fmt"
	"sort"
	"unicode"

	unorm "golang.org/x/text/unicode/norm"

	"folio/pipeline/doc"
)

// emojiName is the Unicode name of a symbol above U+FFFF or of an emoji
// of the BMP, lower-cased ("party popper", "white heavy check mark"), or
// "" when the table has none.
func emojiName(r rune) string {
	i := sort.Search(len(emojiRunes), func(i int) bool { return emojiRunes[i] >= r })
	if i == len(emojiRunes) || emojiRunes[i] != r {
		return ""
	}
	start := uint32(0)
	if i > 0 {
		start = emojiEnds[i-1]
	}
	return emojiText[start:emojiEnds[i]]
}

// astral handles a character above U+FFFF, which fpdf cannot encode: an
// emoji or other symbol is shown as its name in brackets ("[party popper]"),
// anything else as its code point ("[U+20000]"), with one warning per
// document. Skin-tone modifiers, which only colour the emoji before them,
// are left out.
func (b *wordBuilder) astral(r rune, st style, pos doc.Pos) {
	if r >= 0x1F3FB && r <= 0x1F3FF {
		return
	}
	if plain := unorm.NFKC.String(string(r)); plain != string(r) && !hasAstral(plain) {
		b.text(plain, st, pos) // mathematical letters and digits: 𝔘 is U
		return
	}
	name := emojiName(r)
	if name == "" {
		name = fmt.Sprintf("U+%04X", r)
	}
	b.named(name, st, pos)
}

// named shows a character that cannot be drawn by its name in brackets,
// with one warning per document: a character above U+FFFF (astral), or an
// emoji of the BMP that no face has (text).
func (b *wordBuilder) named(name string, st style, pos doc.Pos) {
	if !b.l.emojiWarned {
		b.l.emojiWarned = true
		b.l.warn(doc.Warning{Pos: pos, Code: "emoji-named",
			Message: fmt.Sprintf("emoji (characters above U+FFFF, and those no font has) cannot be drawn in the PDF; shown by name, as [%s]", name)})
	}
	b.text("["+name+"]", st, pos)
}

func hasAstral(s string) bool {
	for _, r := range s {
		if r >= 0x10000 {
			return true
		}
	}
	return false
}

// skipAfterNamed reports the variation selectors that ask for an emoji's
// text or picture form: nothing to draw once the emoji is a name.
func skipAfterNamed(r rune) bool { return r == '\uFE0E' || r == '\uFE0F' }

// noBreakBefore are the closing marks and small kana a CJK line may not
// start with.
const noBreakBefore = "、。，．：；！？）」』】〉》〕］｝ー々ゝゞぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ・"

// breaksAround reports an ideograph or kana: CJK text has no spaces, and a
// line may break before and after each of these.
func breaksAround(r rune) bool {
	return r >= 0x2E80 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF))
}
