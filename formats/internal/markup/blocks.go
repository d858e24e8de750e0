package markup

import (
	"bytes"
	"strconv"
	"strings"

	"folio/pipeline/doc"
)

// Blocks renders a block sequence.
func (r *Renderer) Blocks(w *bytes.Buffer, bs []doc.Block) {
	for _, b := range bs {
		r.block(w, b, false)
	}
}

// block renders one block. tight is true for the blocks of a tight list
// item, whose paragraphs print without <p>.
func (r *Renderer) block(w *bytes.Buffer, b doc.Block, tight bool) {
	switch n := b.(type) {
	case *doc.Paragraph:
		if tight {
			r.Inlines(w, n.Content)
			return
		}
		r.open(w, "p", true)
		r.Inlines(w, n.Content)
		w.WriteString("</p>\n")
	case *doc.Heading:
		r.heading(w, n)
	case *doc.List:
		r.list(w, n)
	case *doc.BlockQuote:
		r.open(w, "blockquote", true)
		w.WriteByte('\n')
		r.Blocks(w, n.Blocks)
		w.WriteString("</blockquote>\n")
	case *doc.CodeBlock:
		w.WriteString("<pre><code")
		if lang := strings.TrimSpace(n.Language); lang != "" {
			writeAttr(w, "class", "language-"+lang)
		}
		w.WriteByte('>')
		writeEscaped(w, n.Text)
		w.WriteString("</code></pre>\n")
	case *doc.Table:
		r.table(w, n)
	case *doc.Figure:
		r.figure(w, n)
	case *doc.ThematicBreak:
		w.WriteString("<hr />\n")
	case *doc.DefinitionList:
		r.definitionList(w, n)
	case *doc.RawBlock:
		if r.raw(w, n.Format, n.Text, n.Pos) {
			if !strings.HasSuffix(n.Text, "\n") {
				w.WriteByte('\n')
			}
		}
	case nil:
	default:
		r.warnf(b.Position(), "unknown-node", "block of kind "+b.Kind()+" not rendered")
	}
}

// open writes a start tag, with dir="auto" where the text direction should
// follow the content.
func (r *Renderer) open(w *bytes.Buffer, tag string, dirAuto bool) {
	w.WriteByte('<')
	w.WriteString(tag)
	if dirAuto && !r.opts.NoDirAuto {
		w.WriteString(` dir="auto"`)
	}
	w.WriteByte('>')
}

func (r *Renderer) heading(w *bytes.Buffer, n *doc.Heading) {
	level := min(max(n.Level+r.opts.HeadingShift, 1), 6)
	tag := "h" + strconv.Itoa(level)
	w.WriteByte('<')
	w.WriteString(tag)
	if r.opts.HeadingIDs && n.ID != "" {
		writeAttr(w, "id", n.ID)
	}
	if !r.opts.NoDirAuto {
		w.WriteString(` dir="auto"`)
	}
	w.WriteByte('>')
	r.Inlines(w, n.Content)
	w.WriteString("</" + tag + ">\n")
}

func (r *Renderer) list(w *bytes.Buffer, n *doc.List) {
	tag := "ul"
	if n.Ordered {
		tag = "ol"
	}
	w.WriteByte('<')
	w.WriteString(tag)
	if n.Ordered && n.Start != 1 {
		writeAttr(w, "start", strconv.Itoa(n.Start))
	}
	if hasTask(n) {
		writeAttr(w, "class", "tasks")
	}
	w.WriteString(">\n")
	for _, it := range n.Items {
		if it != nil {
			r.listItem(w, it, n.Tight)
		}
	}
	w.WriteString("</" + tag + ">\n")
}

func hasTask(n *doc.List) bool {
	for _, it := range n.Items {
		if it != nil && it.Task {
			return true
		}
	}
	return false
}

// listItem prints an item the way the CommonMark reference does: in a
// tight list a leading paragraph follows <li> directly, any other first
// block starts on a new line.
func (r *Renderer) listItem(w *bytes.Buffer, it *doc.ListItem, tight bool) {
	r.open(w, "li", true)
	box := it.Task
	if len(it.Blocks) > 0 {
		if _, para := it.Blocks[0].(*doc.Paragraph); !(tight && para) && !(box && para) {
			w.WriteByte('\n')
		}
	}
	for i, b := range it.Blocks {
		p, para := b.(*doc.Paragraph)
		switch {
		case box && para && !tight:
			r.open(w, "p", true)
			r.checkbox(w, it.Checked)
			r.Inlines(w, p.Content)
			w.WriteString("</p>\n")
		case box && para:
			r.checkbox(w, it.Checked)
			r.Inlines(w, p.Content)
		default:
			if box {
				r.checkbox(w, it.Checked)
				w.WriteByte('\n')
			}
			r.block(w, b, tight)
		}
		box = false
		if tight && para && i < len(it.Blocks)-1 {
			w.WriteByte('\n')
		}
	}
	if box { // a task item with no content
		r.checkbox(w, it.Checked)
	}
	w.WriteString("</li>\n")
}

