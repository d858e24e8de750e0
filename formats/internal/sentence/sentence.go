// Package sentence tells how a line of text ends, for the readers that
// sort lines into running text, headings and labels: the copied-text
// reader, the byline parser and the saved-page reader's search by the
// headline.
package sentence

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// LastPunct is the last rune of s, past white space and closing quotes and
// brackets: '.' for `He left."`, ':' for "Tags:".
func LastPunct(s string) rune {
	s = strings.TrimRightFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("\"'”’»)]*", r)
	})
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// Ends reports whether s ends like a sentence: a full stop, a question or
// exclamation mark or an ellipsis, in Latin, CJK, Arabic or Urdu script.
func Ends(s string) bool {
	switch LastPunct(s) {
	case '.', '!', '?', '…', '。', '؟', '۔':
		return true
	}
	return false
}
