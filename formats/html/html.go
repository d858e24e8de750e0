// Package html writes a document as one standalone HTML page: the body
// rendered by formats/internal/markup, inside a page template and
// stylesheet embedded from assets. The page makes no request of its own:
// the CSS is inline, there are no scripts or web fonts, and images are
// data: URLs of the resource bytes.
//
// Decisions: the page shows only the dates the document states (Date and
// Updated, in words of the document's language from doc.ShowDate, with a
// machine-readable ISO <time> when they parse); a page carries no timestamp of its own, so SourceDate is
// accepted for the common writer contract but not printed. A table of
// contents appears when the document has three or more headings. Scheme-
// less relative links are kept (the page may sit beside the files they
// name); everything else follows the link policy in markup.
package html

import (
	"bytes"
	"context"
	"encoding/base64"
	htmltemplate "html/template"
	"io"
	"net/url"
	"strings"
	"time"

	"folio/assets"
	"folio/formats/internal/markup"
	"folio/pipeline/doc"
)

// Options configure the writer.
type Options struct {
	// Fragment writes only the body (markup and notes), no page template.
	Fragment bool
	// UnsafeHTML passes raw HTML from the input through.
	UnsafeHTML bool
	// SourceDate is the fallback timestamp of the writer contract; the HTML
	// page prints no timestamp of its own, so it is unused.
	SourceDate time.Time
}

// Writer writes HTML. It is safe for concurrent use.
type Writer struct{ opts Options }

// New returns a writer.
func New(opts Options) *Writer { return &Writer{opts: opts} }

// FragmentMark starts every fragment (--fragment). A page says it was
// made by Folio in its <head> (<meta name="generator">); a fragment has no
// head, so it says so in a comment, which a later run's folder search
// recognises so as not to take the fragment for an input. A comment shows
// nothing wherever the fragment is put.
const FragmentMark = "<!-- generator: Folio -->\n"

// generatorMeta is the mark every page's head carries (page.tmpl).
var generatorMeta = []byte(`<meta name="generator" content="Folio`)

// MarkWindow is how much of a file's start MadeByFolio needs: the mark
// comes after the title, description and author, so 64 KiB is ample.
const MarkWindow = 64 << 10

// MadeByFolio reports whether head, the start of an HTML file, is a page
// or fragment this writer made: a page's <head> carries the generator
// mark, a fragment starts with FragmentMark. A user's page that merely
// mentions the mark in its body is not.
func MadeByFolio(head []byte) bool {
	if bytes.HasPrefix(head, []byte(FragmentMark)) {
		return true
	}
	end := bytes.Index(head, []byte("</head>"))
	if end < 0 {
		end = len(head)
	}
	return bytes.Contains(head[:end], generatorMeta)
}

// page is parsed once; html/template is safe for concurrent Execute.
var page = htmltemplate.Must(htmltemplate.ParseFS(assets.FS(), "html/page.tmpl"))

// Write renders d to out.
func (w *Writer) Write(ctx context.Context, d *doc.Document, out io.Writer) error {
	labels := doc.LabelsFor(d.Meta.Lang)
	var body, notes bytes.Buffer
	cover := w.render(ctx, d, labels, 0, "", &body, &notes)
	if w.opts.Fragment {
		var frag bytes.Buffer
		frag.WriteString(FragmentMark)
		frag.Write(body.Bytes())
		frag.Write(notes.Bytes())
		_, err := out.Write(frag.Bytes())
		return err
	}
	var buf bytes.Buffer
	if err := page.ExecuteTemplate(&buf, "page.tmpl", pageData(d, labels, cover, &body, &notes)); err != nil {
		return err
	}
	_, err := out.Write(buf.Bytes())
	return err
}

