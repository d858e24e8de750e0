package normalize

import (
	"context"
	"strconv"

	"folio/pipeline/doc"
)

func noteID(n int) string    { return "fn-" + strconv.Itoa(n) }
func noteRefID(n int) string { return "fnref-" + strconv.Itoa(n) }

// NoteID and NoteRefID are the anchors of note n and of its first reference.
var (
	NoteID    = noteID
	NoteRefID = noteRefID
)

// numberNotes numbers footnotes in order of first reference, orders
// d.Notes the same way, drops notes nobody refers to, and turns references
// to missing notes back into their literal text.
func numberNotes(ctx context.Context, d *doc.Document, o *Options) error {
	byLabel := map[string]*doc.Note{}
	for _, n := range d.Notes {
		if _, dup := byLabel[n.Label]; dup {
			doc.Warn(ctx, doc.Warning{Pos: n.Pos, Code: "note-duplicate",
				Message: "footnote [^" + n.Label + "] is defined twice; the first definition is used"})
			continue
		}
		byLabel[n.Label] = n
	}
	var ordered []*doc.Note
	numbered := map[string]int{}
	var number func(bs []doc.Block)
	number = func(bs []doc.Block) {
		doc.WalkBlocks(bs, func(nd doc.Node, entering bool) doc.WalkStatus {
			ref, ok := nd.(*doc.NoteRef)
			if !ok || !entering {
				return doc.WalkContinue
			}
			if n, seen := numbered[ref.Label]; seen {
				ref.Number = n
				return doc.WalkContinue
			}
			note := byLabel[ref.Label]
			if note == nil {
				ref.Number = 0
				doc.Warn(ctx, doc.Warning{Pos: ref.Pos, Code: "note-missing",
					Message: "footnote [^" + ref.Label + "] is referenced but never defined"})
				return doc.WalkContinue
			}
			ordered = append(ordered, note)
			n := len(ordered)
			numbered[ref.Label] = n
			ref.Number = n
			note.Number = n
			note.ID = noteID(n)
			// Notes may refer to other notes; those are numbered after.
			number(note.Blocks)
			return doc.WalkContinue
		})
	}
	number(d.Blocks)
	for _, n := range d.Notes {
		if _, ok := numbered[n.Label]; !ok && byLabel[n.Label] == n {
			doc.Warn(ctx, doc.Warning{Pos: n.Pos, Code: "note-unreferenced",
				Message: "footnote [^" + n.Label + "] is never referenced; it is left out"})
		}
	}
	replaceMissingRefs(d)
	d.Notes = ordered
	return nil
}

// replaceMissingRefs turns unnumbered references into literal text so no
// writer has to handle a dangling reference.
func replaceMissingRefs(d *doc.Document) {
	fix := func(is []doc.Inline) []doc.Inline {
		for i, in := range is {
			if ref, ok := in.(*doc.NoteRef); ok && ref.Number == 0 {
				is[i] = &doc.Text{Value: "[^" + ref.Label + "]", Pos: ref.Pos}
			}
		}
		return is
	}
	mapInlines(d, fix)
}
