package pipeline

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/pipeline/doc"
)

func TestLoadChecks(t *testing.T) {
	latin1 := []byte("line one\nline two\nline three\nfour\nfive\nsix\ncaf\xe9 au lait\n")
	tests := []struct {
		name      string
		src       []byte
		lossy     bool
		wantErr   string // "file:line:col: code" prefix of the error
		wantWarn  string // code of the one warning
		wantStart string // what the loaded text starts with
	}{
		{"UTF-8 BOM is removed", []byte("\xEF\xBB\xBF# Title\n"), false, "", "", "# Title"},
		{"UTF-16LE is refused with advice", []byte("\xFF\xFE#\x00 \x00"), false, "in.md:1:1: encoding: UTF-16", "", ""},
		{"Latin-1 byte names its line and column", latin1, false, "in.md:7:4: invalid-utf8", "", ""},
		{"--lossy replaces invalid bytes", latin1, true, "", "invalid-utf8", "line one"},
		{"NUL bytes become U+FFFD", []byte("a\nb\x00c\n"), false, "", "nul-replaced", "a\nb\uFFFDc"},
		{"PNG bytes are binary", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), false, "in.md:1:1: binary-input", "", ""},
		{"empty input loads", []byte(""), false, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, warns, err := Load("in.md", bytes.NewReader(tt.src), LoadOptions{Lossy: tt.lossy})
			if tt.wantErr != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want prefix %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := codesOf(warns); got != tt.wantWarn {
				t.Errorf("warnings = %q, want %q", got, tt.wantWarn)
			}
			if !strings.HasPrefix(string(in.Src), tt.wantStart) {
				t.Errorf("text = %q", in.Src)
			}
		})
	}
}

func TestSavedPageInDeclaredCharset(t *testing.T) {
	page := []byte("<!DOCTYPE html><html><head><meta charset=\"windows-1251\"></head><body><p>\xcf\xf0\xe8\xe2\xe5\xf2</p></body></html>")
	in, warns, err := Load("page.html", bytes.NewReader(page), LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(in.Src), "<p>Привет</p>") || codesOf(warns) != "charset-converted" {
		t.Errorf("src %q warnings %q", in.Src, codesOf(warns))
	}
	// The same bytes as a text article are refused: text has no declaration.
	if _, _, err := Load("page.txt", bytes.NewReader(page), LoadOptions{}); err == nil {
		t.Error("non-UTF-8 text accepted")
	}
}