// render writes d's body and notes; shift moves every heading that many
// levels down (an article in a pack sits one level below the pack), and
// idPrefix keeps the ids of its shared images apart from another
// article's. When the cover image is also in the body, the page header
// holds its one copy: render returns the cover drawn first (an SVG
// <image>), which the body's uses then draw again with <use>; otherwise
// it returns "" and the header shows the cover as an <img>.
func (w *Writer) render(ctx context.Context, d *doc.Document, labels doc.Labels, shift int, idPrefix string, body, notes *bytes.Buffer) htmltemplate.HTML {
	withCover := !w.opts.Fragment && coverURL(d) != ""
	shared := sharedImages(d, idPrefix, withCover)
	r := markup.New(markup.Options{
		SharedImages:       shared,
		UnsafeHTML:         w.opts.UnsafeHTML,
		NoteStyle:          markup.NotesHTML,
		Notes:              d.Notes,
		Resource:           d.Resource,
		ImageSrc:           dataURL,
		AllowRelativeLinks: true,
		BatchHref:          batchHref,
		Labels:             labels,
		HeadingIDs:         true,
		AnyScheme:          w.opts.UnsafeHTML,
		// A fragment is the body as the source wrote it, for the caller's
		// own page (Pandoc without -s): no direction hints, no table
		// wrapper, unresolved images as written.
		NoDirAuto:         w.opts.Fragment,
		NoTableWrap:       w.opts.Fragment,
		KeepUnresolvedSrc: w.opts.Fragment,
		HeadingShift:      shift,
	}, func(wr doc.Warning) { doc.Warn(ctx, wr) })
	var cover bytes.Buffer
	if _, ok := shared[d.Meta.CoverRef]; ok && withCover {
		r.Inlines(&cover, []doc.Inline{&doc.Image{Ref: d.Meta.CoverRef}})
	}
	r.Blocks(body, d.Blocks)
	r.Notes(notes, d.Notes, 2+shift)
	return htmltemplate.HTML(cover.String())
}

// coverURL is the data: URL of d's cover image, or "" when it has none
// the page can show.
func coverURL(d *doc.Document) string {
	if res := d.Resource(d.Meta.CoverRef); res != nil {
		return dataURL(res)
	}
	return ""
}

// sharedImages names the images d uses more than once, with the id of
// the one copy the page embeds (see markup.Options.SharedImages). The
// cover counts as a use when the page shows it.
func sharedImages(d *doc.Document, idPrefix string, withCover bool) map[string]string {
	uses := map[string]int{}
	if withCover {
		uses[d.Meta.CoverRef]++
	}
	doc.Walk(d, func(n doc.Node, entering bool) doc.WalkStatus {
		if !entering {
			return doc.WalkContinue
		}
		switch n := n.(type) {
		case *doc.Image:
			uses[n.Ref]++
		case *doc.Figure:
			uses[n.Ref]++
		}
		return doc.WalkContinue
	})
	shared := map[string]string{}
	for ref, n := range uses {
		if ref != "" && n > 1 {
			shared[ref] = idPrefix + "res-" + ref
		}
	}
	return shared
}

// dataURL embeds an image's bytes. Only raster and SVG image types are
// embedded; anything else shows the alt text.
func dataURL(res *doc.Resource) string {
	switch res.MediaType {
	case "image/png", "image/jpeg", "image/gif", "image/webp", "image/svg+xml", "image/avif":
		return "data:" + res.MediaType + ";base64," + base64.StdEncoding.EncodeToString(res.Data)
	}
	return ""
}

type source struct {
	Href htmltemplate.URL
	Text string
}

type stamp struct{ Machine, Text string }

type data struct {
	Lang, Dir, Title, Description, AuthorList, Kicker, Subtitle, Dateline, Rights string
	Authors, Tags                                                                 []string
	Date, Updated                                                                 *stamp
	Source                                                                        *source
	Cover                                                                         htmltemplate.URL
	// SharedCover is the cover drawn as the one copy of an image the body
	// uses too (see render); Cover is then unused.
	SharedCover htmltemplate.HTML
	TOC         []*doc.TOCEntry
	Labels      doc.Labels
	CSS         htmltemplate.CSS
	Body, Notes htmltemplate.HTML
	// InPack sets an article inside a pack: its title is an h2 under the
	// pack's h1.
	InPack bool
	// ID is the article's anchor in a pack.
	ID string
	// Line is the article's source and date, for the pack's contents.
	Line string
	// Pack is set on a pack's page.
	Pack *packData
}

