package markup

import (
	"bytes"
	"encoding/xml"
	"errors"
	"html"
	"io"
	"strings"

	"folio/pipeline/doc"
)

// raw writes raw markup when the options allow it and reports whether it
// did. Only format "html" is ever emitted; in XHTML mode (EPUB) only when
// the text is a well-formed XML fragment without anything that runs code:
// an EPUB never carries a script, whatever --unsafe-html says (EPUBCheck
// OPF-014 and RSC-007; reading systems run them in the reader's own
// context). HTML output keeps what the user trusted.
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
	if r.opts.XHTML {
		ok, scripted := xhtmlFragment(text)
		if !ok {
			r.warnf(pos, "raw-html-omitted", "raw HTML dropped: not well-formed XHTML")
			return false
		}
		if scripted != "" {
			r.warnf(pos, "raw-html-omitted", "raw HTML dropped from the EPUB: "+scripted+" (an EPUB never carries scripts, even with --unsafe-html)")
			return false
		}
	}
	w.WriteString(text)
	return true
}

// xhtmlFragment reports whether s parses as XML content (elements
// balanced, only XML's own entities) inside an element that declares the
// epub namespace, and, if it does, what in it would run code: a script,
// frame, object, embed, base or form element, an event attribute, an
// srcdoc, or an attribute (href, src, style url(…), …) holding a
// javascript:, vbscript: or data: URL; "" when nothing does.
func xhtmlFragment(s string) (ok bool, scripted string) {
	d := xml.NewDecoder(strings.NewReader(`<x xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">` + s + `</x>`))
	d.Strict = true
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return true, scripted
		}
		if err != nil {
			return false, ""
		}
		if el, isStart := tok.(xml.StartElement); isStart && scripted == "" {
			scripted = scriptIn(el)
		}
	}
}

func scriptIn(el xml.StartElement) string {
	switch strings.ToLower(el.Name.Local) {
	case "script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "form", "handler", "listener":
		return "a <" + el.Name.Local + "> element"
	}
	for _, a := range el.Attr {
		name := strings.ToLower(a.Name.Local)
		switch {
		case strings.HasPrefix(name, "on"):
			return "an event attribute (" + a.Name.Local + ")"
		case name == "srcdoc":
			return "an srcdoc attribute"
		case dangerousScheme(a.Value) || scriptURLInside(a.Value):
			return "a script or data URL in " + a.Name.Local
		}
	}
	return ""
}

// scriptURLInside finds a script URL inside an attribute value that is
// not itself a URL, as in style="background:url(javascript:…)".
func scriptURLInside(v string) bool {
	v = strings.ToLower(html.UnescapeString(v))
	v = strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f || r == '\\' {
			return -1
		}
		return r
	}, v)
	return strings.Contains(v, "javascript:") || strings.Contains(v, "vbscript:") || strings.Contains(v, "url(data:") || strings.Contains(v, "expression(")
}
