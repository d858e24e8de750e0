package epub

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"flag"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"folio/internal/checktool"
	"folio/pipeline/doc"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func TestBookStructure(t *testing.T) {
	for name, d := range fixtures(t) {
		t.Run(name, func(t *testing.T) {
			data, _ := build(t, d)
			o := open(t, data)

			first := o.entries[0]
			if first.Name != "mimetype" || first.Method != zip.Store || len(first.Extra) != 0 {
				t.Errorf("first entry %q method %d extra %d; want mimetype, stored, no extra field", first.Name, first.Method, len(first.Extra))
			}
			if !bytes.HasPrefix(data[30:], []byte("mimetypeapplication/epub+zip")) {
				t.Errorf("mimetype not at offset 30: %q", data[30:60])
			}
			if !bytes.Contains(o.files[containerName], []byte(`full-path="EPUB/package.opf"`)) {
				t.Errorf("container.xml does not point at the package: %s", o.files[containerName])
			}
			for _, f := range o.entries {
				if f.ModTime().Year() < 1980 || f.Modified.Year() != f.ModTime().Year() {
					t.Errorf("%s: time %v", f.Name, f.ModTime())
				}
			}

			inManifest := map[string]bool{}
			for _, it := range o.opf.Manifest {
				name := path.Join("EPUB", it.Href)
				inManifest[name] = true
				if _, ok := o.files[name]; !ok {
					t.Errorf("manifest item %s missing from the zip", name)
				}
			}
			for name := range o.files {
				if !inManifest[name] && name != "mimetype" && name != containerName && name != opfName {
					t.Errorf("%s is not in the manifest", name)
				}
			}
			for i := 1; i < len(o.opf.Manifest); i++ {
				if o.opf.Manifest[i-1].Href > o.opf.Manifest[i].Href {
					t.Errorf("manifest not sorted: %s before %s", o.opf.Manifest[i-1].Href, o.opf.Manifest[i].Href)
				}
			}

			for _, name := range append(o.pages(), opfName, "EPUB/toc.ncx") {
				if err := wellFormed(o.files[name]); err != nil {
					t.Errorf("%s is not well-formed XML: %v", name, err)
				}
			}
			lang := o.opf.Metadata.Language
			for _, name := range o.pages() {
				page := string(o.files[name])
				tag := regexp.MustCompile(`<html[^>]*>`).FindString(page)
				if !strings.Contains(tag, ` lang="`+lang+`"`) || !strings.Contains(tag, ` xml:lang="`+lang+`"`) {
					t.Errorf("%s: root %s lacks lang/xml:lang %q", name, tag, lang)
				}
				if strings.Contains(page, `<body dir="auto"`) {
					t.Errorf("%s: body still guesses its direction", name)
				}
			}

			var cover *opfItem
			for i, it := range o.opf.Manifest {
				if hasProperty(it.Properties, "cover-image") {
					cover = &o.opf.Manifest[i]
				}
			}
			if cover == nil {
				t.Fatal("no manifest item has properties=cover-image")
			}
			found := false
			for _, m := range o.opf.Metadata.Meta {
				found = found || (m.Name == "cover" && m.Content == cover.ID)
			}
			if !found {
				t.Errorf("no EPUB 2 <meta name=cover content=%q>", cover.ID)
			}
			if o.opf.Spine.Items[0].Idref != "cover.xhtml" {
				t.Errorf("spine starts with %s, want the cover page", o.opf.Spine.Items[0].Idref)
			}
		})
	}
}

