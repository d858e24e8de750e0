package epub

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"sync"

	"folio/formats/internal/markup"
	"folio/pipeline/doc"
)

const (
	titleFile = "title.xhtml"
	notesFile = "notes.xhtml"
	coverFile = "cover.xhtml" // go-epub's name for the cover page
)

// images is the set of image resources the body uses.
type images struct {
	list   []*media
	byName map[string]*media
	allAlt bool
}

// coreImage reports whether an image type is an EPUB core media type that
// every reading system shows without a fallback. SVG is left out on
// purpose: it can carry scripts.
func coreImage(mediaType string) bool {
	switch mediaType {
	case "image/png", "image/jpeg", "image/gif":
		return true
	}
	return false
}

var safeFileName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z][A-Za-z0-9._-]{0,100}$`) })

// collectImages finds the resources the body shows, in document order, and
// warns about images without alt text and types the book cannot carry.
func collectImages(ctx context.Context, d *doc.Document) *images {
	imgs := &images{byName: map[string]*media{}, allAlt: true}
	use := func(ref, alt string, pos doc.Pos) {
		r := d.Resource(ref)
		if r == nil {
			return
		}
		if !coreImage(r.MediaType) {
			doc.Warn(ctx, doc.Warning{Pos: pos, Code: "unsupported-image", Message: "image " + quote(ref) + " of type " + quote(r.MediaType) + " left out of the EPUB; alt text shown"})
			return
		}
		if strings.TrimSpace(alt) == "" {
			imgs.allAlt = false
			doc.Warn(ctx, doc.Warning{Pos: pos, Code: "image-no-alt", Message: "image " + quote(ref) + " has no alt text"})
		}
		if _, ok := imgs.byName[r.Name]; ok {
			return
		}
		m := &media{file: imageFile(r, len(imgs.list)+1), mediaType: r.MediaType, data: r.Data}
		imgs.byName[r.Name] = m
		imgs.list = append(imgs.list, m)
	}
	doc.Walk(d, func(n doc.Node, entering bool) doc.WalkStatus {
		if !entering {
			return doc.WalkContinue
		}
		switch n := n.(type) {
		case *doc.Image:
			use(n.Ref, n.Alt, n.Pos)
		case *doc.Figure:
			use(n.Ref, n.Alt, n.Pos)
		}
		return doc.WalkContinue
	})
	return imgs
}

// imageFile is the resource's name when it is a safe file name (the
// resolver derives it from the content), else a numbered one.
func imageFile(r *doc.Resource, n int) string {
	if safeFileName().MatchString(r.Name) && r.Name != coverImageFile {
		return r.Name
	}
	ext := map[string]string{"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif"}[r.MediaType]
	return fmt.Sprintf("image-%04d%s", n, ext)
}

// chunk is a run of body blocks that becomes one file.
type chunk struct {
	file   string
	title  string
	blocks []doc.Block
}

// splitBody cuts the body before every level-2 heading when the document
// is long; a short document stays one file.
func (w *Writer) splitBody(d *doc.Document, title string) []*chunk {
	if len(d.Blocks) == 0 {
		return nil
	}
	var chunks []*chunk
	if textSize(d.Blocks) > w.splitChars {
		cur := &chunk{title: title}
		for _, bl := range d.Blocks {
			if h, ok := bl.(*doc.Heading); ok && h.Level <= 2 && len(cur.blocks) > 0 {
				chunks = append(chunks, cur)
				cur = &chunk{}
			}
			if h, ok := bl.(*doc.Heading); ok && len(cur.blocks) == 0 {
				cur.title = clean(doc.PlainText(h.Content))
			}
			cur.blocks = append(cur.blocks, bl)
		}
		chunks = append(chunks, cur)
	}
	if len(chunks) <= 1 {
		return []*chunk{{file: "text.xhtml", title: title, blocks: d.Blocks}}
	}
	for i, c := range chunks {
		c.file = fmt.Sprintf("text-%03d.xhtml", i+1)
		if c.title == "" {
			c.title = title
		}
	}
	return chunks
}

// textSize is the amount of text in blocks, to decide on splitting.
func textSize(bs []doc.Block) int {
	n := 0
	doc.WalkBlocks(bs, func(node doc.Node, entering bool) doc.WalkStatus {
		if entering {
			switch t := node.(type) {
			case *doc.Text:
				n += len(t.Value)
			case *doc.Code:
				n += len(t.Value)
			case *doc.CodeBlock:
				n += len(t.Text)
			}
		}
		return doc.WalkContinue
	})
	return n
}

var idAttr = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(` id="([^"]+)"`) })

