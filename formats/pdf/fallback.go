package pdf

import (
	"context"
	"slices"

	"folio/assets/fonts"
	"folio/pipeline/doc"
)

// extraFaces are the faces Options.Fonts found for the characters of a
// document that no bundled face has (CJK, most often), each cut down to
// those characters.
type extraFaces struct {
	byRune map[rune]*fonts.Face
	names  map[*fonts.Face]string
}

func (x *extraFaces) face(r rune) *fonts.Face {
	if x == nil {
		return nil
	}
	return x.byRune[r]
}

// findExtraFaces looks up faces for what the documents' text needs beyond
// the bundled faces. A font that cannot be read is a warning: its
// characters are drawn as U+FFFD as before.
func (w *Writer) findExtraFaces(ctx context.Context, full map[*fonts.Face]bool, docs ...*doc.Document) *extraFaces {
	if w.opts.Fonts == nil {
		return nil
	}
	need := missingRunes(docs)
	if len(need) == 0 {
		return nil
	}
	found, err := w.opts.Fonts.Find(need)
	if err != nil {
		doc.Warn(ctx, doc.Warning{Pos: docs[0].Meta.Pos, Code: "font-unusable", Message: "fallback font: " + err.Error()})
		return nil
	}
	x := &extraFaces{byRune: map[rune]*fonts.Face{}, names: map[*fonts.Face]string{}}
	for _, e := range found {
		x.names[e.Face] = e.Name
		full[e.Face] = true // already cut down: given to fpdf as it is
		for _, r := range e.Runes {
			x.byRune[r] = e.Face
		}
	}
	return x
}

// missingRunes are the characters of the documents' text and metadata
// that no bundled face has, in order.
func missingRunes(docs []*doc.Document) []rune {
	seen := map[rune]bool{}
	scan := func(s string) {
		for _, r := range s {
			if r < 0x10000 && !seen[r] && !fonts.InCoreSet(r) && !bundled(r) {
				seen[r] = true
			}
		}
	}
	for _, d := range docs {
		m := &d.Meta
		for _, s := range []string{m.Title, m.Subtitle, m.Summary, m.Publisher, m.Section, m.Date, m.Dateline} {
			scan(s)
		}
		for _, list := range [][]string{m.Authors, m.Tags} {
			for _, s := range list {
				scan(s)
			}
		}
		doc.Walk(d, func(n doc.Node, entering bool) doc.WalkStatus {
			if !entering {
				return doc.WalkContinue
			}
			switch n := n.(type) {
			case *doc.Text:
				scan(n.Value)
			case *doc.Code:
				scan(n.Value)
			case *doc.CodeBlock:
				scan(n.Text)
			case *doc.Image:
				scan(n.Alt + n.Title)
			case *doc.Figure:
				scan(n.Alt + n.Title + n.Credit)
			}
			return doc.WalkContinue
		})
	}
	out := make([]rune, 0, len(seen))
	for r := range seen {
		out = append(out, r)
	}
	slices.Sort(out)
	return out
}

// bundled reports whether any bundled face has r.
func bundled(r rune) bool {
	for fam := fonts.Serif; fam <= fonts.Fallback; fam++ {
		for sty := fonts.Regular; sty <= fonts.BoldItalic; sty++ {
			if fonts.Get(fam, sty).Has(r) {
				return true
			}
		}
	}
	return false
}

// extraFace is the fallback face for r, with one warning per document
// naming each face used.
func (l *layout) extraFace(r rune, pos doc.Pos) *fonts.Face {
	f := l.opts.extra.face(r)
	if f == nil {
		return nil
	}
	if l.extraWarned == nil {
		l.extraWarned = map[*fonts.Face]bool{}
	}
	if !l.extraWarned[f] {
		l.extraWarned[f] = true
		l.warn(doc.Warning{Pos: pos, Code: "font-fallback",
			Message: "characters the bundled fonts lack are set in " + l.opts.extra.names[f]})
	}
	return f
}
