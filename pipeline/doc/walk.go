package doc

import "strings"

// WalkStatus tells Walk how to go on after visiting a node.
type WalkStatus int

const (
	// WalkContinue visits the node's children and then its siblings.
	WalkContinue WalkStatus = iota
	// WalkSkipChildren skips the node's children (meaningful on entering).
	WalkSkipChildren
	// WalkStop ends the walk.
	WalkStop
)

// Visitor is called twice per node: entering (before its children) and
// leaving (after them), as goldmark's ast.Walk does.
type Visitor func(n Node, entering bool) WalkStatus

// Walk visits every block and inline of the document body and then of its
// notes, in document order.
func Walk(d *Document, v Visitor) {
	if walkBlocks(d.Blocks, v) == WalkStop {
		return
	}
	for _, n := range d.Notes {
		if walkBlocks(n.Blocks, v) == WalkStop {
			return
		}
	}
}

// WalkBlocks visits a block sequence and everything inside it.
func WalkBlocks(bs []Block, v Visitor) { walkBlocks(bs, v) }

// WalkInlines visits an inline sequence and everything inside it.
func WalkInlines(is []Inline, v Visitor) { walkInlines(is, v) }

func walkBlocks(bs []Block, v Visitor) WalkStatus {
	for _, b := range bs {
		if walkNode(b, v) == WalkStop {
			return WalkStop
		}
	}
	return WalkContinue
}

func walkInlines(is []Inline, v Visitor) WalkStatus {
	for _, n := range is {
		if walkNode(n, v) == WalkStop {
			return WalkStop
		}
	}
	return WalkContinue
}

func walkNode(n Node, v Visitor) WalkStatus {
	switch v(n, true) {
	case WalkStop:
		return WalkStop
	case WalkSkipChildren:
		return v(n, false)
	}
	if walkChildren(n, v) == WalkStop {
		return WalkStop
	}
	if v(n, false) == WalkStop {
		return WalkStop
	}
	return WalkContinue
}

func walkChildren(n Node, v Visitor) WalkStatus {
	switch n := n.(type) {
	case *Heading:
		return walkInlines(n.Content, v)
	case *Paragraph:
		return walkInlines(n.Content, v)
	case *List:
		for _, it := range n.Items {
			if walkBlocks(it.Blocks, v) == WalkStop {
				return WalkStop
			}
		}
	case *BlockQuote:
		return walkBlocks(n.Blocks, v)
	case *Table:
		for _, rows := range [][]*Row{n.Header, n.Body} {
			for _, r := range rows {
				for _, c := range r.Cells {
					if walkInlines(c.Content, v) == WalkStop {
						return WalkStop
					}
				}
			}
		}
	case *Figure:
		return walkInlines(n.Caption, v)
	case *DefinitionList:
		for _, it := range n.Items {
			if walkInlines(it.Term, v) == WalkStop {
				return WalkStop
			}
			for _, def := range it.Definitions {
				if walkBlocks(def, v) == WalkStop {
					return WalkStop
				}
			}
		}
	case Inline:
		return walkInlines(Children(n), v)
	}
	return WalkContinue
}

// Children is the content of a formatting inline (emphasis, strong,
// strike, sub, sup, span, link), or nil.
func Children(n Inline) []Inline {
	switch n := n.(type) {
	case *Emph:
		return n.Content
	case *Strong:
		return n.Content
	case *Strike:
		return n.Content
	case *Sub:
		return n.Content
	case *Sup:
		return n.Content
	case *Span:
		return n.Content
	case *Link:
		return n.Content
	}
	return nil
}

// PlainText flattens inlines to their text: what a heading says in a table
// of contents, or an image's alt text. Breaks become spaces; raw markup and
// note references are dropped.
func PlainText(is []Inline) string {
	var b strings.Builder
	WalkInlines(is, func(n Node, entering bool) WalkStatus {
		if !entering {
			return WalkContinue
		}
		switch n := n.(type) {
		case *Text:
			b.WriteString(n.Value)
		case *Code:
			b.WriteString(n.Value)
		case *Image:
			b.WriteString(n.Alt)
		case *SoftBreak, *LineBreak:
			b.WriteByte(' ')
		}
		return WalkContinue
	})
	return b.String()
}

// PlaceIDs are the ids in bs that a link can go to, in document order:
// the headings' and the anchors'.
func PlaceIDs(bs []Block) []string {
	var ids []string
	WalkBlocks(bs, func(n Node, entering bool) WalkStatus {
		switch n := n.(type) {
		case *Heading:
			if entering && n.ID != "" {
				ids = append(ids, n.ID)
			}
		case *Anchor:
			if entering && n.ID != "" {
				ids = append(ids, n.ID)
			}
		}
		return WalkContinue
	})
	return ids
}
