package epub

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"folio/pipeline/doc"
)

// docTime returns the document's date as a time, and whether it had one
// that parses. Dates are ISO 8601 as written: a day or a full RFC 3339 time.
func docTime(date string) (time.Time, bool) {
	t, _, ok := doc.ParseDate(date)
	return t.UTC(), ok
}

// datetimeAttr is the datetime attribute of a <time> showing the date in
// words (doc.MachineDate, as the HTML page writes it), or "" when it is
// not a date.
func datetimeAttr(date string) string {
	if m := doc.MachineDate(date); m != "" {
		return ` datetime="` + esc(m) + `"`
	}
	return ""
}

// modifiedTime is the book's dcterms:modified: the document's date, else
// the SOURCE_DATE_EPOCH fallback, else doc.UndatedStamp — never the clock.
func modifiedTime(m *doc.Meta, sourceDate time.Time) time.Time {
	if t, ok := docTime(m.Date); ok {
		return t.Truncate(time.Second)
	}
	if !sourceDate.IsZero() {
		return sourceDate.UTC().Truncate(time.Second)
	}
	return doc.UndatedStamp()
}

// dcDate formats the document's date for dc:date (W3CDTF), or "".
func dcDate(date string) string {
	t, prec, ok := doc.ParseDate(date)
	if !ok {
		return ""
	}
	if prec < doc.TimePrecision {
		return doc.FormatDate(t, prec)
	}
	return t.UTC().Format("2006-01-02T15:04:05Z")
}

// identifier is the given identifier, or a urn:uuid derived from a hash of
// the document, so the same document always gets the same identifier.
func identifier(d *doc.Document) string {
	if id := clean(d.Meta.Identifier); id != "" {
		return id
	}
	h := sha256.New()
	meta := d.Meta
	meta.Pos = doc.Pos{}
	for _, v := range []any{meta, d.Blocks, d.Notes} {
		b, err := json.Marshal(v)
		if err == nil {
			h.Write(b)
		}
		h.Write([]byte{0})
	}
	for _, r := range d.Resources {
		fmt.Fprintf(h, "%s\x00%d\x00", r.Name, len(r.Data))
		h.Write(r.Data)
	}
	return uuidURN(h.Sum(nil))
}

// uuidURN writes the first 16 bytes of a SHA-256 sum as a name-based
// UUID: the same content always gets the same identifier.
func uuidURN(s []byte) string {
	s[6] = s[6]&0x0f | 0x50 // version 5 layout: name-based, SHA hash
	s[8] = s[8]&0x3f | 0x80 // RFC 4122 variant
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", s[0:4], s[4:6], s[6:8], s[8:10], s[10:16])
}

// bookLang is the document's language if it is a well-formed BCP 47 tag.
func bookLang(lang string) (string, bool) {
	lang = strings.TrimSpace(lang)
	if lang == "" {
		return "en", true
	}
	if _, ok := doc.LangTag(lang); !ok {
		return "en", false
	}
	return lang, true
}

// accessibility describes what the book offers readers of assistive
// technology, from what the writer knows it produced.
type accessibility struct {
	images bool // the book has images besides the cover
	allAlt bool // every image has a text alternative
}

// metadataXML renders the OPF <metadata> children.
//
// go-epub defect 6: it writes one author, a title, a language and a
// description only, a dcterms:modified from the clock, and offers no way to
// add anything else; the OPF is rewritten in finish with this block.
func metadataXML(b *book) string {
	var x strings.Builder
	line := func(format string, args ...any) {
		x.WriteString("    ")
		fmt.Fprintf(&x, format, args...)
		x.WriteByte('\n')
	}
	line(`<dc:identifier id="pub-id">%s</dc:identifier>`, esc(b.identifier))
	line(`<dc:title id="title">%s</dc:title>`, esc(b.title))
	// One dc:title: the standfirst goes to dc:description and the title
	// page. A second dc:title (title-type subtitle) is valid EPUB 3, but
	// Calibre, Kindle and Apple Books join every dc:title into the one
	// they show, which made 200-character library titles.
	for i, a := range b.authors {
		line(`<dc:creator id="creator-%d">%s</dc:creator>`, i+1, esc(a))
		line(`<meta refines="#creator-%d" property="role" scheme="marc:relators">aut</meta>`, i+1)
	}
	// A pack's editor is its creator (role edt): library software shows
	// dc:creator as the author, and a pack with none shows "Unknown".
	for i, e := range b.editors {
		line(`<dc:creator id="editor-%d">%s</dc:creator>`, i+1, esc(e))
		line(`<meta refines="#editor-%d" property="role" scheme="marc:relators">edt</meta>`, i+1)
	}
	line(`<dc:language>%s</dc:language>`, esc(b.lang))
	if b.date != "" {
		line(`<dc:date>%s</dc:date>`, esc(b.date))
	}
	if b.publisher != "" {
		line(`<dc:publisher>%s</dc:publisher>`, esc(b.publisher))
	}
	if b.source != "" {
		line(`<dc:source>%s</dc:source>`, esc(b.source))
	}
	for _, src := range b.sources {
		line(`<dc:source>%s</dc:source>`, esc(src))
	}
	if b.description != "" {
		line(`<dc:description>%s</dc:description>`, esc(b.description))
	}
	for _, s := range b.subjects {
		line(`<dc:subject>%s</dc:subject>`, esc(s))
	}
	if b.rights != "" {
		line(`<dc:rights>%s</dc:rights>`, esc(b.rights))
	}
	line(`<meta property="dcterms:modified">%s</meta>`, b.modified.Format("2006-01-02T15:04:05Z"))

	a := b.access
	line(`<meta property="schema:accessMode">textual</meta>`)
	if a.images {
		line(`<meta property="schema:accessMode">visual</meta>`)
	}
	if !a.images || a.allAlt {
		line(`<meta property="schema:accessModeSufficient">textual</meta>`)
	}
	if a.images {
		line(`<meta property="schema:accessModeSufficient">textual,visual</meta>`)
	}
	for _, f := range a.features() {
		line(`<meta property="schema:accessibilityFeature">%s</meta>`, f)
	}
	line(`<meta property="schema:accessibilityHazard">none</meta>`)
	line(`<meta property="schema:accessibilitySummary">%s</meta>`, esc(a.summary()))
	return x.String()
}

func (a accessibility) features() []string {
	f := []string{"readingOrder", "structuralNavigation", "tableOfContents"}
	if a.images && a.allAlt {
		f = append([]string{"alternativeText"}, f...)
	}
	return f
}

func (a accessibility) summary() string {
	s := "Reflowable text in reading order with a navigable table of contents and structured headings."
	switch {
	case a.images && a.allAlt:
		s += " Every image has a text alternative."
	case a.images:
		s += " Some images have no text alternative."
	}
	return s
}
