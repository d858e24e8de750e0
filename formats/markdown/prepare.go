package markdown

import (
	"bytes"
	"fmt"

	"folio/pipeline/doc"
)

// prepare returns the source goldmark will parse: without a UTF-8 byte
// order mark, with every line ending (CRLF, lone CR) turned into LF so the
// tree does not depend on the platform that wrote the file, and with NUL
// bytes replaced by U+FFFD as CommonMark asks. Line numbers are unchanged by
// all three, so positions computed on the prepared source name the lines of
// the original file.
func prepare(src []byte, name string) ([]byte, []doc.Warning) {
	src = bytes.TrimPrefix(src, []byte("\xEF\xBB\xBF"))
	if bytes.IndexByte(src, '\r') < 0 && bytes.IndexByte(src, 0) < 0 {
		return src, nil
	}
	var warns []doc.Warning
	out := make([]byte, 0, len(src))
	line, col := 1, 1
	nuls := 0
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch c {
		case '\r':
			out = append(out, '\n')
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
			line, col = line+1, 1
			continue
		case '\n':
			line, col = line+1, 1
			out = append(out, c)
			continue
		case 0:
			if nuls == 0 {
				warns = append(warns, doc.Warning{
					Pos:  doc.Pos{File: name, Line: line, Col: col},
					Code: "nul-replaced",
				})
			}
			nuls++
			out = append(out, "\uFFFD"...)
		default:
			out = append(out, c)
		}
		col++
	}
	if nuls > 0 {
		warns[0].Message = fmt.Sprintf("%d NUL byte(s) replaced by U+FFFD", nuls)
	}
	return out, warns
}
