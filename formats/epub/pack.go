package epub

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"strings"

	"folio/formats/internal/typeset"
	"folio/pipeline/doc"
)

// WritePack renders a briefing pack as one book: a cover generated for the
// pack, a title page listing the articles (each linking to its chapter),
// then one chapter per article — its own title block at the head of its
// first file, its body, its own notes page — in the article's language.
// The nav nests each article's sections under its title; the metadata
// names the pack's editor and lists every article's source.
func (w *Writer) WritePack(ctx context.Context, p *doc.Pack, out io.Writer) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	b, err := w.planPack(ctx, p)
	if err != nil {
		return err
	}
	return emit(b, out)
}

func (w *Writer) planPack(ctx context.Context, p *doc.Pack) (*book, error) {
	m := &p.Meta
	b := &book{
		title:    clean(m.Title),
		subtitle: clean(m.Subtitle),
		date:     dcDate(m.Date),
		modified: modifiedTime(&doc.Meta{Date: m.Date}, w.opts.SourceDate),
	}
	if b.title == "" {
		b.title = "Briefing"
	}
	b.lang, _ = bookLang(m.Lang)
	b.dir = "ltr"
	if doc.IsRTL(b.lang) {
		b.dir = "rtl"
	}
	b.labels = doc.LabelsFor(b.lang)
	b.editors = packCreators(p)
	b.description = b.subtitle
	seen := map[string]bool{}
	for _, d := range p.Articles {
		if s := clean(d.Meta.Source); s != "" && !seen[s] {
			seen[s] = true
			b.sources = append(b.sources, s)
		}
	}
	b.identifier = packIdentifier(p)

	// Images of every article, each stored once (names come from the
	// content, so the same picture in two articles is one file).
	// An article's images are looked up by resource name while its chapter
	// is rendered (chapter reads imgs.byName), so each article gets its own
	// map; the book stores every distinct file once.
	imgs := &images{byName: map[string]*media{}, allAlt: true}
	perArticle := make([]*images, len(p.Articles))
	files := map[string]*media{}
	for i, d := range p.Articles {
		one := collectImages(ctx, d)
		perArticle[i] = one
		imgs.allAlt = imgs.allAlt && one.allAlt
		for _, md := range one.list {
			if prev, ok := files[md.file]; ok {
				if bytes.Equal(prev.data, md.data) {
					*md = *prev
					continue
				}
				// Two different images under one numbered name (trees read
				// from JSON may name resources freely): number this one anew.
				md.file = fmt.Sprintf("image-a%02d-%s", i+1, md.file)
			}
			files[md.file] = md
			imgs.list = append(imgs.list, md)
		}
	}
	b.images = imgs.list
	b.access = accessibility{images: len(imgs.list) > 0, allAlt: imgs.allAlt}

	data, err := typeset.DrawCover(typeset.Cover{
		Title:    b.title,
		Subtitle: b.subtitle,
		Kicker:   clean(m.Marking),
		Byline:   clean(m.Editor),
		Date:     clean(doc.ShowDate(m.Date, m.Lang)),
		Lang:     b.lang,
		RTL:      b.dir == "rtl",
	})
	if err != nil {
		return nil, fmt.Errorf("epub: cover: %w", err)
	}
	b.cover = &media{file: coverImageFile + ".png", mediaType: "image/png", data: data}

	title := &page{file: titleFile, title: b.title}
	b.pages = append(b.pages, title)
	b.packFileOf = map[string]string{}
	for i, d := range p.Articles {
		cs := w.chunks(d, bookTitle(d), articlePrefix(i), true)
		b.packStart = append(b.packStart, cs[0].file)
		for _, c := range cs {
			for _, id := range doc.PlaceIDs(c.blocks) {
				b.packFileOf[id] = c.file
			}
		}
	}
	var list []packEntry
	for i, d := range p.Articles {
		prefix := articlePrefix(i)
		ch := w.chapter(ctx, d, b, perArticle[i], prefix, true)
		if ch.notes != nil {
			ch.nav.children = append(ch.nav.children, ch.notes)
		}
		b.nav = append(b.nav, ch.nav)
		list = append(list, packEntry{title: ch.nav.title, href: strings.TrimPrefix(ch.nav.href, "xhtml/"), line: packLine(d, m.Lang)})
		if i == 0 && ch.firstBody != nil {
			b.landmarks = append(b.landmarks, landmark{"bodymatter", ch.nav.title, ch.nav.href})
		}
	}
	title.body = packTitlePage(b, m, list)
	b.landmarks = append([]landmark{
		{"cover", b.title, "xhtml/" + coverFile},
		{"titlepage", b.title, "xhtml/" + titleFile},
	}, b.landmarks...)
	return b, nil
}

