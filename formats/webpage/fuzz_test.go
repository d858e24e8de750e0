package webpage

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// FuzzRead feeds the reader arbitrary pages: it must not panic or fail
// (every page is some document), and every node and warning must point at
// a line of the input.
//
//	go test ./formats/webpage -run '^$' -fuzz FuzzRead -fuzztime 60s -fuzzminimizetime 2s
func FuzzRead(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(pagesDir, "*.html"))
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src, false)
	}
	f.Add([]byte(positioned), true)
	f.Add([]byte(`<table><tr><td colspan=9999><figure><figcaption><span class=credit>x</span></figcaption></figure></table>`), false)
	f.Add([]byte(`<svg><style><![CDATA[<p>]]></style><title><b>t</b></title></svg><p>x<br><br>y</p>`), false)
	f.Add([]byte("<ol start=-5><li><q>a</q><dl><dd>b<dt>c</dl></ol>\r<pre class=language-go>\rx</pre>"), false)
	f.Add([]byte(`<p>A<sup id="r1"><a href="#n1">[1]</a></sup> <a href="#H">h</a></p><div id=e></div><h2><span id=H>H</span></h2><ol><li id="n1"><a href="#r1">^</a> S</li></ol>`), false)
	f.Fuzz(func(t *testing.T, src []byte, keep bool) {
		if !utf8.Valid(src) {
			return // the pipeline refuses such input before any reader
		}
		d, ws, err := New(Options{KeepBoilerplate: keep}).Read(src, "fuzz.html")
		if err != nil {
			if bytes.Count(src, []byte("<")) < 400 {
				t.Fatalf("error on a small page: %v", err)
			}
			return
		}
		lines := bytes.Count(src, []byte("\n")) + bytes.Count(src, []byte("\r")) + 1
		checkPositions(t, d, ws, lines)
	})
}
