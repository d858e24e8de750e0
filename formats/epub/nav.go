package epub

import (
	"fmt"
	"strings"
)

// navEntry is one line of the table of contents. Href is relative to the
// package document (EPUB/), like nav.xhtml and toc.ncx themselves.
type navEntry struct {
	title    string
	href     string
	children []*navEntry
}

// landmark is an entry of the EPUB 3 landmarks nav (cover, start of text).
type landmark struct {
	epubType, title, href string
}

// xhtmlOpen is the start of every XHTML file Folio writes itself.
func xhtmlOpen(lang, dir, title, css string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n<!DOCTYPE html>\n")
	fmt.Fprintf(&b, `<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="%s" xml:lang="%s" dir="%s">`+"\n", esc(lang), esc(lang), dir)
	fmt.Fprintf(&b, "<head>\n<meta charset=\"utf-8\"/>\n<title>%s</title>\n", esc(title))
	if css != "" {
		fmt.Fprintf(&b, "<link rel=\"stylesheet\" type=\"text/css\" href=\"%s\"/>\n", css)
	}
	b.WriteString("</head>\n")
	return b.String()
}

// navXHTML renders nav.xhtml: the nested table of contents and landmarks.
//
// go-epub defect 4: its nav lists whole section files only (no heading
// anchors inside a file), is headed "Table of Contents" in English whatever
// the language, and has no landmarks; finish replaces it with this file.
func navXHTML(b *book) []byte {
	var x strings.Builder
	x.WriteString(xhtmlOpen(b.lang, b.dir, b.labels.Contents, "css/"+styleFile))
	x.WriteString("<body>\n<nav epub:type=\"toc\" id=\"toc\" role=\"doc-toc\">\n")
	fmt.Fprintf(&x, "<h1>%s</h1>\n", esc(b.labels.Contents))
	writeNavList(&x, b.nav)
	x.WriteString("</nav>\n")
	if len(b.landmarks) > 0 {
		x.WriteString("<nav epub:type=\"landmarks\" id=\"landmarks\" hidden=\"hidden\">\n<ol>\n")
		for _, l := range b.landmarks {
			fmt.Fprintf(&x, "<li><a epub:type=\"%s\" href=\"%s\">%s</a></li>\n", l.epubType, esc(l.href), esc(l.title))
		}
		x.WriteString("</ol>\n</nav>\n")
	}
	x.WriteString("</body>\n</html>\n")
	return []byte(x.String())
}

func writeNavList(x *strings.Builder, entries []*navEntry) {
	x.WriteString("<ol>\n")
	for _, e := range entries {
		fmt.Fprintf(x, "<li><a href=\"%s\">%s</a>", esc(e.href), esc(e.title))
		if len(e.children) > 0 {
			x.WriteString("\n")
			writeNavList(x, e.children)
		}
		x.WriteString("</li>\n")
	}
	x.WriteString("</ol>\n")
}

// tocNCX renders the EPUB 2 toc.ncx for older readers.
//
// go-epub defect 5: its NCX loses dtb:uid (the template's two head metas are
// read into one field), leaves dtb:depth and docAuthor empty, and nests only
// by file; finish replaces it with this file.
func tocNCX(b *book) []byte {
	var x strings.Builder
	x.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	fmt.Fprintf(&x, "<ncx xmlns=\"http://www.daisy.org/z3986/2005/ncx/\" version=\"2005-1\" xml:lang=\"%s\">\n", esc(b.lang))
	x.WriteString("<head>\n")
	fmt.Fprintf(&x, "<meta name=\"dtb:uid\" content=\"%s\"/>\n", esc(b.identifier))
	fmt.Fprintf(&x, "<meta name=\"dtb:depth\" content=\"%d\"/>\n", navDepth(b.nav))
	x.WriteString("<meta name=\"dtb:totalPageCount\" content=\"0\"/>\n<meta name=\"dtb:maxPageNumber\" content=\"0\"/>\n</head>\n")
	fmt.Fprintf(&x, "<docTitle><text>%s</text></docTitle>\n", esc(b.title))
	for _, a := range b.authors {
		fmt.Fprintf(&x, "<docAuthor><text>%s</text></docAuthor>\n", esc(a))
	}
	x.WriteString("<navMap>\n")
	order := 0
	writeNavPoints(&x, b.nav, &order)
	x.WriteString("</navMap>\n</ncx>\n")
	return []byte(x.String())
}

func writeNavPoints(x *strings.Builder, entries []*navEntry, order *int) {
	for _, e := range entries {
		*order++
		fmt.Fprintf(x, "<navPoint id=\"navpoint-%d\" playOrder=\"%d\">\n", *order, *order)
		fmt.Fprintf(x, "<navLabel><text>%s</text></navLabel>\n<content src=\"%s\"/>\n", esc(e.title), esc(e.href))
		writeNavPoints(x, e.children, order)
		x.WriteString("</navPoint>\n")
	}
}

func navDepth(entries []*navEntry) int {
	d := 0
	for _, e := range entries {
		if c := 1 + navDepth(e.children); c > d {
			d = c
		}
	}
	return d
}
