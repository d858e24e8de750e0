package fonts

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
)

// subsetTables are the tables a subset keeps: what fpdf reads when it
// registers a face and when it cuts the face for a document. Everything
// else (kerning, OpenType layout, glyph names, device metrics) is indexed
// by glyph or unused by fpdf, and is dropped.
var subsetTables = []string{"OS/2", "cmap", "cvt ", "fpgm", "gasp", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "post", "prep"}

// subset returns a TrueType file holding only the glyphs of the characters
// keep accepts, the glyphs their composite glyphs are built from, and glyph
// 0 (.notdef). It is what fpdf is given in place of the whole face: fpdf
// parses every face once per document, and its work grows with the glyph
// count.
//
// Kept glyphs stay in their original order and keep their outlines,
// instructions, advances and side bearings byte for byte (composite glyphs
// have their component ids renumbered), and the tables fpdf copies into the
// PDF (name, OS/2, cvt, fpgm, prep, gasp, the head, hhea and maxp fields it
// does not set itself, post's header) are unchanged; so the font fpdf
// embeds for a document, and the PDF, are the same as from the whole face.
//
// Every glyph gets a full horizontal metric (numberOfHMetrics equals the
// glyph count): fpdf reads the advance of a glyph past numberOfHMetrics by
// appending to a slice of the font bytes, which writes into them; with full
// metrics it never takes that path, so a subset can be shared read-only.
func subset(ttf []byte, keep func(rune) bool) ([]byte, error) {
	tables, err := tableDirectory(ttf)
	if err != nil {
		return nil, err
	}
	for _, tag := range subsetTables {
		if _, ok := tables[tag]; !ok && tag != "gasp" && tag != "cvt " && tag != "fpgm" && tag != "prep" {
			return nil, fmt.Errorf("no %q table", tag)
		}
	}
	head, hhea, maxp, hmtx, post := tables["head"], tables["hhea"], tables["maxp"], tables["hmtx"], tables["post"]
	if len(post) < 32 {
		return nil, errors.New("short post table")
	}
	gs, err := closeGlyphs(tables, keep)
	if err != nil {
		return nil, err
	}
	numGlyphs, nh, used, chars, glyphs, glyph := gs.numGlyphs, gs.nh, gs.used, gs.chars, gs.glyphs, gs.glyph
	newID := make([]int, numGlyphs)
	var kept []int
	for g, u := range used {
		if u {
			newID[g] = len(kept)
			kept = append(kept, g)
		}
	}

	size := 0
	for _, g := range kept {
		size += len(glyph(g))
	}
	newGlyf, newHmtx := make([]byte, 0, size), make([]byte, 0, 4*len(kept))
	newLoca := make([]byte, 0, 4*(len(kept)+1))
	for _, g := range kept {
		newLoca = binary.BigEndian.AppendUint32(newLoca, uint32(len(newGlyf)))
		start := len(newGlyf)
		newGlyf = append(newGlyf, glyph(g)...)
		data := newGlyf[start:]
		err := components(data, func(at int) error {
			binary.BigEndian.PutUint16(data[at:], uint16(newID[be16(data, at)]))
			return nil
		})
		if err != nil {
			return nil, err
		}
		adv := be16(hmtx, 4*min(g, nh-1))
		lsb := be16(hmtx, 4*g+2)
		if g >= nh {
			lsb = be16(hmtx, 4*nh+2*(g-nh))
		}
		newHmtx = binary.BigEndian.AppendUint16(newHmtx, adv)
		newHmtx = binary.BigEndian.AppendUint16(newHmtx, lsb)
	}
	newLoca = binary.BigEndian.AppendUint32(newLoca, uint32(len(newGlyf)))
	for i, g := range glyphs {
		glyphs[i] = uint16(newID[g])
	}

	out := map[string][]byte{
		"cmap": format4(chars, glyphs),
		"glyf": newGlyf,
		"hmtx": newHmtx,
		"loca": newLoca,
		"head": slices.Clone(head),
		"hhea": slices.Clone(hhea),
		"maxp": slices.Clone(maxp),
		"post": slices.Clone(post[:32]),
	}
	binary.BigEndian.PutUint16(out["head"][50:], 1) // long loca offsets
	binary.BigEndian.PutUint16(out["hhea"][34:], uint16(len(kept)))
	binary.BigEndian.PutUint16(out["maxp"][4:], uint16(len(kept)))
	binary.BigEndian.PutUint32(out["post"], 0x00030000) // no glyph names
	for _, tag := range subsetTables {
		if _, ok := out[tag]; !ok && tables[tag] != nil {
			out[tag] = tables[tag]
		}
	}
	return assemble(out), nil
}

// glyphSet is the glyphs a set of characters needs from a face.
type glyphSet struct {
	numGlyphs, nh int      // glyph count, full horizontal metrics
	offs          []int    // glyph offsets in glyf (numGlyphs+1)
	used          []bool   // by glyph id: .notdef, the characters' glyphs and their components
	chars         []rune   // the characters keep accepted (ascending) ...
	glyphs        []uint16 // ... and their glyphs
	glyf          []byte
}

