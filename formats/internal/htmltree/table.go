package htmltree

import (
	"strconv"
	"strings"

	"golang.org/x/net/html"

	"folio/formats/internal/lazyre"
	"folio/pipeline/doc"
)

const (
	maxColspan = 50
	maxColumns = 200
)

var textAlign = lazyre.New(`(?i)text-align\s*:\s*(left|right|center|start|end)`)

type tableRow struct {
	cells  []*html.Node
	header bool // in thead
}

// table reads a data table: header rows from <thead> (or a first row of
// <th> only), body rows from <tbody>, <tfoot> and bare <tr>, alignment from
// each column's first cell (align attribute or text-align style, as the
// page wrote them). A table of one column, or one holding another table,
// is layout: its cells are read as blocks in order.
func (c *Converter) table(n *html.Node, pos doc.Pos, depth, nest int) []doc.Block {
	var rows []tableRow
	var caption *html.Node
	layout := false
	var collect func(p *html.Node, header bool)
	collect = func(p *html.Node, header bool) {
		for ch := p.FirstChild; ch != nil; ch = ch.NextSibling {
			if ch.Type != html.ElementNode {
				continue
			}
			switch ch.Data {
			case "caption":
				if caption == nil {
					caption = ch
				}
			case "thead":
				collect(ch, true)
			case "tbody", "tfoot":
				collect(ch, false)
			case "tr":
				var cells []*html.Node
				for cell := ch.FirstChild; cell != nil; cell = cell.NextSibling {
					if cell.Type == html.ElementNode && (cell.Data == "td" || cell.Data == "th") {
						cells = append(cells, cell)
						if findElement(cell, "table") != nil {
							layout = true
						}
					}
				}
				if len(cells) > 0 {
					rows = append(rows, tableRow{cells: cells, header: header})
				}
			}
		}
	}
	collect(n, false)
	cols := 0
	for _, r := range rows {
		cols = max(cols, c.width(r.cells))
	}
	if layout || cols < 2 || len(rows) == 0 {
		return c.layoutTable(n, depth, nest)
	}
	cols = min(cols, maxColumns)
	t := &doc.Table{Pos: pos, Align: make([]doc.Align, cols)}
	for i, r := range rows {
		header := r.header || (i == 0 && !anyHeader(rows) && allTH(r.cells))
		row := c.row(r.cells, cols, depth)
		if header && len(t.Body) == 0 {
			t.Header = append(t.Header, row)
		} else {
			t.Body = append(t.Body, row)
		}
	}
	c.alignments(t, rows, cols)
	var out []doc.Block
	if caption != nil {
		c.enter(caption)
		if is := tidy(c.inlines(caption, depth+1)); len(is) > 0 {
			out = append(out, &doc.Paragraph{Content: is, Pos: c.Pos(caption)})
		}
	}
	return append(out, t)
}

func anyHeader(rows []tableRow) bool {
	for _, r := range rows {
		if r.header {
			return true
		}
	}
	return false
}

func allTH(cells []*html.Node) bool {
	for _, c := range cells {
		if c.Data != "th" {
			return false
		}
	}
	return true
}

func colspan(n *html.Node) int {
	s, err := strconv.Atoi(strings.TrimSpace(Attr(n, "colspan")))
	if err != nil || s < 1 {
		return 1
	}
	return min(s, maxColspan)
}

func (c *Converter) width(cells []*html.Node) int {
	w := 0
	for _, cell := range cells {
		w += colspan(cell)
	}
	return w
}

// row reads one row; a cell spanning columns is followed by empty cells so
// the grid stays rectangular.
func (c *Converter) row(cells []*html.Node, cols, depth int) *doc.Row {
	r := &doc.Row{}
	for k, cell := range cells {
		if len(r.Cells) >= cols {
			break
		}
		// A row's or a cell's id a link names is an anchor at the start
		// of the cell, and so is the table's for its first cell.
		var at []doc.Inline
		if k == 0 {
			at, c.pending = c.pending, nil
			if tr := cell.Parent; tr != nil && tr.Data == "tr" {
				at = appendAnchor(at, c.anchor(tr, c.Pos(tr)))
			}
		}
		at = appendAnchor(at, c.anchor(cell, c.Pos(cell)))
		c.enter(cell)
		r.Cells = append(r.Cells, &doc.Cell{Content: nonNil(append(at, tidy(c.inlines(cell, depth+1))...))})
		for i := 1; i < colspan(cell) && len(r.Cells) < cols; i++ {
			r.Cells = append(r.Cells, &doc.Cell{Content: []doc.Inline{}})
		}
	}
	for len(r.Cells) < cols {
		r.Cells = append(r.Cells, &doc.Cell{Content: []doc.Inline{}})
	}
	return r
}

func nonNil(is []doc.Inline) []doc.Inline {
	if is == nil {
		return []doc.Inline{}
	}
	return is
}

// alignments takes each column's alignment from the first row that sets
// one for it.
func (c *Converter) alignments(t *doc.Table, rows []tableRow, cols int) {
	for _, r := range rows {
		col := 0
		for _, cell := range r.cells {
			if col >= cols {
				break
			}
			if t.Align[col] == doc.AlignDefault {
				t.Align[col] = c.cellAlign(cell)
			}
			col += colspan(cell)
		}
	}
}

func (c *Converter) cellAlign(cell *html.Node) doc.Align {
	a := strings.ToLower(strings.TrimSpace(c.orig(cell, "align")))
	if m := textAlign.FindStringSubmatch(c.orig(cell, "style")); m != nil {
		a = strings.ToLower(m[1])
	}
	switch a {
	case "left", "start":
		return doc.AlignLeft
	case "right", "end":
		return doc.AlignRight
	case "center", "middle":
		return doc.AlignCenter
	}
	return doc.AlignDefault
}

// layoutTable reads a table used for layout as the blocks in its cells.
func (c *Converter) layoutTable(n *html.Node, depth, nest int) []doc.Block {
	var out []doc.Block
	var visit func(p *html.Node)
	visit = func(p *html.Node) {
		for ch := p.FirstChild; ch != nil; ch = ch.NextSibling {
			if ch.Type != html.ElementNode || c.Dropped(ch) {
				continue
			}
			switch ch.Data {
			case "thead", "tbody", "tfoot", "tr":
				visit(ch)
			case "td", "th", "caption":
				c.enter(ch)
				out = append(out, c.blocks(ch, depth+2, nest)...)
			}
		}
	}
	visit(n)
	return out
}
