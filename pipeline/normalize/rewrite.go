package normalize

import "folio/pipeline/doc"

// mapBlocks calls fn on every block sequence of the document (body, nested
// containers, notes), innermost first, and stores what it returns. Passes
// that remove or replace blocks use it.
func mapBlocks(d *doc.Document, fn func([]doc.Block) []doc.Block) {
	d.Blocks = mapBlockSeq(d.Blocks, fn)
	for _, n := range d.Notes {
		n.Blocks = mapBlockSeq(n.Blocks, fn)
	}
}

func mapBlockSeq(bs []doc.Block, fn func([]doc.Block) []doc.Block) []doc.Block {
	for _, b := range bs {
		switch b := b.(type) {
		case *doc.List:
			for _, it := range b.Items {
				it.Blocks = mapBlockSeq(it.Blocks, fn)
			}
		case *doc.BlockQuote:
			b.Blocks = mapBlockSeq(b.Blocks, fn)
		case *doc.DefinitionList:
			for _, it := range b.Items {
				for i := range it.Definitions {
					it.Definitions[i] = mapBlockSeq(it.Definitions[i], fn)
				}
			}
		}
	}
	return fn(bs)
}

// mapInlines calls fn on every inline sequence of the document, innermost
// first, and stores what it returns.
func mapInlines(d *doc.Document, fn func([]doc.Inline) []doc.Inline) {
	mapBlocks(d, func(bs []doc.Block) []doc.Block {
		for _, b := range bs {
			switch b := b.(type) {
			case *doc.Heading:
				b.Content = mapInlineSeq(b.Content, fn)
			case *doc.Paragraph:
				b.Content = mapInlineSeq(b.Content, fn)
			case *doc.Figure:
				b.Caption = mapInlineSeq(b.Caption, fn)
			case *doc.Table:
				for _, rows := range [][]*doc.Row{b.Header, b.Body} {
					for _, r := range rows {
						for _, c := range r.Cells {
							c.Content = mapInlineSeq(c.Content, fn)
						}
					}
				}
			case *doc.DefinitionList:
				for _, it := range b.Items {
					it.Term = mapInlineSeq(it.Term, fn)
				}
			}
		}
		return bs
	})
}

func mapInlineSeq(is []doc.Inline, fn func([]doc.Inline) []doc.Inline) []doc.Inline {
	for _, in := range is {
		switch in := in.(type) {
		case *doc.Emph:
			in.Content = mapInlineSeq(in.Content, fn)
		case *doc.Strong:
			in.Content = mapInlineSeq(in.Content, fn)
		case *doc.Strike:
			in.Content = mapInlineSeq(in.Content, fn)
		case *doc.Sub:
			in.Content = mapInlineSeq(in.Content, fn)
		case *doc.Sup:
			in.Content = mapInlineSeq(in.Content, fn)
		case *doc.Span:
			in.Content = mapInlineSeq(in.Content, fn)
		case *doc.Link:
			in.Content = mapInlineSeq(in.Content, fn)
		}
	}
	return fn(is)
}
