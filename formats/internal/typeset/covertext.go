package typeset

import (
	"image"
	"image/draw"
	"math"
	"slices"
	"unicode"

	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"

	"folio/assets/fonts"
	"folio/formats/internal/bidi"
)

// Cover text is set the way a browser sets a line, not character by
// character: the bidi algorithm splits it into directional runs, each run
// is shaped with HarfBuzz (go-text/typesetting) in the first face that
// covers its characters, lines are broken between words and their runs put
// in visual order, and the glyph outlines are filled with x/image/vector.
// That is what Arabic and Persian need (joined letter forms, right-to-left
// order, lam-alef ligatures, mixed Latin words and digits), and Latin and
// Cyrillic gain the fonts' kerning. Go's x/image/font draws one character
// after the other and can do neither.
//
// The PDF writer shapes Arabic too (Shaper.PresentationForms), but maps
// the glyphs back to presentation-form characters because fpdf can only
// place characters; the cover owns its pixels and fills the outlines
// directly, which also covers ligatures that have no presentation form.

// coverStyle is one kind of text on the cover.
type coverStyle struct {
	faces []*fonts.Face // per character, the first face that covers it
	size  float64       // pixels
	track float64       // extra pixels between letters of unjoined scripts
}

// The cover's faces: Liberation for Latin, Greek, Cyrillic and Hebrew,
// DejaVu Sans (upright: slanted Arabic is a solecism) for Arabic script and
// whatever else Liberation lacks.
var (
	titleFaces = []*fonts.Face{fonts.Get(fonts.Serif, fonts.Bold), fonts.Get(fonts.Fallback, fonts.Bold)}
	subFaces   = []*fonts.Face{fonts.Get(fonts.Serif, fonts.Italic), fonts.Get(fonts.Fallback, fonts.Regular)}
	labelFaces = []*fonts.Face{fonts.Get(fonts.Sans, fonts.Bold), fonts.Get(fonts.Fallback, fonts.Bold)}
	smallFaces = []*fonts.Face{fonts.Get(fonts.Sans, fonts.Regular), fonts.Get(fonts.Fallback, fonts.Regular)}
)

// typesetter shapes, wraps and draws cover text. It holds HarfBuzz's
// caches, the go-text faces and the rasterizer's buffers; one goroutine
// uses it at a time (covers take it from a pool).
type typesetter struct {
	sh      Shaper
	seg     shaping.Segmenter
	wrapper shaping.LineWrapper
	raster  vector.Rasterizer
	mask    *image.Alpha

	lang language.Language
	rtl  bool // the book is right-to-left: the default paragraph direction
}

func newTypesetter() *typesetter {
	return &typesetter{mask: image.NewAlpha(image.Rect(0, 0, 256, 256))}
}

// face is the go-text face of f, made once per typesetter.
func (ts *typesetter) face(f *fonts.Face) *font.Face { return ts.sh.Face(f) }

// fontmap picks a face per character for the segmenter: the first of the
// style's faces that covers it. Digits and punctuation (script Common) take
// the face that sets the paragraph's own letters, so "عام 2023" is not set
// half in DejaVu and half in Liberation Italic.
type fontmap struct {
	ts     *typesetter
	faces  []*fonts.Face
	strong rune // the paragraph's first strong letter, or 0
	script language.Script
}

func (m *fontmap) SetScript(s language.Script) { m.script = s }

func (m *fontmap) ResolveFace(r rune) *font.Face {
	if m.strong != 0 && (m.script == language.Common || m.script == language.Inherited || m.script == language.Unknown) {
		for _, f := range m.faces {
			if f.Has(r) && f.Has(m.strong) {
				return m.ts.face(f)
			}
		}
	}
	for _, f := range m.faces {
		if f.Has(r) {
			return m.ts.face(f)
		}
	}
	return m.ts.face(m.faces[0])
}

// settable reports whether every visible character of s has a glyph in one
// of the faces. Text that is not (Devanagari, CJK: the bundled fonts have
// none) is left off the cover rather than drawn as empty boxes; the title
// page always has it.
func settable(faces []*fonts.Face, s string) bool {
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Mn, r) {
			continue
		}
		if !slices.ContainsFunc(faces, func(f *fonts.Face) bool { return f.Has(r) }) {
			return false
		}
	}
	return true
}

