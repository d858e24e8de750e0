// Package bidi holds the direction and script tests the PDF writer and
// the EPUB cover share, so both decide the same way which text runs right
// to left and which text is Arabic (shaped by HarfBuzz, set with a taller
// line).
package bidi

import (
	"unicode"

	xbidi "golang.org/x/text/unicode/bidi"
)

// Strong reports whether r has a strong direction, and whether that
// direction is right to left (bidi classes R and AL). Characters below
// U+0590 are answered without a table lookup.
func Strong(r rune) (strong, rtl bool) {
	if r < 0x80 {
		return 'A' <= r && r <= 'Z' || 'a' <= r && r <= 'z', false
	}
	p, _ := xbidi.LookupRune(r)
	switch p.Class() {
	case xbidi.L:
		return true, false
	case xbidi.R, xbidi.AL:
		return true, true
	}
	return false, false
}

// RTL reports whether r is a strong right-to-left character.
func RTL(r rune) bool {
	if r < 0x0590 {
		return false
	}
	_, rtl := Strong(r)
	return rtl
}

// FirstStrong returns the first character of text with a strong direction
// (as the bidi algorithm's paragraph level and dir="auto" decide) and
// whether it runs right to left; found is false when there is none.
func FirstStrong(text []rune) (r rune, rtl, found bool) {
	for _, r := range text {
		if strong, rtl := Strong(r); strong {
			return r, rtl, true
		}
	}
	return 0, false, false
}

// Arabic reports whether r is in the Arabic script (letters, marks and
// presentation forms; not the punctuation Arabic shares with other
// scripts).
func Arabic(r rune) bool {
	return r >= 0x0600 && unicode.Is(unicode.Arabic, r)
}

// HasArabic reports whether s has a character in the Arabic script.
func HasArabic(s string) bool {
	for _, r := range s {
		if Arabic(r) {
			return true
		}
	}
	return false
}
