package normalize

import (
	"context"
	"unicode/utf8"

	"folio/pipeline/doc"
)

// cjkBreaks removes a soft line break between two characters of scripts
// written without spaces between words (Han, Hiragana, Katakana and their
// punctuation). A hard-wrapped Japanese or Chinese paragraph is one run of
// text; every writer turns a soft break into a space, which there is a gap
// in the middle of a word. This is CSS Text's segment break
// transformation, and Pandoc's east_asian_line_breaks. Korean, written
// with spaces, keeps its breaks.
func cjkBreaks(_ context.Context, d *doc.Document, _ *Options) error {
	doc.MapInlines(d, func(is []doc.Inline) []doc.Inline {
		return doc.Splice(is, func(i int, in doc.Inline) ([]doc.Inline, bool) {
			_, brk := in.(*doc.SoftBreak)
			return nil, brk && i > 0 && i+1 < len(is) &&
				doc.Unspaced(edgeRune(is[i-1], true)) && doc.Unspaced(edgeRune(is[i+1], false))
		})
	})
	return nil
}

// edgeRune is the last (or first) character an inline shows, or 0.
func edgeRune(in doc.Inline, last bool) rune {
	var s string
	switch in := in.(type) {
	case *doc.Text:
		s = in.Value
	case *doc.Code:
		s = in.Value
	default:
		kids := doc.Children(in)
		switch {
		case len(kids) == 0:
			return 0
		case last:
			return edgeRune(kids[len(kids)-1], true)
		}
		return edgeRune(kids[0], false)
	}
	if last {
		r, _ := utf8.DecodeLastRuneInString(s)
		return r
	}
	r, _ := utf8.DecodeRuneInString(s)
	return r
}