// paragraphRTL is the direction of a line of cover text: its first strong
// character's (as dir="auto" decides), else the book's. It also returns
// that character (0 when there is none).
func (ts *typesetter) paragraphRTL(text []rune) (bool, rune) {
	if r, rtl, found := bidi.FirstStrong(text); found {
		return rtl, r
	}
	return ts.rtl, 0
}

// textLine is a shaped line ready to draw: its runs in visual order, left
// to right.
type textLine struct {
	runs  []shaping.Output
	width fixed.Int26_6
	rtl   bool // the paragraph runs right to left
}

// shaped is a paragraph of cover text shaped in one style, ready to be
// broken into lines at any width.
type shaped struct {
	text []rune
	runs []shaping.Output
	dir  di.Direction
	ell  shaping.Output // the ellipsis, for cut text
}

// shape shapes s in the style: bidi runs, script runs and face runs, each
// shaped by HarfBuzz.
func (ts *typesetter) shape(s string, st coverStyle) *shaped {
	p := &shaped{text: []rune(s), dir: di.DirectionLTR}
	if len(p.text) == 0 {
		return p
	}
	rtl, strong := ts.paragraphRTL(p.text)
	if rtl {
		p.dir = di.DirectionRTL
	}
	fm := &fontmap{ts: ts, faces: st.faces, strong: strong}
	in := shaping.Input{Text: p.text, RunStart: 0, RunEnd: len(p.text), Direction: p.dir, Size: fixed.Int26_6(st.size * 64), Language: ts.lang}
	for _, part := range ts.seg.Split(in, fm) {
		out := ts.sh.Shape(part)
		if st.track > 0 && !joined(part.Script) {
			out.AddLetterSpacing(fixed.Int26_6(st.track*64), false, false)
		}
		p.runs = append(p.runs, out)
	}
	fm.script = language.Common
	p.ell = ts.sh.Shape(shaping.Input{Text: []rune{'…'}, RunEnd: 1, Direction: p.dir, Size: in.Size,
		Face: fm.ResolveFace('…'), Script: language.Common, Language: ts.lang})
	return p
}

// wrap breaks the paragraph into lines no wider than width (a word wider
// than the line is not broken: callers shrink the size instead). With
// maxLines > 0 the text is cut after that many lines and ends with an
// ellipsis, and a word wider than the line is broken too: that is the
// last resort, once the size can shrink no further.
func (ts *typesetter) wrap(p *shaped, width, maxLines int) []textLine {
	if len(p.runs) == 0 {
		return nil
	}
	// The wrapper trims trailing spaces in the runs it is given; give it
	// copies so the paragraph can be wrapped again at another width.
	runs := make([]shaping.Output, len(p.runs))
	for i, r := range p.runs {
		r.Glyphs = slices.Clone(r.Glyphs)
		runs[i] = r
	}
	cfg := shaping.WrapConfig{Direction: p.dir, BreakPolicy: shaping.Never}
	if maxLines > 0 {
		cfg.BreakPolicy = shaping.WhenNecessary
		cfg.TruncateAfterLines = maxLines
		cfg.Truncator = p.ell
	}
	wrapped, _ := ts.wrapper.WrapParagraph(cfg, width, p.text, shaping.NewSliceIterator(runs))
	lines := make([]textLine, 0, len(wrapped))
	for _, l := range wrapped {
		tl := textLine{runs: make([]shaping.Output, len(l)), rtl: p.dir == di.DirectionRTL}
		for i, r := range l {
			r.Glyphs = slices.Clone(r.Glyphs) // the wrapper reuses its buffers
			tl.runs[i] = r
			tl.width += r.Advance
		}
		slices.SortFunc(tl.runs, func(a, b shaping.Output) int { return int(a.VisualIndex - b.VisualIndex) })
		lines = append(lines, tl)
	}
	return lines
}

// balance wraps the paragraph into as few lines as width allows, then
// narrows the measure as far as it can without adding a line, so the
// lines come out of even length (as CSS text-wrap: balance) instead of a
// long line or two over a lone word.
func (ts *typesetter) balance(p *shaped, width, maxLines int) []textLine {
	lines := ts.wrap(p, width, maxLines)
	n := len(lines)
	if n < 2 || (maxLines > 0 && n >= maxLines) {
		return lines
	}
	lo, hi := width/2, width // hi always gives n lines
	for hi-lo > 4 {
		mid := (lo + hi) / 2
		if try := ts.wrap(p, mid, 0); len(try) == n && widest(try) <= mid {
			hi = mid
		} else {
			lo = mid
		}
	}
	return ts.wrap(p, hi, maxLines)
}