func TestMetadata(t *testing.T) {
	data, _ := build(t, simpleDoc())
	m := open(t, data).opf
	md := m.Metadata
	checks := []struct{ what, got, want string }{
		{"one title: the standfirst is the description", strings.Join(md.Title, "|"), "The Quiet Harbour"},
		{"creators", strings.Join(md.Creator, "|"), "Ana Ribeiro|Tom Hale"},
		{"language", md.Language, "en"},
		{"date", md.Date, "2024-03-15"},
		{"publisher", md.Publisher, "The Coastal Review"},
		{"source", md.Source, "https://news.example.org/harbour"},
		{"description", md.Desc, "How a small port town rebuilt its fishing fleet after the storm"},
		{"subjects", strings.Join(md.Subject, "|"), "fishing|economy"},
		{"rights", md.Rights, "© 2024 The Coastal Review"},
		{"modified from the document date", strings.Join(m.meta("dcterms:modified"), "|"), "2024-03-15T00:00:00Z"},
		{"accessMode", strings.Join(m.meta("schema:accessMode"), "|"), "textual"},
		{"accessModeSufficient", strings.Join(m.meta("schema:accessModeSufficient"), "|"), "textual"},
		{"accessibilityFeature", strings.Join(m.meta("schema:accessibilityFeature"), "|"), "readingOrder|structuralNavigation|tableOfContents"},
		{"accessibilityHazard", strings.Join(m.meta("schema:accessibilityHazard"), "|"), "none"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.what, c.got, c.want)
		}
	}
	if len(m.meta("schema:accessibilitySummary")) != 1 {
		t.Errorf("no accessibilitySummary")
	}
	if len(md.Identifier) != 1 || !regexp.MustCompile(`^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`).MatchString(md.Identifier[0]) {
		t.Errorf("identifier %v, want a content-derived urn:uuid", md.Identifier)
	}
}

func TestImagesMakeTheBookVisualWithAltText(t *testing.T) {
	data, _ := build(t, richDoc(t))
	m := open(t, data).opf
	if got := strings.Join(m.meta("schema:accessMode"), "|"); got != "textual|visual" {
		t.Errorf("accessMode = %s", got)
	}
	if got := strings.Join(m.meta("schema:accessibilityFeature"), "|"); !strings.HasPrefix(got, "alternativeText|") {
		t.Errorf("accessibilityFeature = %s, want alternativeText first", got)
	}

	d := richDoc(t)
	d.Blocks[3].(*doc.Figure).Alt = ""
	data, ws := build(t, d)
	if !strings.Contains(names(ws), "image-no-alt") {
		t.Errorf("no image-no-alt warning: %v", ws)
	}
	if got := strings.Join(open(t, data).opf.meta("schema:accessibilityFeature"), "|"); strings.Contains(got, "alternativeText") {
		t.Errorf("alternativeText claimed with an image lacking alt: %s", got)
	}
}

func TestIdentifier(t *testing.T) {
	a, b := simpleDoc(), simpleDoc()
	b.Blocks = append(b.Blocks, para(txt("One more line.")))
	if identifier(a) != identifier(simpleDoc()) {
		t.Error("identifier differs for the same document")
	}
	if identifier(a) == identifier(b) {
		t.Error("identifier is the same for different documents")
	}
	a.Meta.Identifier = "isbn:978-0-00-000000-0"
	if got := identifier(a); got != "isbn:978-0-00-000000-0" {
		t.Errorf("given identifier not used: %s", got)
	}
}

func TestModifiedFallsBackToSourceDateThenUndatedStamp(t *testing.T) {
	d := simpleDoc()
	d.Meta.Date = ""
	if got := modifiedTime(&d.Meta, testDate).Format("2006-01-02T15:04:05Z"); got != "2025-02-03T04:05:06Z" {
		t.Errorf("with SourceDate: %s", got)
	}
	if got := modifiedTime(&d.Meta, time.Time{}).Format("2006-01-02T15:04:05Z"); got != "2026-01-01T00:00:00Z" {
		t.Errorf("without dates: %s", got)
	}
	data, _ := build(t, d)
	o := open(t, data)
	if got := o.opf.meta("dcterms:modified"); len(got) != 1 || got[0] != "2025-02-03T04:05:06Z" {
		t.Errorf("dcterms:modified = %v", got)
	}
	if mt := o.entries[3].ModTime(); mt.Year() != 2025 || mt.Month() != 2 || mt.Day() != 3 {
		t.Errorf("zip time %v, want the SourceDate", mt)
	}
}

