package markdown

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/util"
)

// resolve turns raw Markdown source text into the text it stands for:
// backslash escapes of ASCII punctuation are removed and entity and numeric
// character references are replaced by their characters, in one pass so that
// an escaped "\&amp;" stays "&amp;". goldmark keeps text nodes, link
// destinations and titles as raw source and leaves this to its HTML
// renderer, so the reader has to do it to put plain text into the tree.
func resolve(src []byte) string {
	if !needsResolve(src) {
		return string(src)
	}
	var b strings.Builder
	b.Grow(len(src))
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '\\' && i+1 < len(src) && util.IsPunct(src[i+1]):
			b.WriteByte(src[i+1])
			i++
		case c == '&':
			if r, n := charRef(src[i:]); n > 0 {
				b.WriteString(r)
				i += n - 1
				continue
			}
			b.WriteByte(c)
		case c == 0:
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func needsResolve(src []byte) bool {
	for _, c := range src {
		if c == '\\' || c == '&' || c == 0 {
			return true
		}
	}
	return false
}

// charRef decodes the character reference at the start of s ("&amp;",
// "&#35;", "&#x22;") and returns its text and length, or 0 when s does not
// start with a valid reference. Limits follow the CommonMark spec: up to 7
// decimal or 6 hex digits; code point 0 and invalid ones become U+FFFD.
func charRef(s []byte) (string, int) {
	if len(s) < 3 || s[0] != '&' {
		return "", 0
	}
	if s[1] == '#' {
		i, base, max := 2, 10, 7
		if i < len(s) && (s[i] == 'x' || s[i] == 'X') {
			i, base, max = 3, 16, 6
		}
		start := i
		for i < len(s) && i-start <= max && isDigit(s[i], base) {
			i++
		}
		if i == start || i-start > max || i >= len(s) || s[i] != ';' {
			return "", 0
		}
		v, err := strconv.ParseUint(string(s[start:i]), base, 32)
		if err != nil {
			return "", 0
		}
		return string(util.ToValidRune(rune(v))), i + 1
	}
	i := 1
	for i < len(s) && i < 64 && util.IsAlphaNumeric(s[i]) {
		i++
	}
	if i == 1 || i >= len(s) || s[i] != ';' {
		return "", 0
	}
	e, ok := util.LookUpHTML5EntityByName(string(s[1:i]))
	if !ok {
		return "", 0
	}
	return string(e.Characters), i + 1
}

func isDigit(c byte, base int) bool {
	if c >= '0' && c <= '9' {
		return true
	}
	if base == 16 {
		c |= 0x20
		return c >= 'a' && c <= 'f'
	}
	return false
}

// lineIndex maps byte offsets of the parsed source to 1-based lines and
// columns with a table of line starts and a binary search.
type lineIndex []int

func newLineIndex(src []byte) lineIndex {
	idx := lineIndex{0}
	for i, c := range src {
		if c == '\n' {
			idx = append(idx, i+1)
		}
	}
	return idx
}

// lineCol returns the 1-based line and byte column of offset, or 0, 0 when
// the offset is unknown (negative).
func (li lineIndex) lineCol(offset int) (int, int) {
	if offset < 0 {
		return 0, 0
	}
	i := sort.Search(len(li), func(i int) bool { return li[i] > offset }) - 1
	if i < 0 {
		i = 0
	}
	return i + 1, offset - li[i] + 1
}
