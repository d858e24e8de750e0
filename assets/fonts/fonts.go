// Package fonts holds the TrueType faces Folio sets text in, for the PDF
// writer and the EPUB's generated cover:
// Liberation Serif (body), Liberation Sans (headings and furniture),
// Liberation Mono (code) and DejaVu Sans as the fallback for scripts the
// Liberation faces lack (Arabic, Hebrew, many symbols).
//
// The font bytes come from Go modules, so a fresh checkout needs nothing but
// go. What every document needs to know about a face (which characters it
// covers, how wide each one is, the parsed tables a shaper reads) is built
// once per process, on first use, and never changed afterwards, so any number
// of goroutines may share it. Consumers that write into font bytes (fpdf does)
// must take a private copy with Face.Bytes.
package fonts

import (
	"bytes"
	"fmt"
	"sync"

	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-fonts/dejavu/dejavusansbold"
	"github.com/go-fonts/dejavu/dejavusansboldoblique"
	"github.com/go-fonts/dejavu/dejavusansoblique"
	"github.com/go-fonts/liberation/liberationmonobold"
	"github.com/go-fonts/liberation/liberationmonobolditalic"
	"github.com/go-fonts/liberation/liberationmonoitalic"
	"github.com/go-fonts/liberation/liberationmonoregular"
	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansbolditalic"
	"github.com/go-fonts/liberation/liberationsansitalic"
	"github.com/go-fonts/liberation/liberationsansregular"
	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifbolditalic"
	"github.com/go-fonts/liberation/liberationserifitalic"
	"github.com/go-fonts/liberation/liberationserifregular"
	"github.com/go-text/typesetting/font"
)

// Family is a typeface family by role.
type Family int

const (
	Serif    Family = iota // running text
	Sans                   // headings, title block, running header and footer
	Mono                   // code
	Fallback               // DejaVu Sans: characters the others lack
	numFamilies
)

// Style is one of the four faces of a family.
type Style int

const (
	Regular Style = iota
	Bold
	Italic
	BoldItalic
	numStyles
)

// StyleOf returns the style for a bold/italic combination.
func StyleOf(bold, italic bool) Style {
	switch {
	case bold && italic:
		return BoldItalic
	case bold:
		return Bold
	case italic:
		return Italic
	}
	return Regular
}

// Face is one TrueType face. Its exported fields and methods are safe for
// concurrent use. What measuring text needs (coverage, advances, ascent and
// descent) is read straight from the cmap, hmtx, hhea and head tables on
// first use, once per process; the full parse a shaper needs is done only
// when shaping asks for it (Font, RuneFor), also once.
type Face struct {
	// Family and Style are the names a PDF library registers the face
	// under ("LiberationSerif", "" | "B" | "I" | "BI").
	Family string
	Style  string

	ttf  []byte // shared with the font module; never written
	once sync.Once
	m    *metrics
	err  error

	shapeOnce sync.Once
	shape     *font.Font
	shapeErr  error
	runesOnce sync.Once
	runes     map[font.GID]rune // glyph back to a character (for shaped text)

	core core // the face cut down to the core character set
}

type metrics struct {
	covered [0x10000 / 64]uint64 // BMP coverage bitset
	width   [0x10000]uint16      // advance per 1000 em, rounded as fpdf rounds
	upem    float64
	ascent  float64 // per 1000 em
	descent float64 // per 1000 em, negative
}

var faces = func() [numFamilies][numStyles]*Face {
	mk := func(family, style string, ttf []byte) *Face {
		return &Face{Family: family, Style: style, ttf: ttf}
	}
	return [numFamilies][numStyles]*Face{
		Serif: {
			mk("LiberationSerif", "", liberationserifregular.TTF),
			mk("LiberationSerif", "B", liberationserifbold.TTF),
			mk("LiberationSerif", "I", liberationserifitalic.TTF),
			mk("LiberationSerif", "BI", liberationserifbolditalic.TTF),
		},
		Sans: {
			mk("LiberationSans", "", liberationsansregular.TTF),
			mk("LiberationSans", "B", liberationsansbold.TTF),
			mk("LiberationSans", "I", liberationsansitalic.TTF),
			mk("LiberationSans", "BI", liberationsansbolditalic.TTF),
		},
		Mono: {
			mk("LiberationMono", "", liberationmonoregular.TTF),
			mk("LiberationMono", "B", liberationmonobold.TTF),
			mk("LiberationMono", "I", liberationmonoitalic.TTF),
			mk("LiberationMono", "BI", liberationmonobolditalic.TTF),
		},
		Fallback: {
			mk("DejaVuSans", "", dejavusans.TTF),
			mk("DejaVuSans", "B", dejavusansbold.TTF),
			mk("DejaVuSans", "I", dejavusansoblique.TTF),
			mk("DejaVuSans", "BI", dejavusansboldoblique.TTF),
		},
	}
}()