// set shapes s and breaks it into lines (see wrap).
func (ts *typesetter) set(s string, st coverStyle, width, maxLines int) []textLine {
	return ts.wrap(ts.shape(s, st), width, maxLines)
}

// joined reports whether letters of a script connect, so letter-spacing
// would break them apart.
func joined(s language.Script) bool {
	switch s {
	case language.Arabic, language.Syriac, language.Nko, language.Mongolian, language.Mandaic, language.Adlam:
		return true
	}
	return false
}

// px is a 26.6 length in pixels.
func px(v fixed.Int26_6) int { return int(math.Round(float64(v) / 64)) }

// widest is the width of the widest line, in pixels.
func widest(lines []textLine) int {
	w := 0
	for _, l := range lines {
		w = max(w, px(l.width))
	}
	return w
}

// draw fills the line's glyphs with their left end at x on the given
// baseline, in the canvas ramp.
func (ts *typesetter) draw(c *canvas, l textLine, x, baseline int, ramp uint8) {
	dot := fixed.I(x)
	for _, run := range l.runs {
		scale := float32(run.Size) / 64 / float32(run.Face.Upem())
		for _, g := range run.Glyphs {
			gx := float32(dot+g.XOffset) / 64
			gy := float32(baseline) - float32(g.YOffset)/64
			ts.glyph(c, run.Face, g.GlyphID, gx, gy, scale, ramp)
			dot += g.Advance
		}
	}
}

// glyph fills one glyph outline with its origin at (x, y): the outline is
// rasterized into the mask over its own bounding box, then blended into
// the canvas.
func (ts *typesetter) glyph(c *canvas, f *font.Face, gid font.GID, x, y, scale float32, ramp uint8) {
	out, ok := f.GlyphDataOutline(gid)
	if !ok || len(out.Segments) == 0 {
		return
	}
	minX, minY := float32(math.MaxFloat32), float32(math.MaxFloat32)
	maxX, maxY := -minX, -minY
	for i := range out.Segments {
		for _, p := range out.Segments[i].ArgsSlice() {
			minX, maxX = min(minX, p.X), max(maxX, p.X)
			minY, maxY = min(minY, p.Y), max(maxY, p.Y)
		}
	}
	// Font units have y up; pixels have y down.
	r := image.Rect(int(math.Floor(float64(x+minX*scale))), int(math.Floor(float64(y-maxY*scale))),
		int(math.Ceil(float64(x+maxX*scale)))+1, int(math.Ceil(float64(y-minY*scale)))+1)
	if r.Empty() || !r.Overlaps(c.img.Rect) {
		return
	}
	w, h := r.Dx(), r.Dy()
	ts.raster.Reset(w, h)
	ts.raster.DrawOp = draw.Src
	ox, oy := x-float32(r.Min.X), y-float32(r.Min.Y)
	pt := func(p opentype.SegmentPoint) (float32, float32) { return ox + p.X*scale, oy - p.Y*scale }
	started := false
	for i := range out.Segments {
		s := &out.Segments[i]
		switch s.Op {
		case opentype.SegmentOpMoveTo:
			if started {
				ts.raster.ClosePath()
			}
			ts.raster.MoveTo(pt(s.Args[0]))
			started = true
		case opentype.SegmentOpLineTo:
			ts.raster.LineTo(pt(s.Args[0]))
		case opentype.SegmentOpQuadTo:
			bx, by := pt(s.Args[0])
			cx, cy := pt(s.Args[1])
			ts.raster.QuadTo(bx, by, cx, cy)
		case opentype.SegmentOpCubeTo:
			bx, by := pt(s.Args[0])
			cx, cy := pt(s.Args[1])
			dx, dy := pt(s.Args[2])
			ts.raster.CubeTo(bx, by, cx, cy, dx, dy)
		}
	}
	if started {
		ts.raster.ClosePath()
	}
	if need := w * h; cap(ts.mask.Pix) < need {
		ts.mask.Pix = make([]uint8, need)
	}
	ts.mask.Pix = ts.mask.Pix[:w*h]
	ts.mask.Stride = w
	ts.mask.Rect = image.Rect(0, 0, w, h)
	ts.raster.Draw(ts.mask, ts.mask.Rect, image.Opaque, image.Point{})
	c.blit(r, ts.mask, image.Point{}, ramp)
}
