package normalize

import (
	"context"
	"strconv"

	"folio/pipeline/doc"
)

// noteID is the anchor of note n; refID the anchor of its k-th reference
// (0-based), the target of the note's k-th back-link. They are the one
// place these anchors are made: writers use Note.ID and NoteRef.ID.
func noteID(n int) string { return "fn-" + strconv.Itoa(n) }

func refID(n, k int) string {
	id := "fnref-" + strconv.Itoa(n)
	if k > 0 {
		id += "-" + strconv.Itoa(k+1)
	}
	return id
}

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
	refIDs(d)
	return nil
}

// refIDs gives every reference its anchor, counting a note's references in
// the order writers print them: the body, then the notes in order.
func refIDs(d *doc.Document) {
	seen := map[int]int{}
	set := func(nd doc.Node, entering bool) doc.WalkStatus {
		if ref, ok := nd.(*doc.NoteRef); ok && entering && ref.Number > 0 {
			ref.ID = refID(ref.Number, seen[ref.Number])
			seen[ref.Number]++
		}
		return doc.WalkContinue
	}
	doc.WalkBlocks(d.Blocks, set)
	for _, n := range d.Notes {
		doc.WalkBlocks(n.Blocks, set)
	}
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
	doc.MapInlines(d, fix)
}
