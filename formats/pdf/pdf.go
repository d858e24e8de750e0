// Package pdf writes Folio's briefing PDF: a document meant to be read on
// screen and printed, set like a publisher's briefing rather than a dump of
// the text.
//
// It draws with fpdf (codeberg.org/go-pdf/fpdf; fpdf.go is the adapter and
// lists every fpdf defect the writer works around) but does its own layout:
// fpdf's MultiCell takes one font per call and cannot justify mixed bold,
// italic, code and links, so paragraphs go through a small line breaker
// (text.go, linebreak.go) that measures words with metrics parsed once per
// process (folio/assets/fonts), places each run with Text and keeps a
// trailing space per word so text extraction keeps word boundaries.
//
// Faces are registered with fpdf lazily, the first time a run needs one, so
// a document pays fpdf's per-face parse only for the faces it uses. A face
// is given to fpdf as its core subset (fonts.Face.CoreBytes: shared, built
// once per process, which fpdf only reads), or, when the text needs more,
// as a private copy of the whole face, because fpdf writes into some faces
// it is given.
//
// Right-to-left text is resolved with the Unicode bidi algorithm
// (go-text/typesetting/bidi, which reports embedding levels; x/text's
// Paragraph flattens them), reordered per line at run granularity, and
// Arabic is shaped with HarfBuzz (go-text/typesetting) and written back as
// presentation-form characters that fpdf can place one by one.
//
// Decisions: the title block, headers and footers use Liberation Sans, the
// body Liberation Serif; running headers and footers are drawn after the
// body (fpdf's SetPage) so "Page N of M" needs no alias and stays centred;
// an ordered list with Start 0 is numbered from 1 (the tree omits a zero
// start); figures are re-encoded through Go's image decoders before fpdf
// sees them, because fpdf's own parsers panic on damaged data.
package pdf

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"
	"folio/assets/fonts"
	"folio/formats/internal/markup"
	"folio/formats/internal/typeset"
	"folio/pipeline/doc"
)

// Options configure the PDF writer.
type Options struct {
	// Paper is "a4" (the default) or "letter".
	Paper string
	// Marking is printed in the running header of every page, for example
	// "INTERNAL — NOT FOR DISTRIBUTION". Empty for none.
	Marking string
	// Align is how body text is set: "justify" (the default: justified,
	// hyphenated) or "left" (ragged right, or ragged left in a
	// right-to-left document, hyphenated).
	Align string
	// SourceDate is the timestamp used when the document has no date
	// (from SOURCE_DATE_EPOCH); zero means 1970-01-01T00:00:00Z.
	SourceDate time.Time
	// Fonts finds faces for characters the bundled faces lack (nil: none;
	// they are drawn as U+FFFD, emoji by name).
	Fonts *fonts.Library

	extra *extraFaces // what Fonts found for this document (fallback.go)
	// trace, when set (tests only), receives the lines of text the last
	// layout drew: page, baseline, start, faces and sizes, text.
	trace func(runs []string)
}

// Writer writes briefing PDFs. It is safe for concurrent use.
type Writer struct{ opts Options }

// New returns a PDF writer.
func New(opts Options) *Writer { return &Writer{opts: opts} }

// Colours of the house style.
var (
	colInk    = rgb{0x1a, 0x1a, 0x1a}
	colMuted  = rgb{0x55, 0x55, 0x55}
	colFaint  = rgb{0x80, 0x80, 0x80}
	colLink   = rgb{0x1a, 0x4e, 0x8a}
	colAccent = rgb{0xa4, 0x26, 0x2c}
	colRule   = rgb{0xc4, 0xc4, 0xc4}
	colShade  = rgb{0xf3, 0xf3, 0xf0}
)

type paper struct {
	name string
	w, h float64
}

func paperFor(name string) (paper, error) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "", "a4":
		return paper{"A4", 595.28, 841.89}, nil
	case "letter":
		return paper{"Letter", 612, 792}, nil
	}
	return paper{}, doc.Errorf(doc.Pos{}, "paper", "unknown paper size %q; use a4 or letter", name)
}

