package doc

import (
	"strings"
	"unicode"
)

// TextChar reports whether r may stand in the text of a document Folio
// writes. It is XML 1.0's Char production (tab, newline, return,
// U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF) less what XML 1.0 §2.2
// asks documents to avoid and HTML parsers report as errors: the C1
// controls U+007F–U+009F and the noncharacters (U+FDD0–U+FDEF and the last
// two code points of every plane). It is the one rule: normalize removes
// what it rejects with a warning, and writers apply it to what they add.
func TextChar(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r < 0x20 || (r >= 0x7F && r <= 0x9F):
		return false
	case r >= 0xD800 && r <= 0xDFFF:
		return false
	case r >= 0xFDD0 && r <= 0xFDEF:
		return false
	case r&0xFFFE == 0xFFFE: // U+FFFE, U+FFFF and their copies in every plane
		return false
	case r > 0x10FFFF:
		return false
	}
	return true
}

// StripText removes what TextChar rejects and reports how many characters
// went.
func StripText(s string) (string, int) {
	n := 0
	for _, r := range s {
		if !TextChar(r) {
			n++
		}
	}
	if n == 0 {
		return s, 0
	}
	return strings.Map(func(r rune) rune {
		if !TextChar(r) {
			return -1
		}
		return r
	}, s), n
}

// Unspaced reports a character of the scripts written without spaces
// between words (Han, Hiragana, Katakana, and their full-width
// punctuation): where two meet at a line break, the break is no space.
// Korean, written with spaces, is not one of them.
func Unspaced(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) ||
		r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF || r == 'ー'
}
