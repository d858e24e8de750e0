package epub

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"hash/crc32"
	"io"
	"path"
	"sort"
	"strings"
	"time"

	"folio/pipeline/doc"
)

// fixes is what finish needs to know to repair go-epub's output.
type fixes struct {
	metadata string            // the OPF <metadata> children (metadataXML)
	lang     string            // BCP 47 tag for every XHTML page
	dir      string            // "ltr" or "rtl"
	modified time.Time         // zip entry times come from it
	replace  map[string][]byte // whole files written by Folio (nav, NCX)
	coverAlt string            // text alternative of the cover image
	// pageLang gives pages in another language than the book's (a pack's
	// articles) their own, by path in the zip.
	pageLang map[string]string
}

const (
	opfName       = "EPUB/package.opf"
	coverPage     = "EPUB/xhtml/cover.xhtml"
	mimetypeName  = "mimetype"
	containerName = "META-INF/container.xml"
)

// finish re-reads the zip go-epub wrote and writes it again with go-epub's
// defects repaired (engine.go, defects 3–10). It changes nothing else; each
// repair names the defect.
func finish(raw []byte, fx fixes) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		return nil, fmt.Errorf("epub: reading go-epub's output: %w", err)
	}
	files := make(map[string][]byte, len(zr.File))
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, "/") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("epub: %s: %w", f.Name, err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("epub: %s: %w", f.Name, err)
		}
		files[f.Name] = data
	}

	// go-epub defects 4 and 5: the NCX and nav are incomplete (see
	// navXHTML, tocNCX);
	// Folio's own versions replace them. Images go-epub was given as
	// stand-ins (see assemble) get their real bytes. Every file replaced
	// must be one go-epub wrote, or the manifest would not list it.
	for name, data := range fx.replace {
		if _, ok := files[name]; !ok {
			return nil, fmt.Errorf("epub: go-epub wrote no %s to replace", name)
		}
		files[name] = data
	}

	opf, ok := files[opfName]
	if !ok {
		return nil, fmt.Errorf("epub: go-epub wrote no %s", opfName)
	}
	pkg, err := parseOPF(opf)
	if err != nil {
		return nil, err
	}
	files[opfName] = pkg.render(fx.metadata, fx.lang)

	for name, data := range files {
		if strings.HasPrefix(name, "EPUB/xhtml/") && strings.HasSuffix(name, ".xhtml") {
			lang, dir := fx.lang, fx.dir
			if l, ok := fx.pageLang[name]; ok {
				lang, dir = l, "ltr"
				if doc.IsRTL(l) {
					dir = "rtl"
				}
			}
			data = setPageLang(data, lang, dir)
			if name == coverPage {
				data = setCoverAlt(data, fx.coverAlt)
			}
			files[name] = data
		}
	}

	// go-epub defect 9: some write errors (pages, the OPF, the TOC) are only
	// logged, leaving a book whose manifest names missing files. Refuse it.
	if err := checkManifest(pkg, files); err != nil {
		return nil, err
	}
	return writeZip(files, fx.modified)
}

// opfItem is one manifest entry as go-epub wrote it.
type opfItem struct {
	ID         string `xml:"id,attr"`
	Href       string `xml:"href,attr"`
	MediaType  string `xml:"media-type,attr"`
	Properties string `xml:"properties,attr"`
}

type opfItemref struct {
	Idref  string `xml:"idref,attr"`
	Linear string `xml:"linear,attr"`
}

type opfPackage struct {
	Manifest []opfItem `xml:"manifest>item"`
	Spine    struct {
		Toc   string       `xml:"toc,attr"`
		Ppd   string       `xml:"page-progression-direction,attr"`
		Items []opfItemref `xml:"itemref"`
	} `xml:"spine"`
}

func parseOPF(data []byte) (*opfPackage, error) {
	var p opfPackage
	if err := xml.Unmarshal(data, &p); err != nil {
		return nil, fmt.Errorf("epub: go-epub's package document: %w", err)
	}
	return &p, nil
}

// render writes the package document again around go-epub's manifest and
// spine.
//
// go-epub defect 6: dcterms:modified is the current time (so no two builds
// are alike); the manifest is in map order, different on every run; the
// metadata can hold only one author and no date, publisher, source,
// subjects, rights or accessibility properties. The manifest is sorted by
// href and the metadata replaced; the spine keeps go-epub's reading order
// and page-progression-direction.
func (p *opfPackage) render(metadata, lang string) []byte {
	items := append([]opfItem(nil), p.Manifest...)
	sort.Slice(items, func(i, j int) bool { return items[i].Href < items[j].Href })

	var x strings.Builder
	x.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	fmt.Fprintf(&x, "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"pub-id\" xml:lang=\"%s\">\n", esc(lang))
	x.WriteString("  <metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n")
	x.WriteString(metadata)
	for _, it := range items {
		if hasProperty(it.Properties, "cover-image") {
			// EPUB 2 readers (and Kindle) find the cover through this.
			fmt.Fprintf(&x, "    <meta name=\"cover\" content=\"%s\"/>\n", esc(it.ID))
			break
		}
	}
	x.WriteString("  </metadata>\n  <manifest>\n")
	for _, it := range items {
		fmt.Fprintf(&x, "    <item id=\"%s\" href=\"%s\" media-type=\"%s\"", esc(it.ID), esc(it.Href), esc(it.MediaType))
		if it.Properties != "" {
			fmt.Fprintf(&x, " properties=\"%s\"", esc(it.Properties))
		}
		x.WriteString("/>\n")
	}
	x.WriteString("  </manifest>\n  <spine")
	if p.Spine.Toc != "" {
		fmt.Fprintf(&x, " toc=\"%s\"", esc(p.Spine.Toc))
	}
	if p.Spine.Ppd != "" {
		fmt.Fprintf(&x, " page-progression-direction=\"%s\"", esc(p.Spine.Ppd))
	}
	x.WriteString(">\n")
	for _, r := range p.Spine.Items {
		fmt.Fprintf(&x, "    <itemref idref=\"%s\"", esc(r.Idref))
		if r.Linear != "" {
			fmt.Fprintf(&x, " linear=\"%s\"", esc(r.Linear))
		}
		x.WriteString("/>\n")
	}
	x.WriteString("  </spine>\n</package>\n")
	return []byte(x.String())
}

