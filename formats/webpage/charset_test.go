package webpage

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// TestLateCharsetDeclaration: a declaration past the prescan's 1024 bytes
// still counts while the head goes on, as in a browser (saved pages put a
// long comment, scripts or the title before it); one outside the head, in
// a comment or a script, or past the scan's bound does not, and the page
// is read as windows-1252, the warning saying what the page declared when
// it declared a charset no browser knows.
func TestLateCharsetDeclaration(t *testing.T) {
	pad := func(n int) string { return "<!-- " + strings.Repeat("saved page ", n/11+1) + "-->\n" }
	// "Łódź żółw" in ISO-8859-2, "中文" in GB2312, "“q”" in windows-1252.
	latin2, gb, cp1252 := "\xa3\xf3d\xbc \xbf\xf3\xb3w", "\xd6\xd0\xce\xc4", "\x93q\x94"
	page := func(head, body string) []byte {
		return []byte("<!DOCTYPE html>\n<html><head>\n" + head + "\n<title>T</title>\n</head>\n<body><p>" + body + "</p></body></html>\n")
	}
	tests := []struct {
		name      string
		src       []byte
		from      string // the charset Decode converts from; "" leaves the bytes
		text, msg string // the paragraph read, the warning's message
	}{
		{"meta charset after a 1.1 kB comment",
			page(pad(1100)+`<meta charset="iso-8859-2">`, latin2),
			"iso-8859-2", "p Łódź żółw\n", "the page is iso-8859-2; converted to UTF-8"},
		{"http-equiv after scripts and links, gb2312 is read as GBK",
			page(`<script>var x = "`+strings.Repeat("y", 1500)+`";</script><link rel="icon" href="i.ico">`+
				`<meta http-equiv="Content-Type" content="text/html; charset=gb2312"/>`, gb),
			"gbk", "p 中文\n", "the page is gbk; converted to UTF-8"},
		{"after a title holding the declared bytes",
			[]byte("<html><head>" + pad(1100) + "<title>\xbf\xf3\xb3w</title><meta charset=ISO-8859-2></head><body><p>" + latin2 + "</p></body></html>"),
			"iso-8859-2", "p Łódź żółw\n", "the page is iso-8859-2; converted to UTF-8"},
		{"the first declaration wins, an early one as before",
			page(`<meta charset="windows-1251">`+pad(1100)+`<meta charset="iso-8859-2">`, "\xcf\xf0"),
			"windows-1251", "p Пр\n", "the page is windows-1251; converted to UTF-8"},
		{"a label no browser knows is passed over for the next",
			page(`<meta charset="latin-two">`+pad(1100)+`<meta charset="iso-8859-2">`, latin2),
			"iso-8859-2", "p Łódź żółw\n", "the page is iso-8859-2; converted to UTF-8"},
		{"only a label no browser knows: windows-1252, and the warning says what was declared",
			page(pad(1100)+`<meta charset="latin-two">`, cp1252),
			"windows-1252", "p \u201cq\u201d\n", "the page declares charset latin-two, which is not one a browser knows; read as windows-1252 and converted to UTF-8"},
		{"x-user-defined is windows-1252",
			page(pad(1100)+`<meta charset="x-user-defined">`, cp1252),
			"windows-1252", "p \u201cq\u201d\n", "the page is windows-1252; converted to UTF-8"},
		{"a late declaration in a comment does not count",
			page(pad(1100)+`<!-- <meta charset="iso-8859-2"> -->`, cp1252),
			"windows-1252", "p \u201cq\u201d\n", "the page is not UTF-8 and declares no charset; read as windows-1252, as a browser would, and converted to UTF-8 (add <meta charset> if it is another)"},
		{"nor one in a script",
			page(pad(1100)+`<script>document.write('<meta charset="iso-8859-2">')</script>`, cp1252),
			"windows-1252", "p \u201cq\u201d\n", "the page is not UTF-8 and declares no charset; read as windows-1252, as a browser would, and converted to UTF-8 (add <meta charset> if it is another)"},
		{"nor one in the body past 1024 bytes",
			[]byte("<html><head><title>T</title></head><body>" + pad(1100) + `<meta charset="iso-8859-2"><p>` + cp1252 + "</p></body></html>"),
			"windows-1252", "p \u201cq\u201d\n", "the page is not UTF-8 and declares no charset; read as windows-1252, as a browser would, and converted to UTF-8 (add <meta charset> if it is another)"},
		{"nor one after a tag that ends the head",
			[]byte("<html><head><title>T</title>" + pad(1100) + `<div></div><meta charset="iso-8859-2"></head><body><p>` + cp1252 + "</p></body></html>"),
			"windows-1252", "p \u201cq\u201d\n", "the page is not UTF-8 and declares no charset; read as windows-1252, as a browser would, and converted to UTF-8 (add <meta charset> if it is another)"},
		{"nor one past the scan's bound",
			page(pad(headScanLimit)+`<meta charset="iso-8859-2">`, cp1252),
			"windows-1252", "p \u201cq\u201d\n", "the page is not UTF-8 and declares no charset; read as windows-1252, as a browser would, and converted to UTF-8 (add <meta charset> if it is another)"},
		{"a late UTF-8 declaration leaves the bytes for the UTF-8 check",
			page(pad(1100)+`<meta charset="utf-8">`, "\xcf\xf0"),
			"", "", ""},
		{"so does a late UTF-16 one (a page in bytes is not UTF-16)",
			page(pad(1100)+`<meta charset="utf-16">`, "\xcf\xf0"),
			"", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, from, w := Decode(tt.src, "in.html")
			want(t, "from", from, tt.from)
			if tt.from == "" {
				if w != nil || string(out) != string(tt.src) {
					t.Errorf("Decode changed the bytes (warning %v)", w)
				}
				return
			}
			if w == nil {
				t.Fatal("no warning")
			}
			want(t, "warning", w.Code+": "+w.Message, "charset-converted: "+tt.msg)
			d, ws, err := New(Options{KeepBoilerplate: true}).Read(tt.src, "in.html")
			if err != nil {
				t.Fatal(err)
			}
			want(t, "text", render(d.Blocks), tt.text)
			if len(ws) != 1 || ws[0].Code != "charset-converted" {
				t.Errorf("warnings %v, want one charset-converted", ws)
			}
		})
	}
}