// alignFor reads Options.Align.
func alignFor(name string) (align, error) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "", "justify":
		return alignJustify, nil
	case "left", "start", "ragged":
		return alignRagged, nil
	}
	return 0, doc.Errorf(doc.Pos{}, "align", "unknown alignment %q; use justify or left", name)
}

// Write renders d as a PDF to out.
//
// Faces are given to fpdf with a character map cut down to the core
// character set (fonts.InCoreSet): fpdf builds maps of every mapped
// character twice per document, and a cut face saves about a fifth of the
// writer's time on a typical article; a face the document's text needs
// beyond that set is given in full.
// The writer's own words (labels, markers) are not scanned in advance:
// every run drawn is checked against the face it was registered with, and
// a document that drew outside a cut face is set again with that face in
// full (the layout is the same, because the metrics are).
func (w *Writer) Write(ctx context.Context, d *doc.Document, out io.Writer) error {
	full := w.fullFaces(d)
	opts := w.opts
	opts.extra = w.findExtraFaces(ctx, full, d)
	return w.write(ctx, d, opts, full, (*layout).render, out)
}

// write lays out and writes a document until no run drew outside the
// faces it was given (see Write), then passes on the last attempt's
// warnings and writes the file. d is the document whose metadata the file
// carries; render sets the pages.
func (w *Writer) write(ctx context.Context, d *doc.Document, opts Options, full map[*fonts.Face]bool, render func(*layout), out io.Writer) error {
	pp, err := paperFor(opts.Paper)
	if err != nil {
		return err
	}
	if _, err := alignFor(opts.Align); err != nil {
		return err
	}
	for {
		l, b, err := attempt(ctx, d, opts, pp, full, render)
		if err == nil && len(l.overflow) > 0 {
			for f := range l.overflow {
				full[f] = true
			}
			continue
		}
		for _, wn := range l.warnings {
			doc.Warn(ctx, wn)
		}
		if err != nil {
			return err
		}
		_, err = out.Write(b)
		return err
	}
}

// attempt lays out and writes the document once.
func attempt(ctx context.Context, d *doc.Document, opts Options, pp paper, full map[*fonts.Face]bool, render func(*layout)) (l *layout, out []byte, err error) {
	l = newLayout(ctx, d, opts, pp)
	l.full = full
	defer func() {
		// fpdf panics on some inputs it should reject (fpdf.go, defect
		// 1); the writer guards against every one it knows, and this turns
		// any it does not into an error for this document only.
		if r := recover(); r != nil {
			err = doc.Errorf(d.Meta.Pos, "pdf-internal", "PDF layout failed: %v", r)
		}
	}()
	render(l)
	if len(l.overflow) > 0 {
		return l, nil, nil
	}
	lang := cleanLang(d.Meta.Lang)
	if len(l.dests) > 0 && lang != "" {
		l.pdf.SetLang(l.reserveNames(lang))
	}
	b, err := l.output(lang)
	if err != nil {
		return l, nil, err
	}
	if opts.trace != nil {
		lines := make([]string, len(l.traced))
		for i, t := range l.traced {
			lines[i] = t.String()
		}
		opts.trace(lines)
	}
	return l, b, nil
}

// fullFaces returns the faces the document's own text needs beyond the
// core character set: for every such character, each face that has it.
func (w *Writer) fullFaces(d *doc.Document) map[*fonts.Face]bool {
	full := map[*fonts.Face]bool{}
	seen := map[rune]bool{}
	scan := func(s string) {
		for _, r := range s {
			if fonts.InCoreSet(r) || seen[r] {
				continue
			}
			seen[r] = true
			for fam := fonts.Serif; fam <= fonts.Fallback; fam++ {
				for sty := fonts.Regular; sty <= fonts.BoldItalic; sty++ {
					if f := fonts.Get(fam, sty); f.Has(r) {
						full[f] = true
					}
				}
			}
		}
	}
	m := &d.Meta
	for _, s := range []string{m.Title, m.Subtitle, m.Summary, m.Publisher, m.Section, m.Source, m.Date, w.opts.Marking} {
		scan(s)
	}
	for _, s := range m.Authors {
		scan(s)
	}
	for _, s := range m.Tags {
		scan(s)
	}
	doc.Walk(d, func(n doc.Node, entering bool) doc.WalkStatus {
		if !entering {
			return doc.WalkContinue
		}
		switch n := n.(type) {
		case *doc.Text:
			scan(n.Value)
		case *doc.Code:
			scan(n.Value)
		case *doc.CodeBlock:
			scan(n.Text)
		case *doc.Figure:
			scan(n.Alt)
			scan(n.Credit)
		case *doc.Image:
			scan(n.Alt)
		}
		return doc.WalkContinue
	})
	return full
}

