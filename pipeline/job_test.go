package pipeline

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"folio/pipeline/doc"
)

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	os.MkdirAll(filepath.Dir(path), 0o755)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestConvertWritesEveryFormatAtomically(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "note.md")
	writeFile(t, in, "# Hello\n\nSome text.\n")
	out := filepath.Join(dir, "out")
	o := &Options{Formats: []string{"json", "html"}}
	res := Convert(context.Background(), Job{Name: in, OutBase: filepath.Join(out, "note")}, o)
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	if len(res.Outputs) != 2 {
		t.Fatalf("outputs = %+v", res.Outputs)
	}
	for _, o := range res.Outputs {
		fi, err := os.Stat(o.Path)
		if err != nil || fi.Size() != o.Size || len(o.SHA256) != 64 {
			t.Errorf("%s: %v size %d/%d", o.Path, err, fi.Size(), o.Size)
		}
	}
	assertNoTemps(t, out)
}

func assertNoTemps(t *testing.T, dir string) {
	t.Helper()
	filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err == nil && strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file left behind: %s", p)
		}
		return nil
	})
}

func TestBadFrontMatterWritesNothingAndKeepsOldOutput(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "bad.md")
	writeFile(t, in, "---\ntitle: ok\ntags: [unclosed\n---\n# Body\n")
	out := filepath.Join(dir, "out")
	writeFile(t, filepath.Join(out, "bad.html"), "previous good output")
	res := Convert(context.Background(), Job{Name: in, OutBase: filepath.Join(out, "bad")}, &Options{Formats: []string{"html", "json"}})
	if res.Err == nil || !strings.HasPrefix(res.Err.Error(), in+":") {
		t.Fatalf("err = %v, want it to name %s:line", res.Err, in)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "bad.html")); string(b) != "previous good output" {
		t.Errorf("previous output clobbered: %q", b)
	}
	if _, err := os.Stat(filepath.Join(out, "bad.json")); err == nil {
		t.Error("a json file was written for a failed input")
	}
	assertNoTemps(t, out)
}

func TestWriterPanicBecomesAnError(t *testing.T) {
	outputs["panic"] = outputFormat{".boom", func(o *Options) Writer { return panicked{} }}
	defer delete(outputs, "panic")
	dir := t.TempDir()
	in := filepath.Join(dir, "a.md")
	writeFile(t, in, "text\n")
	res := Convert(context.Background(), Job{Name: in, OutBase: filepath.Join(dir, "out", "a")}, &Options{Formats: []string{"json", "panic"}})
	if res.Err == nil || !strings.Contains(res.Err.Error(), "internal-error: panic in panic writer: boom") {
		t.Fatalf("err = %v", res.Err)
	}
	if len(res.Outputs) != 0 {
		t.Errorf("outputs written despite a failed writer: %+v", res.Outputs)
	}
	assertNoTemps(t, filepath.Join(dir, "out"))
}

type panicked struct{}

func (panicked) Write(ctx context.Context, d *doc.Document, w io.Writer) error {
	panic("boom")
}