// paginate renders the title page, the body files and the notes page, and
// builds the table of contents and landmarks that point into them.
func (w *Writer) paginate(ctx context.Context, d *doc.Document, b *book, imgs *images) {
	ch := w.chapter(ctx, d, b, imgs, "", false)
	b.nav = append(b.nav, ch.nav)
	if ch.notes != nil {
		b.nav = append(b.nav, ch.notes)
	}
	if b.cover != nil {
		b.landmarks = append(b.landmarks, landmark{"cover", b.title, "xhtml/" + coverFile})
	}
	b.landmarks = append(b.landmarks, landmark{"titlepage", b.title, "xhtml/" + titleFile})
	if ch.firstBody != nil {
		b.landmarks = append(b.landmarks, landmark{"bodymatter", ch.firstBody.title, "xhtml/" + ch.firstBody.file})
	}
	if ch.notes != nil {
		b.landmarks = append(b.landmarks, landmark{"endnotes", b.labels.Notes, "xhtml/" + notesFile})
	}
}

// chapterPages is what chapter made of one document.
type chapterPages struct {
	nav       *navEntry // the document's title, its sections nested below
	notes     *navEntry // the notes page, or nil
	firstBody *page     // the first body file, or nil for an empty body
}

// chapter renders one document into b.pages: its title block, its body
// files and its notes page. Every file name starts with prefix. Alone
// (inPack false) the title block is a title page of its own; in a pack it
// heads the chapter's first file, and the notes page is named
// prefix+notesFile. It returns the nav entries for what it wrote.
// chunks are the files of d's body, named with prefix; in a pack there
// is always one, where the article's title block goes.
func (w *Writer) chunks(d *doc.Document, title, prefix string, inPack bool) []*chunk {
	chunks := w.splitBody(d, title)
	for _, c := range chunks {
		c.file = prefix + c.file
	}
	if inPack && len(chunks) == 0 {
		chunks = []*chunk{{file: prefix + "text.xhtml", title: title}}
	}
	return chunks
}

// packHref is the href of a link to another article of the pack.
func (b *book) packHref(t *doc.BatchTarget) string {
	if t.Article < 1 || t.Article > len(b.packStart) {
		return ""
	}
	if f, ok := b.packFileOf[t.ID]; ok && t.ID != "" {
		return f + "#" + t.ID
	}
	return b.packStart[t.Article-1]
}

