// Package markdown reads Markdown into Folio's document tree with goldmark.
//
// Two dialects, as in Pandoc: "markdown" (Options{}) is Folio's everyday
// dialect — CommonMark with GFM tables, strikethrough, autolinks and task
// lists, footnotes, definition lists, YAML or TOML front matter, smart
// punctuation written as Unicode characters (‘ ’ “ ” – — …), and implicit
// figures (a paragraph holding only an image becomes a doc.Figure whose
// caption is the alt text). "commonmark" (Options{CommonMark: true}) is
// strict CommonMark with none of these, and its tree carries everything the
// spec's HTML needs (tightness, list start, info strings, raw HTML).
//
// Decisions worth knowing:
//   - Text, link URLs and titles hold resolved text: backslash escapes and
//     character references are decoded here, because goldmark leaves them
//     in its text nodes for its own HTML renderer to decode.
//   - Heading.ID stays empty (goldmark's automatic ids drop non-ASCII
//     letters); the normalize pass makes the slugs.
//   - An ordered List always has Start set as written (1 normally, and 0
//     means 0); a writer emits a start attribute when it is not 1.
//   - A tight list's items hold Paragraphs like a loose one's; List.Tight
//     tells writers not to space them.
//   - Front matter: see meta.go for the keys. A block that is not closed is
//     kept as content with a "front-matter-unclosed" warning; a "---" line
//     followed by a blank line is a thematic break, as in Pandoc.
//   - Limits (limits.go): more than 32 nested block quotes or list items is
//     an error ("nesting-limit"), checked on the raw lines before parsing
//     and on the tree after; more than 10,000 link reference definitions or
//     footnotes is an error; a GFM table wider than 128 columns is read as
//     the paragraph of text it would be without the table extension, with
//     a "table-too-wide" warning.
//   - The goldmark tree is converted with an explicit stack, so deeply
//     nested emphasis does not grow the Go stack.
package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"go.abhg.dev/goldmark/frontmatter"

	"folio/pipeline/doc"
)

// Options selects the dialect.
type Options struct {
	// CommonMark reads strict CommonMark: no extensions, no smart
	// punctuation, no front matter, no implicit figures.
	CommonMark bool
	// RawHTML keeps raw HTML as it was written (RawBlock and RawInline
	// nodes, for writers that pass it on with --unsafe-html) instead of
	// reading it into the tree.
	RawHTML bool
}

// Reader reads Markdown. It holds only immutable parsers and is safe for
// concurrent use.
type Reader struct {
	opts Options
	// withFM parses a document whose front matter block was found closed;
	// plain parses everything else.
	withFM, plain goldmark.Markdown
}

// New returns a Reader for the dialect in opts.
func New(opts Options) *Reader {
	r := &Reader{opts: opts}
	if opts.CommonMark {
		r.plain = goldmark.New()
		return r
	}
	exts := []goldmark.Extender{
		extension.Table,
		extension.Strikethrough,
		extension.Linkify,
		extension.TaskList,
		extension.Footnote,
		extension.DefinitionList,
		extension.NewTypographer(extension.WithTypographicSubstitutions(map[extension.TypographicPunctuation]string{
			extension.LeftSingleQuote:  "‘",
			extension.RightSingleQuote: "’",
			extension.LeftDoubleQuote:  "“",
			extension.RightDoubleQuote: "”",
			extension.EnDash:           "–",
			extension.EmDash:           "—",
			extension.Ellipsis:         "…",
			extension.LeftAngleQuote:   "«",
			extension.RightAngleQuote:  "»",
			extension.Apostrophe:       "’",
		})),
	}
	r.plain = goldmark.New(goldmark.WithExtensions(exts...))
	r.withFM = goldmark.New(goldmark.WithExtensions(append(exts, &frontmatter.Extender{})...))
	return r
}

// Read parses src, the contents of the file called name, into a document.
// Input whose inline markup would make goldmark take minutes is refused
// first, with pathological-input at the paragraph (see guard.go).
func (r *Reader) Read(src []byte, name string) (*doc.Document, []doc.Warning, error) {
	if err := guardMarkdown(src, name); err != nil {
		return nil, nil, err
	}
	w := &warnings{name: name}
	src, prepWarns := prepare(src, name)
	w.list = append(w.list, prepWarns...)

	md := r.plain
	var fm fmBlock
	if !r.opts.CommonMark {
		fm = findFrontMatter(src)
		switch {
		case fm.unclosed:
			w.add(1, 0, "front-matter-unclosed", "front matter opened on line 1 is never closed; read as text")
		case fm.found && fm.size > maxFrontMatter:
			return nil, w.list, doc.Errorf(doc.Pos{File: name, Line: 1}, "front-matter-too-large",
				"front matter is %d bytes; the limit is %d", fm.size, maxFrontMatter)
		case fm.found:
			md = r.withFM
		}
	}

	body, limitWarns, err := scanLimits(src, name, !r.opts.CommonMark, skipLines(fm))
	if err != nil {
		return nil, w.list, err
	}
	w.list = append(w.list, limitWarns...)

	pc := parser.NewContext()
	root := md.Parser().Parse(text.NewReader(body), parser.WithContext(pc))

	d := &doc.Document{}
	if fm.found {
		data := frontmatter.Get(pc)
		if data != nil {
			v, err := decodeFrontMatter(data, fm, body, name)
			if err != nil {
				return nil, w.list, err
			}
			d.Meta = buildMeta(v, w)
		}
	}
	c := newConverter(body, name, w, !r.opts.CommonMark, r.opts.RawHTML)
	if err := c.convertDocument(root, d); err != nil {
		return nil, w.list, err
	}
	return d, w.list, nil
}

func skipLines(fm fmBlock) int {
	if fm.found {
		return fm.lines
	}
	return 0
}
