package pipeline

import (
	"bytes"
	"context"
	"folio/internal/epubzip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	fjson "folio/formats/json"
	"folio/formats/markdown"
	"folio/pipeline/doc"
	"folio/pipeline/normalize"
)

// Fuzz targets. Run one at a time (the machine is shared), e.g.
//
//	go test ./pipeline -run '^$' -fuzz '^FuzzMarkdownRead$' -fuzztime 5m -parallel 1
//
// or all of them briefly with `make fuzz`. Inputs a run finds land in
// testdata/fuzz/FuzzX/ and are replayed by every `go test`.

// addSeeds adds every file of the repository's sample folders matching the
// patterns as seeds.
func addSeeds(f *testing.F, patterns ...string) {
	for _, pat := range patterns {
		files, _ := filepath.Glob(pat)
		for _, file := range files {
			b, err := os.ReadFile(file)
			if err == nil && len(b) < 64<<10 {
				f.Add(b)
			}
		}
	}
}

var markdownSeeds = []string{"../testdata/bad/*.md", "../testdata/samples/*.md", "../formats/markdown/testdata/*.md"}

// FuzzMarkdownRead: the Markdown reader (both dialects) never panics on
// valid UTF-8 (Load rejects the rest), and every error it returns
// (pathological-input from its guard among them) is a positioned
// *doc.Error.
func FuzzMarkdownRead(f *testing.F) {
	addSeeds(f, markdownSeeds...)
	f.Add([]byte("---\ntitle: x\n---\n# a\n\n> - [^1]\n\n[^1]: *a **b***\n"))
	plain, cm := markdown.New(markdown.Options{}), markdown.New(markdown.Options{CommonMark: true})
	f.Fuzz(func(t *testing.T, src []byte) {
		in, _, err := Load("f.md", bytes.NewReader(src), LoadOptions{From: "markdown"})
		if err != nil {
			return
		}
		for _, r := range []*markdown.Reader{plain, cm} {
			d, _, err := r.Read(in.Src, "f.md")
			if err != nil {
				if _, ok := err.(*doc.Error); !ok {
					t.Fatalf("error %T %v is not a *doc.Error", err, err)
				}
				continue
			}
			if d == nil {
				t.Fatal("no document and no error")
			}
		}
	})
}

// FuzzJSONRead: the JSON tree reader never panics, and what it accepts
// the JSON writer writes back and the reader reads again.
func FuzzJSONRead(f *testing.F) {
	addSeeds(f, "../formats/markdown/testdata/*.json", "../formats/article/testdata/*.json")
	f.Add([]byte(`{"folio":1,"meta":{"title":"t"},"blocks":[{"type":"Paragraph","content":[{"type":"Text","value":"x"}]}]}`))
	f.Fuzz(func(t *testing.T, src []byte) {
		d, _, err := fjson.Read(src, "f.json")
		if err != nil {
			return
		}
		if err := normalize.CapDepth(context.Background(), d); err != nil {
			return
		}
		var buf bytes.Buffer
		if err := fjson.New(fjson.Options{}).Write(context.Background(), d, &buf); err != nil {
			t.Fatalf("writing back an accepted tree: %v", err)
		}
		if _, _, err := fjson.Read(buf.Bytes(), "f.json"); err != nil {
			t.Fatalf("reading back what was written: %v\n%s", err, buf.Bytes())
		}
	})
}

// FuzzPipeline runs bytes through the whole pipeline (load, read with the
// Markdown guard, normalize with its depth cap first) and every writer in memory: no panic anywhere,
// and every XHTML, OPF and NCX file of the EPUB is well-formed XML without
// XML-illegal characters. The first byte picks the input format.
func FuzzPipeline(f *testing.F) {
	addSeeds(f, markdownSeeds...)
	addSeeds(f, "../testdata/articles/*.txt")
	f.Add([]byte("# T\n\nSee [x](#mid), [y](#before) and [z](#item).\n\nSome <a id=\"mid\"></a>text.\n\n<a name=\"before\"></a>\n\nNext.\n\n<a id=\"item\"></a>\n\n- one\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		formats := InputFormats
		from := ""
		if len(src) > 0 {
			from = formats[int(src[0])%len(formats)]
		}
		o := &Options{Formats: allFormats, From: from, SourceDate: time.Unix(0, 0).UTC()}
		var warns doc.Collector
		ctx := doc.WithWarn(context.Background(), warns.Add)
		res := &Result{Timings: map[string]float64{}}
		d, err := read(ctx, Job{Name: "fuzz.md", Src: src}, o, res)
		if err != nil {
			var de *doc.Error
			if e, ok := err.(*doc.Error); ok {
				de = e
			}
			if de == nil || de.Code == "internal-error" {
				t.Fatalf("read: %v", err)
			}
			return
		}
		for _, f := range allFormats {
			var buf bytes.Buffer
			if err := safeWrite(ctx, docWriter(outputs[f].new(o), d), &buf, "fuzz.md", f, true); err != nil {
				t.Fatalf("%s writer: %v", f, err)
			}
			if f == "epub" {
				checkEPUBXML(t, buf.Bytes())
			}
		}
	})
}

func checkEPUBXML(t *testing.T, b []byte) {
	for _, f := range epubzip.Read(t, b) {
		if !strings.HasSuffix(f.Name, ".xhtml") && !strings.HasSuffix(f.Name, ".opf") && !strings.HasSuffix(f.Name, ".ncx") {
			continue
		}
		if err := wellFormedXML(f.Data); err != nil {
			t.Fatalf("%s is not well-formed: %v\n%s", f.Name, err, f.Data)
		}
	}
}
