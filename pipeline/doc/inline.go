package doc

import (
	neturl "net/url"
	"strings"
)

// Inline is a node inside a line of text.
type Inline interface {
	Node
	isInline()
}

// Text is literal text, with escapes and entities already resolved.
type Text struct {
	Value string `json:"value"`
	Pos   Pos    `json:"pos,omitzero"`
}

// Emph is emphasis (usually italic).
type Emph struct {
	Content []Inline `json:"content"`
	Pos     Pos      `json:"pos,omitzero"`
}

// Strong is strong emphasis (usually bold).
type Strong struct {
	Content []Inline `json:"content"`
	Pos     Pos      `json:"pos,omitzero"`
}

// Strike is struck-through text.
type Strike struct {
	Content []Inline `json:"content"`
	Pos     Pos      `json:"pos,omitzero"`
}

// Sub is subscript.
type Sub struct {
	Content []Inline `json:"content"`
	Pos     Pos      `json:"pos,omitzero"`
}

// Sup is superscript.
type Sup struct {
	Content []Inline `json:"content"`
	Pos     Pos      `json:"pos,omitzero"`
}

// Span is text set apart by a style no other kind carries: underlined,
// marked (highlighted) or keyboard input. Style is one of the Span*
// constants; a writer shows an unknown style as plain text.
type Span struct {
	Style   string   `json:"style"`
	Content []Inline `json:"content"`
	Pos     Pos      `json:"pos,omitzero"`
}

// Span styles.
const (
	SpanUnderline = "underline" // <u>: underlined
	SpanMark      = "mark"      // <mark>: highlighted
	SpanKbd       = "kbd"       // <kbd>: keys to press
)

// Code is inline code.
type Code struct {
	Value string `json:"value"`
	Pos   Pos    `json:"pos,omitzero"`
}

// Link is a hyperlink. URL is as written (after unescaping); writers decide
// whether it is safe to emit as a link. An internal link starts with "#".
type Link struct {
	URL     string   `json:"url"`
	Title   string   `json:"title,omitempty"`
	Content []Inline `json:"content"`
	Pos     Pos      `json:"pos,omitzero"`
	// Batch, when set, says URL names another input of the same run: each
	// writer links to that input's output of its own format instead.
	Batch *BatchTarget `json:"-"`
}

// Fragment is the id an in-page link ("#cite_note-2") names, unescaped
// as a browser matches it ("#caf%C3%A9" names "café"); false for a link
// to anything else, and for "#" alone.
func Fragment(url string) (string, bool) {
	frag, ok := strings.CutPrefix(url, "#")
	if !ok || frag == "" {
		return "", false
	}
	if f, err := neturl.PathUnescape(frag); err == nil {
		frag = f
	}
	return frag, true
}

// BatchTarget is another input of the run a link points to.
type BatchTarget struct {
	// Base is the target's output path without extension, relative to
	// the linking document's output folder, as an escaped URL path
	// ("../x/b").
	Base string
	// ID is the target's heading id the link points to; empty for the
	// document as a whole.
	ID string
	// Input names the target input (the pipeline's key for it).
	Input string
	// Article, in a pack, is the target's place among the pack's articles
	// (1 for the first; its ids carry the pack's prefix): the link goes
	// to that chapter, or, with ID, to that heading of it. Zero outside
	// a pack.
	Article int
}

// Image is an inline image. Alt is plain text. Ref names the resolved image
// in Document.Resources; empty when it could not be resolved.
type Image struct {
	Src string `json:"src"`
	// Fallback are other sources of the same picture, tried in order when
	// Src cannot be read (see Figure.Fallback).
	Fallback []string `json:"fallback,omitempty"`
	Alt      string   `json:"alt,omitempty"`
	Title    string   `json:"title,omitempty"`
	Ref      string   `json:"ref,omitempty"`
	Pos      Pos      `json:"pos,omitzero"`
}

