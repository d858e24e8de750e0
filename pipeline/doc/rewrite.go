package doc

// MapBlocks calls fn on every block sequence of the document (body, nested
// containers, notes), innermost first, and stores what it returns. Passes
// that remove or replace blocks use it.
func MapBlocks(d *Document, fn func([]Block) []Block) {
	d.Blocks = mapBlockSeq(d.Blocks, fn)
	for _, n := range d.Notes {
		n.Blocks = mapBlockSeq(n.Blocks, fn)
	}
}

func mapBlockSeq(bs []Block, fn func([]Block) []Block) []Block {
	for _, b := range bs {
		switch b := b.(type) {
		case *List:
			for _, it := range b.Items {
				it.Blocks = mapBlockSeq(it.Blocks, fn)
			}
		case *BlockQuote:
			b.Blocks = mapBlockSeq(b.Blocks, fn)
		case *DefinitionList:
			for _, it := range b.Items {
				for i := range it.Definitions {
					it.Definitions[i] = mapBlockSeq(it.Definitions[i], fn)
				}
			}
		}
	}
	return fn(bs)
}

// MapInlines calls fn on every inline sequence of the document, innermost
// first, and stores what it returns.
func MapInlines(d *Document, fn func([]Inline) []Inline) {
	MapBlocks(d, func(bs []Block) []Block {
		for _, b := range bs {
			switch b := b.(type) {
			case *Heading:
				b.Content = mapInlineSeq(b.Content, fn)
			case *Paragraph:
				b.Content = mapInlineSeq(b.Content, fn)
			case *Figure:
				b.Caption = mapInlineSeq(b.Caption, fn)
			case *Table:
				for _, rows := range [][]*Row{b.Header, b.Body} {
					for _, r := range rows {
						for _, c := range r.Cells {
							c.Content = mapInlineSeq(c.Content, fn)
						}
					}
				}
			case *DefinitionList:
				for _, it := range b.Items {
					it.Term = mapInlineSeq(it.Term, fn)
				}
			}
		}
		return bs
	})
}

func mapInlineSeq(is []Inline, fn func([]Inline) []Inline) []Inline {
	for _, in := range is {
		switch in := in.(type) {
		case *Emph:
			in.Content = mapInlineSeq(in.Content, fn)
		case *Strong:
			in.Content = mapInlineSeq(in.Content, fn)
		case *Strike:
			in.Content = mapInlineSeq(in.Content, fn)
		case *Sub:
			in.Content = mapInlineSeq(in.Content, fn)
		case *Sup:
			in.Content = mapInlineSeq(in.Content, fn)
		case *Span:
			in.Content = mapInlineSeq(in.Content, fn)
		case *Link:
			in.Content = mapInlineSeq(in.Content, fn)
		}
	}
	return fn(is)
}

// Splice returns is with the inlines f replaces: f returns what goes in
// the place of is[i] and true, or false to keep it. When f replaces
// nothing, is itself is returned, not a copy.
func Splice(is []Inline, f func(i int, in Inline) ([]Inline, bool)) []Inline {
	var out []Inline
	for i, in := range is {
		if rep, ok := f(i, in); ok {
			if out == nil {
				out = append(make([]Inline, 0, len(is)), is[:i]...)
			}
			out = append(out, rep...)
			continue
		}
		if out != nil {
			out = append(out, in)
		}
	}
	if out == nil {
		return is
	}
	return out
}
