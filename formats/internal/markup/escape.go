package markup

import (
	"bytes"
	"unicode/utf8"

	"folio/pipeline/doc"
)

// allowedRune is doc.TextChar, the one rule for characters Folio writes.
func allowedRune(r rune) bool { return doc.TextChar(r) }

// Clean returns s without characters that are illegal in XML 1.0 or
// forbidden in HTML text, and without invalid UTF-8. Writers use it for
// metadata they put in their own templates.
func Clean(s string) string {
	if isClean(s) {
		return s
	}
	var b bytes.Buffer
	writeClean(&b, s)
	return b.String()
}

func isClean(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7F {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && n == 1) || !allowedRune(r) {
			return false
		}
		i += n
	}
	return true
}

func writeClean(w *bytes.Buffer, s string) {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !(r == utf8.RuneError && n == 1) && allowedRune(r) {
			w.WriteString(s[i : i+n])
		}
		i += n
	}
}

// writeEscaped writes s as text or as a double-quoted attribute value:
// & < > " escaped, illegal characters removed.
func writeEscaped(w *bytes.Buffer, s string) {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '&':
				w.WriteString("&amp;")
			case c == '<':
				w.WriteString("&lt;")
			case c == '>':
				w.WriteString("&gt;")
			case c == '"':
				w.WriteString("&quot;")
			case allowedRune(rune(c)):
				w.WriteByte(c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !(r == utf8.RuneError && n == 1) && allowedRune(r) {
			w.WriteString(s[i : i+n])
		}
		i += n
	}
}

// Escape returns s escaped for HTML/XML text or a double-quoted attribute.
func Escape(s string) string {
	var b bytes.Buffer
	writeEscaped(&b, s)
	return b.String()
}

// writeAttr writes ` name="value"`.
func writeAttr(w *bytes.Buffer, name, value string) {
	w.WriteByte(' ')
	w.WriteString(name)
	w.WriteString(`="`)
	writeEscaped(w, value)
	w.WriteByte('"')
}
