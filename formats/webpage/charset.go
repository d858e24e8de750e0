package webpage

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"

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
// A declaration counts wherever the head has it, not only in the first
// 1024 bytes the HTML standard's prescan looks at (see headCharset): a
// browser meeting a <meta charset> later in the head changes the encoding,
// and saved pages rely on it. A page declaring UTF-8 is left as it is,
// for the load stage's UTF-8 check to refuse its bad bytes with their
// position (or replace them, --lossy).
//
// The pipeline's load stage calls Decode before its UTF-8 check; Read
// calls it for callers that hold a file's raw bytes.
func Decode(src []byte, name string) (out []byte, from string, w *doc.Warning) {
	if utf8.Valid(src) {
		return src, "", nil
	}
	// With no content type, DetermineEncoding is certain only of a BOM.
	enc, label, certain := charset.DetermineEncoding(src, "")
	unknown, line, guessed := "", 1, false
	if !certain {
		d := headCharset(src)
		switch {
		case d.enc != nil:
			enc, label, line = d.enc, d.name, d.line
		case d.label != "" && label == "windows-1252":
			// The fallback, not something the page says.
			unknown, line = d.label, d.line
		case label == "windows-1252":
			guessed = true
		}
	}
	if label == "utf-8" || label == "" {
		return src, "", nil
	}
	out, err := enc.NewDecoder().Bytes(src)
	if err != nil {
		return src, "", nil
	}
	msg := "the page is " + label + "; converted to UTF-8"
	switch {
	case unknown != "":
		msg = "the page declares charset " + unknown + ", which is not one a browser knows; read as " + label + " and converted to UTF-8"
	case guessed:
		msg = "the page is not UTF-8 and declares no charset; read as " + label + ", as a browser would, and converted to UTF-8 (add <meta charset> if it is another)"
	}
	return out, label, &doc.Warning{Pos: doc.Pos{File: name, Line: line}, Code: "charset-converted", Message: msg}
}

// headScanLimit bounds headCharset's scan: a head longer than this is
// read as declaring nothing past it.
const headScanLimit = 64 << 10

// declaration is a charset a <meta> tag declares: label as the page
// writes it (lower case), and the encoding and its canonical name, nil
// and "" when label names none a browser knows.
type declaration struct {
	label string
	enc   encoding.Encoding
	name  string
	line  int // the line of the <meta> tag
}

// headCharset finds the first charset a <meta charset> or <meta
// http-equiv=Content-Type content="…; charset=…"> in the head declares,
// by the rules of the HTML standard's prescan (an unknown label is passed
// over, UTF-16 is read as UTF-8, x-user-defined as windows-1252) but
// beyond its 1024 bytes, as Chromium does: the scan goes on while only
// what a head holds has been met (script, noscript, style, link, meta,
// object, title, base), and, past the first 1024 bytes, stops at the
// first other tag or end tag (</head>, <body>, a <div>…), or at
// headScanLimit. It tokenises, so a <meta> inside a comment, a script or
// the title does not count. label is set, with enc nil, when the head
// declares only charsets no browser knows (the first of them).
func headCharset(src []byte) declaration {
	if len(src) > headScanLimit {
		src = src[:headScanLimit]
	}
	z := html.NewTokenizer(bytes.NewReader(src))
	var first declaration
	inHead, consumed, line := true, 0, 1
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return first
		}
		raw := z.Raw()
		at := line // the line the token starts on
		line += bytes.Count(raw, []byte("\n"))
		consumed += len(raw)
		if tt == html.StartTagToken || tt == html.SelfClosingTagToken || tt == html.EndTagToken {
			tag, hasAttr := z.TagName()
			name := string(tag)
			if tt != html.EndTagToken && name == "meta" && hasAttr {
				d := metaCharset(z)
				d.line = at
				if d.enc != nil {
					return d
				} else if d.label != "" && first.label == "" {
					first = d
				}
			}
			switch name {
			case "script", "noscript", "style", "link", "meta", "object", "title", "base":
			case "html", "head":
				if tt == html.EndTagToken {
					inHead = false
				}
			default:
				inHead = false
			}
		}
		if !inHead && consumed >= 1024 {
			return first
		}
	}
}

// metaCharset reads the charset the <meta> tag z is at declares, as the
// prescan does: a charset attribute, or an http-equiv=Content-Type with
// a content naming a charset.
func metaCharset(z *html.Tokenizer) declaration {
	var charsetAttr, content string
	var pragma, seenCharset, seenContent bool
	for more := true; more; {
		var k, v []byte
		k, v, more = z.TagAttr()
		switch string(k) {
		case "http-equiv":
			pragma = pragma || strings.EqualFold(string(v), "content-type")
		case "charset":
			if !seenCharset {
				charsetAttr, seenCharset = string(v), true
			}
		case "content":
			if !seenContent {
				content, seenContent = string(v), true
			}
		}
	}
	label := ""
	switch {
	case seenCharset:
		label = charsetAttr
	case pragma:
		label = contentCharset(content)
	}
	label = strings.ToLower(strings.TrimSpace(label))
	if label == "" {
		return declaration{}
	}
	d := declaration{label: label}
	d.enc, d.name = charset.Lookup(label)
	switch {
	case d.enc == nil:
	case strings.HasPrefix(d.name, "utf-16"):
		d.enc, d.name = encoding.Nop, "utf-8"
	case d.name == "x-user-defined":
		d.enc, d.name = charmap.Windows1252, "windows-1252"
	}
	return d
}

// contentCharset is the charset a Content-Type value names (the HTML
// standard's "extracting a character encoding from a meta element"), ""
// when none.
func contentCharset(s string) string {
	s = strings.ToLower(s)
	for {
		i := strings.Index(s, "charset")
		if i < 0 {
			return ""
		}
		s = strings.TrimLeft(s[i+len("charset"):], " \t\n\f\r")
		if !strings.HasPrefix(s, "=") {
			continue
		}
		s = strings.TrimLeft(s[1:], " \t\n\f\r")
		if s == "" {
			return ""
		}
		if q := s[0]; q == '"' || q == '\'' {
			end := strings.IndexByte(s[1:], q)
			if end < 0 {
				return ""
			}
			return s[1 : 1+end]
		}
		if end := strings.IndexAny(s, "; \t\n\f\r"); end >= 0 {
			return s[:end]
		}
		return s
	}
}