// Get returns the face of a family in a style. The result is shared: never
// modify it.
func Get(f Family, s Style) *Face {
	if f < 0 || f >= numFamilies || s < 0 || s >= numStyles {
		return faces[Serif][Regular]
	}
	return faces[f][s]
}

// Key is a short unique name for the face ("LiberationSerif/B").
func (f *Face) Key() string { return f.Family + "/" + f.Style }

// Bytes returns a private copy of the TrueType data, for libraries that
// write into the slice they are given.
func (f *Face) Bytes() []byte { return bytes.Clone(f.ttf) }

// Size is the length of the TrueType data in bytes.
func (f *Face) Size() int { return len(f.ttf) }

func (f *Face) load() *metrics {
	f.once.Do(func() { f.m, f.err = readMetrics(f.ttf) })
	if f.err != nil {
		// The fonts are compiled into the binary: failing to parse one
		// is a build defect, not an input problem.
		panic(fmt.Sprintf("fonts: %s: %v", f.Key(), f.err))
	}
	return f.m
}

func (f *Face) loadShape() *font.Font {
	f.shapeOnce.Do(func() {
		ff, err := font.ParseTTF(bytes.NewReader(f.ttf))
		if err == nil {
			f.shape = ff.Font
		}
		f.shapeErr = err
	})
	if f.shapeErr != nil {
		panic(fmt.Sprintf("fonts: %s: %v", f.Key(), f.shapeErr))
	}
	return f.shape
}

// Has reports whether the face has a glyph for r. Characters outside the
// Basic Multilingual Plane are never covered (the PDF library cannot
// encode them).
func (f *Face) Has(r rune) bool {
	if r < 0 || r >= 0x10000 {
		return false
	}
	m := f.load()
	return m.covered[r>>6]&(1<<(uint(r)&63)) != 0
}

// Width returns the advance of r in thousandths of the font size, exactly
// as fpdf measures it (0 for characters the face lacks).
func (f *Face) Width(r rune) int {
	if r < 0 || r >= 0x10000 {
		return 0
	}
	return int(f.load().width[r])
}

// StringWidth returns the advance of s in thousandths of the font size.
func (f *Face) StringWidth(s string) int {
	m := f.load()
	w := 0
	for _, r := range s {
		if r >= 0 && r < 0x10000 {
			w += int(m.width[r])
		}
	}
	return w
}

// Ascent and Descent are the typographic ascender and descender in
// thousandths of the font size (Descent is negative).
func (f *Face) Ascent() float64  { return f.load().ascent }
func (f *Face) Descent() float64 { return f.load().descent }

// Font returns the parsed font for shaping. It is shared and safe for
// concurrent use; create a font.Face per goroutine.
func (f *Face) Font() *font.Font { return f.loadShape() }

// RuneFor returns a character the face maps to glyph g, preferring a
// character outside the presentation-form blocks, so that shaped text can be
// written back as characters.
func (f *Face) RuneFor(g font.GID) (rune, bool) {
	f.runesOnce.Do(func() { f.runes = glyphRunes(f.loadShape()) })
	r, ok := f.runes[g]
	return r, ok
}

// glyphRunes maps each glyph of a font back to the character that stands
// for it best. It is built only when shaped text is written back as
// characters (the PDF writer's Arabic), not for shaping alone: for a
// Liberation face it costs about as much as parsing the font.
func glyphRunes(ff *font.Font) map[font.GID]rune {
	runes := make(map[font.GID]rune)
	it := ff.Cmap.Iter()
	for it.Next() {
		r, g := it.Char()
		if r < 0 || r >= 0x10000 || g == 0 {
			continue
		}
		if old, ok := runes[g]; !ok || better(r, old) {
			runes[g] = r
		}
	}
	return runes
}

// better reports whether r is a better character than old to stand for a
// glyph: base letters before presentation forms, then the lower code point
// (so the choice does not depend on the cmap's iteration order).
func better(r, old rune) bool {
	pr, po := isPresentationForm(r), isPresentationForm(old)
	if pr != po {
		return po
	}
	return r < old
}

func isPresentationForm(r rune) bool {
	return (r >= 0xFB50 && r <= 0xFDFF) || (r >= 0xFE70 && r <= 0xFEFF)
}
