package epub

import (
	"strings"
	"testing"
	"time"
)

// epoch is the Unix epoch, the earliest date a zip entry may be asked for.
var epoch = time.Unix(0, 0).UTC()

func TestDosTimeClampsToTheZipEpoch(t *testing.T) {
	tests := []struct {
		name string
		in   time.Time
		date uint16
		tm   uint16
	}{
		{"1970 becomes 1980-01-01", epoch, 0<<9 | 1<<5 | 1, 0},
		{"document date kept", time.Date(2024, 3, 15, 10, 20, 30, 0, time.UTC), 44<<9 | 3<<5 | 15, 10<<11 | 20<<5 | 15},
		{"far future clamped", time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC), 127<<9 | 12<<5 | 31, 23<<11 | 59<<5 | 29},
	}
	for _, tt := range tests {
		d, c := dosTime(tt.in)
		if d != tt.date || c != tt.tm {
			t.Errorf("%s: got %#x %#x, want %#x %#x", tt.name, d, c, tt.date, tt.tm)
		}
	}
}

func TestSetPageLangRewritesGoEpubsRoot(t *testing.T) {
	in := `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">
  <head><title dir="auto">T</title></head>
  <body dir="auto"><p>x</p></body>
</html>`
	got := string(setPageLang([]byte(in), "ar", "rtl"))
	if !strings.Contains(got, `<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="ar" xml:lang="ar" dir="rtl">`) {
		t.Errorf("root not rewritten:\n%s", got)
	}
	if !strings.Contains(got, "<body><p>x</p></body>") {
		t.Errorf("body dir=auto not removed:\n%s", got)
	}
	if err := wellFormed([]byte(got)); err != nil {
		t.Error(err)
	}
}

func TestFinishRefusesAManifestNamingMissingFiles(t *testing.T) {
	p := &opfPackage{Manifest: []opfItem{{ID: "a", Href: "xhtml/a.xhtml", MediaType: "application/xhtml+xml"}}}
	if err := checkManifest(p, map[string][]byte{opfName: nil, mimetypeName: nil, containerName: nil}); err == nil {
		t.Error("missing page not reported")
	}
	files := map[string][]byte{opfName: nil, mimetypeName: nil, containerName: nil, "EPUB/xhtml/a.xhtml": nil, "EPUB/stray.txt": nil}
	if err := checkManifest(p, files); err == nil || !strings.Contains(err.Error(), "stray.txt") {
		t.Errorf("unlisted file not reported: %v", err)
	}
}

func TestRenderSortsTheManifestAndKeepsTheSpine(t *testing.T) {
	p, err := parseOPF([]byte(`<package xmlns="http://www.idpf.org/2007/opf"><manifest>
<item id="z" href="xhtml/z.xhtml" media-type="application/xhtml+xml"/>
<item id="c" href="images/cover.png" media-type="image/png" properties="cover-image"/>
<item id="a" href="css/a.css" media-type="text/css"/>
</manifest><spine toc="ncx" page-progression-direction="rtl"><itemref idref="z"/></spine></package>`))
	if err != nil {
		t.Fatal(err)
	}
	out := string(p.render("", "ar"))
	ia, ic, iz := strings.Index(out, `id="a"`), strings.Index(out, `id="c"`), strings.Index(out, `id="z"`)
	if !(ia < ic && ic < iz) {
		t.Errorf("manifest not sorted by href:\n%s", out)
	}
	for _, s := range []string{`<meta name="cover" content="c"/>`, `page-progression-direction="rtl"`, `<itemref idref="z"/>`} {
		if !strings.Contains(out, s) {
			t.Errorf("lacks %s:\n%s", s, out)
		}
	}
}

// A replacement for a file go-epub did not write (an image stored under
// another name than assemble expects) is an error, not an unlisted file.
func TestFinishRefusesToReplaceAMissingFile(t *testing.T) {
	raw, _, err := assemble(&book{title: "T", identifier: "urn:uuid:00000000-0000-4000-8000-000000000000", lang: "en", dir: "ltr"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = finish(raw, fixes{lang: "en", dir: "ltr", modified: epoch,
		replace: map[string][]byte{"EPUB/images/elsewhere.png": {1}}})
	if err == nil || !strings.Contains(err.Error(), "elsewhere.png") {
		t.Errorf("err = %v, want one naming the missing file", err)
	}
}