// layout is the state of one document being written.
type layout struct {
	traced []tracedLine // the lines drawn, when opts.trace is set
	ctx    context.Context
	d      *doc.Document
	opts   Options
	pdf    *fpdf.Fpdf
	pp     paper
	rtl    bool
	lab    doc.Labels
	body   align // how paragraphs are set (Options.Align)

	left, right, top, bottom float64 // the body's box
	y                        float64 // top of the next thing on the page

	registered map[*fonts.Face]bool
	full       map[*fonts.Face]bool // faces given to fpdf in full, not cut to the core set
	reduced    map[*fonts.Face]bool // faces given to fpdf cut to the core set
	overflow   map[*fonts.Face]bool // cut faces a run drew outside the core set with
	warnings   []doc.Warning        // raised by this attempt, passed on if it is the last
	curFace    *fonts.Face
	curSize    float64
	curColor   rgb
	missing    map[rune]bool
	// extraWarned and emojiWarned: one warning per document for each
	// fallback face used and for the characters shown by name (fallback.go,
	// astral.go).
	extraWarned map[*fonts.Face]bool
	emojiWarned bool

	links      map[string]int // internal anchors by id ("h:"+heading id, "note:N", "ref:N")
	anchored   map[string]bool
	placeID    map[string]bool // ids of headings and anchors, linked as "h:"+id
	outlineLv  int
	marks      []int // outline levels in order
	imageCache map[string]pdfImage
	imageBytes map[[32]byte]pdfImage // registered images by the SHA-256 of what fpdf got
	hyph       map[string][]int      // hyphenation points by language and word

	marker *marker // list marker waiting for the first line of its item
	held   []held  // headings waiting for what follows them (room)

	// In a pack: ns starts every internal link key of the article being
	// set (its notes are numbered from 1 like every other article's), and
	// outlineBase nests its bookmarks under the article's own entry.
	ns          string
	dests       []dest // the headings' named places (dests.go)
	namesRoom   int    // room reserved in the catalog for their names
	outlineBase int

	shaper *typeset.Shaper // Arabic shaping, made on first use
	forms  map[rune]bool   // the Arabic presentation forms drawn (tounicode.go)
}

func newLayout(ctx context.Context, d *doc.Document, opts Options, pp paper) *layout {
	l := &layout{
		ctx: ctx, d: d, opts: opts, pp: pp,
		rtl:        d.Meta.Dir() == "rtl",
		lab:        doc.LabelsFor(d.Meta.Lang),
		registered: map[*fonts.Face]bool{},
		reduced:    map[*fonts.Face]bool{},
		overflow:   map[*fonts.Face]bool{},
		missing:    map[rune]bool{},
		links:      map[string]int{},
		anchored:   map[string]bool{},
		placeID:    map[string]bool{},
		imageCache: map[string]pdfImage{},
		imageBytes: map[[32]byte]pdfImage{},
		hyph:       map[string][]int{},
		outlineLv:  -1,
	}
	l.body, _ = alignFor(opts.Align) // checked by write
	l.pdf = newFpdf(pp)
	// The measure: a text block measureWidth wide, centred, on either
	// paper (see the README's house style).
	side := (pp.w - measureWidth) / 2
	l.left, l.right = side, pp.w-side
	l.top, l.bottom = 76, pp.h-70
	l.metadata()
	l.recordPlaces(d)
	return l
}

