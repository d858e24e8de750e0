package fonts

import "encoding/binary"

// withCmap returns a copy of a TrueType file whose only character map is
// a Unicode BMP subtable (format 4) for the characters keep accepts; every
// other table, glyph ids and outlines included, is copied unchanged. It was
// the core cut before subset, and is the reference subset is checked
// against: fpdf must embed the same font from both.
func withCmap(ttf []byte, keep func(rune) bool) ([]byte, error) {
	tables, err := tableDirectory(ttf)
	if err != nil {
		return nil, err
	}
	sub, err := bmpSubtable(tables["cmap"])
	if err != nil {
		return nil, err
	}
	var chars []rune
	var glyphs []uint16
	err = eachMapping(sub, func(r rune, g int) {
		if keep(r) {
			chars = append(chars, r)
			glyphs = append(glyphs, uint16(g))
		}
	})
	if err != nil {
		return nil, err
	}
	tables["cmap"] = format4(chars, glyphs)

	tags := make([]string, 0, len(tables))
	for i := range int(be16(ttf, 4)) {
		tags = append(tags, string(ttf[12+16*i:12+16*i+4])) // the original order (sorted by tag)
	}
	out := make([]byte, 12+16*len(tags), len(ttf))
	copy(out, ttf[:12])
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
	return out, nil
}
