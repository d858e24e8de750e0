package pdf

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"folio/assets/fonts"
	"folio/pipeline/doc"
)

// WritePack renders a briefing pack: a cover page (title, date, marking,
// editor and the articles with their source and date), a contents page
// giving each article's title, source and page number (right-aligned after
// dot leaders, the whole entry a link), then every article from a new
// page with its own title block, body and notes. The running header shows
// the current article's short title (not on the page its title block is
// on), the footer "Page N of M" counts the whole pack, and the outline has
// one top-level entry per article with its headings nested below.
//
// The contents pages are reserved before the articles are set, from a
// measuring pass over the same layout code that draws them afterwards
// (fpdf can draw on an earlier page), so the page numbers are the pages
// the articles really start on.
func (w *Writer) WritePack(ctx context.Context, p *doc.Pack, out io.Writer) error {
	m := &p.Meta
	front := &doc.Document{Meta: doc.Meta{Title: m.Title, Subtitle: m.Subtitle, Date: m.Date, Lang: m.Lang}}
	if e := strings.TrimSpace(m.Editor); e != "" {
		front.Meta.Authors = []string{e}
	}
	opts := w.opts
	if strings.TrimSpace(m.Marking) != "" {
		opts.Marking = m.Marking
	}
	full := w.fullFaces(front)
	for _, a := range p.Articles {
		for f := range w.fullFaces(a) {
			full[f] = true
		}
	}
	opts.extra = w.findExtraFaces(ctx, full, append([]*doc.Document{front}, p.Articles...)...)
	// The contents lists every article's title, source and date in the
	// pack's words; they are scanned with the articles above, the editor
	// with the front matter.
	return w.write(ctx, front, opts, full, func(l *layout) { l.renderPack(p) }, out)
}

// renderPack sets the whole pack.
func (l *layout) renderPack(p *doc.Pack) {
	front, frontRTL, frontLab := l.d, l.rtl, l.lab
	n := len(p.Articles)
	starts := make([]int, n)
	owner := map[int]int{}

	l.newPage()
	l.packCover(p)
	first := l.pdf.PageCount() + 1
	for range l.contents(p, nil, 0) {
		l.newPage()
	}
	for i, a := range p.Articles {
		l.setArticle(i, a)
		l.newPage()
		starts[i] = l.pdf.PageNo()
		l.anchor("start", l.top)
		l.outlineBase = 0
		l.bookmark(articleTitle(a), 0, l.top)
		l.outlineBase = 1
		l.titleBlock()
		l.blocks(a.Blocks, l.bodyCtx())
		l.room(0)
		l.notes()
		for pg := starts[i]; pg <= l.pdf.PageCount(); pg++ {
			owner[pg] = i
		}
	}
	l.d, l.rtl, l.lab, l.ns, l.outlineBase, l.marker = front, frontRTL, frontLab, "", 0, nil
	l.placeID = map[string]bool{}
	l.contents(p, starts, first)
	l.furniture(func(pg int) (string, bool) {
		i, ok := owner[pg]
		if !ok || pg == starts[i] {
			return "", false
		}
		a := p.Articles[i]
		return shortTitle(articleTitle(a), 70), a.Meta.Dir() == "rtl"
	})
	l.closeLinks()
}

// setArticle makes the i-th article (0-based) the document being set.
func (l *layout) setArticle(i int, a *doc.Document) {
	l.d = a
	l.rtl = a.Meta.Dir() == "rtl"
	l.lab = doc.LabelsFor(a.Meta.Lang)
	l.ns = articleNS(i)
	l.marker = nil
	l.recordPlaces(a)
}

// articleNS is the link-key namespace of the i-th article (0-based).
func articleNS(i int) string { return "a" + strconv.Itoa(i+1) + "/" }

func articleTitle(a *doc.Document) string { return firstNonEmpty(a.Meta.Title, "Untitled") }

