// Package pipeline runs Folio's stages for one input or many: load the
// bytes, read them into the document tree, normalize it, and fan it out to
// every requested writer at once, writing each output atomically.
//
// The pipeline orders stages and owns the file system; it knows no format's
// internals. Readers and writers are looked up in the registry
// (registry.go), so a new format is a folder under formats/ and one line
// there.
package pipeline

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"folio/pipeline/doc"
)

// DefaultMaxInputSize bounds how much of an input is read.
const DefaultMaxInputSize = 2 << 20

// Input is one document's bytes after the load checks.
type Input struct {
	// Name is the path as given (or "-" for standard input): what every
	// position names.
	Name string
	Src  []byte
	// Format is the reader that will read it.
	Format string
	// Charset is the charset the format's decoder converted Src from (a
	// saved page in the charset it declares), "" when Src is the input's
	// own bytes.
	Charset string
}

// LoadOptions tunes the load checks.
type LoadOptions struct {
	MaxSize int64
	// Lossy replaces invalid UTF-8 with U+FFFD (with a warning) instead of
	// failing.
	Lossy bool
	// From forces the input format; empty detects it.
	From string
}

// Load reads at most MaxSize bytes from r and checks them: not binary,
// UTF-8 (a UTF-8 BOM is removed; UTF-16 is refused with advice), NUL bytes
// replaced as CommonMark asks. It decides the format when From is empty.
// An input whose format declares its charset (a saved page) is first
// decoded from it by the format's Decode: the pipeline's one charset
// decoder, whose result the reader gets in Input.Charset.
func Load(name string, r io.Reader, o LoadOptions) (*Input, []doc.Warning, error) {
	max := o.MaxSize
	if max <= 0 {
		max = DefaultMaxInputSize
	}
	src, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, nil, &doc.Error{Pos: doc.Pos{File: name}, Code: "read", Err: err}
	}
	if int64(len(src)) > max {
		size := "larger than that"
		if f, ok := r.(interface{ Stat() (fs.FileInfo, error) }); ok {
			if fi, err := f.Stat(); err == nil {
				size = fmt.Sprintf("%s (%d bytes)", sizeMiB(fi.Size()), fi.Size())
			}
		}
		return nil, nil, doc.Errorf(doc.Pos{File: name}, "input-too-large",
			"the input is %s; --max-input-size is %s (%d bytes): raise it, e.g. --max-input-size 8MB, if the input is meant to be this big", size, sizeMiB(max), max)
	}
	format := o.From
	if format == "" {
		format = Detect(name, src)
	}
	var warns []doc.Warning
	charset := ""
	if f := formatNamed(format); f != nil && f.Decode != nil {
		// Text inputs have no charset declaration and must be UTF-8; a
		// format that declares its charset (a saved page) is decoded here,
		// once, and its reader is told from what.
		var w *doc.Warning
		if src, charset, w = f.Decode(src, name); w != nil {
			warns = append(warns, *w)
		}
	}
	src, more, err := checkText(name, src, o.Lossy)
	warns = append(warns, more...)
	if err != nil {
		return nil, warns, err
	}
	return &Input{Name: name, Src: src, Format: format, Charset: charset}, warns, nil
}

func checkText(name string, src []byte, lossy bool) ([]byte, []doc.Warning, error) {
	at := func(line, col int) doc.Pos { return doc.Pos{File: name, Line: line, Col: col} }
	switch {
	case bytes.HasPrefix(src, []byte{0xFF, 0xFE}), bytes.HasPrefix(src, []byte{0xFE, 0xFF}):
		return nil, nil, doc.Errorf(at(1, 1), "encoding", "UTF-16 input; convert it to UTF-8 (iconv -f UTF-16 -t UTF-8)")
	case bytes.HasPrefix(src, []byte{0xEF, 0xBB, 0xBF}):
		src = src[3:]
	}
	if isBinary(src) {
		return nil, nil, doc.Errorf(at(1, 1), "binary-input",
			"this is %s, not text; Folio reads Markdown, plain-text articles, saved HTML pages and JSON trees", http.DetectContentType(src))
	}
	var warns []doc.Warning
	if cs := escapedCharset(src); cs != "" {
		return nil, nil, doc.Errorf(at(1, 1), "invalid-utf8",
			"the input is %s, not UTF-8; convert it (iconv -f %s -t UTF-8)", cs, cs)
	}
	if !utf8.Valid(src) {
		line, col := lineCol(src, firstInvalid(src))
		if !lossy {
			cs := likelyCharset(src)
			return nil, nil, doc.Errorf(at(line, col), "invalid-utf8",
				"the input is not UTF-8 (byte %#x; it reads as %s); convert it (iconv -f %s -t UTF-8) or pass --lossy", src[firstInvalid(src)], cs, cs)
		}
		warns = append(warns, doc.Warning{Pos: at(line, col), Code: "invalid-utf8",
			Message: "bytes that are not UTF-8 were replaced with U+FFFD (--lossy)"})
		src = bytes.ToValidUTF8(src, []byte("\uFFFD"))
	}
	if i := bytes.IndexByte(src, 0); i >= 0 {
		line, col := lineCol(src, i)
		warns = append(warns, doc.Warning{Pos: at(line, col), Code: "nul-replaced",
			Message: fmt.Sprintf("%d NUL byte(s) replaced with U+FFFD", bytes.Count(src, []byte{0}))})
		src = bytes.ReplaceAll(src, []byte{0}, []byte("\uFFFD"))
	}
	return src, warns, nil
}

// isBinary reports content that is clearly not text: a known binary
// signature, or mostly control bytes in the first 512 bytes. A few stray
// NULs in text are not binary (they are replaced, with a warning).
func isBinary(src []byte) bool {
	head := src[:min(len(src), 512)]
	ct := http.DetectContentType(head)
	if !strings.HasPrefix(ct, "text/") && ct != "application/octet-stream" {
		return true
	}
	ctrl := 0
	for _, c := range head {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' {
			ctrl++
		}
	}
	return len(head) >= 16 && ctrl*3 > len(head)
}

func firstInvalid(src []byte) int {
	for i := 0; i < len(src); {
		r, n := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(src)
}

// lineCol turns a byte offset into a 1-based line and column (columns
// count bytes, as go/token does).
func lineCol(src []byte, off int) (int, int) {
	line := 1 + bytes.Count(src[:off], []byte("\n"))
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	return line, off - start + 1
}

// Detect decides the format of an input from the format table
// (formats.go): by extension first, then by content, each format's
// sniffer in its rank (a JSON tree, an HTML page, front matter or
// Markdown syntax), else the default (a scraped web article).
func Detect(name string, src []byte) string {
	ext := strings.ToLower(filepath.Ext(name))
	for _, f := range Formats {
		if f.Read != nil && slices.Contains(f.Exts, ext) {
			return f.Name
		}
	}
	for _, f := range sniffOrder {
		if f.Sniff(src) {
			return f.Name
		}
	}
	return defaultFormat
}

// sizeMiB writes a size for a person: "5.2 MiB", "2 MiB", "512 KiB".
func sizeMiB(n int64) string {
	if n >= 1<<20 {
		return strings.TrimSuffix(strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64), ".0") + " MiB"
	}
	return strconv.FormatInt((n+512)>>10, 10) + " KiB"
}
