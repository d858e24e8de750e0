package webpage

import (
	"unicode/utf8"

	"golang.org/x/net/html/charset"

	"folio/pipeline/doc"
)

// Decode is the one charset decoder for saved pages. Bytes that are not
// UTF-8 are converted from the charset the page declares (<meta charset>,
// http-equiv, or a byte-order mark), or windows-1252 when it declares
// none, as a browser would; the warning says so. Single-byte charsets keep
// every newline where it was, so positions stay right. from names the
// charset the bytes were converted from, "" when they were left as they
// are; ReadDecoded wants it.
//
// The pipeline's load stage calls Decode before its UTF-8 check; Read
// calls it for callers that hold a file's raw bytes.
func Decode(src []byte, name string) (out []byte, from string, w *doc.Warning) {
	if utf8.Valid(src) {
		return src, "", nil
	}
	enc, label, _ := charset.DetermineEncoding(src, "text/html")
	if label == "utf-8" || label == "" {
		return src, "", nil
	}
	out, err := enc.NewDecoder().Bytes(src)
	if err != nil {
		return src, "", nil
	}
	return out, label, &doc.Warning{Pos: doc.Pos{File: name, Line: 1}, Code: "charset-converted",
		Message: "the page is " + label + "; converted to UTF-8"}
}