// articleLine is an article's source and date as the pack lists them.
func (l *layout) articleLine(a *doc.Document) string {
	return joinNonEmpty("  ·  ", a.Meta.SourceName(), l.showDate(a.Meta.Date))
}

// packCover sets the cover page: the pack's title block and the list of
// its articles. A list longer than the page ends with a line pointing to
// the contents.
func (l *layout) packCover(p *doc.Pack) {
	m := &p.Meta
	c := bctx{}
	x0, avail := l.box(c)
	text := func(s string, st style, lead float64) {
		words, rtl := l.plainWords(s, st)
		l.flow(l.breakLines(words, avail, alignStart), x0, avail, lead, st.size, alignStart, rtl)
	}
	l.y = l.top + 90
	text(strings.ToUpper(l.lab.Briefing), style{fam: fonts.Sans, bold: true, size: 9, color: colAccent}, 13)
	l.y += 6
	text(firstNonEmpty(m.Title, l.lab.Briefing), style{fam: fonts.Sans, bold: true, size: 28, color: colInk}, 33)
	if m.Subtitle != "" {
		l.y += 6
		text(m.Subtitle, style{fam: fonts.Serif, size: 14, color: colMuted}, 19)
	}
	l.y += 12
	l.hrule(x0, avail, 1.2, colInk)
	l.y += 8
	if line := joinNonEmpty("  ·  ", l.showDate(m.Date), m.Editor); line != "" {
		text(line, style{fam: fonts.Sans, size: 10, color: colInk}, 14)
	}
	l.y += 30
	text(strings.ToUpper(l.lab.Articles), style{fam: fonts.Sans, bold: true, size: 8.5, color: colAccent}, 12)
	l.y += 4
	l.hrule(x0, avail, 0.5, colRule)
	l.y += 8

	titleSt := style{fam: fonts.Sans, bold: true, size: 10.5, color: colInk}
	srcSt := style{fam: fonts.Sans, size: 8.5, color: colMuted}
	numW := 22.0
	for i, a := range p.Articles {
		words, _ := l.plainWords(articleTitle(a), titleSt)
		lines := l.breakLines(words, avail-numW, alignStart)
		srcWords, _ := l.plainWords(l.articleLine(a), srcSt)
		srcLines := l.breakLines(srcWords, avail-numW, alignStart)
		h := float64(len(lines))*14 + float64(len(srcLines))*11.5 + 7
		if l.y+h > l.bottom-14 {
			more := fmt.Sprintf("+ %d  ·  %s", len(p.Articles)-i, l.lab.Contents)
			text(more, srcSt, 12)
			return
		}
		top := l.y
		l.numberAt(strconv.Itoa(i+1)+".", titleSt, x0, avail, numW, baseline(l.y, 14, titleSt.size))
		nx0 := x0
		if !l.rtl {
			nx0 = x0 + numW
		}
		// Entries line up on the pack's start edge, whatever their own
		// direction (an Arabic title in an English pack starts at the left).
		l.flow(lines, nx0, avail-numW, 14, titleSt.size, alignStart, l.rtl)
		l.flow(srcLines, nx0, avail-numW, 11.5, srcSt.size, alignStart, l.rtl)
		l.pdf.Link(x0, top, avail, l.y-top, l.link(articleNS(i)+"start"))
		l.y += 7
	}
}

// numberAt draws a number in the start margin of an entry numW wide.
func (l *layout) numberAt(s string, st style, x0, avail, numW, by float64) {
	words, _ := l.plainWords(s, st)
	if lines := l.breakLines(words, numW*3, alignStart); len(lines) > 0 {
		nx := x0
		if l.rtl {
			nx = x0 + avail - numW
		}
		l.drawLine(lines[0], nx, numW, by, alignStart, l.rtl)
	}
}

