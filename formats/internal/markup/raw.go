package markup

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"

	"folio/pipeline/doc"
)

// raw writes raw markup when the options allow it and reports whether it
// did. Only format "html" is ever emitted; in XHTML mode only when the text
// is a well-formed XML fragment.
func (r *Renderer) raw(w *bytes.Buffer, format, text string, pos doc.Pos) bool {
	if !strings.EqualFold(format, "html") {
		r.warnf(pos, "raw-omitted", "raw "+format+" markup dropped")
		return false
	}
	if !r.opts.UnsafeHTML {
		r.warnf(pos, "raw-html-omitted", "raw HTML dropped (pass --unsafe-html to keep it)")
		return false
	}
	text = Clean(text)
	if r.opts.XHTML && !wellFormed(text) {
		r.warnf(pos, "raw-html-omitted", "raw HTML dropped: not well-formed XHTML")
		return false
	}
	w.WriteString(text)
	return true
}

// wellFormed reports whether s parses as XML content (elements balanced,
// only XML's own entities) inside an element that declares the epub
// namespace.
func wellFormed(s string) bool {
	d := xml.NewDecoder(strings.NewReader(`<x xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">` + s + `</x>`))
	d.Strict = true
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return true
		}
		if err != nil {
			return false
		}
	}
}
