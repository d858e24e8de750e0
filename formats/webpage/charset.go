package webpage

import (
	"unicode/utf8"

	"golang.org/x/net/html/charset"

	"folio/pipeline/doc"
)

// Decode converts a page whose bytes are not UTF-8 from the charset it
// declares (<meta charset>, http-equiv, or a byte-order mark), as a
// browser would; the warning says so. Single-byte charsets
// keep every newline where it was, so positions stay right.
func Decode(src []byte, name string) ([]byte, *doc.Warning) {
	if utf8.Valid(src) {
		return src, nil
	}
	enc, label, _ := charset.DetermineEncoding(src, "text/html")
	if label == "utf-8" || label == "" {
		return src, nil
	}
	out, err := enc.NewDecoder().Bytes(src)
	if err != nil {
		return src, nil
	}
	return out, &doc.Warning{Pos: doc.Pos{File: name, Line: 1}, Code: "charset-converted",
		Message: "the page is " + label + "; converted to UTF-8"}
}
