package epub

// The go-epub adapter. go-epub (github.com/go-shiori/go-epub) assembles the
// zip: assemble hands it the pages, stylesheet, images and cover, and
// finish (finish.go) re-reads what it wrote and repairs it. Every go-epub
// defect the writer works around, and how, with what shows each repair
// after the library is needed (EPUBCheck v4.2.6 is clean with and without
// every one of them, so none is kept for EPUBCheck; the samples are
// testdata/samples/briefing.md and testdata/articles/arabic.txt):
//
//  1. Its storage is process-wide and the in-memory one has no lock: two
//     books written at once corrupt each other. libMu and a fresh MemoryFS
//     per book (TestConcurrentBuildsMatchSerialOnes).
//  2. It fetches media URLs with http.DefaultClient and tries even data:
//     URLs as local files and URLs: only data: URLs that neither open nor
//     parse are given (dataURL), through a client that refuses every
//     request (offlineClient). Its data: parser rejects some media types
//     (font/*): those go as application/octet-stream.
//  3. It decodes, deflates and re-reads every image it is given: a
//     one-pixel stand-in of the same type goes in, finish puts the real
//     file back (assemble; about a millisecond for a generated cover, held
//     under libMu).
//  4. Its nav lists whole files only, is headed "Table of Contents" in
//     English and has no landmarks: finish replaces it with navXHTML.
//     Measured: the briefing's nav has 3 links without it, 13 with it (one
//     per heading); the Arabic book's is headed "Table of Contents".
//  5. Its NCX loses dtb:uid and leaves depth and docAuthor empty: replaced
//     by tocNCX. Measured: the briefing's NCX has no dtb:uid without it.
//  6. Its package document has dcterms:modified from the clock, the
//     manifest in map order, and room for one author and no date,
//     publisher, source, subjects, rights or accessibility metadata:
//     finish renders it again (opfPackage.render, metadataXML). Measured:
//     two builds of the briefing a second apart differ without it; Ace
//     reports epub-lang, metadata-accessmode, -accessmodesufficient,
//     -accessibilityfeature, -accessibilityhazard and
//     -accessibilitysummary on the Arabic book without it, nothing with
//     it.
//  7. Its pages carry no lang or xml:lang and put dir="auto" on <body>:
//     setPageLang. Measured: Ace reports html-has-lang (serious) on the
//     Arabic book's three pages without it, nothing with it.
//  8. Its cover page says alt="Cover Image" in English for every book:
//     setCoverAlt gives the title. Measured: the Arabic book's cover says
//     "Cover Image" without it.
//  9. Some write errors (pages, the package document, the TOC) are only
//     logged: checkManifest refuses a book whose manifest names a file
//     that is not there.
// 10. Its zip entries come in map order with an invalid MS-DOS date (0,
//     shown as 1980-00-00), and images are deflated again: writeZip writes
//     mimetype first and stored, container.xml second, the rest by name,
//     dated with the document's date, images stored. Measured: two builds
//     of the briefing list their entries in different orders without it.

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"net/http"
	"sync"

	goepub "github.com/go-shiori/go-epub"
)

// libMu serialises every go-epub call that touches the library's storage.
//
// go-epub defect 1: its storage is a package-level variable (epub.Use switches
// the whole process between the OS temp dir and an in-memory map), and the
// in-memory map has no lock, so two books written at once corrupt each other
// or crash. The default OS storage writes under os.TempDir() with random
// names instead. Folio uses the in-memory storage (no files on disk at all),
// installs a fresh one for every book, and holds this one mutex while it
// does so and while go-epub writes. It guards the library's process-wide
// state, not Folio's; everything else about a book is per call.
var libMu sync.Mutex

// refuseTransport fails every HTTP request.
//
// go-epub defect 2: media sources that look like URLs are fetched with
// http.DefaultClient (no timeout), and even data: URLs are tried as URLs.
// Folio hands go-epub only data: URLs, and this transport makes sure that
// nothing reaches the network whatever the library does with them.
type refuseTransport struct{}

var errNoNetwork = errors.New("folio: the EPUB writer never uses the network")

func (refuseTransport) RoundTrip(*http.Request) (*http.Response, error) {
	return nil, errNoNetwork
}

func offlineClient() *http.Client {
	return &http.Client{
		Transport: refuseTransport{},
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return errNoNetwork
		},
	}
}