func TestNavFollowsTheTOC(t *testing.T) {
	w := New(Options{})
	w.splitChars = 10 // force one file per level-2 section
	var out bytes.Buffer
	if err := w.Write(context.Background(), simpleDoc(), &out); err != nil {
		t.Fatal(err)
	}
	o := open(t, out.Bytes())
	nav := string(o.files["EPUB/nav.xhtml"])
	want := []string{
		// The sections nest under the title.
		`<li><a href="xhtml/title.xhtml">The Quiet Harbour</a>` + "\n<ol>\n" + `<li><a href="xhtml/text-002.xhtml#the-storm">The storm</a>`,
		`<a href="xhtml/text-002.xhtml#the-storm">The storm</a>`,
		`<ol>` + "\n" + `<li><a href="xhtml/text-002.xhtml#damage">Counting the damage</a></li>`,
		`<a href="xhtml/text-003.xhtml#rebuilding">Rebuilding</a>`,
		`<h1>Contents</h1>`,
	}
	for _, s := range want {
		if !strings.Contains(nav, s) {
			t.Errorf("nav lacks %s:\n%s", s, nav)
		}
	}
	ncx := string(o.files["EPUB/toc.ncx"])
	for _, s := range []string{`<meta name="dtb:uid" content="urn:uuid:`, `<meta name="dtb:depth" content="3"/>`, `<docAuthor><text>Ana Ribeiro</text></docAuthor>`,
		"<content src=\"xhtml/text-002.xhtml#the-storm\"/>\n<navPoint id=\"navpoint-3\" playOrder=\"3\">\n<navLabel><text>Counting the damage</text></navLabel>"} {
		if !strings.Contains(ncx, s) {
			t.Errorf("toc.ncx lacks %q:\n%s", s, ncx)
		}
	}
	// The link to #the-storm in the last section crosses files.
	if !strings.Contains(string(o.files["EPUB/xhtml/text-003.xhtml"]), `href="text-002.xhtml#the-storm"`) {
		t.Errorf("internal link not rewritten to its file:\n%s", o.files["EPUB/xhtml/text-003.xhtml"])
	}
}

// xelem is an element of a page: its name, attributes (epub:type under
// that name) and the id of the <aside> it sits in, if any.
type xelem struct {
	name  string
	attr  map[string]string
	aside string
}

func elements(t *testing.T, data []byte) []xelem {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	var out []xelem
	var asides []string
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			x := xelem{name: e.Name.Local, attr: map[string]string{}}
			for _, a := range e.Attr {
				k := a.Name.Local
				if a.Name.Space == "http://www.idpf.org/2007/ops" {
					k = "epub:" + k
				}
				x.attr[k] = a.Value
			}
			if len(asides) > 0 {
				x.aside = asides[len(asides)-1]
			}
			if x.name == "aside" {
				asides = append(asides, x.attr["id"])
			}
			out = append(out, x)
		case xml.EndElement:
			if e.Name.Local == "aside" {
				asides = asides[:len(asides)-1]
			}
		}
	}
}

// checkNotes verifies the note markup of a book: every noteref points at
// a footnote aside on the notes page, every aside is reached by one, and
// every back-link returns to a noteref (in whatever file it is) that
// points at the back-link's own aside. It returns the files the
// back-links go to.
func checkNotes(t *testing.T, o *opened, notes int) map[string]bool {
	t.Helper()
	asides := map[string]bool{}
	var backs []xelem
	for _, x := range elements(t, o.files["EPUB/xhtml/notes.xhtml"]) {
		if x.name == "aside" {
			if x.attr["epub:type"] != "footnote" || x.attr["role"] != "doc-footnote" || x.aside != "" {
				t.Errorf("aside %v is not a top-level EPUB 3 footnote", x.attr)
			}
			asides[x.attr["id"]] = true
		}
		if x.name == "li" || x.attr["epub:type"] == "endnote" {
			t.Errorf("notes page still has list-style endnotes: %v", x.attr)
		}
		if x.attr["role"] == "doc-backlink" {
			backs = append(backs, x)
		}
	}
	if len(asides) != notes {
		t.Errorf("%d footnote asides, want %d", len(asides), notes)
	}
	refs := map[string]string{} // "file#id" of a noteref → aside it targets
	reached := map[string]bool{}
	for _, name := range o.pages() {
		for _, x := range elements(t, o.files[name]) {
			if x.attr["epub:type"] != "noteref" {
				continue
			}
			target, ok := strings.CutPrefix(x.attr["href"], "notes.xhtml#")
			if !ok || !asides[target] {
				t.Errorf("%s: noteref %v does not point at a footnote aside", name, x.attr)
			}
			refs[path.Base(name)+"#"+x.attr["id"]] = target
			reached[target] = true
		}
	}
	for id := range asides {
		if !reached[id] {
			t.Errorf("aside %s is the target of no noteref", id)
		}
	}
	files := map[string]bool{}
	for _, b := range backs {
		if b.aside == "" {
			t.Errorf("back-link %v is outside every aside", b.attr)
		}
		if refs[b.attr["href"]] != b.aside {
			t.Errorf("back-link %s in aside %s does not return to a reference to it", b.attr["href"], b.aside)
		}
		files[strings.Split(b.attr["href"], "#")[0]] = true
	}
	if len(backs) < len(refs) {
		t.Errorf("%d back-links for %d references", len(backs), len(refs))
	}
	return files
}

