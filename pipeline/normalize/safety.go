package normalize

import (
	"context"
	"fmt"
	"strings"

	"golang.org/x/text/unicode/norm"

	"folio/pipeline/doc"
)

// rawHTML drops raw HTML blocks and inlines unless the user passed
// --unsafe-html, with one warning per dropped node naming where it was.
func rawHTML(ctx context.Context, d *doc.Document, o *Options) error {
	if o.UnsafeHTML {
		return nil
	}
	// Warn in document order first; the removal below visits innermost
	// sequences first.
	doc.Walk(d, func(n doc.Node, entering bool) doc.WalkStatus {
		var pos doc.Pos
		var text string
		switch n := n.(type) {
		case *doc.RawBlock:
			pos, text = n.Pos, n.Text
		case *doc.RawInline:
			pos, text = n.Pos, n.Text
		default:
			return doc.WalkContinue
		}
		if entering {
			doc.Warn(ctx, doc.Warning{Pos: pos, Code: "raw-html-omitted",
				Message: "raw HTML " + quote(strings.TrimSpace(text)) + " left out; pass --unsafe-html to keep it"})
		}
		return doc.WalkContinue
	})
	doc.MapBlocks(d, func(bs []doc.Block) []doc.Block {
		out := bs[:0]
		for _, b := range bs {
			if _, ok := b.(*doc.RawBlock); ok {
				continue
			}
			out = append(out, b)
		}
		return out
	})
	doc.MapInlines(d, func(is []doc.Inline) []doc.Inline {
		out := is[:0]
		for _, in := range is {
			if _, ok := in.(*doc.RawInline); ok {
				continue
			}
			out = append(out, in)
		}
		return out
	})
	return nil
}

// xmlChars removes what doc.TextChar refuses (XML-illegal characters, C1
// controls, noncharacters) from every text of the tree
// and its metadata, one warning per node that had any.
func xmlChars(ctx context.Context, d *doc.Document, o *Options) error {
	eachText(d, func(s *string, pos doc.Pos, verbatim bool) {
		out, n := doc.StripText(*s)
		if n > 0 {
			*s = out
			doc.Warn(ctx, doc.Warning{Pos: pos, Code: "xml-illegal-char",
				Message: fmt.Sprintf("removed %d control or non-character code point(s) that XML forbids", n)})
		}
	})
	return nil
}

// composeText writes every text but code and raw HTML in Unicode's
// composed form (NFC): a copy from macOS or a PDF may spell "für" as u
// and a combining diaeresis, which a PDF font draws beside the letter
// and the Nu checker flags; the composed "ü" is one glyph every face has.
// Code keeps its code points as written.
func composeText(ctx context.Context, d *doc.Document, o *Options) error {
	eachText(d, func(s *string, pos doc.Pos, verbatim bool) {
		if !verbatim && !norm.NFC.IsNormalString(*s) {
			*s = norm.NFC.String(*s)
		}
	})
	return nil
}

// eachText calls f on every string of d that a writer prints or links:
// the metadata, texts, code (verbatim), raw HTML (verbatim), link and
// image attributes, figure credits.
func eachText(d *doc.Document, f func(s *string, pos doc.Pos, verbatim bool)) {
	m := &d.Meta
	for _, s := range []*string{&m.Title, &m.Subtitle, &m.Date, &m.Updated, &m.Dateline, &m.Lang,
		&m.Publisher, &m.Section, &m.Summary, &m.Rights} {
		f(s, m.Pos, false)
	}
	// A file name, an address and an identifier are kept as written: an
	// NFD file name on disk is found only as it is spelled.
	for _, s := range []*string{&m.Source, &m.Cover, &m.Identifier} {
		f(s, m.Pos, true)
	}
	for _, list := range [][]string{m.Authors, m.Tags} {
		for i := range list {
			f(&list[i], m.Pos, false)
		}
	}
	for k, v := range m.Extra {
		f(&v, m.Pos, false)
		m.Extra[k] = v
	}
	doc.Walk(d, func(n doc.Node, entering bool) doc.WalkStatus {
		if !entering {
			return doc.WalkContinue
		}
		switch n := n.(type) {
		case *doc.Text:
			f(&n.Value, n.Pos, false)
		case *doc.Code:
			f(&n.Value, n.Pos, true)
		case *doc.CodeBlock:
			f(&n.Text, n.Pos, true)
		case *doc.RawBlock:
			f(&n.Text, n.Pos, true)
		case *doc.RawInline:
			f(&n.Text, n.Pos, true)
		case *doc.Link:
			f(&n.URL, n.Pos, true)
			f(&n.Title, n.Pos, false)
		case *doc.Image:
			f(&n.Src, n.Pos, true)
			f(&n.Alt, n.Pos, false)
			f(&n.Title, n.Pos, false)
		case *doc.Figure:
			f(&n.Src, n.Pos, true)
			f(&n.Alt, n.Pos, false)
			f(&n.Title, n.Pos, false)
			f(&n.Credit, n.Pos, false)
		}
		return doc.WalkContinue
	})
}