func TestSidecarAndMetaFlagsOverride(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "a.txt")
	writeFile(t, in, "Headline here\n\nFirst paragraph of the body, long enough to be a paragraph of text.\n")
	writeFile(t, filepath.Join(dir, "a.meta.yaml"), "author: [Ann, Bo]\nsource: https://example.org/a\n")
	o := &Options{Formats: []string{"json"}, Meta: [][2]string{{"publisher", "The Desk"}}}
	res := Convert(context.Background(), Job{Name: in, OutBase: filepath.Join(dir, "out", "a")}, o)
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	b, _ := os.ReadFile(res.Outputs[0].Path)
	for _, want := range []string{`"Ann"`, `"https://example.org/a"`, `"publisher": "The Desk"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("output lacks %s", want)
		}
	}
	writeFile(t, filepath.Join(dir, "a.meta.yaml"), "date: yesterday\n")
	res = Convert(context.Background(), Job{Name: in, OutBase: filepath.Join(dir, "out", "a")}, o)
	if res.Err == nil || !strings.Contains(res.Err.Error(), "a.meta.yaml:1") {
		t.Errorf("bad sidecar err = %v", res.Err)
	}
}

func TestPlanMirrorsFoldersAndRefusesCollisions(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "src", "a.md"), "x")
	writeFile(t, filepath.Join(dir, "src", "sub", "b.txt"), "x")
	writeFile(t, filepath.Join(dir, "src", ".hidden", "c.md"), "x")
	writeFile(t, filepath.Join(dir, "src", "notes.pdf"), "x")
	writeFile(t, filepath.Join(dir, "src", "page_files", "frame.html"), "x")
	jobs, err := Plan([]string{filepath.Join(dir, "src")}, "out", []string{"html"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, j := range jobs {
		got = append(got, j.OutBase)
	}
	if strings.Join(got, " ") != "out/a out/sub/b" {
		t.Errorf("out bases = %v", got)
	}
	writeFile(t, filepath.Join(dir, "x", "A.md"), "x")
	writeFile(t, filepath.Join(dir, "x", "a.markdown"), "x")
	_, err = Plan([]string{filepath.Join(dir, "x")}, "out", []string{"html"}, nil)
	if err == nil || !strings.Contains(err.Error(), "output-collision") {
		t.Errorf("collision err = %v", err)
	}
}

func TestOutName(t *testing.T) {
	for in, want := range map[string]string{
		"a b.md": "a b", "-o.md": "-o", "con.md": "_con", "u\u0308.md": "ü", "..x.md": "x",
		strings.Repeat("é", 200) + ".md": strings.Repeat("é", 120),
	} {
		if got := outName(in); got != want {
			t.Errorf("outName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEmptyInputWarnsOnce(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "blank.txt")
	writeFile(t, in, "  \n\n")
	res := Convert(context.Background(), Job{Name: in, OutBase: filepath.Join(dir, "out", "blank")}, &Options{Formats: []string{"json", "html"}})
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	if n := codeCount(res.Warnings, "empty-document"); n != 1 {
		t.Errorf("%d empty-document warnings, want 1: %v", n, res.Warnings)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "out", "blank.html"))
	if !strings.Contains(string(b), "<title>blank</title>") {
		t.Errorf("empty document not titled from its file name")
	}
}

// TestEveryWarningOnALineIsKept checks r16: five bad images on one line
// give five warnings, each naming its file (warnings were deduplicated by
// line and code, so two were shown and three files never named); an
// exact repeat is still shown once.
func TestEveryWarningOnALineIsKept(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "w.md")
	writeFile(t, in, "# W\n\n![a](a.png) ![b](b.png) ![c](c.webp) ![d](missing1.png) ![e](missing2.png) ![d again](missing1.png)\n")
	writeFile(t, filepath.Join(dir, "a.png"), "<html>not an image</html>")
	writeFile(t, filepath.Join(dir, "b.png"), "plain text, not an image either")
	writeFile(t, filepath.Join(dir, "c.webp"), "RIFF\x24\x00\x00\x00WEBPVP8 \x18\x00\x00\x00"+strings.Repeat("\x00", 24))
	res := Convert(context.Background(), Job{Name: in, OutBase: filepath.Join(dir, "out", "w")}, &Options{Formats: []string{"html"}})
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	var line3 []string
	for _, w := range res.Warnings {
		if w.Pos.Line == 3 {
			line3 = append(line3, w.Code+": "+w.Message)
		}
	}
	for _, name := range []string{"a.png", "b.png", "c.webp", "missing1.png", "missing2.png"} {
		n := 0
		for _, w := range line3 {
			if strings.Contains(w, name) {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%s named by %d warnings, want 1: %q", name, n, line3)
		}
	}
	if got := dedupeWarnings([]doc.Warning{{Code: "x", Message: "m"}, {Code: "x", Message: "m"}}); len(got) != 1 {
		t.Errorf("an exact repeat kept: %v", got)
	}
	// Warnings at one place come out in one order, whichever writer
	// warned first.
	at := doc.Pos{File: "a.md", Line: 3, Col: 8}
	one := dedupeWarnings([]doc.Warning{{Pos: at, Code: "y", Message: "b"}, {Pos: at, Code: "x", Message: "z"}, {Pos: at, Code: "x", Message: "a"}})
	two := dedupeWarnings([]doc.Warning{{Pos: at, Code: "x", Message: "a"}, {Pos: at, Code: "y", Message: "b"}, {Pos: at, Code: "x", Message: "z"}})
	if !reflect.DeepEqual(one, two) || one[0].Message != "a" || one[2].Code != "y" {
		t.Errorf("warnings at one place in the order they came: %v and %v", one, two)
	}
}

// TestUnsafeLinkWarnedOnce: a link whose scheme no writer links is one
// warning, however many formats are written.
func TestUnsafeLinkWarnedOnce(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "irc.md")
	if err := os.WriteFile(in, []byte("# T\n\nAsk on [IRC](irc://irc.example.org/chan).\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res := Convert(context.Background(), Job{Name: in, OutBase: filepath.Join(dir, "out", "irc")}, &Options{Formats: []string{"pdf", "epub", "html"}})
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	if n := codeCount(res.Warnings, "unsafe-url"); n != 1 {
		t.Errorf("%d unsafe-url warnings, want 1: %v", n, res.Warnings)
	}
}

// TestJSONTreeWarningsNameTheFile checks r20: the nodes of a hand-written
// JSON tree carry no position, and their warnings were printed as "-:"
// (standard input); they name the tree's file.
func TestJSONTreeWarningsNameTheFile(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "links.json")
	writeFile(t, in, `{"folio": 1, "meta": {"title": "links"}, "blocks": [{"type": "Paragraph", "content": [
		{"type": "Link", "url": "javascript:alert(1)", "content": [{"type": "Text", "value": "x"}]},
		{"type": "Image", "src": "../../etc/passwd", "alt": "q"}]}]}`)
	res := Convert(context.Background(), Job{Name: in, OutBase: filepath.Join(dir, "out", "links")}, &Options{Formats: []string{"html"}})
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	if len(res.Warnings) < 2 {
		t.Fatalf("warnings %v, want the script link and the image outside the folder", res.Warnings)
	}
	for _, w := range res.Warnings {
		if w.Pos.File != in {
			t.Errorf("warning %v names %q, want %s", w, w.Pos.File, in)
		}
	}
}

// codeCount is how many of ws have the code.
func codeCount(ws []doc.Warning, code string) int {
	n := 0
	for _, w := range ws {
		if w.Code == code {
			n++
		}
	}
	return n
}
