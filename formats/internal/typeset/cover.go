package typeset

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"hash/fnv"
	"image"
	"image/color"
	"slices"
	"strings"
	"sync"

	"github.com/go-text/typesetting/language"

	"folio/assets/fonts"
	"folio/formats/internal/bidi"
)

// Cover is the text of a generated cover.
type Cover struct {
	Title, Subtitle string
	Kicker          string // the small line above the title: publisher, host or marking
	Byline, Date    string
	Lang            string // BCP 47, for shaping
	RTL             bool   // lay the cover out right to left
}

// Cover geometry: 1200×1800 (2:3), what e-reader library views show.
const (
	coverW     = 1200
	coverH     = 1800
	coverBand  = 1100 // height of the colour band
	coverInset = 100  // outer margin
)

// bands are the colours a cover's band may take, picked by the title's hash
// so that covers in a library view differ but each stays the same.
var bands = []color.RGBA{
	{0x1d, 0x3b, 0x5c, 0xff}, // ink blue
	{0x8c, 0x1c, 0x24, 0xff}, // oxblood
	{0x1f, 0x4d, 0x3a, 0xff}, // bottle green
	{0x3b, 0x2a, 0x5c, 0xff}, // aubergine
	{0x26, 0x26, 0x2b, 0xff}, // charcoal
	{0xa3, 0x4a, 0x12, 0xff}, // burnt orange
}

var (
	paper = color.RGBA{0xf5, 0xf1, 0xe8, 0xff}
	ink   = color.RGBA{0x22, 0x22, 0x22, 0xff}
	white = color.RGBA{0xff, 0xff, 0xff, 0xff}
)

// The palette has 16 colours: the band colour shading to white in 8 steps
// for text on the band, and paper shading to ink in 8 steps for text below
// it. Anti-aliased text on a flat ground needs no more, and 16 colours fit
// four bits a pixel, which is how the cover is stored (writePNG).
const (
	rampBand  = 0 // 0..7: band → white
	rampPaper = 8 // 8..15: paper → ink
	rampSteps = 8
)

func coverPalette(band color.RGBA) color.Palette {
	p := make(color.Palette, 0, 16)
	for _, ramp := range [][2]color.RGBA{{band, white}, {paper, ink}} {
		for i := 0; i < rampSteps; i++ {
			p = append(p, mix(ramp[0], ramp[1], i, rampSteps-1))
		}
	}
	return p
}

func mix(a, b color.RGBA, i, n int) color.RGBA {
	f := func(x, y uint8) uint8 { return uint8((int(x)*(n-i) + int(y)*i) / n) }
	return color.RGBA{f(a.R, b.R), f(a.G, b.G), f(a.B, b.B), 0xff}
}

// workPool recycles the 2 MB pixel buffer, the typesetter's caches, the
// packed rows and the zlib writer between covers: allocating and clearing
// them was a quarter of a cover's time. Pooled values carry no state from
// one cover to the next that changes its bytes (every pixel is painted
// again; the caches hold font data only; the writer is Reset).
var workPool = sync.Pool{New: func() any {
	zw, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed)
	return &coverWork{
		img:  image.NewPaletted(image.Rect(0, 0, coverW, coverH), nil),
		ts:   newTypesetter(),
		rows: make([]byte, 0, coverH*(1+(coverW+1)/2)),
		zw:   zw,
	}
}}

type coverWork struct {
	img  *image.Paletted
	ts   *typesetter
	rows []byte // packed scanlines, each after its filter byte
	zw   *zlib.Writer
}