// contents sets the contents pages from page first on, one entry per
// article: title (wrapped), source and date below it, and the page number
// at the end of the title's last line after a dotted leader; the whole
// entry links to the article. With starts nil it only measures, and
// returns the pages it would fill, so they can be reserved.
func (l *layout) contents(p *doc.Pack, starts []int, first int) []int {
	draw := starts != nil
	c := bctx{}
	x0, avail := l.box(c)
	titleSt := style{fam: fonts.Serif, size: 11.5, color: colInk}
	srcSt := style{fam: fonts.Sans, size: 8.3, color: colMuted}
	numSt := style{fam: fonts.Sans, size: 10, color: colInk}
	numW, gap := 34.0, 14.0
	textW := avail - numW - gap
	const titleLead, srcLead = 15.5, 11.5

	pages := []int{0}
	y := l.top
	page := func() {
		pages = append(pages, len(pages))
		y = l.top
		if draw {
			l.pdf.SetPage(first + len(pages) - 1)
			l.curFace = nil
		}
	}
	if draw {
		l.pdf.SetPage(first)
		l.curFace = nil
	}
	// The heading.
	headSt := style{fam: fonts.Sans, bold: true, size: 15, color: colInk}
	words, rtl := l.plainWords(l.lab.Contents, headSt)
	for _, ln := range l.breakLines(words, avail, alignStart) {
		if draw {
			l.drawLine(ln, x0, avail, baseline(y, 19, headSt.size), alignStart, rtl)
		}
		y += 19
	}
	y += 6
	if draw {
		l.y = y
		l.hrule(x0, avail, 1.2, colInk)
	}
	y += 16

	for i, a := range p.Articles {
		words, _ := l.plainWords(articleTitle(a), titleSt)
		lines := l.breakLines(words, textW, alignStart)
		srcWords, _ := l.plainWords(l.articleLine(a), srcSt)
		srcLines := l.breakLines(srcWords, textW, alignStart)
		h := float64(len(lines))*titleLead + float64(len(srcLines))*srcLead
		if y+h > l.bottom && y > l.top+eps {
			page()
		}
		top := y
		tx0 := x0
		if l.rtl {
			tx0 = x0 + numW + gap
		}
		for j, ln := range lines {
			by := baseline(y, titleLead, titleSt.size)
			if draw {
				l.drawLine(ln, tx0, textW, by, alignStart, l.rtl)
				if j == len(lines)-1 {
					l.pageNumber(strconv.Itoa(starts[i]), numSt, x0, avail, ln.width, by)
				}
			}
			y += titleLead
		}
		for _, ln := range srcLines {
			if draw {
				l.drawLine(ln, tx0, textW, baseline(y, srcLead, srcSt.size), alignStart, l.rtl)
			}
			y += srcLead
		}
		if draw {
			l.pdf.Link(x0, top, avail, y-top, l.link(articleNS(i)+"start"))
		}
		y += 9
	}
	return pages
}

// pageNumber draws an entry's page number at the end edge of the entry
// and a dotted leader from the end of its title's last line (lineW wide)
// to the number.
func (l *layout) pageNumber(num string, st style, x0, avail, lineW, by float64) {
	words, _ := l.plainWords(num, st)
	lines := l.breakLines(words, avail, alignStart)
	if len(lines) == 0 {
		return
	}
	nw := lines[0].width
	var nx, from, to float64
	if l.rtl {
		nx = x0
		from, to = x0+nw+4, x0+avail-lineW-6
	} else {
		nx = x0 + avail - nw
		from, to = x0+lineW+6, nx-4
	}
	l.drawLine(lines[0], nx, nw, by, alignStart, false)
	if to-from > 6 {
		l.pdf.SetDrawColor(int(colFaint[0]), int(colFaint[1]), int(colFaint[2]))
		l.pdf.SetLineWidth(0.9)
		l.pdf.SetLineCapStyle("round")
		l.pdf.SetDashPattern([]float64{0, 3.2}, 0)
		l.pdf.Line(from, by-0.6, to, by-0.6)
		l.pdf.SetDashPattern([]float64{}, 0)
		l.pdf.SetLineCapStyle("butt")
	}
}
