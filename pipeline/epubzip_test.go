package pipeline

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"testing"
)

// epubEntry is one file of an EPUB's zip, in container order.
type epubEntry struct {
	name string
	data []byte
}

// epubEntries reads every file of an EPUB (the bytes of the book).
func epubEntries(t testing.TB, b []byte) []epubEntry {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("epub: %v", err)
	}
	var out []epubEntry
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("epub: %s: %v", f.Name, err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("epub: %s: %v", f.Name, err)
		}
		out = append(out, epubEntry{f.Name, data})
	}
	return out
}

// epubFileEntries is epubEntries for an EPUB on disk.
func epubFileEntries(t testing.TB, path string) []epubEntry {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return epubEntries(t, b)
}

// wellFormedXML parses data strictly (HTML's named entities allowed, as
// XHTML readers accept them) and returns the first error.
func wellFormedXML(data []byte) error {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	dec.Entity = xml.HTMLEntity
	for {
		if _, err := dec.Token(); err != nil {
			if err == io.EOF {
				return nil
			}
			return err
		}
	}
}
