// Package htmltree turns x/net/html nodes into document blocks and inlines.
// It is the one HTML → tree converter: the saved-page reader
// (formats/webpage) runs it over the article it extracts, and the Markdown
// reader over the raw HTML people write inside Markdown.
//
// The tree is the sanitiser: what maps to a node survives, everything else
// is either unwrapped (its text kept) or dropped with its content (scripts,
// styles, forms, embedded objects, hidden elements). Attributes are read
// only where a node needs them (href, src, alt, title, start, align…), so
// event handlers and styles never reach a writer, and links go through the
// writers' link policy like any other.
//
// A reader adapts the converter through Hooks: where each element's tag and
// content start (the webpage reader's annotated line table), attributes as
// the source wrote them, more elements to leave out (site furniture), a
// note of each paragraph a <p> gives (standfirst detection), elements it
// converts itself (the Markdown reader's placeholders for Markdown blocks
// inside HTML), and warnings.
package htmltree

import (
	"net/url"

	"golang.org/x/net/html"

	"folio/pipeline/doc"
)

// Hooks adapt the converter to a reader. Every field may be nil.
type Hooks struct {
	// Lines gives the line n's start tag is on and the line its content
	// starts on; ok is false for elements the reader knows nothing about.
	Lines func(n *html.Node) (tag, content int, ok bool)
	// Attr is an attribute as the source wrote it (default: n's own).
	Attr func(n *html.Node, key string) string
	// Drop reports more elements left out with everything in them.
	Drop func(n *html.Node) bool
	// Paragraph is told of the first paragraph a <p> element gives.
	Paragraph func(n *html.Node, p *doc.Paragraph)
	// Own converts an element the reader put in the HTML itself: it
	// stands for blocks (read in block context) or inlines; ok false
	// leaves the element to the converter.
	Own func(n *html.Node) (bs []doc.Block, is []doc.Inline, ok bool)
	// Warn receives the converter's warnings: elements dropped with their
	// content, unknown elements unwrapped, unsafe links made text. With
	// Warn nil nothing is reported.
	Warn func(w doc.Warning)
}

// Converter converts one document's HTML. It is not safe for concurrent
// use; make one per document.
type Converter struct {
	Hooks
	// File goes into every position.
	File string
	// Base, when set, makes relative link targets absolute.
	Base *url.URL
	// Lang is the document's language (the marks a <q> is shown with).
	Lang string
	// Anchors keeps an <a> that only names a place (<a id="x"></a>, no
	// href) as a raw anchor, for normalize to give the heading it stands
	// by (the Markdown reader sets it; a saved page's anchors go).
	Anchors bool
	// Targets are the ids the page's own links name ("#cite_note-2"). An
	// element with one of them (or an <a name> of one) becomes a
	// doc.Anchor where its content starts, or one of the Anchors of the
	// heading it is or starts, so that the link still lands: a reference
	// list's entries, the citation marks its back-links return to.
	Targets map[string]bool
	// Line is the line of the text being read: set from each element's
	// tag, advanced by the newlines of the text read since.
	Line int

	blockMemo map[*html.Node]bool
	warned    map[string]bool
	// pending are anchors of block elements waiting for the first text
	// inside them (anchor.go).
	pending []doc.Inline
}

// At is the position of a line of the file.
func (c *Converter) At(line int) doc.Pos { return doc.Pos{File: c.File, Line: line} }

// Pos is the line n's start tag is on, or the current line.
func (c *Converter) Pos(n *html.Node) doc.Pos {
	if c.Lines != nil {
		if tag, _, ok := c.Lines(n); ok {
			return c.At(tag)
		}
	}
	return c.At(c.Line)
}

// enter moves the text cursor to the start of n's content.
func (c *Converter) enter(n *html.Node) {
	if c.Lines != nil {
		if _, content, ok := c.Lines(n); ok {
			c.Line = content
		}
	}
}

// orig is an attribute as the source wrote it.
func (c *Converter) orig(n *html.Node, key string) string {
	if c.Attr != nil {
		return c.Attr(n, key)
	}
	return Attr(n, key)
}

// warnOnce reports a warning once per key and document.
func (c *Converter) warnOnce(key string, w doc.Warning) {
	if c.Warn == nil || c.warned[key] {
		return
	}
	if c.warned == nil {
		c.warned = map[string]bool{}
	}
	c.warned[key] = true
	c.Warn(w)
}

// Blocks converts the children of n in block context. Each of these entry
// points starts afresh: anchors an earlier call left waiting for text
// (an empty element at the end of what it read) do not land in this one.
func (c *Converter) Blocks(n *html.Node) []doc.Block {
	c.pending = nil
	return c.blocks(n, 0, 0)
}

// Block converts n itself, an element that is or holds a block.
func (c *Converter) Block(n *html.Node) []doc.Block {
	c.pending = nil
	return c.block(n, 0, 0)
}

// Inlines converts the children of n in inline context.
func (c *Converter) Inlines(n *html.Node) []doc.Inline {
	c.pending = nil
	return c.inlines(n, 0)
}