func hasProperty(list, p string) bool {
	for _, f := range strings.Fields(list) {
		if f == p {
			return true
		}
	}
	return false
}

// setPageLang puts the language and direction on a page's root element.
//
// go-epub defect 7: its pages carry no lang or xml:lang at all, and put
// dir="auto" on <body>, which overrides the document's direction with a
// guess from the first letter. The <html> start tag is rewritten and the
// body's dir="auto" removed so the page inherits the root's direction.
func setPageLang(page []byte, lang, dir string) []byte {
	start := bytes.Index(page, []byte("<html"))
	if start < 0 {
		return page
	}
	end := bytes.IndexByte(page[start:], '>')
	if end < 0 {
		return page
	}
	end += start + 1
	tag := fmt.Sprintf(`<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="%s" xml:lang="%s" dir="%s">`, esc(lang), esc(lang), dir)
	var out bytes.Buffer
	out.Grow(len(page) + 64)
	out.Write(page[:start])
	out.WriteString(tag)
	rest := page[end:]
	if i := bytes.Index(rest, []byte(`<body dir="auto">`)); i >= 0 {
		out.Write(rest[:i])
		out.WriteString("<body>")
		rest = rest[i+len(`<body dir="auto">`):]
	}
	out.Write(rest)
	return out.Bytes()
}

// setCoverAlt replaces the cover image's text alternative.
//
// go-epub defect 8: the cover page says alt="Cover Image" in English for
// every book; the book's title says more, in the book's language.
func setCoverAlt(page []byte, alt string) []byte {
	if alt == "" {
		return page
	}
	return bytes.Replace(page, []byte(`alt="Cover Image"`), []byte(`alt="`+esc(alt)+`"`), 1)
}

// checkManifest verifies that every manifest item exists and that every
// file of the book (but the container's own) is in the manifest.
func checkManifest(p *opfPackage, files map[string][]byte) error {
	listed := map[string]bool{opfName: true, mimetypeName: true, containerName: true}
	for _, it := range p.Manifest {
		name := path.Join("EPUB", it.Href)
		if _, ok := files[name]; !ok {
			return fmt.Errorf("epub: go-epub did not write %s", name)
		}
		listed[name] = true
	}
	for name := range files {
		if !listed[name] {
			return fmt.Errorf("epub: %s is not in the manifest", name)
		}
	}
	return nil
}

// writeZip writes the book in a fixed order with fixed times.
//
// go-epub defect 10: entries come in the in-memory storage's map order
// with an invalid MS-DOS date (0). Here mimetype is first and stored
// (OCF), container.xml second, the rest sorted by name; every entry gets
// the document's date (clamped to the zip epoch, 1980-01-01) and no extra
// fields, and already-compressed images are stored rather than deflated.
func writeZip(files map[string][]byte, modified time.Time) ([]byte, error) {
	names := make([]string, 0, len(files))
	for name := range files {
		if name != mimetypeName && name != containerName {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	names = append([]string{mimetypeName, containerName}, names...)

	date, clock := dosTime(modified)
	var buf bytes.Buffer
	size := 0
	for _, data := range files {
		size += len(data)
	}
	buf.Grow(size/2 + 4096)
	zw := zip.NewWriter(&buf)
	for _, name := range names {
		data, ok := files[name]
		if !ok {
			return nil, fmt.Errorf("epub: go-epub wrote no %s", name)
		}
		//lint:ignore SA1019 Modified would add an extended-timestamp extra field to every entry (bytes that change nothing for a reader); the MS-DOS fields alone keep the book as it was
		fh := &zip.FileHeader{Name: name, ModifiedDate: date, ModifiedTime: clock, Method: zip.Deflate}
		if name == mimetypeName || precompressed(name) {
			fh.Method = zip.Store
			fh.CRC32 = crc32.ChecksumIEEE(data)
			fh.CompressedSize64 = uint64(len(data))
			fh.UncompressedSize64 = uint64(len(data))
			w, err := zw.CreateRaw(fh)
			if err != nil {
				return nil, err
			}
			if _, err := w.Write(data); err != nil {
				return nil, err
			}
			continue
		}
		w, err := zw.CreateHeader(fh)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func precompressed(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".png", ".jpg", ".jpeg", ".gif", ".webp":
		return true
	}
	return false
}

// dosTime converts t to the MS-DOS date and time zip headers carry,
// clamped to the range they can express (1980–2107).
func dosTime(t time.Time) (date, clock uint16) {
	t = t.UTC()
	if t.Year() < 1980 {
		t = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	if t.Year() > 2107 {
		t = time.Date(2107, 12, 31, 23, 59, 58, 0, time.UTC)
	}
	date = uint16((t.Year()-1980)<<9 | int(t.Month())<<5 | t.Day())
	clock = uint16(t.Hour()<<11 | t.Minute()<<5 | t.Second()/2)
	return date, clock
}
