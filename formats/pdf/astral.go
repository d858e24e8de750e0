package pdf

//go:generate sh -c "go run ./internal/genemoji > emoji_names.go"

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

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

// astral handles s, which starts with a character above U+FFFF, which
// fpdf cannot encode, and returns how many bytes of s it took. A
// mathematical letter or digit is drawn as its plain form (𝔘 is U). An
// emoji or other symbol is shown as its name in brackets ("[party
// popper]"), anything else as its code point ("[U+20000]"), with one
// warning per document; an emoji sequence is one name (emojiSequence). A
// skin-tone modifier alone, after an emoji a face draws, is left out.
func (b *wordBuilder) astral(s string, st style, pos doc.Pos) int {
	r, n := utf8.DecodeRuneInString(s)
	if r >= 0x1F3FB && r <= 0x1F3FF {
		return n // a skin tone on an emoji drawn as itself (☝🏽)
	}
	if plain := unorm.NFKC.String(string(r)); plain != string(r) && !hasAstral(plain) {
		b.text(plain, st, pos)
		return n
	}
	name, n := emojiSequence(s)
	if name == "" {
		name = fmt.Sprintf("U+%04X", r)
	}
	b.named(name, st, pos)
	return n
}

// emojiSequence names the emoji sequence s starts with and returns how
// many bytes it spans, as one reader would say it:
//   - two regional indicators are a country's flag: "flag FR";
//   - a black flag with tag letters is a region's: "flag GB-SCT";
//   - an emoji joined to others by zero-width joiners is their names
//     joined: "woman + personal computer" (👩‍💻), "man + woman + girl";
//   - skin-tone modifiers and the selectors of text or picture form only
//     change how an emoji looks, and are taken without a word.
//
// The name is "" when the first character has none.
func emojiSequence(s string) (string, int) {
	r, n := utf8.DecodeRuneInString(s)
	if isRegional(r) {
		if r2, n2 := utf8.DecodeRuneInString(s[n:]); isRegional(r2) {
			n += n2
			return "flag " + string(rune('A'+r-0x1F1E6)) + string(rune('A'+r2-0x1F1E6)), n + presentation(s[n:])
		}
	}
	first := emojiName(r)
	if first == "" {
		return "", n
	}
	names := []string{first}
	var tags []byte
	for n < len(s) {
		r, w := utf8.DecodeRuneInString(s[n:])
		switch {
		case r >= 0x1F3FB && r <= 0x1F3FF, skipAfterNamed(r):
			n += w
		case r >= 0xE0020 && r <= 0xE007E:
			tags = append(tags, byte(r-0xE0000))
			n += w
		case r == 0xE007F: // the tag sequence's end
			n += w
		case r == '\u200D':
			next, w2 := utf8.DecodeRuneInString(s[n+w:])
			name := emojiName(next)
			if name == "" {
				return sequenceName(first, names, tags), n
			}
			names = append(names, name)
			n += w + w2
		default:
			return sequenceName(first, names, tags), n
		}
	}
	return sequenceName(first, names, tags), n
}

// sequenceName is an emoji sequence's name: a black flag with tag letters
// ("gbsct") is the flag of that region ("flag GB-SCT"), else the names of
// the joined emoji.
func sequenceName(first string, names []string, tags []byte) string {
	if first == "waving black flag" && len(tags) > 2 && len(names) == 1 {
		return "flag " + strings.ToUpper(string(tags[:2])+"-"+string(tags[2:]))
	}
	return strings.Join(names, " + ")
}

// isRegional reports a regional indicator letter (🇦 … 🇿).
func isRegional(r rune) bool { return r >= 0x1F1E6 && r <= 0x1F1FF }

// presentation is the length of the variation selector s starts with, if
// any.
func presentation(s string) int {
	if r, w := utf8.DecodeRuneInString(s); skipAfterNamed(r) {
		return w
	}
	return 0
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