func (r *Renderer) checkbox(w *bytes.Buffer, checked bool) {
	w.WriteString(`<input type="checkbox" disabled="" aria-label="`)
	writeEscaped(w, r.labels.Task)
	w.WriteByte('"')
	if checked {
		w.WriteString(` checked=""`)
	}
	w.WriteString(" /> ")
}

func (r *Renderer) table(w *bytes.Buffer, n *doc.Table) {
	if !r.opts.NoTableWrap {
		w.WriteString(`<div class="table-wrap">` + "\n")
	}
	w.WriteString("<table>\n")
	r.rows(w, "thead", "th", n.Header, n.Align)
	r.rows(w, "tbody", "td", n.Body, n.Align)
	w.WriteString("</table>\n")
	if !r.opts.NoTableWrap {
		w.WriteString("</div>\n")
	}
}

func (r *Renderer) rows(w *bytes.Buffer, section, cell string, rows []*doc.Row, align []doc.Align) {
	if len(rows) == 0 {
		return
	}
	w.WriteString("<" + section + ">\n")
	for _, row := range rows {
		w.WriteString("<tr>\n")
		if row != nil {
			for i, c := range row.Cells {
				w.WriteString("<" + cell)
				if i < len(align) {
					switch a := align[i]; a {
					case doc.AlignLeft, doc.AlignCenter, doc.AlignRight:
						writeAttr(w, "style", "text-align: "+string(a))
					}
				}
				if !r.opts.NoDirAuto {
					w.WriteString(` dir="auto"`)
				}
				w.WriteByte('>')
				if c != nil {
					r.Inlines(w, c.Content)
				}
				w.WriteString("</" + cell + ">\n")
			}
		}
		w.WriteString("</tr>\n")
	}
	w.WriteString("</" + section + ">\n")
}

// figure prints an image with its caption and credit. With no usable image
// it prints a labelled placeholder ("Image not available" and the alt
// text) above the caption and credit, so a credit never stands alone; a
// figure with nothing to say at all prints nothing.
func (r *Renderer) figure(w *bytes.Buffer, n *doc.Figure) {
	var img bytes.Buffer
	r.image(&img, &doc.Image{Src: n.Src, Alt: n.Alt, Title: n.Title, Ref: n.Ref, Pos: n.Pos}, false)
	hasCaption := len(n.Caption) > 0 || strings.TrimSpace(n.Credit) != ""
	alt := strings.TrimSpace(n.Alt)
	if img.Len() == 0 && !hasCaption && alt == "" {
		return
	}
	if img.Len() == 0 {
		w.WriteString(`<figure class="no-image">` + "\n")
		w.WriteString(`<p class="image-missing"`)
		if !r.opts.NoDirAuto {
			w.WriteString(` dir="auto"`)
		}
		w.WriteString(`><span class="label">`)
		writeEscaped(w, r.labels.ImageMissing)
		w.WriteString("</span>")
		if alt != "" {
			w.WriteString(" ")
			writeEscaped(w, alt)
		}
		w.WriteString("</p>\n")
	} else {
		w.WriteString("<figure>\n")
		w.Write(img.Bytes())
		w.WriteByte('\n')
	}
	if hasCaption {
		r.open(w, "figcaption", true)
		r.Inlines(w, n.Caption)
		if credit := strings.TrimSpace(n.Credit); credit != "" {
			if len(n.Caption) > 0 {
				w.WriteByte(' ')
			}
			w.WriteString(`<span class="credit">`)
			writeEscaped(w, r.labels.Credit+": "+credit)
			w.WriteString("</span>")
		}
		w.WriteString("</figcaption>\n")
	}
	w.WriteString("</figure>\n")
}

func (r *Renderer) definitionList(w *bytes.Buffer, n *doc.DefinitionList) {
	w.WriteString("<dl>\n")
	for _, it := range n.Items {
		if it == nil {
			continue
		}
		r.open(w, "dt", true)
		r.Inlines(w, it.Term)
		w.WriteString("</dt>\n")
		defs := it.Definitions
		if len(defs) == 0 {
			defs = [][]doc.Block{nil} // a <dt> must be followed by a <dd>
		}
		for _, def := range defs {
			r.open(w, "dd", true)
			if len(def) == 1 {
				if p, ok := def[0].(*doc.Paragraph); ok {
					r.Inlines(w, p.Content)
					w.WriteString("</dd>\n")
					continue
				}
			}
			if len(def) > 0 {
				w.WriteByte('\n')
			}
			r.Blocks(w, def)
			w.WriteString("</dd>\n")
		}
	}
	w.WriteString("</dl>\n")
}
