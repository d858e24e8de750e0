package fonts

import (
	"fmt"
	"sync"
)

// InCoreSet reports whether r belongs to the core character set: the
// characters nearly every document Folio sets is written in (Latin with
// its Western, Central European and Romanian letters, basic Greek and
// Cyrillic, punctuation, currency, arrows, common math and shape symbols,
// ballot boxes and check marks, f-ligatures, U+FFFD).
//
// The PDF library parses every face it is given once per document, and the
// cost grows with the number of glyphs; a face cut down to the core set
// parses in less time and memory. A document that needs a character
// outside it gets the full face.
func InCoreSet(r rune) bool {
	switch {
	case r >= 0x20 && r <= 0x17F, // Basic Latin, Latin-1, Latin Extended-A
		r >= 0x218 && r <= 0x21B,   // Romanian comma-below letters
		r >= 0x2C6 && r <= 0x2DD,   // spacing modifiers (ˆ ˇ ˘ ˙ ˚ ˛ ˜ ˝)
		r >= 0x370 && r <= 0x3FF,   // Greek
		r >= 0x400 && r <= 0x45F,   // Cyrillic (Russian, Ukrainian, Belarusian, Serbian, Bulgarian…)
		r >= 0x490 && r <= 0x491,   // Ґ ґ
		r >= 0x2000 && r <= 0x206F, // general punctuation
		r >= 0x20A0 && r <= 0x20BF, // currency
		r >= 0x2100 && r <= 0x215F, // letterlike symbols, number forms
		r >= 0x2190 && r <= 0x2199, // arrows
		r >= 0x2200 && r <= 0x22FF, // mathematical operators
		r >= 0x25A0 && r <= 0x25FF, // geometric shapes (bullets)
		r >= 0x2610 && r <= 0x2612, // ballot boxes (task lists)
		r >= 0x2713 && r <= 0x2718, // check marks
		r >= 0xFB00 && r <= 0xFB06, // ligatures
		r == 0xFFFD:
		return true
	}
	return false
}

// InCore reports whether the face's core copy (CoreBytes) has a glyph for r.
func (f *Face) InCore(r rune) bool { return InCoreSet(r) && f.Has(r) }

type core struct {
	once sync.Once
	ttf  []byte
}

// CoreBytes returns the face cut down to the core character set (see
// InCoreSet): a TrueType file with only the glyphs those characters need
// (see subset). Glyphs and advances are the face's own, so text measured
// with Width sets the same. The cut is made once per process (about a
// millisecond) and the result is shared: callers must not modify it. fpdf
// may be given it directly: it writes into the font bytes it is given only
// for glyphs past numberOfHMetrics, and a subset has none.
func (f *Face) CoreBytes() []byte {
	f.core.once.Do(func() {
		var err error
		f.core.ttf, err = subset(f.ttf, InCoreSet)
		if err != nil {
			panic(fmt.Sprintf("fonts: %s: %v", f.Key(), err))
		}
	})
	return f.core.ttf
}
