// Package epubzip reads a built EPUB back for tests: every file of the
// zip, in container order. It is the one EPUB reader the tests share.
package epubzip

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"testing"
)

// Entry is one file of an EPUB's zip: its zip header (name, method,
// times, extra field) and its bytes.
type Entry struct {
	zip.FileHeader
	Data []byte
}

// Read reads every file of an EPUB (the bytes of the book), failing the
// test when it is not a zip.
func Read(t testing.TB, b []byte) []Entry {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("epub: not a zip: %v", err)
	}
	var out []Entry
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
		out = append(out, Entry{FileHeader: f.FileHeader, Data: data})
	}
	return out
}

// ReadFile is Read for an EPUB on disk.
func ReadFile(t testing.TB, path string) []Entry {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return Read(t, b)
}

// Files returns the entries by name.
func Files(entries []Entry) map[string][]byte {
	m := make(map[string][]byte, len(entries))
	for _, e := range entries {
		m[e.Name] = e.Data
	}
	return m
}