// The warning names the line of the <meta> tag that declared the charset
// it used (or an unknown one), and line 1 when the page declares none.
func TestCharsetWarningLine(t *testing.T) {
	for _, tt := range []struct {
		src  string
		line int
	}{
		{"<html>\n<head>\n<title>T</title>\n<meta charset=\"iso-8859-2\">\n</head><body><p>\xa3\xf3d\xbc</p></body></html>", 4},
		{"<html><head>\n\n<meta http-equiv=\"Content-Type\"\n content=\"text/html; charset=windows-1251\">\n</head><body><p>\xcf\xf0</p></body></html>", 3},
		{"<html><head>\n<meta charset=\"latin-two\">\n</head><body><p>\x93q\x94</p></body></html>", 2},
		{"<html><head>\n<title>T</title>\n</head><body><p>\x93q\x94</p></body></html>", 1},
	} {
		_, _, w := Decode([]byte(tt.src), "in.html")
		if w == nil || w.Pos.Line != tt.line {
			t.Errorf("Decode(%q): warning %+v, want one at line %d", tt.src, w, tt.line)
		}
	}
}

// TestLateCharsetOnPages reads real saved pages from Trafilatura's
// evaluation set (in go-trafilatura's module; none of their text is in
// this repository) that declare their charset past the first 1024 bytes:
// they are read in it, not as windows-1252 mojibake.
func TestLateCharsetOnPages(t *testing.T) {
	dir := comparisonDir(t)
	polish := func(r rune) bool { return strings.ContainsRune("ąćęłńśźżĄĆĘŁŃŚŹŻ", r) }
	han := func(r rune) bool { return unicode.Is(unicode.Han, r) }
	// What windows-1252 makes of Polish letters (ł ż ć ą ę) and of GBK's
	// lead bytes: letters from Latin-1's upper half.
	latin1 := func(r rune) bool { return r >= 0xC0 && r <= 0xFF && r != 0xD7 && r != 0xF7 }
	polishMojibake := func(r rune) bool { return strings.ContainsRune("³¿æ¹ê", r) }
	for _, tc := range []struct {
		page, charset string // the declaration at byte 2045, 1222 and 1180
		letters, bad  func(rune) bool
		min           int
	}{
		{"Unijne fundusze coraz bliżej. Sejm zagłosował _za_ - Polityka - rp.pl.html", "windows-1250", polish, polishMojibake, 50},
		{"_Ziemniaki na szóstej, surówka na dziesiątej_. Jak pomagać, żeby nie zaszkodzić_ [PORADNIK W PIGUŁCE].html", "iso-8859-2", polish, polishMojibake, 50},
		{"archive.org.he.xinhuanet.com.25340717.html", "gbk", han, latin1, 300},
	} {
		t.Run(tc.charset, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join(dir, tc.page))
			if err != nil {
				t.Fatal(err)
			}
			_, from, _ := Decode(src, tc.page)
			want(t, "from", from, tc.charset)
			d, _, err := New(Options{}).Read(src, tc.page)
			if err != nil {
				t.Fatal(err)
			}
			text := d.Meta.Title + "\n" + strings.Join(texts(d.Blocks), "\n")
			good, bad := 0, 0
			for _, r := range text {
				switch {
				case tc.letters(r):
					good++
				case tc.bad(r):
					bad++
				}
			}
			if good < tc.min || bad > 0 {
				t.Errorf("%d of the language's letters (want %d or more), %d of mojibake (want none)", good, tc.min, bad)
			}
		})
	}
}
