package pdf

import (
	"folio/assets/fonts"
	"folio/pipeline/doc"
)

// deco is a span's decoration drawn around its text: an underline or a
// highlighter's tint.
type deco uint8

const (
	decoNone deco = iota
	decoUnderline
	decoMark
)

// colMark is the highlighter tint behind marked text.
var colMark = rgb{0xff, 0xf0, 0x8a}

// spanStyle is how a doc.Span looks: underlined, on a tint, or in the code
// face for keys; an unknown style changes nothing.
func spanStyle(st style, s string) style {
	switch s {
	case doc.SpanUnderline:
		st.deco = decoUnderline
	case doc.SpanMark:
		st.deco = decoMark
	case doc.SpanKbd:
		st.fam = fonts.Mono
		st.size *= 0.9
	}
	return st
}

// decorate draws what goes under a span's text, before the text: the
// tint of marked text, the line under underlined text.
func (l *layout) decorate(s *span, x, baseline float64) {
	switch s.st.deco {
	case decoMark:
		l.pdf.SetFillColor(int(colMark[0]), int(colMark[1]), int(colMark[2]))
		l.pdf.Rect(x, baseline-s.st.size*0.82, s.width, s.st.size*1.05, "F")
	case decoUnderline:
		l.pdf.SetDrawColor(int(s.st.color[0]), int(s.st.color[1]), int(s.st.color[2]))
		l.pdf.SetLineWidth(s.st.size * 0.05)
		l.pdf.Line(x, baseline+s.st.size*0.12, x+s.width, baseline+s.st.size*0.12)
	}
}