// recordPlaces records the ids a link can go to in d (each article of a
// pack in turn): its headings' and anchors', in the body and the notes.
func (l *layout) recordPlaces(d *doc.Document) {
	l.placeID = map[string]bool{}
	for _, id := range doc.PlaceIDs(d.Blocks) {
		l.placeID[id] = true
	}
	for _, n := range d.Notes {
		if n != nil {
			for _, id := range doc.PlaceIDs(n.Blocks) {
				l.placeID[id] = true
			}
		}
	}
}

func (l *layout) warn(w doc.Warning) {
	if w.Pos.File == "" {
		w.Pos.File = l.d.Meta.Pos.File
	}
	l.warnings = append(l.warnings, w)
}

func (l *layout) width() float64 { return l.right - l.left }

// docDate is the document's date, or the fallback from the options.
func (l *layout) docDate() time.Time {
	if t, _, ok := doc.ParseDate(l.d.Meta.Date); ok {
		return t.UTC()
	}
	if !l.opts.SourceDate.IsZero() {
		return l.opts.SourceDate.UTC()
	}
	return doc.UndatedStamp()
}

// metadata fills the Info dictionary and catalog. A viewer shows these
// strings in its own interface, with its own fonts, so they keep every
// character, emoji and all (textString).
func (l *layout) metadata() {
	m := l.d.Meta
	p := l.pdf
	p.SetTitle(textString(m.Title), true)
	if len(m.Authors) > 0 {
		p.SetAuthor(textString(strings.Join(m.Authors, ", ")), true)
	}
	if s := firstNonEmpty(m.Subtitle, m.Summary); s != "" {
		p.SetSubject(textString(s), true)
	}
	if len(m.Tags) > 0 {
		p.SetKeywords(textString(strings.Join(m.Tags, ", ")), true)
	}
	p.SetCreator("Folio", true)
	p.SetProducer("Folio (fpdf)", true)
	if lang := cleanLang(m.Lang); lang != "" {
		p.SetLang(lang)
	}
	t := l.docDate()
	p.SetCreationDate(t)
	p.SetModificationDate(t)
	p.SetDisplayMode("fullwidth", "continuous")
}

// clean makes a string safe for PDF text strings: what doc.TextChar
// refuses and line breaks become spaces.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || !doc.TextChar(r) {
			return ' '
		}
		return r
	}, s)
}

// textString prepares s for fpdf's text-string setters in their UTF-8 mode
// (SetTitle and the others with isUTF8, Bookmark under a UTF-8 font): it
// is cleaned, and each character above U+FFFF is given as its UTF-16
// surrogate pair with each half in the three-byte form UTF-8 would give
// it (CESU-8). fpdf converts to UTF-16 by reading at most three bytes a
// character, which garbles a four-byte one; it reads each half as one
// 16-bit unit, so the string arrives as the surrogate pair PDF text
// strings hold. Before this, such characters were U+FFFD in the title bar
// and the bookmarks.
func textString(s string) string {
	s = clean(s)
	var b []byte
	for i, r := range s {
		if r <= 0xFFFF {
			if b != nil {
				b = utf8.AppendRune(b, r)
			}
			continue
		}
		if b == nil {
			b = append(make([]byte, 0, len(s)+8), s[:i]...)
		}
		hi, lo := utf16.EncodeRune(r)
		for _, u := range []rune{hi, lo} {
			b = append(b, byte(0xE0|u>>12), byte(0x80|u>>6&0x3F), byte(0x80|u&0x3F))
		}
	}
	if b == nil {
		return s
	}
	return string(b)
}

// cleanLang keeps a language tag only if it is plain BCP 47 characters.
func cleanLang(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 35 {
		return ""
	}
	for _, r := range s {
		if !(r == '-' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return ""
		}
	}
	return s
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return strings.TrimSpace(s)
		}
	}
	return ""
}

// setFont selects a face, registering it with fpdf on first use.
func (l *layout) setFont(f *fonts.Face, size float64) {
	if !l.registered[f] {
		l.registerFace(f)
	}
	if l.curFace == f && l.curSize == size {
		return
	}
	l.pdf.SetFont(famName(f), f.Style, size)
	l.curFace, l.curSize = f, size
}