func (w *Writer) chapter(ctx context.Context, d *doc.Document, b *book, imgs *images, prefix string, inPack bool) chapterPages {
	title := bookTitle(d)
	chunks := w.chunks(d, title, prefix, inPack)
	notesName := prefix + notesFile
	titleName := prefix + titleFile
	if inPack {
		titleName = chunks[0].file
	}

	// fileOf says which file holds each anchor, so internal links and
	// note back-links can cross files.
	fileOf := map[string]string{}
	for _, c := range chunks {
		for _, id := range doc.PlaceIDs(c.blocks) {
			fileOf[id] = c.file
		}
	}
	for _, n := range d.Notes {
		if n != nil {
			fileOf[n.ID] = notesName
			for _, id := range doc.PlaceIDs(n.Blocks) {
				fileOf[id] = notesName
			}
		}
	}
	current := ""
	href := func(id string, pos doc.Pos) string {
		if f, ok := fileOf[id]; ok {
			return f + "#" + id
		}
		// normalize's internal-links pass has warned, for every format.
		return current
	}
	labels := b.labels
	if inPack {
		lang, _ := bookLang(d.Meta.Lang)
		labels = doc.LabelsFor(lang)
	}
	r := markup.New(markup.Options{
		// No BatchExt: a link to another input's book (b.epub) is a
		// relative link out of the container, which EPUBCheck refuses
		// (RSC-007). Such a link stays text, or, with --base-url, goes
		// to the absolute URL the pipeline gave it.
		XHTML:      true,
		BatchHref:  b.packHref,
		UnsafeHTML: true,                  // RawBlock/RawInline survive only with --unsafe-html; markup keeps well-formed XHTML only
		NoteStyle:  markup.NotesEPUBAside, // see notesPage
		Notes:      d.Notes,
		Href:       href,
		Resource: func(name string) *doc.Resource {
			if _, ok := imgs.byName[name]; !ok {
				return nil
			}
			return d.Resource(name)
		},
		ImageSrc: func(res *doc.Resource) string {
			return "../images/" + imgs.byName[res.Name].file
		},
		Labels:     labels,
		HeadingIDs: true,
	}, func(wn doc.Warning) { doc.Warn(ctx, wn) })

	var out chapterPages
	var head string
	if inPack {
		head = titlePage(d, articleBook(d), false) + "\n"
	} else {
		b.pages = append(b.pages, &page{file: titleFile, title: b.title, body: titlePage(d, b, true)})
	}
	out.nav = &navEntry{title: title, href: "xhtml/" + titleName}
	var buf bytes.Buffer
	for i, c := range chunks {
		current = c.file
		buf.Reset()
		if i == 0 {
			buf.WriteString(head)
		}
		r.Blocks(&buf, c.blocks)
		body := buf.String()
		for _, m := range idAttr().FindAllStringSubmatch(body, -1) {
			if _, ok := fileOf[m[1]]; !ok {
				fileOf[m[1]] = c.file
			}
		}
		pg := &page{file: c.file, title: c.title, body: body}
		if inPack {
			pg.lang = d.Meta.Lang
		}
		b.pages = append(b.pages, pg)
		if out.firstBody == nil {
			out.firstBody = pg
		}
	}
	if len(d.Notes) > 0 {
		current = notesName
		pg := &page{file: notesName, title: labels.Notes, body: notesPage(r, d.Notes)}
		if inPack {
			pg.lang = d.Meta.Lang
		}
		b.pages = append(b.pages, pg)
		out.notes = &navEntry{title: labels.Notes, href: "xhtml/" + notesName}
	}

	toc := d.TOC
	if toc == nil {
		toc = tocFromHeadings(d.Blocks)
	}
	// The document's sections nest under its title: a book made from one
	// article is that article, and readers' contents views then show its
	// title with the sections indented beneath it, at every heading depth.
	out.nav.children = navEntries(toc, fileOf)
	return out
}

// notesPage renders the notes: each an <aside epub:type="footnote">, all of
// them on one page of their own at the end of the spine, headed with the
// "Notes" label in the book's language. The references in the text are
// epub:type="noteref" links into this page.
//
// Why one notes page rather than asides beside each paragraph:
//   - Apple Books opens a noteref's target aside as a pop-up wherever it is,
//     and hides footnote asides from the reading flow, so there the notes
//     page costs nothing;
//   - Kindle's pop-up notes (and Kobo's, on firmware that has them) work
//     for notes in another file that link back to their reference; links
//     within the same file often do nothing there;
//   - readers with no pop-up support (older Kobo and Adobe RMSDK readers,
//     many apps) would show asides placed in the text as interruptions in
//     the middle of it; on a page at the end they read as endnotes, the
//     reader follows the number there and the back-link (↩︎) returns.
//
// The page is in the linear spine so those readers reach it by paging too.
// Render it after every body file, on the same renderer: back-links go only
// to the references the body printed, each in its own file.
func notesPage(r *markup.Renderer, notes []*doc.Note) string {
	var buf bytes.Buffer
	r.Notes(&buf, notes, 2)
	return buf.String()
}