func TestNotesPopUpAndReadAsEndnotes(t *testing.T) {
	data, _ := build(t, richDoc(t))
	o := open(t, data)
	// The rich document is split; its references are in the first and
	// third files, so the back-links cross files.
	files := checkNotes(t, o, 2)
	if !files["text-001.xhtml"] || !files["text-003.xhtml"] || len(files) != 2 {
		t.Errorf("back-links go to %v, want text-001.xhtml and text-003.xhtml", files)
	}
	notes := string(o.files["EPUB/xhtml/notes.xhtml"])
	for _, s := range []string{
		`<section class="footnotes" epub:type="endnotes" role="doc-endnotes">` + "\n" + `<h2 dir="auto">Notes</h2>`,
		`<aside id="fn-1" class="footnote" epub:type="footnote" role="doc-footnote" dir="auto">` + "\n" + `<p dir="auto"><span class="footnote-label">1.</span> Measured at low tide. <a class="footnote-back" href="text-001.xhtml#fnref-1"`,
		`href="text-003.xhtml#fnref-1-2"`,
	} {
		if !strings.Contains(notes, s) {
			t.Errorf("notes page lacks %s:\n%s", s, notes)
		}
	}
	if !strings.Contains(string(o.files["EPUB/xhtml/text-001.xhtml"]), `href="notes.xhtml#fn-1" id="fnref-1" epub:type="noteref"`) {
		t.Errorf("note reference is not an EPUB 3 noteref into the notes page")
	}
	// The notes page is in the linear spine (read as endnotes) and named in
	// the nav and the landmarks.
	last := o.opf.Spine.Items[len(o.opf.Spine.Items)-1]
	if last.Idref != "notes.xhtml" || last.Linear == "no" {
		t.Errorf("spine ends with %+v, want the linear notes page", last)
	}
	nav := string(o.files["EPUB/nav.xhtml"])
	if !strings.Contains(nav, `<li><a href="xhtml/notes.xhtml">Notes</a></li>`) || !strings.Contains(nav, `<a epub:type="endnotes" href="xhtml/notes.xhtml">Notes</a>`) {
		t.Errorf("nav does not list the notes page:\n%s", nav)
	}
	text := string(o.files["EPUB/xhtml/text-002.xhtml"])
	for _, s := range []string{`<figure>`, `src="../images/img-3f2a9c1d.png"`, `alt="Survey boat at dawn"`, `Credit: M. Osei`, `<table>`, `<pre><code class="language-python">`} {
		if !strings.Contains(text, s) {
			t.Errorf("text-002 lacks %s", s)
		}
	}
}

func TestNotesHeadingIsInTheBooksLanguage(t *testing.T) {
	for _, lang := range []string{"de", "ar", "ru"} {
		d := richDoc(t)
		d.Meta.Lang = lang
		data, _ := build(t, d)
		o := open(t, data)
		checkNotes(t, o, 2)
		want := "<h2 dir=\"auto\">" + doc.LabelsFor(lang).Notes + "</h2>"
		if !strings.Contains(string(o.files["EPUB/xhtml/notes.xhtml"]), want) {
			t.Errorf("%s: notes page lacks %s", lang, want)
		}
	}
}

func TestRightToLeft(t *testing.T) {
	data, _ := build(t, arabicDoc())
	o := open(t, data)
	if o.opf.Spine.Ppd != "rtl" {
		t.Errorf("spine page-progression-direction = %q, want rtl", o.opf.Spine.Ppd)
	}
	for _, name := range o.pages() {
		if !strings.Contains(string(o.files[name]), `lang="ar" xml:lang="ar" dir="rtl"`) {
			t.Errorf("%s is not marked rtl", name)
		}
	}
	if !strings.Contains(string(o.files["EPUB/nav.xhtml"]), "<h1>المحتويات</h1>") {
		t.Error("nav heading not in Arabic")
	}
	data, _ = build(t, simpleDoc())
	if ppd := open(t, data).opf.Spine.Ppd; ppd != "" {
		t.Errorf("ltr book has page-progression-direction %q", ppd)
	}
}

