// Package markup renders Folio's document tree as HTML body markup. It is
// shared by the HTML writer and the EPUB writer (formats never import each
// other, so the shared part lives under formats/internal).
//
// The output is polyglot: valid HTML5 and at the same time well-formed XML
// (void elements self-closed, attributes double-quoted, text escaped as
// &lt; &gt; &amp; &quot;, characters illegal in XML 1.0 or forbidden in HTML
// removed). For a plain CommonMark tree with Options{UnsafeHTML: true,
// AllowRelativeLinks: true, NoDirAuto: true} it prints what the CommonMark
// reference renderer prints, up to whitespace.
//
// Safety is decided here, once, for both writers: only http, https, mailto
// and internal "#id" links become <a> elements (and scheme-less relative
// references when AllowRelativeLinks is set); raw HTML is dropped unless
// UnsafeHTML is set, and in XHTML mode even then unless it is well-formed
// XML. What is dropped is reported as a doc.Warning at the node's position.
package markup

import (
	"folio/pipeline/doc"
)

// NoteStyle says how note references and the notes section are marked up.
type NoteStyle int

const (
	// NotesHTML marks note references and notes with DPUB-ARIA roles.
	NotesHTML NoteStyle = iota
	// NotesEPUBAside marks note references as epub:type="noteref" and each
	// note as an <aside epub:type="footnote" role="doc-footnote"> (not a
	// list item), the markup EPUB 3 reading systems turn into pop-up notes.
	// The asides still read as endnotes where pop-ups are not supported:
	// each starts with its number and ends with links back to its
	// references. The enclosing XHTML document must declare xmlns:epub.
	NotesEPUBAside
)

// epub reports whether the style carries EPUB 3 structural semantics.
func (s NoteStyle) epub() bool { return s == NotesEPUBAside }

// Options configure one rendering. The zero value is the safe default:
// no raw HTML, no relative links, images without a resolver shown as their
// alt text only when ImageSrc is set (see ImageSrc).
type Options struct {
	// UnsafeHTML emits RawBlock/RawInline nodes of format "html" verbatim
	// (still without XML-illegal characters); otherwise they are dropped
	// with a "raw-html-omitted" warning.
	UnsafeHTML bool
	// XHTML (EPUB) emits raw HTML only when it is a well-formed XML
	// fragment, even with UnsafeHTML.
	XHTML bool
	// NoteStyle picks the note markup.
	NoteStyle NoteStyle
	// Notes are the document's notes, used to find the anchor of each
	// NoteRef (by Number). Usually d.Notes.
	Notes []*doc.Note
	// Href rewrites an internal link to the element with the given id (the
	// EPUB writer splits the book into files); pos is where the link is
	// written, for a warning about a missing target. nil means "#"+id.
	Href func(id string, pos doc.Pos) string
	// Resource finds an image resource by name (usually d.Resource).
	Resource func(name string) *doc.Resource
	// ImageSrc gives the src of a resolved image (HTML: a data: URL; EPUB:
	// the file name in the package). When ImageSrc is nil the renderer is in
	// "as written" mode (CommonMark conformance): an image with no Ref is
	// emitted with its Src as written, if that URL is safe. When ImageSrc is
	// set, an image that did not resolve shows its alt text only, and so
	// does one for which ImageSrc returns "". The result is percent-encoded
	// like any URL.
	ImageSrc func(r *doc.Resource) string
	// SharedImages maps the Ref of each image used more than once to the
	// element id of its single copy: the first use embeds the bytes in an
	// SVG <image> with that id, every later one draws it again with <use>.
	// A standalone HTML page inlines images as data: URLs, so without this
	// a picture repeated a thousand times is a thousand copies.
	SharedImages map[string]string
	// AllowRelativeLinks keeps scheme-less relative link targets ("a/b.html",
	// "../x") as links. The EPUB writer leaves it off: such targets do not
	// exist inside the book.
	AllowRelativeLinks bool
	// BatchHref, when set, is the href of a link to another input of the
	// run (doc.Link.Batch): its output of the writer's format, or its
	// chapter in a pack. Unset, or returning "", the link is treated by
	// its URL as written.
	BatchHref func(b *doc.BatchTarget) string
	// Labels are the words the renderer adds ("Credit", "Notes", "Back to
	// text"); usually doc.LabelsFor(d.Meta.Lang). Empty fields fall back to
	// English.
	Labels doc.Labels
	// AnyScheme lets links with schemes other than http, https and mailto
	// (irc:, tel:, a made-up scheme) through, as CommonMark renders them;
	// javascript:, vbscript:, data: and file: stay text. The HTML writer
	// sets it only under --unsafe-html, where the user trusts the input.
	AnyScheme bool
	// KeepUnresolvedSrc emits an unresolved image with its Src as written
	// (when the URL is safe) instead of its alt text, even when ImageSrc is
	// set: HTML fragments are embedded in the caller's own page, as Pandoc
	// writes them without -s.
	KeepUnresolvedSrc bool
	// HeadingIDs emits id= on headings and the anchors in the text.
	HeadingIDs bool
	// HeadingShift moves every heading this many levels down (h2 becomes
	// h3 with 1), for a document set inside a larger page; levels stop
	// at 6.
	HeadingShift int
	// NoDirAuto leaves out dir="auto" on paragraphs, list items, headings,
	// quotes, table cells and captions (CommonMark conformance only).
	NoDirAuto bool
	// NoTableWrap leaves out the <div class="table-wrap"> around tables
	// that lets a wide table scroll sideways on a phone.
	NoTableWrap bool
}

// Renderer renders one document. It remembers which note references it has
// already written so that a note referenced twice gets unique anchor ids. A
// Renderer is not safe for concurrent use; make one per document.
type Renderer struct {
	opts    Options
	warn    func(doc.Warning)
	labels  doc.Labels
	noteIDs map[int]string
	refs    map[int][]string // note number → ids of its references, in order
	inLink  int
	drawn   map[string][2]int // shared images embedded once: id → width, height
}

// New returns a renderer. warn receives what was dropped or changed; nil
// discards warnings.
func New(opts Options, warn func(doc.Warning)) *Renderer {
	r := &Renderer{opts: opts, warn: warn, labels: withFallback(opts.Labels),
		noteIDs: map[int]string{}, refs: map[int][]string{}, drawn: map[string][2]int{}}
	for _, n := range opts.Notes {
		if n != nil && n.Number > 0 {
			r.noteIDs[n.Number] = n.ID
		}
	}
	return r
}

func (r *Renderer) warnf(pos doc.Pos, code, msg string) {
	if r.warn != nil {
		r.warn(doc.Warning{Pos: pos, Code: code, Message: msg})
	}
}

func withFallback(l doc.Labels) doc.Labels {
	en := doc.LabelsFor("en")
	for _, p := range []struct {
		dst *string
		def string
	}{
		{&l.Credit, en.Credit}, {&l.Notes, en.Notes}, {&l.BackToText, en.BackToText}, {&l.Task, en.Task},
		{&l.ImageMissing, en.ImageMissing},
	} {
		if *p.dst == "" {
			*p.dst = p.def
		}
	}
	return l
}