// writePNG encodes a paletted image of at most 16 colours as a 4-bit
// indexed PNG. Go's encoder writes 16 colours at four bits by packing
// pixel by pixel through an interface call (3–4× slower for the whole
// cover), or at eight bits, twice the data to compress; here rows are
// packed directly and compressed in one go, so the cover costs about
// half as much to encode as at eight bits. Rows are unfiltered, as PNG
// recommends for indexed images.
func (w *coverWork) writePNG(img *image.Paletted) ([]byte, error) {
	if len(img.Palette) > 16 {
		return nil, fmt.Errorf("%d colours do not fit four bits", len(img.Palette))
	}
	b := img.Bounds()
	stride := 1 + (b.Dx()+1)/2 // the filter byte (0: none), then two pixels a byte
	rows := slices.Grow(w.rows[:0], stride*b.Dy())[:stride*b.Dy()]
	w.rows = rows
	for y := range b.Dy() {
		row := rows[y*stride : (y+1)*stride]
		px := img.Pix[y*img.Stride : y*img.Stride+b.Dx()]
		if y > 0 && bytes.Equal(px, img.Pix[(y-1)*img.Stride:(y-1)*img.Stride+b.Dx()]) {
			copy(row, rows[(y-1)*stride:y*stride]) // most rows are flat ground
			continue
		}
		row[0] = 0
		packed := row[1:]
		for i := range len(px) / 2 {
			packed[i] = px[2*i]<<4 | px[2*i+1]&0x0F
		}
		if len(px)%2 == 1 {
			packed[len(packed)-1] = px[len(px)-1] << 4
		}
	}

	var out bytes.Buffer
	out.Grow(64 << 10)
	out.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		var n [4]byte
		binary.BigEndian.PutUint32(n[:], uint32(len(data)))
		out.Write(n[:])
		crc := crc32.NewIEEE()
		crc.Write([]byte(typ))
		crc.Write(data)
		out.WriteString(typ)
		out.Write(data)
		binary.BigEndian.PutUint32(n[:], crc.Sum32())
		out.Write(n[:])
	}
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(b.Dx()))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(b.Dy()))
	ihdr[8], ihdr[9] = 4, 3 // four bits, indexed colour; compression, filter, interlace 0
	chunk("IHDR", ihdr[:])
	plte := make([]byte, 0, 3*len(img.Palette))
	for _, c := range img.Palette {
		r, g, bl, _ := c.RGBA()
		plte = append(plte, uint8(r>>8), uint8(g>>8), uint8(bl>>8))
	}
	chunk("PLTE", plte)
	var z bytes.Buffer
	z.Grow(64 << 10)
	w.zw.Reset(&z)
	w.zw.Write(rows) // writes to a bytes.Buffer cannot fail
	if err := w.zw.Close(); err != nil {
		return nil, err
	}
	chunk("IDAT", z.Bytes())
	chunk("IEND", nil)
	return out.Bytes(), nil
}

// canvas is a paletted image with text drawn by ramp index.
type canvas struct{ img *image.Paletted }

func (c *canvas) fill(r image.Rectangle, idx uint8) {
	r = r.Intersect(c.img.Rect)
	if r.Empty() {
		return
	}
	first := c.img.Pix[r.Min.Y*c.img.Stride+r.Min.X : r.Min.Y*c.img.Stride+r.Max.X]
	for i := range first {
		first[i] = idx
	}
	for y := r.Min.Y + 1; y < r.Max.Y; y++ {
		copy(c.img.Pix[y*c.img.Stride+r.Min.X:y*c.img.Stride+r.Max.X], first)
	}
}

// blit blends an anti-aliased mask (drawn at dr, read from mp) into the
// canvas as steps of a ramp. The ground under it must be the ramp's first
// colour; where masks overlap the darker step wins.
func (c *canvas) blit(dr image.Rectangle, a *image.Alpha, mp image.Point, ramp uint8) {
	clip := dr.Intersect(c.img.Rect)
	for y := clip.Min.Y; y < clip.Max.Y; y++ {
		my := mp.Y + y - dr.Min.Y
		for x := clip.Min.X; x < clip.Max.X; x++ {
			v := a.Pix[(my-a.Rect.Min.Y)*a.Stride+(mp.X+x-dr.Min.X-a.Rect.Min.X)]
			step := uint8((int(v)*(rampSteps-1) + 127) / 255)
			if step == 0 {
				continue
			}
			i := y*c.img.Stride + x
			if cur := c.img.Pix[i]; cur >= ramp && cur < ramp+rampSteps && cur-ramp >= step {
				continue
			}
			c.img.Pix[i] = ramp + step
		}
	}
}

// mirrorX places a box of width w whose left edge is at x in a
// left-to-right layout: the same place for ltr, the mirror image for rtl.
func mirrorX(rtl bool, x, w int) int {
	if rtl {
		return coverW - x - w
	}
	return x
}

// line draws one shaped line from the cover's start edge at x (the left
// edge, or for a right-to-left cover the right one).
func (c *canvas) line(ts *typesetter, l textLine, x, baseline int, ramp uint8, rtl bool) {
	ts.draw(c, l, mirrorX(rtl, x, px(l.width)), baseline, ramp)
}

