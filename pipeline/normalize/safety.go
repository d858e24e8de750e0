package normalize

import (
	"context"
	"fmt"
	"strings"

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
	mapBlocks(d, func(bs []doc.Block) []doc.Block {
		out := bs[:0]
		for _, b := range bs {
			if _, ok := b.(*doc.RawBlock); ok {
				continue
			}
			out = append(out, b)
		}
		return out
	})
	mapInlines(d, func(is []doc.Inline) []doc.Inline {
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
	clean := func(s *string, pos doc.Pos) {
		out, n := doc.StripText(*s)
		if n > 0 {
			*s = out
			doc.Warn(ctx, doc.Warning{Pos: pos, Code: "xml-illegal-char",
				Message: fmt.Sprintf("removed %d control or non-character code point(s) that XML forbids", n)})
		}
	}
	m := &d.Meta
	for _, s := range []*string{&m.Title, &m.Subtitle, &m.Date, &m.Updated, &m.Dateline, &m.Lang,
		&m.Source, &m.Publisher, &m.Section, &m.Summary, &m.Cover, &m.Rights, &m.Identifier} {
		clean(s, m.Pos)
	}
	for _, list := range [][]string{m.Authors, m.Tags} {
		for i := range list {
			clean(&list[i], m.Pos)
		}
	}
	for k, v := range m.Extra {
		clean(&v, m.Pos)
		m.Extra[k] = v
	}
	doc.Walk(d, func(n doc.Node, entering bool) doc.WalkStatus {
		if !entering {
			return doc.WalkContinue
		}
		switch n := n.(type) {
		case *doc.Text:
			clean(&n.Value, n.Pos)
		case *doc.Code:
			clean(&n.Value, n.Pos)
		case *doc.CodeBlock:
			clean(&n.Text, n.Pos)
		case *doc.RawBlock:
			clean(&n.Text, n.Pos)
		case *doc.RawInline:
			clean(&n.Text, n.Pos)
		case *doc.Link:
			clean(&n.URL, n.Pos)
			clean(&n.Title, n.Pos)
		case *doc.Image:
			clean(&n.Src, n.Pos)
			clean(&n.Alt, n.Pos)
			clean(&n.Title, n.Pos)
		case *doc.Figure:
			clean(&n.Src, n.Pos)
			clean(&n.Alt, n.Pos)
			clean(&n.Title, n.Pos)
			clean(&n.Credit, n.Pos)
		}
		return doc.WalkContinue
	})
	return nil
}