// TestPageCharsetThroughThePipeline converts saved pages in the charsets
// people meet, and with declarations that lie, through the whole pipeline:
// load decodes once, the reader is told from what, and the run carries
// exactly one warning about the bytes and the right text.
func TestPageCharsetThroughThePipeline(t *testing.T) {
	page := func(head, body string) string {
		return "<!DOCTYPE html><html><head>" + head + "<title>T</title></head><body><p>" + body + "</p></body></html>"
	}
	tests := []struct {
		name, src string
		lossy     bool
		want      string // the paragraph's text in the HTML output
		warn      string // the one warning about the bytes: code and message
	}{
		{"windows-1251 declared in meta charset", page(`<meta charset="windows-1251">`, "\xcf\xf0\xe8\xe2\xe5\xf2"),
			false, "Привет", "charset-converted: the page is windows-1251; converted to UTF-8"},
		{"Shift_JIS declared in http-equiv", page(`<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">`, "\x93\xfa\x96{\x8c\xea"),
			false, "日本語", "charset-converted: the page is shift_jis; converted to UTF-8"},
		{"nothing declared: windows-1252, as browsers read it", page("", "\x93q\x94"),
			false, "\u201cq\u201d", "charset-converted: the page is not UTF-8 and declares no charset; read as windows-1252, as a browser would, and converted to UTF-8 (add <meta charset> if it is another)"},
		{"meta says windows-1251, bytes are UTF-8", page(`<meta charset="windows-1251">`, "Привет"),
			false, "Привет", "charset-ignored: the page declares charset windows-1251 but its bytes are UTF-8; read as UTF-8"},
		{"meta says UTF-8, bytes are windows-1251 (--lossy: one U+FFFD for the run)", page(`<meta charset="utf-8">`, "\xcf\xf0"),
			true, "\ufffd", "invalid-utf8: bytes that are not UTF-8 were replaced with U+FFFD (--lossy)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := filepath.Join(t.TempDir(), "page")
			res := Convert(context.Background(), Job{Name: "page.html", Src: []byte(tt.src), OutBase: base},
				&Options{Formats: []string{"html"}, Lossy: tt.lossy})
			if res.Err != nil {
				t.Fatal(res.Err)
			}
			var about []string
			for _, w := range res.Warnings {
				if strings.HasPrefix(w.Code, "charset-") || w.Code == "invalid-utf8" {
					about = append(about, w.Code+": "+w.Message)
				}
			}
			if len(about) != 1 || about[0] != tt.warn {
				t.Errorf("warnings about the bytes %q, want just %q", about, tt.warn)
			}
			out, err := os.ReadFile(base + ".html")
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(out), ">"+tt.want+"</p>") {
				t.Errorf("the output lacks %q", tt.want)
			}
		})
	}
	// Without --lossy the lying UTF-8 declaration stops the input, with
	// the byte's position.
	res := Convert(context.Background(), Job{Name: "page.html", Src: []byte(page(`<meta charset="utf-8">`, "\xcf\xf0")),
		OutBase: filepath.Join(t.TempDir(), "page")}, &Options{Formats: []string{"html"}})
	if res.Err == nil || !strings.Contains(res.Err.Error(), "invalid-utf8") {
		t.Errorf("err = %v, want invalid-utf8", res.Err)
	}
	// So does one met past the first 1024 bytes of the head (not read as
	// windows-1252 for want of an early declaration), at the bad byte.
	late := "<!DOCTYPE html><html><head>\n<!-- " + strings.Repeat("saved page ", 100) + "-->\n" +
		`<meta charset="utf-8"><title>T</title></head>` + "\n<body>\n<p>ok \xcf\xf0</p></body></html>"
	res = Convert(context.Background(), Job{Name: "page.html", Src: []byte(late),
		OutBase: filepath.Join(t.TempDir(), "page")}, &Options{Formats: []string{"html"}})
	if res.Err == nil || !strings.Contains(res.Err.Error(), "page.html:5:7: invalid-utf8") {
		t.Errorf("err = %v, want page.html:5:7: invalid-utf8", res.Err)
	}
}

func TestLoadStopsAtTheSizeLimit(t *testing.T) {
	r := &countingReader{}
	_, _, err := Load("big.md", r, LoadOptions{MaxSize: 1000})
	if err == nil || !strings.Contains(err.Error(), "input-too-large") {
		t.Fatalf("err = %v", err)
	}
	if r.n > 1001+4096 {
		t.Errorf("read %d bytes of an endless input with a 1000-byte limit", r.n)
	}
}

type countingReader struct{ n int }

func (c *countingReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	c.n += len(p)
	return len(p), nil
}

func codesOf(ws []doc.Warning) string {
	var s []string
	for _, w := range ws {
		s = append(s, w.Code)
	}
	return strings.Join(s, " ")
}

func TestDetect(t *testing.T) {
	tests := []struct{ name, file, src, want string }{
		{"md extension", "a.md", "plain words", "markdown"},
		{"txt extension", "a.txt", "# looks like markdown", "article"},
		{"front matter", "-", "---\ntitle: x\n---\ntext", "markdown"},
		{"markdown syntax", "-", "# Title\n\nSome *text* with a [link](http://x).\n", "markdown"},
		{"scraped article", "-", "Headline\n\nNews | World\n\nBody text. More text.\n", "article"},
		{"json tree", "-", "{\n  \"folio\": 1}", "json"},
		{"html page", "-", "<!DOCTYPE html><html>", "html"},
		{"page saved by a browser", "-", "<!-- saved from url=(0030)https://example.org/a -->\n<html>", "html"},
		{"htm extension", "a.htm", "plain words", "html"},
		{"xhtml extension", "a.XHTML", "plain words", "html"},
		{"html start tag with attributes", "-", "\n  <html lang=\"en\"><body>x</body></html>", "html"},
		{"upper-case doctype", "-", "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\">", "html"},
		{"XHTML after an XML declaration and a comment", "-", "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!-- x -->\n<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">", "html"},
		{"a page with a UTF-8 BOM", "-", "\xEF\xBB\xBF<!doctype html><title>x</title>", "html"},
		{"markup that is not a page", "-", "<p>a paragraph</p>\n\nMore text.\n", "article"},
	}
	for _, tt := range tests {
		if got := Detect(tt.file, []byte(tt.src)); got != tt.want {
			t.Errorf("%s: Detect = %s, want %s", tt.name, got, tt.want)
		}
	}
}
