package pipeline

import (
	"bytes"
	"context"
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

func TestConvertedPageDoesNotWarnAboutItsDeclaration(t *testing.T) {
	page := "<!DOCTYPE html><html><head><meta charset=\"windows-1251\"><title>T</title></head><body><p>\xcf\xf0\xe8\xe2\xe5\xf2</p></body></html>"
	res := Convert(context.Background(), Job{Name: "page.html", Src: []byte(page), OutBase: filepath.Join(t.TempDir(), "page")}, &Options{Formats: []string{"json"}})
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	codes := codesOf(res.Warnings)
	if !strings.Contains(codes, "charset-converted") || strings.Contains(codes, "charset-ignored") {
		t.Errorf("warnings %q: want charset-converted and no charset-ignored", codes)
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