// fitTitle picks the largest title size (down to a floor) whose wrapped
// lines fit the band's text area, and balances the lines; at the floor, the title is cut with an
// ellipsis after as many lines as fit.
func fitTitle(ts *typesetter, title string, faces []*fonts.Face, width, height int) ([]textLine, int) {
	lead := func(size int) int {
		if bidi.HasArabic(title) {
			// Arabic letters reach further above and below the line.
			return size * 135 / 100
		}
		return size * 112 / 100
	}
	for size := 148; ; size -= 8 {
		p := ts.shape(title, coverStyle{faces: faces, size: float64(size)})
		lines := ts.wrap(p, width, 0)
		// At most four lines: a fifth makes a ragged column of single
		// words at display sizes; a smaller size reads better.
		if len(lines) <= 4 && len(lines)*lead(size) <= height && widest(lines) <= width {
			return ts.balance(p, width, 0), lead(size)
		}
		if size <= 56 {
			return ts.wrap(p, width, max(1, height/lead(size))), lead(size)
		}
	}
}

// DrawCover draws a typographic cover as a PNG: a strong colour band holding the
// kicker and the title, set large; below it, on paper, the standfirst, the
// byline and the date, with a short rule in the band's colour. A
// right-to-left book gets the mirror image of the layout (text aligned
// right, the rule at the right).
func DrawCover(t Cover) ([]byte, error) {
	h := fnv.New32a()
	h.Write([]byte(t.Title))
	band := bands[h.Sum32()%uint32(len(bands))]

	work := workPool.Get().(*coverWork)
	defer workPool.Put(work)
	ts := work.ts
	ts.lang = language.NewLanguage(t.Lang)
	ts.rtl = t.RTL
	rtl := t.RTL

	img := work.img
	img.Palette = coverPalette(band)
	c := &canvas{img: img}
	c.fill(image.Rect(0, 0, coverW, coverBand), rampBand)
	c.fill(image.Rect(0, coverBand, coverW, coverH), rampPaper)
	textW := coverW - 2*coverInset

	// Kicker: publisher or host, small capitals spaced out, and a hairline.
	label := coverStyle{faces: labelFaces, size: 30, track: 4}
	if k := strings.ToUpper(t.Kicker); k != "" && settable(label.faces, k) {
		for _, l := range ts.set(k, label, textW, 1) {
			c.line(ts, l, coverInset, coverInset+30, rampBand, rtl)
		}
	}
	c.fill(image.Rect(coverInset, coverInset+58, coverW-coverInset, coverInset+61), rampBand+5)

	// Title: bottom-aligned in the band, as large as fits.
	if settable(titleFaces, t.Title) {
		top := coverInset + 140
		bottom := coverBand - 110
		lines, lead := fitTitle(ts, t.Title, titleFaces, textW, bottom-top)
		y := bottom - (len(lines)-1)*lead
		for _, l := range lines {
			c.line(ts, l, coverInset, y, rampBand, rtl)
			y += lead
		}
	}

	// Below the band: a short rule in the band colour, the standfirst, the
	// byline and the date at the foot.
	c.fill(image.Rect(mirrorX(rtl, coverInset, 140), coverBand+90, mirrorX(rtl, coverInset, 140)+140, coverBand+98), rampBand)
	sub := coverStyle{faces: subFaces, size: 44}
	if t.Subtitle != "" && settable(sub.faces, t.Subtitle) {
		lead := 58
		if bidi.HasArabic(t.Subtitle) {
			lead = 66
		}
		y := coverBand + 180
		for _, l := range ts.balance(ts.shape(t.Subtitle, sub), textW, 5) {
			c.line(ts, l, coverInset, y, rampPaper, rtl)
			y += lead
		}
	}
	by := coverStyle{faces: labelFaces, size: 30, track: 3}
	if b := strings.ToUpper(t.Byline); b != "" && settable(by.faces, b) {
		for _, l := range ts.set(b, by, textW, 1) {
			c.line(ts, l, coverInset, coverH-coverInset-60, rampPaper, rtl)
		}
	}
	small := coverStyle{faces: smallFaces, size: 30, track: 2}
	if t.Date != "" && settable(small.faces, t.Date) {
		for _, l := range ts.set(t.Date, small, textW, 1) {
			c.line(ts, l, coverInset, coverH-coverInset, rampPaper, rtl)
		}
	}

	return work.writePNG(c.img)
}