func TestHostileMetadataIsEscapedAndFiltered(t *testing.T) {
	data, ws := build(t, hostileDoc())
	o := open(t, data)
	illegal := regexp.MustCompile("[\x00-\x08\x0b\x0c\x0e-\x1f\uFFFE\uFFFF]")
	for name, content := range o.files {
		if strings.HasSuffix(name, ".png") {
			continue
		}
		if illegal.Match(content) {
			t.Errorf("%s contains a character illegal in XML", name)
		}
		if bytes.Contains(content, []byte("<script")) {
			t.Errorf("%s contains a script element", name)
		}
		if bytes.Contains(content, []byte("javascript:")) && !bytes.Contains(content, []byte("<dc:source>javascript:")) && !bytes.Contains(content, []byte("Source: javascript:")) {
			t.Errorf("%s links javascript:", name)
		}
	}
	wantTitle := hostileTitle
	if got := o.opf.Metadata.Title; len(got) != 1 || got[0] != wantTitle {
		t.Errorf("dc:title = %q, want only %q", got, wantTitle)
	}
	if got := o.opf.Metadata.Desc; got != "a]]>b" {
		t.Errorf("dc:description = %q, want the subtitle a]]>b", got)
	}
	if !strings.Contains(string(o.files["EPUB/toc.ncx"]), "<text>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; ]]&gt; \u202E</text>") {
		t.Errorf("NCX title not escaped")
	}
	if bytes.Contains(o.files["EPUB/xhtml/title.xhtml"], []byte(`<a href="javascript`)) {
		t.Error("javascript: source became a link")
	}
	if !strings.Contains(names(ws), "unsafe-url") {
		t.Errorf("no unsafe-url warning: %v", names(ws))
	}
}

func TestTwoBuildsAreByteIdentical(t *testing.T) {
	for name, d := range fixtures(t) {
		a, _ := build(t, d)
		b, _ := build(t, d)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two builds differ", name)
		}
	}
}

