package assets

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
)

func TestPageFilesAreEmbedded(t *testing.T) {
	for _, name := range []string{"html/page.tmpl", "html/page.css"} {
		b, err := fs.ReadFile(FS(), name)
		if err != nil || len(b) == 0 {
			t.Errorf("%s: %v (%d bytes)", name, err, len(b))
		}
	}
}

// The page must make no request of its own: no remote fonts, imports or
// images in the stylesheet.
func TestStylesheetMakesNoRequests(t *testing.T) {
	css := PageCSS()
	if m := regexp.MustCompile(`(?i)@import|url\(|@font-face|https?://`).FindString(css); m != "" {
		t.Errorf("stylesheet contains %q", m)
	}
	for _, want := range []string{"prefers-color-scheme: dark", "@media print", "clamp("} {
		if !strings.Contains(css, want) {
			t.Errorf("stylesheet lacks %q", want)
		}
	}
}
