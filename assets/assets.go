// Package assets holds the files Folio's writers embed in what they write:
// the HTML page template and its stylesheet (and, in subpackages, fonts).
// Everything is compiled into the binary with embed.FS, so a writer never
// reads from disk and a page never fetches anything.
package assets

import (
	"embed"
	"io/fs"
)

//go:embed html/page.tmpl html/page.css html/pack.css
var files embed.FS

// FS returns the embedded files, read-only. Paths: "html/page.tmpl"
// (an html/template page), "html/page.css" (its stylesheet) and
// "html/pack.css" (what a briefing pack's page adds).
func FS() fs.FS { return files }

// PageCSS returns the HTML page's stylesheet.
func PageCSS() string { return embedded("html/page.css") }

// PackCSS returns what a briefing pack's page adds to PageCSS.
func PackCSS() string { return embedded("html/pack.css") }

func embedded(name string) string {
	b, err := files.ReadFile(name)
	if err != nil { // the file is compiled in; this cannot happen
		panic(err)
	}
	return string(b)
}
