package normalize

import (
	"context"
	"fmt"
	"strings"

	"folio/pipeline/doc"
)

// Nesting limits applied to every tree a reader returns, whatever the input
// format, by the first pass, before any pass or writer recurses. Writers and passes walk the tree recursively; a Markdown line of
// 65,000 nested emphasis markers is legal and goldmark builds it, so inline
// containers deeper than maxInlineDepth are flattened (their text is kept,
// the extra emphasis is not) with a warning. Blocks deeper than
// maxBlockDepth (only a hand-written JSON tree can get there: the Markdown
// reader stops at 32) are an error.
const (
	maxInlineDepth = 32
	maxBlockDepth  = 64
)

// CapDepth is the first pass alone, for a caller that walks a tree it has
// not normalized (the JSON round trip of the fuzz tests).
func CapDepth(ctx context.Context, d *doc.Document) error { return capDepth(ctx, d, nil) }

// capDepth enforces the nesting limits on d. Positions without a file
// name the document's (Meta.Pos).
func capDepth(ctx context.Context, d *doc.Document, o *Options) error {
	c := depthCap{ctx: ctx, name: d.Meta.Pos.File}
	if err := c.blocks(d.Blocks, 1); err != nil {
		return err
	}
	for _, n := range d.Notes {
		if err := c.blocks(n.Blocks, 1); err != nil {
			return err
		}
	}
	return nil
}

type depthCap struct {
	ctx  context.Context
	name string
}

func (c *depthCap) blocks(bs []doc.Block, depth int) error {
	if depth > maxBlockDepth && len(bs) > 0 {
		p := bs[0].Position()
		if p.File == "" {
			p.File = c.name
		}
		return doc.Errorf(p, "nesting-limit", "blocks nested deeper than %d", maxBlockDepth)
	}
	for _, b := range bs {
		switch b := b.(type) {
		case *doc.Heading:
			b.Content = c.inlines(b.Content, 0)
		case *doc.Paragraph:
			b.Content = c.inlines(b.Content, 0)
		case *doc.List:
			for _, it := range b.Items {
				if err := c.blocks(it.Blocks, depth+1); err != nil {
					return err
				}
			}
		case *doc.BlockQuote:
			if err := c.blocks(b.Blocks, depth+1); err != nil {
				return err
			}
		case *doc.Table:
			for _, rows := range [][]*doc.Row{b.Header, b.Body} {
				for _, r := range rows {
					for _, cell := range r.Cells {
						cell.Content = c.inlines(cell.Content, 0)
					}
				}
			}
		case *doc.Figure:
			b.Caption = c.inlines(b.Caption, 0)
		case *doc.DefinitionList:
			for _, it := range b.Items {
				it.Term = c.inlines(it.Term, 0)
				for _, def := range it.Definitions {
					if err := c.blocks(def, depth+1); err != nil {
						return err
					}
				}
			}
		}
	}
	return nil
}

// content returns the children of an inline container.
func content(n doc.Inline) *[]doc.Inline {
	switch n := n.(type) {
	case *doc.Emph:
		return &n.Content
	case *doc.Strong:
		return &n.Content
	case *doc.Strike:
		return &n.Content
	case *doc.Sub:
		return &n.Content
	case *doc.Sup:
		return &n.Content
	case *doc.Span:
		return &n.Content
	case *doc.Link:
		return &n.Content
	}
	return nil
}

// inlines caps the nesting under is, which sits at depth containers.
// Recursion stops at maxInlineDepth; below that, leaves are collected with
// an explicit stack.
func (c *depthCap) inlines(is []doc.Inline, depth int) []doc.Inline {
	for _, n := range is {
		kids := content(n)
		if kids == nil {
			continue
		}
		if depth+1 < maxInlineDepth {
			*kids = c.inlines(*kids, depth+1)
			continue
		}
		flat, deepest := flatten(*kids)
		if deepest > 0 {
			p := n.Position()
			if p.File == "" {
				p.File = c.name
			}
			doc.Warn(c.ctx, doc.Warning{Pos: p, Code: "nesting-flattened",
				Message: fmt.Sprintf("inline markup nested %d deep; levels past %d are shown as plain text", depth+1+deepest, maxInlineDepth)})
		}
		*kids = flat
	}
	return is
}

// flatten returns the leaves under is in order, and how deep containers
// went below it (0 when is holds no container).
func flatten(is []doc.Inline) ([]doc.Inline, int) {
	type frame struct {
		list  []doc.Inline
		depth int
	}
	var out []doc.Inline
	deepest := 0
	stack := []frame{{is, 0}}
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		if len(top.list) == 0 {
			stack = stack[:len(stack)-1]
			continue
		}
		n := top.list[0]
		top.list = top.list[1:]
		if kids := content(n); kids != nil {
			if link, ok := n.(*doc.Link); ok && top.depth == 0 {
				// A link right below the cap keeps its target; only what is
				// inside it is flattened.
				lc, ld := flatten(link.Content)
				link.Content = lc
				if ld > 0 {
					deepest = max(deepest, 1+ld)
				}
				out = append(out, link)
				continue
			}
			d := top.depth + 1
			deepest = max(deepest, d)
			stack = append(stack, frame{*kids, d})
			continue
		}
		out = append(out, n)
	}
	return mergeTexts(out), deepest
}

// mergeTexts joins runs of adjacent texts (left apart by emphasis that is
// gone) into one text node each.
func mergeTexts(is []doc.Inline) []doc.Inline {
	out := is[:0]
	for i := 0; i < len(is); {
		t, ok := is[i].(*doc.Text)
		j := i + 1
		if ok {
			for j < len(is) {
				if _, ok := is[j].(*doc.Text); !ok {
					break
				}
				j++
			}
		}
		if j-i == 1 {
			out = append(out, is[i])
			i = j
			continue
		}
		var b strings.Builder
		for _, x := range is[i:j] {
			b.WriteString(x.(*doc.Text).Value)
		}
		out = append(out, &doc.Text{Value: b.String(), Pos: t.Pos})
		i = j
	}
	return out
}
