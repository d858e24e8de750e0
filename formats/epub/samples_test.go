package epub_test

// The writer over the repository's real inputs: every Markdown sample, every
// scraped-article sample and the shared seed articles, read and normalized
// the way `export -t epub` does it (reader, normalize.Run with the file's
// stem, images resolved beside the input by the pipeline's sandboxed
// resolver). This external test package may import the pipeline: the
// writer itself does not.

import (
	"bytes"
	"context"
	"encoding/xml"
	"folio/internal/epubzip"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"folio/formats/article"
	"folio/formats/epub"
	"folio/formats/markdown"
	"folio/internal/checktool"
	"folio/pipeline"
	"folio/pipeline/doc"
	"folio/pipeline/normalize"
)

type sampleInput struct {
	path string
	read func(src []byte, name string) (*doc.Document, []doc.Warning, error)
}

// sampleInputs lists the inputs; the seeds live in shared/, beside the
// repository, and are used when present.
func sampleInputs(t *testing.T) []sampleInput {
	t.Helper()
	var in []sampleInput
	add := func(pattern string, read func([]byte, string) (*doc.Document, []doc.Warning, error)) {
		files, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			in = append(in, sampleInput{f, read})
		}
	}
	md := markdown.New(markdown.Options{}).Read
	art := article.New(article.Options{}).Read
	add(filepath.Join("..", "..", "testdata", "samples", "*.md"), md)
	add(filepath.Join("..", "..", "testdata", "articles", "*.txt"), art)
	add(filepath.Join("..", "..", "..", "shared", "seeds", "*.txt"), art)
	if len(in) == 0 {
		t.Skip("no sample inputs found")
	}
	return in
}

var sampleDate = time.Date(2025, 2, 3, 4, 5, 6, 0, time.UTC)

// exportEPUB does what export -t epub does with one input.
func exportEPUB(t *testing.T, s sampleInput) (*doc.Document, []byte) {
	t.Helper()
	src, err := os.ReadFile(s.path)
	if err != nil {
		t.Fatal(err)
	}
	d, _, err := s.read(src, s.path)
	if err != nil {
		t.Fatal(err)
	}
	stem := strings.TrimSuffix(filepath.Base(s.path), filepath.Ext(s.path))
	ctx := doc.WithWarn(context.Background(), func(doc.Warning) {})
	opts := &normalize.Options{Stem: stem, Resolve: pipeline.NewResolver(filepath.Dir(s.path)).Resolve}
	if err := normalize.Run(ctx, d, opts); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := epub.New(epub.Options{SourceDate: sampleDate}).Write(ctx, d, &out); err != nil {
		t.Fatal(err)
	}
	return d, out.Bytes()
}

func unzip(t *testing.T, data []byte) map[string][]byte {
	t.Helper()
	return epubzip.Files(epubzip.Read(t, data))
}

// tocShape is the depth and size of a table of contents.
func tocShape(es []*doc.TOCEntry) (depth, count int) {
	for _, e := range es {
		d, c := tocShape(e.Children)
		depth = max(depth, d+1)
		count += 1 + c
	}
	return depth, count
}

// navShape is the depth and entry count of the toc nav in nav.xhtml.
func navShape(t *testing.T, nav []byte) (depth, count int) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(nav))
	inTOC, level := false, 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return depth, count
		}
		if err != nil {
			t.Fatal(err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			if e.Name.Local == "nav" {
				for _, a := range e.Attr {
					inTOC = inTOC || (a.Name.Local == "type" && a.Value == "toc")
				}
			}
			if !inTOC {
				continue
			}
			switch e.Name.Local {
			case "ol":
				level++
				depth = max(depth, level)
			case "a":
				count++
			}
		case xml.EndElement:
			switch {
			case e.Name.Local == "nav":
				inTOC = false
			case e.Name.Local == "ol" && inTOC:
				level--
			}
		}
	}
}

func TestSamplesMakeCleanReproducibleBooks(t *testing.T) {
	dir := t.TempDir()
	for _, s := range sampleInputs(t) {
		name := filepath.Base(filepath.Dir(s.path)) + "-" + filepath.Base(s.path)
		t.Run(name, func(t *testing.T) {
			t.Parallel() // most of the time is EPUBCheck's Java start-up
			d, data := exportEPUB(t, s)
			if _, again := exportEPUB(t, s); !bytes.Equal(data, again) {
				t.Error("two builds of the same input differ")
			}
			files := unzip(t, data)
			opf := string(files["EPUB/package.opf"])

			// A cover, marked for EPUB 3 and EPUB 2 readers, first in the spine.
			cover := regexp.MustCompile(`<item id="([^"]+)" href="images/cover\.(png|jpg|gif)" media-type="image/[a-z]+" properties="cover-image"/>`).FindStringSubmatch(opf)
			if cover == nil {
				t.Fatalf("no cover-image item:\n%s", opf)
			}
			if !strings.Contains(opf, `<meta name="cover" content="`+cover[1]+`"/>`) {
				t.Error("no EPUB 2 cover meta")
			}
			if !regexp.MustCompile(`<spine[^>]*>\s*<itemref idref="cover.xhtml"`).MatchString(opf) {
				t.Error("the spine does not open on the cover")
			}

			// The nav nests as the document's headings do, under the title
			// page's entry; the notes page follows at the top level.
			tocDepth, tocCount := tocShape(d.TOC)
			depth, count := navShape(t, files["EPUB/nav.xhtml"])
			t.Logf("nav: depth %d, %d entries; %d notes; %d bytes", depth, count, len(d.Notes), len(data))
			want := 1 + tocCount
			if len(d.Notes) > 0 {
				want++
			}
			if depth != 1+tocDepth || count != want {
				t.Errorf("nav depth %d with %d entries; the document's TOC has depth %d and %d entries (want %d)", depth, count, tocDepth, tocCount, want)
			}
			if tocCount > 0 && depth < 2 {
				t.Error("the table of contents is not nested")
			}

			for _, p := range []string{"schema:accessMode", "schema:accessModeSufficient", "schema:accessibilityFeature", "schema:accessibilityHazard", "schema:accessibilitySummary"} {
				if !strings.Contains(opf, `<meta property="`+p+`">`) {
					t.Errorf("no %s", p)
				}
			}
			lang := regexp.MustCompile(`<dc:language>([^<]+)</dc:language>`).FindStringSubmatch(opf)
			for n, b := range files {
				if strings.HasSuffix(n, ".xhtml") && (lang == nil || !bytes.Contains(b, []byte(` lang="`+lang[1]+`" xml:lang="`+lang[1]+`"`))) {
					t.Errorf("%s lacks lang/xml:lang", n)
				}
			}

			file := filepath.Join(dir, name+".epub")
			if err := os.WriteFile(file, data, 0o644); err != nil {
				t.Fatal(err)
			}
			checkEPUB(t, file)
		})
	}
}

// checkEPUB runs EPUBCheck and requires 0 errors and 0 warnings. (Only
// Debian's EPUBCheck 4 is used: EPUBCheck 5's npm package, epubchecker,
// downloads the jar from GitHub while it installs, which the machines that
// run these tests cannot reach.)
func checkEPUB(t *testing.T, file string) {
	t.Helper()
	res, err := checktool.Run(t, checktool.EPUBCheck, file)
	if err != nil || !strings.Contains(res, "0 fatals / 0 errors / 0 warnings") {
		t.Errorf("EPUBCheck on %s (%v):\n%s", filepath.Base(file), err, res)
	}
}