// LineBreak is a hard line break.
type LineBreak struct {
	Pos Pos `json:"pos,omitzero"`
}

// SoftBreak is a line ending inside a paragraph; writers render it as a
// space or a newline.
type SoftBreak struct {
	Pos Pos `json:"pos,omitzero"`
}

// NoteRef is a reference to a footnote. Label is the author's label; Number
// is filled by normalize and matches Note.Number. ID is the reference's
// own anchor, the target of the note's back-link, also set by normalize
// (unique in the document: a note's second reference has its own); writers
// use it as it is.
type NoteRef struct {
	Label  string `json:"label"`
	Number int    `json:"number,omitempty"`
	ID     string `json:"id,omitempty"`
	Pos    Pos    `json:"pos,omitzero"`
}

// Anchor is a place in the text that a link can go to, showing nothing: an
// element of a saved page whose id the page's own links name (a reference
// list's entry, the citation mark a back-link returns to), or a raw
// <a id="x"></a> in Markdown that stands before no heading. Readers give
// ID as the source spells it; normalize makes it a unique, safe id as it
// does a heading's and keeps the source's spelling in Names, which links
// may use. An anchor no link names is dropped there.
type Anchor struct {
	ID    string   `json:"id"`
	Names []string `json:"names,omitempty"`
	Pos   Pos      `json:"pos,omitzero"`
}

// RawInline is inline markup in another format (Format "html"). Untrusted.
type RawInline struct {
	Format string `json:"format"`
	Text   string `json:"text"`
	Pos    Pos    `json:"pos,omitzero"`
}

func (*Text) Kind() string      { return "Text" }
func (*Emph) Kind() string      { return "Emph" }
func (*Strong) Kind() string    { return "Strong" }
func (*Strike) Kind() string    { return "Strike" }
func (*Sub) Kind() string       { return "Sub" }
func (*Sup) Kind() string       { return "Sup" }
func (*Span) Kind() string      { return "Span" }
func (*Code) Kind() string      { return "Code" }
func (*Link) Kind() string      { return "Link" }
func (*Image) Kind() string     { return "Image" }
func (*LineBreak) Kind() string { return "LineBreak" }
func (*SoftBreak) Kind() string { return "SoftBreak" }
func (*NoteRef) Kind() string   { return "NoteRef" }
func (*Anchor) Kind() string    { return "Anchor" }
func (*RawInline) Kind() string { return "RawInline" }

func (n *Text) Position() Pos      { return n.Pos }
func (n *Emph) Position() Pos      { return n.Pos }
func (n *Strong) Position() Pos    { return n.Pos }
func (n *Strike) Position() Pos    { return n.Pos }
func (n *Sub) Position() Pos       { return n.Pos }
func (n *Sup) Position() Pos       { return n.Pos }
func (n *Span) Position() Pos      { return n.Pos }
func (n *Code) Position() Pos      { return n.Pos }
func (n *Link) Position() Pos      { return n.Pos }
func (n *Image) Position() Pos     { return n.Pos }
func (n *LineBreak) Position() Pos { return n.Pos }
func (n *SoftBreak) Position() Pos { return n.Pos }
func (n *NoteRef) Position() Pos   { return n.Pos }
func (n *Anchor) Position() Pos    { return n.Pos }
func (n *RawInline) Position() Pos { return n.Pos }

func (*Text) isInline()      {}
func (*Emph) isInline()      {}
func (*Strong) isInline()    {}
func (*Strike) isInline()    {}
func (*Sub) isInline()       {}
func (*Sup) isInline()       {}
func (*Span) isInline()      {}
func (*Code) isInline()      {}
func (*Link) isInline()      {}
func (*Image) isInline()     {}
func (*LineBreak) isInline() {}
func (*SoftBreak) isInline() {}
func (*NoteRef) isInline()   {}
func (*Anchor) isInline()    {}
func (*RawInline) isInline() {}
