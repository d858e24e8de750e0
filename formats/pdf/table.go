package pdf

import (
	"folio/assets/fonts"
	"folio/pipeline/doc"
)

type tcell struct {
	lines []line
	rtl   bool
	al    align
}

type trow struct {
	cells  []tcell
	nlines int
	header bool
}

const (
	tabSize = 9
	tabLead = 12
	tabPad  = 4.5
)

// table sets a grid: column widths from content, cells wrapped, the header
// row repeated at the top of every page the table continues on, and rows
// taller than a page split between pages.
func (l *layout) table(t *doc.Table, c bctx) {
	ncol := len(t.Align)
	for _, rows := range [][]*doc.Row{t.Header, t.Body} {
		for _, r := range rows {
			ncol = max(ncol, len(r.Cells))
		}
	}
	if ncol == 0 {
		return
	}
	x0, avail := l.box(c)
	base := style{fam: fonts.Sans, size: tabSize, color: colInk}
	type wcell struct {
		words []word
		rtl   bool
	}
	build := func(r *doc.Row, head bool) []wcell {
		out := make([]wcell, ncol)
		st := base
		st.bold = head
		for i, cl := range r.Cells {
			if cl != nil {
				out[i].words, out[i].rtl = l.words(cl.Content, st, l.rtl)
			}
		}
		return out
	}
	var head, body [][]wcell
	for _, r := range t.Header {
		head = append(head, build(r, true))
	}
	for _, r := range t.Body {
		body = append(body, build(r, false))
	}
	// Natural and minimum widths per column.
	nat, minw := make([]float64, ncol), make([]float64, ncol)
	for _, rows := range [][][]wcell{head, body} {
		for _, r := range rows {
			for i, cl := range r {
				w, m := 0.0, 0.0
				for j, wd := range cl.words {
					w += wd.width
					if j < len(cl.words)-1 {
						w += wd.space
					}
					m = max(m, wd.width)
				}
				nat[i] = max(nat[i], w+2*tabPad)
				minw[i] = max(minw[i], min(m, avail*0.4)+2*tabPad)
			}
		}
	}
	widths := distribute(nat, minw, avail)
	lay := func(r []wcell, head bool) trow {
		tr := trow{header: head, cells: make([]tcell, ncol)}
		for i, cl := range r {
			al := alignStart
			if i < len(t.Align) {
				al = physicalAlign(t.Align[i], l.rtl)
			}
			tr.cells[i] = tcell{lines: l.breakLines(cl.words, widths[i]-2*tabPad, al), rtl: cl.rtl, al: al}
			tr.nlines = max(tr.nlines, len(tr.cells[i].lines))
		}
		tr.nlines = max(tr.nlines, 1)
		return tr
	}
	var hrows []trow
	hh := 0.0
	for _, r := range head {
		tr := lay(r, true)
		hrows = append(hrows, tr)
		hh += float64(tr.nlines)*tabLead + 2*tabPad
	}
	if hh > (l.bottom-l.top)/3 {
		hrows = nil // a header that would fill the page is not repeated
	}
	xs := columnXs(x0, widths, l.rtl)
	drawHead := func() {
		for _, hr := range hrows {
			l.drawRow(hr, xs, widths, 0, hr.nlines)
		}
		l.pdf.SetDrawColor(int(colInk[0]), int(colInk[1]), int(colInk[2]))
		l.pdf.SetLineWidth(0.8)
		l.pdf.Line(x0, l.y, x0+avail, l.y)
	}
	// The header row never stands alone at a page foot: it comes with the
	// first body row (or two lines of it).
	need := hh + 2*(tabLead+2*tabPad)
	if len(body) > 0 {
		need = hh + float64(min(lay(body[0], false).nlines, 2))*tabLead + 2*tabPad
	}
	l.room(need)
	l.y += 2
	l.hrule(x0, avail, 0.8, colInk)
	if len(hrows) > 0 {
		drawHead()
	}
	for _, r := range body {
		tr := lay(r, false)
		for from := 0; from < tr.nlines; {
			fit := int((l.bottom - l.y - 2*tabPad + eps) / tabLead)
			if fit < min(tr.nlines-from, 2) {
				l.newPage()
				l.hrule(x0, avail, 0.8, colInk)
				if len(hrows) > 0 {
					drawHead()
				}
				continue
			}
			to := min(tr.nlines, from+fit)
			l.drawRow(tr, xs, widths, from, to)
			l.pdf.SetDrawColor(int(colRule[0]), int(colRule[1]), int(colRule[2]))
			l.pdf.SetLineWidth(0.35)
			l.pdf.Line(x0, l.y, x0+avail, l.y)
			from = to
			if from < tr.nlines {
				l.newPage()
				l.hrule(x0, avail, 0.8, colInk)
				if len(hrows) > 0 {
					drawHead()
				}
			}
		}
	}
	l.hrule(x0, avail, 0.8, colInk)
	l.y += c.lead * 0.9
}

// drawRow draws lines [from, to) of every cell of a row at l.y.
func (l *layout) drawRow(tr trow, xs, widths []float64, from, to int) {
	h := float64(to-from)*tabLead + 2*tabPad
	if tr.header {
		l.pdf.SetFillColor(int(colShade[0]), int(colShade[1]), int(colShade[2]))
		l.pdf.Rect(xs[0], l.y, sum(widths), h, "F")
		if l.rtl {
			l.pdf.Rect(xs[len(xs)-1], l.y, sum(widths), h, "F")
		}
	}
	for i, cl := range tr.cells {
		for j := from; j < to && j < len(cl.lines); j++ {
			by := baseline(l.y+tabPad+float64(j-from)*tabLead, tabLead, tabSize)
			l.drawLine(cl.lines[j], xs[i]+tabPad, widths[i]-2*tabPad, by, cl.al, cl.rtl)
		}
	}
	l.y += h
}

func sum(fs []float64) float64 {
	s := 0.0
	for _, f := range fs {
		s += f
	}
	return s
}

// columnXs gives each column's left edge; right-to-left tables start at
// the right.
func columnXs(x0 float64, widths []float64, rtl bool) []float64 {
	xs := make([]float64, len(widths))
	x := x0
	if rtl {
		x = x0 + sum(widths)
		for i, w := range widths {
			x -= w
			xs[i] = x
		}
		return xs
	}
	for i, w := range widths {
		xs[i] = x
		x += w
	}
	return xs
}

// distribute fits column widths into avail: natural widths grown to fill
// the line when they fit, otherwise minimum widths plus a share of what is
// left in proportion to how much each column wants.
func distribute(nat, minw []float64, avail float64) []float64 {
	out := make([]float64, len(nat))
	sn, sm := sum(nat), sum(minw)
	switch {
	case sn <= avail:
		for i := range nat {
			out[i] = nat[i] + (avail-sn)*nat[i]/sn
		}
	case sm >= avail:
		for i := range nat {
			out[i] = minw[i] * avail / sm
		}
	default:
		for i := range nat {
			out[i] = minw[i] + (avail-sm)*(nat[i]-minw[i])/(sn-sm)
		}
	}
	return out
}

// physicalAlign turns a column's alignment into a logical one.
func physicalAlign(a doc.Align, rtl bool) align {
	switch a {
	case doc.AlignCenter:
		return alignCenter
	case doc.AlignLeft:
		if rtl {
			return alignEnd
		}
		return alignStart
	case doc.AlignRight:
		if rtl {
			return alignStart
		}
		return alignEnd
	}
	return alignStart
}