func (l *layout) setColor(c rgb) {
	l.pdf.SetTextColor(int(c[0]), int(c[1]), int(c[2]))
	l.curColor = c
}

// newPage starts a page; the font fpdf had selected no longer applies to
// the new page's content stream.
func (l *layout) newPage() {
	l.pdf.AddPage()
	l.curFace = nil
	l.y = l.top
}

// room makes sure h points fit below y, with any headings held above
// them, starting a new page if not; then it draws the held headings.
// Nothing to place (h zero, no heading held: room(0) at the end of a
// document flushes held headings) starts no page, even with y past the
// foot: a page is only added for something drawn on it.
func (l *layout) room(h float64) {
	if h <= 0 && len(l.held) == 0 {
		return
	}
	need := h
	for i, k := range l.held {
		if i > 0 || l.y > l.top+eps {
			need += k.before
		}
		need += k.height
	}
	if l.y+need > l.bottom+eps && l.y > l.top+eps {
		l.newPage()
	}
	held := l.held
	l.held = nil
	for _, k := range held {
		if l.y > l.top+eps {
			l.y += k.before
		}
		k.draw()
	}
}

// held is a heading waiting to be drawn: the page builder keeps it with
// the start of what follows (room), so that no page ends with a heading.
type held struct {
	before, height float64 // space above it (none at the head of a page), its own height
	draw           func()
}

// trace records a drawn run for the layout goldens: runs on one baseline
// of one page make one line, "p<page> y=<baseline> x=<first run>", the
// faces and sizes used, and the text.
func (l *layout) trace(x, y float64, s *span, txt string) {
	key := fmt.Sprintf("p%d y=%.1f", l.pdf.PageNo(), y)
	face := fmt.Sprintf("%s%s/%.1f", s.face.Family, s.face.Style, s.st.size)
	if n := len(l.traced); n > 0 && l.traced[n-1].key == key {
		t := &l.traced[n-1]
		if !strings.Contains(t.faces, face) {
			t.faces += "," + face
		}
		t.text += txt
		return
	}
	l.traced = append(l.traced, tracedLine{key: key, x: x, faces: face, text: txt})
}

type tracedLine struct {
	key, faces, text string
	x                float64
}

func (t tracedLine) String() string {
	return fmt.Sprintf("%s x=%.1f %s %q", t.key, t.x, t.faces, t.text)
}

// keep holds a heading until the next room.
func (l *layout) keep(k held) { l.held = append(l.held, k) }

// drawSpan draws one run at (x, baseline y).
func (l *layout) drawSpan(s *span, x, y float64, spaceOut bool) {
	by := y - s.st.rise
	top := by - s.st.size*0.8
	// The anchors that land on the run name its place, an empty run's
	// too (a table cell holding only an anchor).
	for id := range strings.FieldsSeq(s.anchors) {
		l.anchor("h:"+id, top)
	}
	if s.draw == "" {
		return
	}
	l.setFont(s.face, s.st.size)
	l.setColor(s.st.color)
	txt := s.draw
	if l.reduced[s.face] && !l.overflow[s.face] {
		for _, r := range txt {
			if !s.face.InCore(r) {
				l.overflow[s.face] = true
				break
			}
		}
	}
	tx := x
	if spaceOut {
		if s.level%2 == 1 {
			txt = " " + txt
			tx -= float64(s.face.Width(' ')) * s.st.size / 1000
		} else {
			txt += " "
		}
	}
	l.decorate(s, x, by)
	l.pdf.Text(tx, by, txt)
	if l.opts.trace != nil {
		l.trace(tx, by, s, txt)
	}
	h := s.st.size * 1.05
	if s.st.link != "" {
		l.pdf.LinkString(x, top, s.width, h, s.st.link)
	}
	if s.st.linkID != 0 {
		l.pdf.Link(x, top, s.width, h, s.st.linkID)
	}
	if s.st.strike {
		l.pdf.SetDrawColor(int(s.st.color[0]), int(s.st.color[1]), int(s.st.color[2]))
		l.pdf.SetLineWidth(s.st.size * 0.05)
		l.pdf.Line(x, by-s.st.size*0.28, x+s.width, by-s.st.size*0.28)
	}
	if s.st.noteRef > 0 {
		l.anchor(fmt.Sprintf("ref:%d", s.st.noteRef), top)
	}
}