func (gs *glyphSet) glyph(g int) []byte { return gs.glyf[gs.offs[g]:gs.offs[g+1]] }

// closeGlyphs finds the glyphs of the characters keep accepts, the glyphs
// their composite glyphs are built from, and glyph 0.
func closeGlyphs(tables map[string][]byte, keep func(rune) bool) (*glyphSet, error) {
	head, hhea, maxp, hmtx, loca, glyf := tables["head"], tables["hhea"], tables["maxp"], tables["hmtx"], tables["loca"], tables["glyf"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 {
		return nil, errors.New("short head, hhea or maxp table")
	}
	numGlyphs, nh := int(be16(maxp, 4)), int(be16(hhea, 34))
	if nh == 0 || nh > numGlyphs || len(hmtx) < 4*nh+2*(numGlyphs-nh) {
		return nil, errors.New("short hmtx table")
	}
	gs := &glyphSet{numGlyphs: numGlyphs, nh: nh, offs: make([]int, numGlyphs+1), used: make([]bool, numGlyphs), glyf: glyf}
	offs := gs.offs
	switch be16(head, 50) {
	case 0:
		if len(loca) < 2*(numGlyphs+1) {
			return nil, errors.New("short loca table")
		}
		for g := range offs {
			offs[g] = 2 * int(be16(loca, 2*g))
		}
	case 1:
		if len(loca) < 4*(numGlyphs+1) {
			return nil, errors.New("short loca table")
		}
		for g := range offs {
			offs[g] = int(be32(loca, 4*g))
		}
	default:
		return nil, errors.New("unknown loca format")
	}
	for g := range numGlyphs {
		if offs[g] > offs[g+1] || offs[g+1] > len(glyf) {
			return nil, fmt.Errorf("glyph %d out of bounds", g)
		}
	}
	sub, err := bmpSubtable(tables["cmap"])
	if err != nil {
		return nil, err
	}
	used := gs.used
	used[0] = true
	var queue []int
	err = eachMapping(sub, func(r rune, g int) {
		if !keep(r) || g >= numGlyphs {
			return
		}
		gs.chars = append(gs.chars, r)
		gs.glyphs = append(gs.glyphs, uint16(g))
		if !used[g] {
			used[g] = true
			queue = append(queue, g)
		}
	})
	if err != nil {
		return nil, err
	}
	// Composite glyphs pull in their components.
	for len(queue) > 0 {
		g := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		err := components(gs.glyph(g), func(at int) error {
			c := int(be16(gs.glyph(g), at))
			if c >= numGlyphs {
				return fmt.Errorf("glyph %d: component %d out of range", g, c)
			}
			if !used[c] {
				used[c] = true
				queue = append(queue, c)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return gs, nil
}

// components calls fn with the offset of every component glyph id of a
// composite glyph (none for a simple or empty glyph).
func components(g []byte, fn func(at int) error) error {
	if len(g) < 10 || int16(be16(g, 0)) >= 0 {
		return nil
	}
	const (
		argWords   = 0x0001
		hasScale   = 0x0008
		moreComps  = 0x0020
		hasXYScale = 0x0040
		has2x2     = 0x0080
	)
	at := 10
	for {
		if at+4 > len(g) {
			return errors.New("short composite glyph")
		}
		flags := be16(g, at)
		if err := fn(at + 2); err != nil {
			return err
		}
		at += 4
		if flags&argWords != 0 {
			at += 4
		} else {
			at += 2
		}
		switch {
		case flags&hasScale != 0:
			at += 2
		case flags&hasXYScale != 0:
			at += 4
		case flags&has2x2 != 0:
			at += 8
		}
		if flags&moreComps == 0 {
			return nil
		}
	}
}

// assemble writes a TrueType file from its tables, in tag order, each
// padded to four bytes, with the checksums of the table directory. (head's
// checkSumAdjustment is left as it was: fpdf and PDF readers ignore it.)
func assemble(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	size := 12
	for tag, data := range tables {
		tags = append(tags, tag)
		size += 16 + (len(data)+3)&^3
	}
	slices.Sort(tags)
	n := len(tags)
	search, selector := 1, 0
	for search*2 <= n {
		search, selector = search*2, selector+1
	}
	out := make([]byte, 12+16*n, size)
	binary.BigEndian.PutUint32(out, 0x00010000)
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	binary.BigEndian.PutUint16(out[6:], uint16(16*search))
	binary.BigEndian.PutUint16(out[8:], uint16(selector))
	binary.BigEndian.PutUint16(out[10:], uint16(16*n-16*search))
	for i, tag := range tags {
		data := tables[tag]
		off := len(out)
		out = append(out, data...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
		rec := out[12+16*i:]
		copy(rec, tag)
		binary.BigEndian.PutUint32(rec[4:], checksum(out[off:]))
		binary.BigEndian.PutUint32(rec[8:], uint32(off))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(data)))
	}
	return out
}