// articlePrefix names the files of the i-th article (0-based).
func articlePrefix(i int) string { return fmt.Sprintf("a%02d-", i+1) }

// packEntry is one article on the pack's title page.
type packEntry struct{ title, href, line string }

// packLine is an article's source and date, as the pack lists them (the
// date in the pack's language).
func packLine(d *doc.Document, lang string) string {
	var parts []string
	for _, s := range []string{clean(d.Meta.SourceName()), clean(doc.ShowDate(d.Meta.Date, lang))} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " · ")
}

// packTitlePage is the pack's title page: title, standfirst, date, editor
// and marking, then the articles, each linking to its chapter.
func packTitlePage(b *book, m *doc.PackMeta, list []packEntry) string {
	var x strings.Builder
	x.WriteString("<section class=\"titlepage\" epub:type=\"titlepage\">\n")
	if mk := clean(m.Marking); mk != "" {
		fmt.Fprintf(&x, "<p class=\"marking\">%s</p>\n", esc(mk))
	}
	fmt.Fprintf(&x, "<h1>%s</h1>\n", esc(b.title))
	if b.subtitle != "" {
		fmt.Fprintf(&x, "<p class=\"standfirst\">%s</p>\n", esc(b.subtitle))
	}
	if d := clean(doc.ShowDate(m.Date, m.Lang)); d != "" {
		fmt.Fprintf(&x, "<p class=\"date\"><time%s>%s</time></p>\n", datetimeAttr(m.Date), esc(d))
	}
	for _, e := range b.editors {
		fmt.Fprintf(&x, "<p class=\"byline\">%s</p>\n", esc(e))
	}
	fmt.Fprintf(&x, "<h2>%s</h2>\n<ol class=\"pack-list\">\n", esc(b.labels.Articles))
	for _, e := range list {
		fmt.Fprintf(&x, "<li><a href=\"%s\">%s</a>", esc(e.href), esc(e.title))
		if e.line != "" {
			fmt.Fprintf(&x, "<br/><span class=\"pack-src\">%s</span>", esc(e.line))
		}
		x.WriteString("</li>\n")
	}
	x.WriteString("</ol>\n</section>")
	return x.String()
}

// packIdentifier is a urn:uuid derived from the pack's metadata and its
// articles' identifiers, so the same pack always gets the same one.
func packIdentifier(p *doc.Pack) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00", p.Meta.Title, p.Meta.Subtitle, p.Meta.Date, p.Meta.Editor)
	for _, d := range p.Articles {
		fmt.Fprintf(h, "%s\x00", identifier(d))
	}
	return uuidURN(h.Sum(nil))
}

// pageLangs maps the pages written in another language than the book's
// to theirs, by path in the zip.
func pageLangs(b *book) map[string]string {
	out := map[string]string{}
	for _, pg := range b.pages {
		if pg.lang == "" {
			continue
		}
		if l, ok := bookLang(pg.lang); ok && l != b.lang {
			out["EPUB/xhtml/"+pg.file] = l
		}
	}
	return out
}

// packCreators names who stands behind a pack, for dc:creator: its
// editor; else the publisher (or source site) its articles share; else
// up to three of their publishers, in article order.
func packCreators(p *doc.Pack) []string {
	if e := clean(p.Meta.Editor); e != "" {
		return []string{e}
	}
	var names []string
	seen := map[string]bool{}
	for _, d := range p.Articles {
		n := clean(d.Meta.SourceName())
		if n == "" || seen[n] {
			continue
		}
		seen[n] = true
		names = append(names, n)
	}
	if len(names) > 3 {
		names = names[:3]
	}
	return names
}