func TestConcurrentBuildsMatchSerialOnes(t *testing.T) {
	docs := fixtures(t)
	want := map[string][]byte{}
	for name, d := range docs {
		want[name], _ = build(t, d)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for i := 0; i < 4; i++ {
		for name := range docs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var out bytes.Buffer
				if err := New(Options{SourceDate: testDate}).Write(context.Background(), fixtures(t)[name], &out); err != nil {
					errs <- name + ": " + err.Error()
					return
				}
				if !bytes.Equal(out.Bytes(), want[name]) {
					errs <- name + ": concurrent build differs from the serial one"
				}
			}()
		}
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func TestGeneratedCover(t *testing.T) {
	data, _ := build(t, simpleDoc())
	o := open(t, data)
	img, err := png.Decode(bytes.NewReader(o.files["EPUB/images/cover.png"]))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() < 1200 || b.Dy() < 1800 {
		t.Errorf("cover is %v, want at least 1200×1800", b)
	}
	p, ok := img.(*image.Paletted)
	if !ok || len(p.Palette) > 17 {
		t.Errorf("cover is %T, want a paletted image of at most 17 colours", img)
	}
	if !strings.Contains(string(o.files["EPUB/xhtml/cover.xhtml"]), `alt="The Quiet Harbour"`) {
		t.Error("cover image's alt is not the title")
	}
}

func TestGivenCoverIsUsed(t *testing.T) {
	d := coverDoc(t)
	data, _ := build(t, d)
	o := open(t, data)
	if !bytes.Equal(o.files["EPUB/images/cover.png"], d.Resources[0].Data) {
		t.Error("the document's cover resource is not the book's cover")
	}
}

func TestOPFGolden(t *testing.T) {
	data, _ := build(t, simpleDoc())
	o := open(t, data)
	for _, name := range []string{opfName, "EPUB/nav.xhtml", "EPUB/toc.ncx", "EPUB/xhtml/title.xhtml", "EPUB/xhtml/text.xhtml"} {
		golden := filepath.Join("testdata", "simple", path.Base(name))
		if *update {
			os.MkdirAll(filepath.Dir(golden), 0o755)
			if err := os.WriteFile(golden, o.files[name], 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if !bytes.Equal(o.files[name], want) {
			t.Errorf("%s differs from %s (run go test -update and review the diff):\n%s", name, golden, o.files[name])
		}
	}
}

func TestEPUBCheck(t *testing.T) {
	checktool.Need(t, checktool.EPUBCheck)
	dir := t.TempDir()
	docs := fixtures(t)
	long := richDoc(t)
	long.Meta.Title = "Split"
	docs["rich-one-file"] = long
	for name, d := range docs {
		t.Run(name, func(t *testing.T) {
			t.Parallel() // most of the time is EPUBCheck's Java start-up
			w := New(Options{SourceDate: testDate})
			if name == "rich-one-file" {
				w.splitChars = 1 << 30
			}
			var out bytes.Buffer
			if err := w.Write(context.Background(), d, &out); err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(dir, name+".epub")
			if err := os.WriteFile(file, out.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			res, err := checktool.Run(t, checktool.EPUBCheck, file)
			if err != nil || !strings.Contains(res, "0 fatals / 0 errors / 0 warnings") {
				t.Errorf("EPUBCheck on %s (%v):\n%s", name, err, res)
			}
		})
	}
}

func BenchmarkWrite(b *testing.B) {
	for _, name := range []string{"simple", "rich"} {
		d := fixtures(b)[name]
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			w := New(Options{SourceDate: testDate})
			var out bytes.Buffer
			for b.Loop() {
				out.Reset()
				if err := w.Write(context.Background(), d, &out); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(out.Len()), "bytes/book")
		})
	}
}

// BenchmarkWriteParallel writes books from every core at once. go-epub's
// process-wide storage forces one mutex around its write (libMu); if that
// lock were the bottleneck, ns/op here would not drop below the serial
// BenchmarkWrite figure on a machine with more than one core. A CPU
// profile of BenchmarkWrite/rich puts go-epub's WriteTo, the locked part,
// at about 16% of a book (the cover's PNG encoding is about 45%), so the
// lock caps throughput only beyond about six cores.
func BenchmarkWriteParallel(b *testing.B) {
	d := fixtures(b)["rich"]
	w := New(Options{SourceDate: testDate})
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		var out bytes.Buffer
		for pb.Next() {
			out.Reset()
			if err := w.Write(context.Background(), d, &out); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

func ExampleWriter_Write() {
	var out bytes.Buffer
	d := &doc.Document{Meta: doc.Meta{Title: "Hello", Lang: "en"}, Blocks: []doc.Block{para(txt("World."))}}
	if err := New(Options{}).Write(context.Background(), d, &out); err != nil {
		fmt.Println(err)
	}
	fmt.Println(string(out.Bytes()[30:58]))
	// Output: mimetypeapplication/epub+zip
}

// go-epub is handed one-pixel stand-ins for PNG, JPEG and GIF images; the
// book must hold the real files, listed with their own media types.
func TestImagesAreTheRealFiles(t *testing.T) {
	src := image.NewRGBA(image.Rect(0, 0, 30, 20))
	for i := range src.Pix {
		src.Pix[i] = uint8(i * 7)
	}
	var p, j, g bytes.Buffer
	if png.Encode(&p, src) != nil || jpeg.Encode(&j, src, nil) != nil || gif.Encode(&g, src, nil) != nil {
		t.Fatal("encoding test images")
	}
	res := []*doc.Resource{
		{Name: "img-a.png", MediaType: "image/png", Width: 30, Height: 20, Data: p.Bytes()},
		{Name: "img-b.jpg", MediaType: "image/jpeg", Width: 30, Height: 20, Data: j.Bytes()},
		{Name: "img-c.gif", MediaType: "image/gif", Width: 30, Height: 20, Data: g.Bytes()},
	}
	d := &doc.Document{Meta: doc.Meta{Title: "Three Images", Lang: "en"}, Resources: res}
	for _, r := range res {
		d.Blocks = append(d.Blocks, &doc.Figure{Ref: r.Name, Src: r.Name, Alt: "A picture"})
	}
	data, _ := build(t, d)
	o := open(t, data)
	for _, r := range res {
		var found bool
		for name, body := range o.files {
			if !bytes.Equal(body, r.Data) {
				continue
			}
			found = true
			for _, it := range o.opf.Manifest {
				if "EPUB/"+it.Href == name && it.MediaType != r.MediaType {
					t.Errorf("%s listed as %s, want %s", name, it.MediaType, r.MediaType)
				}
			}
		}
		if !found {
			t.Errorf("%s: the book does not hold the real file", r.Name)
		}
	}
	for name, body := range o.files {
		for _, s := range standIns() {
			if bytes.Equal(body, s) {
				t.Errorf("%s is a one-pixel stand-in", name)
			}
		}
	}
}
