package webpage

import (
	"fmt"
	"strings"

	"folio/pipeline/doc"
)

// render prints blocks compactly for assertions: one line per block,
// inlines in a Markdown-like shorthand.
func render(bs []doc.Block) string {
	var b strings.Builder
	renderBlocks(&b, bs, "")
	return b.String()
}

func renderBlocks(b *strings.Builder, bs []doc.Block, ind string) {
	for _, blk := range bs {
		switch n := blk.(type) {
		case *doc.Heading:
			fmt.Fprintf(b, "%sh%d#%s %s\n", ind, n.Level, n.ID, il(n.Content))
		case *doc.Paragraph:
			fmt.Fprintf(b, "%sp %s\n", ind, il(n.Content))
		case *doc.List:
			fmt.Fprintf(b, "%slist ordered=%v start=%d tight=%v\n", ind, n.Ordered, n.Start, n.Tight)
			for _, it := range n.Items {
				fmt.Fprintf(b, "%s- item\n", ind)
				renderBlocks(b, it.Blocks, ind+"  ")
			}
		case *doc.BlockQuote:
			fmt.Fprintf(b, "%squote\n", ind)
			renderBlocks(b, n.Blocks, ind+"> ")
		case *doc.Figure:
			fmt.Fprintf(b, "%sfigure src=%q alt=%q caption=%q credit=%q\n", ind, n.Src, n.Alt, il(n.Caption), n.Credit)
		case *doc.Table:
			fmt.Fprintf(b, "%stable align=%v header=%d\n", ind, n.Align, len(n.Header))
			for _, r := range append(append([]*doc.Row{}, n.Header...), n.Body...) {
				var cs []string
				for _, c := range r.Cells {
					cs = append(cs, il(c.Content))
				}
				fmt.Fprintf(b, "%s| %s |\n", ind, strings.Join(cs, " | "))
			}
		case *doc.CodeBlock:
			fmt.Fprintf(b, "%scode lang=%s %q\n", ind, n.Language, n.Text)
		case *doc.DefinitionList:
			fmt.Fprintf(b, "%sdl\n", ind)
			for _, it := range n.Items {
				fmt.Fprintf(b, "%sdt %s\n", ind, il(it.Term))
				for _, d := range it.Definitions {
					renderBlocks(b, d, ind+"dd ")
				}
			}
		case *doc.ThematicBreak:
			fmt.Fprintf(b, "%shr\n", ind)
		default:
			fmt.Fprintf(b, "%s%s\n", ind, blk.Kind())
		}
	}
}

func il(is []doc.Inline) string {
	var b strings.Builder
	for _, n := range is {
		switch n := n.(type) {
		case *doc.Text:
			b.WriteString(n.Value)
		case *doc.Emph:
			b.WriteString("_" + il(n.Content) + "_")
		case *doc.Strong:
			b.WriteString("*" + il(n.Content) + "*")
		case *doc.Strike:
			b.WriteString("~" + il(n.Content) + "~")
		case *doc.Sub:
			b.WriteString("_{" + il(n.Content) + "}")
		case *doc.Sup:
			b.WriteString("^{" + il(n.Content) + "}")
		case *doc.Link:
			b.WriteString("[" + il(n.Content) + "](" + n.URL + ")")
		case *doc.Code:
			b.WriteString("`" + n.Value + "`")
		case *doc.Image:
			b.WriteString("![" + n.Alt + "](" + n.Src + ")")
		case *doc.LineBreak:
			b.WriteString("\\n")
		default:
			b.WriteString("<" + n.Kind() + ">")
		}
	}
	return b.String()
}
