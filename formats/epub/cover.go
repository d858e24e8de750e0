package epub

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"image"
	"image/color"
	"image/png"
	"strings"
	"sync"
	"unicode"

	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansregular"
	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifitalic"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"folio/pipeline/doc"
)

// coverImageFile is the generated or given cover's name in EPUB/images/.
const coverImageFile = "cover"

// coverMedia is the document's cover resource when it has a usable one,
// else a generated typographic cover.
func coverMedia(d *doc.Document, b *book) (*media, error) {
	if r := d.Resource(d.Meta.CoverRef); r != nil && coreImage(r.MediaType) {
		ext := map[string]string{"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif"}[r.MediaType]
		return &media{file: coverImageFile + ext, mediaType: r.MediaType, data: r.Data}, nil
	}
	data, err := drawCover(coverText{
		title:    b.title,
		subtitle: b.subtitle,
		kicker:   coverKicker(b),
		byline:   strings.Join(b.authors, " · "),
		date:     clean(d.Meta.Date),
	})
	if err != nil {
		return nil, fmt.Errorf("epub: cover: %w", err)
	}
	return &media{file: coverImageFile + ".png", mediaType: "image/png", data: data}, nil
}

// coverKicker is the small line above the title: the publisher, or the
// source's host name.
func coverKicker(b *book) string {
	if b.publisher != "" {
		return b.publisher
	}
	s := b.source
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
	}
	if i := strings.IndexAny(s, "/?#"); i >= 0 {
		s = s[:i]
	}
	return strings.TrimPrefix(s, "www.")
}

type coverText struct{ title, subtitle, kicker, byline, date string }

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
// it. Anti-aliased text on a flat ground needs no more. A 17th, unused entry
// makes Go's PNG encoder write 8-bit indices, which it copies row by row;
// for 4-bit ones it packs pixel by pixel through an interface call, which
// measured 3–4× slower for the whole cover.
const (
	rampBand  = 0 // 0..7: band → white
	rampPaper = 8 // 8..15: paper → ink
	rampSteps = 8
)

func coverPalette(band color.RGBA) color.Palette {
	p := make(color.Palette, 0, 17)
	for _, ramp := range [][2]color.RGBA{{band, white}, {paper, ink}} {
		for i := 0; i < rampSteps; i++ {
			p = append(p, mix(ramp[0], ramp[1], i, rampSteps-1))
		}
	}
	return append(p, color.RGBA{0, 0, 0, 0xff})
}

func mix(a, b color.RGBA, i, n int) color.RGBA {
	f := func(x, y uint8) uint8 { return uint8((int(x)*(n-i) + int(y)*i) / n) }
	return color.RGBA{f(a.R, b.R), f(a.G, b.G), f(a.B, b.B), 0xff}
}

// coverFonts are parsed once per process and never changed; faces (which
// cache glyphs) are made per cover.
var coverFonts = sync.OnceValues(func() (*coverFontSet, error) {
	var s coverFontSet
	for _, f := range []struct {
		dst **opentype.Font
		ttf []byte
	}{
		{&s.title, liberationserifbold.TTF},
		{&s.sub, liberationserifitalic.TTF},
		{&s.label, liberationsansbold.TTF},
		{&s.small, liberationsansregular.TTF},
	} {
		ft, err := opentype.Parse(f.ttf)
		if err != nil {
			return nil, err
		}
		*f.dst = ft
	}
	return &s, nil
})

type coverFontSet struct{ title, sub, label, small *opentype.Font }

// canvasPool and pngBufferPool recycle the 2 MB pixel buffer and the PNG
// encoder's buffers between covers: allocating and clearing them was a
// quarter of a cover's time. Pooled values carry no state from one cover to
// the next (every pixel is painted again).
var (
	canvasPool = sync.Pool{New: func() any {
		return image.NewPaletted(image.Rect(0, 0, coverW, coverH), nil)
	}}
	pngBufferPool sync.Pool
)

type pngBuffers struct{}

func (pngBuffers) Get() *png.EncoderBuffer {
	b, _ := pngBufferPool.Get().(*png.EncoderBuffer)
	return b
}

func (pngBuffers) Put(b *png.EncoderBuffer) { pngBufferPool.Put(b) }

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

// text draws s with its left end at (x, baseline) in the given ramp,
// spacing letters by track pixels. The ground under text must be the
// ramp's first colour.
func (c *canvas) text(face font.Face, s string, x, baseline int, ramp uint8, track int) {
	dot := fixed.P(x, baseline)
	prev := rune(-1)
	for _, r := range s {
		if prev >= 0 {
			dot.X += face.Kern(prev, r)
		}
		dr, mask, mp, adv, ok := face.Glyph(dot, r)
		if ok {
			c.blit(dr, mask, mp, ramp)
		}
		dot.X += adv + fixed.I(track)
		prev = r
	}
}

