package markup

import (
	"bytes"
	"strconv"

	"folio/pipeline/doc"
)

// Notes renders the notes section: a heading (Labels.Notes) and an ordered
// list of the notes (with NotesEPUBAside, one <aside> per note), each
// ending with back-links to its references. Call
// it after the body, on the same Renderer, so that the back-links point at
// the references the body actually printed. headingLevel is the level of
// the section heading (2 in a page whose body starts at level 2); 0 leaves
// the heading out.
func (r *Renderer) Notes(w *bytes.Buffer, notes []*doc.Note, headingLevel int) {
	if len(notes) == 0 {
		return
	}
	w.WriteString(`<section class="footnotes"`)
	if r.opts.NoteStyle.epub() {
		w.WriteString(` epub:type="endnotes"`)
	}
	w.WriteString(` role="doc-endnotes">` + "\n")
	if headingLevel > 0 {
		tag := "h" + strconv.Itoa(min(headingLevel, 6))
		r.open(w, tag, true)
		writeEscaped(w, r.labels.Notes)
		w.WriteString("</" + tag + ">\n")
	}
	if r.opts.NoteStyle == NotesEPUBAside {
		for _, n := range notes {
			if n != nil {
				r.asideNote(w, n)
			}
		}
		w.WriteString("</section>\n")
		return
	}
	w.WriteString("<ol>\n")
	for _, n := range notes {
		if n != nil {
			r.note(w, n)
		}
	}
	w.WriteString("</ol>\n</section>\n")
}

// asideNote renders one note as an EPUB 3 footnote aside. With no list to
// number it, the note starts with its number; the back-links end its last
// paragraph, as in note. A note that opens or closes with something other
// than a paragraph gets a paragraph of its own for the number or the
// back-links.
func (r *Renderer) asideNote(w *bytes.Buffer, n *doc.Note) {
	w.WriteString("<aside")
	writeAttr(w, "id", n.ID)
	w.WriteString(` class="footnote" epub:type="footnote" role="doc-footnote"`)
	if !r.opts.NoDirAuto {
		w.WriteString(` dir="auto"`)
	}
	w.WriteString(">\n")
	label := func() {
		w.WriteString(`<span class="footnote-label">`)
		if n.Number > 0 {
			w.WriteString(strconv.Itoa(n.Number) + ".")
		} else {
			writeEscaped(w, n.Label)
		}
		w.WriteString("</span> ")
	}
	blocks := n.Blocks
	first, startsInPara := firstParagraph(blocks)
	if startsInPara {
		blocks = blocks[1:]
	}
	last, endsInPara := lastParagraph(blocks)
	if endsInPara {
		blocks = blocks[:len(blocks)-1]
	}
	// alone: nothing follows the opening paragraph, so it takes the
	// back-links too.
	alone := len(blocks) == 0 && !endsInPara
	r.open(w, "p", true)
	label()
	if startsInPara {
		r.Inlines(w, first.Content)
	}
	if alone {
		r.backLinks(w, n)
	}
	w.WriteString("</p>\n")
	r.Blocks(w, blocks)
	if endsInPara {
		r.open(w, "p", true)
		r.Inlines(w, last.Content)
		r.backLinks(w, n)
		w.WriteString("</p>\n")
	} else if !alone && len(r.refs[n.Number]) > 0 {
		r.open(w, "p", true)
		r.backLinks(w, n)
		w.WriteString("</p>\n")
	}
	w.WriteString("</aside>\n")
}

func firstParagraph(bs []doc.Block) (*doc.Paragraph, bool) {
	if len(bs) == 0 {
		return nil, false
	}
	p, ok := bs[0].(*doc.Paragraph)
	return p, ok
}

// note renders one note. The back-links go at the end of its last
// paragraph, or in a paragraph of their own when it does not end with one.
func (r *Renderer) note(w *bytes.Buffer, n *doc.Note) {
	id := n.ID
	w.WriteString("<li")
	writeAttr(w, "id", id)
	if n.Number > 0 {
		writeAttr(w, "value", strconv.Itoa(n.Number))
	}
	if !r.opts.NoDirAuto {
		w.WriteString(` dir="auto"`)
	}
	w.WriteString(">\n")
	blocks := n.Blocks
	last, endsInPara := lastParagraph(blocks)
	if endsInPara {
		blocks = blocks[:len(blocks)-1]
	}
	r.Blocks(w, blocks)
	r.open(w, "p", true)
	if endsInPara {
		r.Inlines(w, last.Content)
	}
	r.backLinks(w, n)
	w.WriteString("</p>\n</li>\n")
}

func lastParagraph(bs []doc.Block) (*doc.Paragraph, bool) {
	if len(bs) == 0 {
		return nil, false
	}
	p, ok := bs[len(bs)-1].(*doc.Paragraph)
	return p, ok
}

// backLinks writes one link back to each reference this renderer printed;
// a note never referenced gets none (a link to a missing anchor would be
// broken, and EPUBCheck reports it).
func (r *Renderer) backLinks(w *bytes.Buffer, n *doc.Note) {
	refs := r.refs[n.Number]
	for i, ref := range refs {
		w.WriteString(` <a class="footnote-back"`)
		writeAttr(w, "href", r.fragmentHref(ref, n.Pos))
		label := r.labels.BackToText
		if len(refs) > 1 {
			label += " (" + strconv.Itoa(i+1) + ")"
		}
		writeAttr(w, "aria-label", label)
		w.WriteString(` role="doc-backlink">↩︎</a>`)
	}
}
