package fonts

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// readMetrics reads what measuring text needs from the TrueType tables
// directly: the Unicode BMP cmap (format 4), the advances (hmtx, hhea) and
// the units per em (head). It touches a few kilobytes of the file, where a
// full parse reads every table; a process that sets one document pays
// well under a millisecond per face instead of several.
func readMetrics(ttf []byte) (*metrics, error) {
	tables, err := tableDirectory(ttf)
	if err != nil {
		return nil, err
	}
	head, hhea, hmtx, cmap := tables["head"], tables["hhea"], tables["hmtx"], tables["cmap"]
	if len(head) < 54 || len(hhea) < 36 || cmap == nil {
		return nil, errors.New("missing or short head, hhea or cmap table")
	}
	m := &metrics{upem: float64(be16(head, 18))}
	if m.upem == 0 {
		return nil, errors.New("units per em is zero")
	}
	m.ascent = float64(int16(be16(hhea, 4))) * 1000 / m.upem
	m.descent = float64(int16(be16(hhea, 6))) * 1000 / m.upem
	nh := int(be16(hhea, 34))
	if nh == 0 || len(hmtx) < nh*4 {
		return nil, errors.New("short hmtx table")
	}
	advance := func(g int) int {
		if g >= nh {
			g = nh - 1
		}
		return int(be16(hmtx, g*4))
	}
	sub, err := bmpSubtable(cmap)
	if err != nil {
		return nil, err
	}
	err = eachMapping(sub, func(r rune, g int) {
		m.covered[r>>6] |= 1 << (uint(r) & 63)
		w := int(math.Round(float64(advance(g)) * 1000 / m.upem))
		m.width[r] = uint16(min(max(w, 0), math.MaxUint16))
	})
	return m, err
}

func be16(b []byte, off int) uint16 { return binary.BigEndian.Uint16(b[off:]) }
func be32(b []byte, off int) uint32 { return binary.BigEndian.Uint32(b[off:]) }

// tableDirectory returns the tables of a TrueType file by tag.
func tableDirectory(ttf []byte) (map[string][]byte, error) {
	if len(ttf) < 12 {
		return nil, errors.New("not a TrueType file")
	}
	if v := be32(ttf, 0); v != 0x00010000 && v != 0x74727565 {
		return nil, fmt.Errorf("not a TrueType file (version %#x)", v)
	}
	n := int(be16(ttf, 4))
	if len(ttf) < 12+16*n {
		return nil, errors.New("short table directory")
	}
	tables := make(map[string][]byte, n)
	for i := range n {
		rec := ttf[12+16*i:]
		off, length := int(be32(rec, 8)), int(be32(rec, 12))
		if off < 0 || length < 0 || off+length > len(ttf) {
			return nil, fmt.Errorf("table %q out of bounds", rec[:4])
		}
		tables[string(rec[:4])] = ttf[off : off+length]
	}
	return tables, nil
}

// bmpSubtable finds the format 4 subtable for Unicode (Windows BMP, or a
// Unicode platform encoding).
func bmpSubtable(cmap []byte) ([]byte, error) {
	if len(cmap) < 4 {
		return nil, errors.New("short cmap table")
	}
	n := int(be16(cmap, 2))
	var best []byte
	for i := range n {
		rec := 4 + 8*i
		if rec+8 > len(cmap) {
			break
		}
		platform, encoding, off := be16(cmap, rec), be16(cmap, rec+2), int(be32(cmap, rec+4))
		if off+4 > len(cmap) || be16(cmap, off) != 4 {
			continue
		}
		sub := cmap[off:]
		if l := int(be16(sub, 2)); l <= len(sub) {
			sub = sub[:l]
		}
		if platform == 3 && encoding == 1 {
			return sub, nil
		}
		if platform == 0 && best == nil {
			best = sub
		}
	}
	if best == nil {
		return nil, errors.New("no Unicode BMP cmap (format 4)")
	}
	return best, nil
}

// eachMapping calls fn for every character a format 4 subtable maps to a
// glyph other than .notdef.
func eachMapping(sub []byte, fn func(r rune, g int)) error {
	if len(sub) < 14 {
		return errors.New("short cmap subtable")
	}
	segs := int(be16(sub, 6)) / 2
	ends, starts, deltas, ranges := 14, 16+2*segs, 16+4*segs, 16+6*segs
	if ranges+2*segs > len(sub) {
		return errors.New("short cmap subtable")
	}
	for i := range segs {
		end, start := int(be16(sub, ends+2*i)), int(be16(sub, starts+2*i))
		delta, ro := int(be16(sub, deltas+2*i)), int(be16(sub, ranges+2*i))
		for c := start; c <= end && c < 0xFFFF; c++ {
			g := 0
			if ro == 0 {
				g = (c + delta) & 0xFFFF
			} else {
				at := ranges + 2*i + ro + 2*(c-start)
				if at+2 > len(sub) {
					continue
				}
				if g = int(be16(sub, at)); g != 0 {
					g = (g + delta) & 0xFFFF
				}
			}
			if g != 0 {
				fn(rune(c), g)
			}
		}
	}
	return nil
}

func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i+4 <= len(b); i += 4 {
		sum += be32(b, i)
	}
	return sum
}

// format4 builds a cmap table with one subtable (Windows, Unicode BMP,
// format 4) mapping chars (ascending) to glyphs: one segment per run of
// consecutive characters, glyph ids through the glyph id array.
func format4(chars []rune, glyphs []uint16) []byte {
	type seg struct{ start, end, first int } // first: index into chars
	var segs []seg
	for i, c := range chars {
		if n := len(segs); n > 0 && segs[n-1].end == int(c)-1 {
			segs[n-1].end = int(c)
			continue
		}
		segs = append(segs, seg{int(c), int(c), i})
	}
	segs = append(segs, seg{0xFFFF, 0xFFFF, -1})
	n := len(segs)
	search, selector := 1, 0
	for search*2 <= n {
		search, selector = search*2, selector+1
	}
	length := 16 + 8*n + 2*len(chars)
	b := make([]byte, 12, 12+length)
	binary.BigEndian.PutUint16(b[2:], 1)  // one subtable
	binary.BigEndian.PutUint16(b[4:], 3)  // Windows
	binary.BigEndian.PutUint16(b[6:], 1)  // Unicode BMP
	binary.BigEndian.PutUint32(b[8:], 12) // its offset
	put := func(v int) { b = binary.BigEndian.AppendUint16(b, uint16(v)) }
	put(4)
	put(length)
	put(0) // language
	put(2 * n)
	put(2 * search)
	put(selector)
	put(2*n - 2*search)
	for _, s := range segs {
		put(s.end)
	}
	put(0) // reserved pad
	for _, s := range segs {
		put(s.start)
	}
	for _, s := range segs {
		if s.first < 0 {
			put(1) // 0xFFFF + 1 wraps to glyph 0
		} else {
			put(0)
		}
	}
	// idRangeOffset i is measured from its own position to the segment's
	// first entry in the glyph id array that follows the offsets.
	for i, s := range segs {
		if s.first < 0 {
			put(0)
		} else {
			put(2*(n-i) + 2*s.first)
		}
	}
	for _, g := range glyphs {
		put(int(g))
	}
	return b
}