func (c *canvas) blit(dr image.Rectangle, mask image.Image, mp image.Point, ramp uint8) {
	a, ok := mask.(*image.Alpha)
	if !ok {
		return
	}
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

func measure(face font.Face, s string, track int) int {
	w := font.MeasureString(face, s).Round()
	if n := len([]rune(s)); n > 1 {
		w += track * (n - 1)
	}
	return w
}

// wrap breaks s into lines no wider than width.
func wrap(face font.Face, s string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		try := w
		if line != "" {
			try = line + " " + w
		}
		if line != "" && measure(face, try, 0) > width {
			lines = append(lines, line)
			line = w
			continue
		}
		line = try
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// drawable reports whether the cover fonts can set s as it is written:
// every character has a glyph and none needs shaping or right-to-left
// ordering (this simple renderer does neither). Text that is not drawable
// is left off the cover; the title page always has it.
func drawable(f *opentype.Font, s string) bool {
	var buf sfnt.Buffer
	for _, r := range s {
		if unicode.IsSpace(r) {
			continue
		}
		if unicode.In(r, unicode.Arabic, unicode.Hebrew, unicode.Syriac, unicode.Thaana, unicode.Nko,
			unicode.Devanagari, unicode.Bengali, unicode.Thai, unicode.Myanmar, unicode.Khmer, unicode.Tibetan) {
			return false
		}
		if r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 {
			return false
		}
		if idx, err := f.GlyphIndex(&buf, r); err != nil || idx == 0 {
			return false
		}
	}
	return true
}

func newFace(f *opentype.Font, size float64) (font.Face, error) {
	return opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
}

// fitTitle picks the largest title size (down to a floor) whose wrapped
// lines fit the band's text area.
func fitTitle(f *opentype.Font, title string, width, height int) (font.Face, []string, int, error) {
	for size := 148; ; size -= 8 {
		face, err := newFace(f, float64(size))
		if err != nil {
			return nil, nil, 0, err
		}
		lines := wrap(face, title, width)
		lead := size * 112 / 100
		widest := 0
		for _, l := range lines {
			widest = max(widest, measure(face, l, 0))
		}
		if size <= 56 || (len(lines)*lead <= height && widest <= width) {
			if len(lines)*lead > height {
				lines = lines[:max(1, height/lead)]
				lines[len(lines)-1] += "…"
			}
			return face, lines, lead, nil
		}
	}
}

// drawCover draws a typographic cover: a strong colour band holding the
// kicker and the title, set large; below it, on paper, the standfirst and
// the date, with a short rule in the band's colour.
func drawCover(t coverText) ([]byte, error) {
	fonts, err := coverFonts()
	if err != nil {
		return nil, err
	}
	h := fnv.New32a()
	h.Write([]byte(t.title))
	band := bands[h.Sum32()%uint32(len(bands))]

	img := canvasPool.Get().(*image.Paletted)
	defer canvasPool.Put(img)
	img.Palette = coverPalette(band)
	c := &canvas{img: img}
	c.fill(image.Rect(0, 0, coverW, coverBand), rampBand)
	c.fill(image.Rect(0, coverBand, coverW, coverH), rampPaper)
	textW := coverW - 2*coverInset

	// Kicker: publisher or host, small capitals spaced out, and a hairline.
	if k := strings.ToUpper(t.kicker); k != "" && drawable(fonts.label, k) {
		face, err := newFace(fonts.label, 30)
		if err != nil {
			return nil, err
		}
		for measure(face, k, 4) > textW && len([]rune(k)) > 1 {
			k = string([]rune(k)[:len([]rune(k))-2]) + "…"
		}
		c.text(face, k, coverInset, coverInset+30, rampBand, 4)
	}
	c.fill(image.Rect(coverInset, coverInset+58, coverW-coverInset, coverInset+61), rampBand+5)

	// Title: bottom-aligned in the band, as large as fits.
	if drawable(fonts.title, t.title) {
		top := coverInset + 140
		bottom := coverBand - 110
		face, lines, lead, err := fitTitle(fonts.title, t.title, textW, bottom-top)
		if err != nil {
			return nil, err
		}
		y := bottom - (len(lines)-1)*lead
		for _, l := range lines {
			c.text(face, l, coverInset, y, rampBand, 0)
			y += lead
		}
	}

	// Below the band: a short rule in the band colour, the standfirst, the
	// date at the foot.
	c.fill(image.Rect(coverInset, coverBand+90, coverInset+140, coverBand+98), rampBand)
	if t.subtitle != "" && drawable(fonts.sub, t.subtitle) {
		face, err := newFace(fonts.sub, 44)
		if err != nil {
			return nil, err
		}
		lines := wrap(face, t.subtitle, textW)
		if len(lines) > 5 {
			lines = lines[:5]
			lines[4] += "…"
		}
		y := coverBand + 180
		for _, l := range lines {
			c.text(face, l, coverInset, y, rampPaper, 0)
			y += 58
		}
	}
	if by := strings.ToUpper(t.byline); by != "" && drawable(fonts.label, by) {
		face, err := newFace(fonts.label, 30)
		if err != nil {
			return nil, err
		}
		for measure(face, by, 3) > textW && len([]rune(by)) > 1 {
			by = string([]rune(by)[:len([]rune(by))-2]) + "…"
		}
		c.text(face, by, coverInset, coverH-coverInset-60, rampPaper, 3)
	}
	if t.date != "" && drawable(fonts.small, t.date) {
		face, err := newFace(fonts.small, 30)
		if err != nil {
			return nil, err
		}
		c.text(face, t.date, coverInset, coverH-coverInset, rampPaper, 2)
	}

	var out bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed, BufferPool: pngBuffers{}}
	if err := enc.Encode(&out, c.img); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