// pageLang is the lang attribute for a tag: en when empty, und when it
// is not shaped like a BCP 47 tag.
func pageLang(tag string) string {
	lang := strings.TrimSpace(tag)
	if lang == "" {
		return "en"
	} else if _, ok := doc.LangTag(lang); !ok {
		return "und" // "undetermined" is valid where a malformed tag is not
	}
	return lang
}

func pageData(d *doc.Document, labels doc.Labels, cover htmltemplate.HTML, body, notes *bytes.Buffer) *data {
	m := &d.Meta
	c := markup.Clean
	p := &data{
		Lang:        pageLang(m.Lang),
		Dir:         m.Dir(),
		Title:       c(m.Title),
		Description: c(firstNonEmpty(m.Summary, m.Subtitle)),
		Subtitle:    c(m.Subtitle),
		Dateline:    c(m.Dateline),
		Rights:      c(m.Rights),
		Kicker:      c(joinNonEmpty(" · ", m.Section, m.Publisher)),
		Date:        newStamp(m.Date, m.Lang),
		Updated:     updatedStamp(m.Updated, m.Date, m.Lang),
		Source:      newSource(m.Source),
		Labels:      labels,
		CSS:         htmltemplate.CSS(assets.PageCSS()),
		Body:        htmltemplate.HTML(body.String()),
		Notes:       htmltemplate.HTML(notes.String()),
	}
	if p.Title == "" {
		p.Title = "Untitled"
	}
	for _, a := range m.Authors {
		if a = strings.TrimSpace(c(a)); a != "" {
			p.Authors = append(p.Authors, a)
		}
	}
	p.AuthorList = strings.Join(p.Authors, ", ")
	for _, t := range m.Tags {
		if t = strings.TrimSpace(c(t)); t != "" {
			p.Tags = append(p.Tags, t)
		}
	}
	if countTOC(d.TOC) >= 3 {
		p.TOC = cleanTOC(d.TOC)
	}
	if cover != "" {
		p.SharedCover = cover
	} else {
		p.Cover = htmltemplate.URL(coverURL(d))
	}
	return p
}

func countTOC(es []*doc.TOCEntry) int {
	n := 0
	for _, e := range es {
		if e != nil {
			n += 1 + countTOC(e.Children)
		}
	}
	return n
}

func cleanTOC(es []*doc.TOCEntry) []*doc.TOCEntry {
	var out []*doc.TOCEntry
	for _, e := range es {
		if e != nil {
			out = append(out, &doc.TOCEntry{Level: e.Level, ID: markup.Clean(e.ID), Title: markup.Clean(e.Title), Children: cleanTOC(e.Children)})
		}
	}
	return out
}

// newStamp returns a date for display in the document's language
// (doc.ShowDate), with a machine-readable ISO form when it parses.
// updatedStamp is the stamp of an update, nil when it shows the same as
// the date of publication (an update on the same day: "28 January 2022 ·
// Updated 28 January 2022" says nothing).
func updatedStamp(updated, date, lang string) *stamp {
	u, d := newStamp(updated, lang), newStamp(date, lang)
	if u != nil && d != nil && u.Text == d.Text {
		return nil
	}
	return u
}

func newStamp(s, lang string) *stamp {
	s = strings.TrimSpace(markup.Clean(s))
	if s == "" {
		return nil
	}
	return &stamp{Text: doc.ShowDate(s, lang), Machine: doc.MachineDate(s)}
}

// newSource shows the source's host as a link when the URL is http(s), and
// the URL as plain text otherwise.
func newSource(s string) *source {
	s = strings.TrimSpace(markup.Clean(s))
	if s == "" {
		return nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return &source{Text: s}
	}
	return &source{Href: htmltemplate.URL(u.String()), Text: strings.TrimPrefix(u.Hostname(), "www.")}
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return strings.TrimSpace(s)
		}
	}
	return ""
}

func joinNonEmpty(sep string, ss ...string) string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return strings.Join(out, sep)
}

// batchHref links to another input of the run: its page (and heading),
// or, in a pack, its article (and heading) on this page.
func batchHref(b *doc.BatchTarget) string {
	switch {
	case b.Article > 0 && b.ID != "":
		return "#" + b.ID
	case b.Article > 0:
		return "#" + articleID(b.Article-1)
	case b.ID != "":
		return b.Base + ".html#" + b.ID
	}
	return b.Base + ".html"
}