// link returns the fpdf link id for an internal anchor.
func (l *layout) link(key string) int { return l.linkKey(l.ns + key) }

// linkKey is link for a key with its namespace (another article's).
func (l *layout) linkKey(key string) int {
	if id, ok := l.links[key]; ok {
		return id
	}
	id := l.pdf.AddLink()
	l.links[key] = id
	return id
}

// anchor places an internal anchor at y on the current page (first time
// only).
func (l *layout) anchor(key string, y float64) {
	if l.anchored[l.ns+key] {
		return
	}
	l.anchored[l.ns+key] = true
	l.pdf.SetLink(l.link(key), max(y-6, 0), l.pdf.PageNo())
	if id, ok := strings.CutPrefix(key, "h:"); ok && l.ns == "" {
		l.dests = append(l.dests, dest{name: id, page: l.pdf.PageNo(), top: l.pp.h - max(y-6, 0)})
	}
}

func (l *layout) noteLink(n int) int {
	if n <= 0 {
		return 0
	}
	for _, note := range l.d.Notes {
		if note.Number == n {
			return l.link(fmt.Sprintf("note:%d", n))
		}
	}
	return 0
}

// linkStyle styles link text and decides what it points to: http, https
// and mailto URLs and anchors of this document become links; anything else
// is shown as text only, and a scheme that is not allowed is warned about.
func (l *layout) linkStyle(st style, n *doc.Link) style {
	st.color = colLink
	if b := n.Batch; b != nil && b.Article > 0 {
		// Another article of the pack: its heading, or its start.
		key := articleNS(b.Article-1) + "start"
		if b.ID != "" {
			key = articleNS(b.Article-1) + "h:" + b.ID
		}
		st.linkID = l.linkKey(key)
		return st
	} else if b != nil {
		// Another input of the run: its PDF, at the heading b.ID or
		// its first page, by a remote go-to (dests.go) with a path
		// relative to this file. Base is a URL path; a file
		// specification is not escaped.
		file, err := url.PathUnescape(b.Base)
		if err != nil {
			file = b.Base
		}
		st.link = gotoMarker(file+".pdf", b.ID)
		return st
	}
	raw := strings.TrimSpace(n.URL)
	if strings.HasPrefix(raw, "#") {
		id := raw[1:]
		switch {
		case l.placeID[id]:
			st.linkID = l.link("h:" + id)
		default:
			for _, note := range l.d.Notes {
				if note.ID == id {
					st.linkID = l.link(fmt.Sprintf("note:%d", note.Number))
				}
			}
		}
		if st.linkID == 0 {
			st.color = colInk
		}
		return st
	}
	if u, ok := safeURL(raw); ok {
		st.link = u
		return st
	}
	st.color = colInk
	if hasScheme(raw) {
		// Worded as the other writers word it, so that the run reports it
		// once.
		l.warn(doc.Warning{Pos: n.Pos, Code: "unsafe-url", Message: markup.LinkAsText(raw)})
	}
	return st
}

func safeURL(raw string) (string, bool) {
	for _, r := range raw {
		if r < 0x21 || r == 0x7F {
			return "", false
		}
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" {
			return "", false
		}
		if h := markup.HostASCII(u.Hostname()); h != u.Hostname() {
			port := u.Port()
			u.Host = h
			if port != "" {
				u.Host += ":" + port
			}
		}
	case "mailto":
		if u.Opaque == "" && u.Path == "" {
			return "", false
		}
	default:
		return "", false
	}
	s := u.String()
	for _, r := range s {
		if r > 0x7E {
			return "", false
		}
	}
	return s, true
}

func hasScheme(raw string) bool {
	i := strings.IndexAny(raw, ":/?#")
	return i > 0 && raw[i] == ':' || strings.ContainsAny(raw, "\t\n\r")
}