// navEntries turns the document's table of contents into nav entries that
// point at the file holding each heading.
func navEntries(toc []*doc.TOCEntry, fileOf map[string]string) []*navEntry {
	var out []*navEntry
	for _, e := range toc {
		if e == nil {
			continue
		}
		children := navEntries(e.Children, fileOf)
		f, ok := fileOf[e.ID]
		title := clean(e.Title)
		if !ok || title == "" {
			out = append(out, children...)
			continue
		}
		out = append(out, &navEntry{title: title, href: "xhtml/" + f + "#" + url.PathEscape(e.ID), children: children})
	}
	return out
}

// tocFromHeadings nests the body's headings when the tree has no TOC.
func tocFromHeadings(bs []doc.Block) []*doc.TOCEntry {
	var root []*doc.TOCEntry
	var stack []*doc.TOCEntry
	for _, bl := range bs {
		h, ok := bl.(*doc.Heading)
		if !ok || h.ID == "" {
			continue
		}
		e := &doc.TOCEntry{Level: h.Level, ID: h.ID, Title: doc.PlainText(h.Content)}
		for len(stack) > 0 && stack[len(stack)-1].Level >= h.Level {
			stack = stack[:len(stack)-1]
		}
		if len(stack) == 0 {
			root = append(root, e)
		} else {
			p := stack[len(stack)-1]
			p.Children = append(p.Children, e)
		}
		stack = append(stack, e)
	}
	return root
}

// titlePage renders the title page: title, standfirst, byline, date,
// source and tags, in the document's language.
//
// As the book's own title page (page true) it is a titlepage section; at
// the head of an article in a pack it is the article's header.
func titlePage(d *doc.Document, b *book, page bool) string {
	var x strings.Builder
	if page {
		x.WriteString("<section class=\"titlepage\" epub:type=\"titlepage\">\n")
	} else {
		x.WriteString("<header class=\"titlepage article-head\">\n")
	}
	fmt.Fprintf(&x, "<h1>%s</h1>\n", esc(b.title))
	if b.subtitle != "" {
		fmt.Fprintf(&x, "<p class=\"standfirst\">%s</p>\n", esc(b.subtitle))
	}
	if len(b.authors) > 0 {
		fmt.Fprintf(&x, "<p class=\"byline\">%s %s</p>\n", esc(b.labels.By), esc(strings.Join(b.authors, ", ")))
	}
	if date := clean(doc.ShowDate(d.Meta.Date, d.Meta.Lang)); date != "" {
		fmt.Fprintf(&x, "<p class=\"date\">%s <time%s>%s</time></p>\n", esc(b.labels.Published), datetimeAttr(d.Meta.Date), esc(date))
	}
	if b.publisher != "" || b.source != "" {
		x.WriteString("<p class=\"source\">")
		fmt.Fprintf(&x, "%s: ", esc(b.labels.Source))
		if b.publisher != "" {
			x.WriteString(esc(b.publisher))
			if b.source != "" {
				x.WriteString(", ")
			}
		}
		if b.source != "" {
			if webURL(b.source) {
				fmt.Fprintf(&x, "<a href=\"%s\">%s</a>", esc(b.source), esc(b.source))
			} else {
				x.WriteString(esc(b.source))
			}
		}
		x.WriteString("</p>\n")
	}
	if len(b.subjects) > 0 {
		fmt.Fprintf(&x, "<p class=\"tags\">%s: %s</p>\n", esc(b.labels.Tags), esc(strings.Join(b.subjects, " · ")))
	}
	if page {
		x.WriteString("</section>")
	} else {
		x.WriteString("</header>")
	}
	return x.String()
}

// webURL reports whether s is an http(s) URL that can be a link.
func webURL(s string) bool {
	l := strings.ToLower(s)
	return (strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://")) &&
		!strings.ContainsAny(s, " \t\n<>\"")
}
