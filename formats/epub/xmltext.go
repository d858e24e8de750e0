package epub

import (
	"strings"

	"folio/formats/internal/markup"
)

// clean drops characters XML 1.0 forbids (and those HTML reports as errors)
// and trims the result: for metadata values. Every string Folio writes into
// an XHTML, OPF or NCX file itself goes through clean or esc.
func clean(s string) string { return strings.TrimSpace(markup.Clean(s)) }

// esc makes text safe as XML character data or as a double-quoted attribute
// value: illegal characters dropped, & < > " escaped.
func esc(s string) string { return markup.Escape(s) }
