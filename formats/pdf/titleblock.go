package pdf

import (
	"fmt"
	"strings"

	"folio/assets/fonts"
	"folio/pipeline/doc"
)

// titleBlock sets the head of the first page: kicker (publisher and
// section), title, standfirst, byline and date, source link and tags,
// between two rules.
func (l *layout) titleBlock() {
	m := l.d.Meta
	c := bctx{}
	x0, avail := l.box(c)
	text := func(is []doc.Inline, st style, lead float64) {
		words, rtl := l.words(is, st, l.rtl)
		l.flow(l.breakLines(words, avail, alignStart), x0, avail, lead, st.size, alignStart, rtl)
	}
	plain := func(s string) []doc.Inline { return []doc.Inline{&doc.Text{Value: s, Pos: m.Pos}} }

	if kick := joinNonEmpty(" · ", m.Publisher, m.Section); kick != "" {
		text(plain(strings.ToUpper(kick)), style{fam: fonts.Sans, bold: true, size: 8.5, color: colAccent}, 12)
		l.y += 5
	}
	title := firstNonEmpty(m.Title, "Untitled")
	text(plain(title), style{fam: fonts.Sans, bold: true, size: 23, color: colInk}, 27.5)
	if m.Subtitle != "" {
		l.y += 5
		text(plain(m.Subtitle), style{fam: fonts.Serif, size: 13, color: colMuted}, 17.5)
	}
	l.y += 10
	l.hrule(x0, avail, 0.5, colRule)
	l.y += 6

	meta := style{fam: fonts.Sans, size: 8.8, color: colMuted}
	var by []string
	if len(m.Authors) > 0 {
		by = append(by, l.lab.By+" "+joinAuthors(m.Authors))
	}
	if d := l.showDate(m.Date); d != "" {
		by = append(by, d)
	}
	if d := l.showDate(m.Updated); d != "" && d != l.showDate(m.Date) {
		// An update on the day of publication says nothing here.
		by = append(by, l.lab.Updated+" "+d)
	}
	if m.Dateline != "" {
		by = append(by, m.Dateline)
	}
	if len(by) > 0 {
		st := meta
		st.color = colInk
		text(plain(strings.Join(by, "  ·  ")), st, 12.5)
	}
	if src := strings.TrimSpace(m.Source); src != "" {
		text([]doc.Inline{
			&doc.Text{Value: l.lab.Source + ": "},
			&doc.Link{URL: src, Content: []doc.Inline{&doc.Text{Value: src}}, Pos: m.Pos},
		}, meta, 12.5)
	}
	if len(m.Tags) > 0 {
		text(plain(l.lab.Tags+": "+strings.Join(m.Tags, " · ")), meta, 12.5)
	}
	l.y += 6
	l.hrule(x0, avail, 1.2, colInk)
	l.y += 18
}

func (l *layout) hrule(x0, w, lw float64, c rgb) {
	l.pdf.SetDrawColor(int(c[0]), int(c[1]), int(c[2]))
	l.pdf.SetLineWidth(lw)
	l.pdf.Line(x0, l.y, x0+w, l.y)
}

func joinNonEmpty(sep string, ss ...string) string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return strings.Join(out, sep)
}

func joinAuthors(as []string) string {
	var out []string
	for _, a := range as {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return strings.Join(out, ", ")
}

// showDate writes a date in words of the document's language, as every
// format does (doc.ShowDate).
func (l *layout) showDate(s string) string { return doc.ShowDate(s, l.d.Meta.Lang) }

// docHead is the running header of a single document: its short title,
// from page 2 on.
func (l *layout) docHead(p int) (string, bool) {
	if p == 1 {
		return "", false
	}
	return shortTitle(l.d.Meta.Title, 70), l.rtl
}

// furniture draws the running header (what head gives for the page, the
// marking on every page) and the footer ("Page N of M") on every page,
// once the number of pages is known. head returns the header text for a
// page ("" for none) and whether it is set right to left.
//
// The header has two places that never overlap: the marking at the end
// edge of the document's direction (right in a left-to-right document),
// the title at the start edge in what is left, cut short with an ellipsis
// to fit; a title's own direction orders its words, not its place. On the
// first page, which has no running title, the marking is centred.
func (l *layout) furniture(head func(page int) (string, bool)) {
	total := l.pdf.PageCount()
	small := style{fam: fonts.Sans, size: 7.8, color: colFaint}
	mark := style{fam: fonts.Sans, bold: true, size: 7.8, color: colAccent}
	x0, avail := l.left, l.width()
	headY := l.top - 34
	const gap = 18.0
	var markLines []line
	markRTL, markW := false, 0.0
	if mk := strings.TrimSpace(l.opts.Marking); mk != "" {
		var words []word
		words, markRTL = l.plainWords(mk, mark)
		markLines = l.breakLines(words, avail*0.45, alignStart)
		for _, ln := range markLines {
			markW = max(markW, ln.width)
		}
	}
	for p := 1; p <= total; p++ {
		l.pdf.SetPage(p)
		l.curFace = nil
		hasHead := false
		if short, _ := head(p); short != "" {
			titleW := avail
			if markW > 0 {
				titleW = avail - markW - gap
			}
			if ln, rtl, ok := l.headerTitle(short, small, titleW); ok {
				tx := x0
				if l.rtl {
					tx = x0 + avail - titleW
				}
				// Flush to the document's start edge, whatever the
				// title's own direction.
				al := alignStart
				if l.rtl != rtl {
					al = alignEnd
				}
				l.drawLine(ln, tx, titleW, headY, al, rtl)
				hasHead = true
			}
		}
		for i, ln := range markLines {
			mx, al := x0+avail-markW, alignStart // the end edge
			if l.rtl {
				mx = x0
			}
			if markRTL != l.rtl {
				al = alignEnd
			}
			if p == 1 {
				mx, al = x0+(avail-markW)/2, alignCenter
			}
			l.drawLine(ln, mx, markW, headY+float64(i)*10, al, markRTL)
			hasHead = hasHead || p > 1
		}
		if hasHead {
			l.pdf.SetDrawColor(int(colRule[0]), int(colRule[1]), int(colRule[2]))
			l.pdf.SetLineWidth(0.4)
			l.pdf.Line(x0, l.top-24, x0+avail, l.top-24)
		}
		foot := fmt.Sprintf(l.lab.Page, p, total)
		words, rtl := l.plainWords(foot, small)
		if lines := l.breakLines(words, avail, alignStart); len(lines) > 0 {
			l.drawLine(lines[0], x0, avail, l.pp.h-38, alignCenter, rtl)
		}
	}
	l.pdf.SetPage(total)
}

// headerTitle sets a running title on one line of width w, cutting it at
// a word with an ellipsis until it fits.
func (l *layout) headerTitle(t string, st style, w float64) (line, bool, bool) {
	for n := 70; n >= 8; n -= 6 {
		words, rtl := l.plainWords(shortTitle(t, n), st)
		if lines := l.breakLines(words, w, alignStart); len(lines) == 1 {
			return lines[0], rtl, true
		}
	}
	return line{}, false, false
}

// shortTitle cuts a title at a word boundary to at most n characters.
func shortTitle(t string, n int) string {
	t = strings.Join(strings.Fields(t), " ")
	r := []rune(t)
	if len(r) <= n {
		return t
	}
	cut := string(r[:n])
	if i := strings.LastIndex(cut, " "); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:—–-") + "…"
}