// dataURL encodes bytes for go-epub.
//
// go-epub defect 2: media can only be given as a path, a URL or a data: URL,
// and when it copies a data: URL into the book it first tries to open it as
// a local file (os.Open(source)), then to fetch it over HTTP. The quoted
// parameter holding a NUL byte is legal in a data: URL (the library's parser
// accepts it and ignores the parameter) but makes os.Open fail with EINVAL
// before any system call and makes the URL unparsable for net/http, so the
// bytes can only come from the data: URL itself. Media types other than
// image/* and text/css are passed as application/octet-stream because the
// parser rejects some (font/*); go-epub sniffs the real type from the bytes.
func dataURL(mediaType string, data []byte) string {
	var b bytes.Buffer
	b.Grow(len(data)*4/3 + 64)
	b.WriteString("data:")
	b.WriteString(mediaType)
	b.WriteString(";folio=\"\x00\";base64,")
	enc := base64.NewEncoder(base64.StdEncoding, &b)
	enc.Write(data)
	enc.Close()
	return b.String()
}

// standIns are one-pixel images of each type go-epub is handed in place of
// a book's real images (see assemble), made once per process.
var standIns = sync.OnceValue(func() map[string][]byte {
	img := image.NewGray(image.Rect(0, 0, 1, 1))
	var p, j, g bytes.Buffer
	if png.Encode(&p, img) != nil || jpeg.Encode(&j, img, nil) != nil || gif.Encode(&g, img, nil) != nil {
		panic("epub: cannot encode a one-pixel image")
	}
	return map[string][]byte{"image/png": p.Bytes(), "image/jpeg": j.Bytes(), "image/gif": g.Bytes()}
})

// assemble builds the book with go-epub and returns the zip it writes. The
// result still has go-epub's defects; finish repairs them.
//
// go-epub defect 3: go-epub gets a one-pixel stand-in of the same type
// for each PNG, JPEG or GIF (it reads only the type from the bytes), and
// finish puts the real file in its place: go-epub would otherwise decode the image from a
// base64 data: URL, deflate it into its zip and finish inflate it again,
// about a millisecond for a generated cover, all of it while holding
// libMu. The returned map holds the real files by their path in the zip.
func assemble(b *book) ([]byte, map[string][]byte, error) {
	files := map[string][]byte{}
	source := func(m *media) string {
		if s, ok := standIns()[m.mediaType]; ok {
			files["EPUB/images/"+m.file] = m.data
			return dataURL(m.mediaType, s)
		}
		return dataURL(m.mediaType, m.data)
	}
	raw, err := assembleWith(b, source)
	return raw, files, err
}

func assembleWith(b *book, source func(*media) string) ([]byte, error) {
	e, err := goepub.NewEpub(b.title)
	if err != nil {
		return nil, fmt.Errorf("epub: %w", err)
	}
	e.Client = offlineClient()
	// The identifier is fixed here so go-epub's random UUID never appears.
	e.SetIdentifier(b.identifier)
	e.SetLang(b.lang)
	e.SetDescription(b.description)
	if len(b.authors) > 0 {
		e.SetAuthor(b.authors[0])
	}
	if b.dir == "rtl" {
		e.SetPpd("rtl")
	}

	cssPath, err := e.AddCSS(dataURL("text/css", []byte(styleSheet)), styleFile)
	if err != nil {
		return nil, fmt.Errorf("epub: stylesheet: %w", err)
	}
	for _, img := range b.images {
		if _, err := e.AddImage(source(img), img.file); err != nil {
			return nil, fmt.Errorf("epub: image %s: %w", img.file, err)
		}
	}
	if b.cover != nil {
		p, err := e.AddImage(source(b.cover), b.cover.file)
		if err != nil {
			return nil, fmt.Errorf("epub: cover: %w", err)
		}
		if err := e.SetCover(p, cssPath); err != nil {
			return nil, fmt.Errorf("epub: cover: %w", err)
		}
	}
	for _, pg := range b.pages {
		if _, err := e.AddSection(pg.body, pg.title, pg.file, cssPath); err != nil {
			return nil, fmt.Errorf("epub: page %s: %w", pg.file, err)
		}
	}

	var out bytes.Buffer
	libMu.Lock()
	defer libMu.Unlock()
	if err := goepub.Use(goepub.MemoryFS); err != nil {
		return nil, fmt.Errorf("epub: %w", err)
	}
	if _, err := e.WriteTo(&out); err != nil {
		return nil, fmt.Errorf("epub: %w", err)
	}
	return out.Bytes(), nil
}
