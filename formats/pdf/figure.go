package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/draw"
	_ "image/gif" // decoders for figures
	"image/jpeg"
	"image/png"
	"strings"

	"folio/assets/fonts"
	"folio/pipeline/doc"
)

type pdfImage struct {
	name string
	w, h int
	ok   bool
}

// maxSide is the longest side, in pixels, of an image as embedded: the
// widest figure a page shows is about 6.7 in, so 2400 px is 360 dpi there.
// Larger images are scaled down once, right after decoding, so the page
// carries no pixels nobody can see and the full-size picture is garbage
// before the next one is decoded.
const maxSide = 2400

// image checks and registers a resource with fpdf. Every image goes through
// Go's decoders first: fpdf's own PNG and JPEG parsers panic on damaged
// data. JPEGs that decode cleanly as YCbCr or grey are embedded as they
// are; everything else is re-encoded as an 8-bit PNG (fpdf cannot read
// interlaced or 16-bit PNGs, nor palettes with transparency).
func (l *layout) image(ref string, pos doc.Pos) pdfImage {
	r := l.d.Resource(ref)
	if r == nil || len(r.Data) == 0 {
		return pdfImage{}
	}
	if img, ok := l.imageCache[ref]; ok {
		return img
	}
	img := l.registerImage(r, pos)
	l.imageCache[ref] = img
	return img
}

func (l *layout) registerImage(r *doc.Resource, pos doc.Pos) pdfImage {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(r.Data))
	if errors.Is(err, image.ErrFormat) {
		l.warn(doc.Warning{Pos: pos, Code: "unsupported-image",
			Message: fmt.Sprintf("image %s (%s) is not PNG, JPEG or GIF; showing its caption only", r.Name, r.MediaType)})
		return pdfImage{}
	}
	if err == nil && int64(cfg.Width)*int64(cfg.Height) > doc.MaxImagePixels {
		// The resource gate refuses these; a tree built another way may not.
		l.warn(doc.Warning{Pos: pos, Code: "image-too-large",
			Message: fmt.Sprintf("image %s is %d×%d pixels, more than %d MP; showing its caption only", r.Name, cfg.Width, cfg.Height, doc.MaxImagePixels/1_000_000)})
		return pdfImage{}
	}
	if err == nil && (cfg.Width <= 0 || cfg.Height <= 0) {
		err = fmt.Errorf("%d×%d pixels", cfg.Width, cfg.Height)
	}
	var img image.Image
	if err == nil {
		img, _, err = image.Decode(bytes.NewReader(r.Data))
	}
	if err != nil {
		l.warn(doc.Warning{Pos: pos, Code: "corrupt-image",
			Message: fmt.Sprintf("image %s cannot be decoded (%v); showing its caption only", r.Name, err)})
		return pdfImage{}
	}
	b := img.Bounds()
	data, tp, err := embeddable(img, format, r.Data)
	if err != nil {
		l.warn(doc.Warning{Pos: pos, Code: "corrupt-image", Message: fmt.Sprintf("image %s: %v", r.Name, err)})
		return pdfImage{}
	}
	// fpdf names an image's XObject by a hash of its bytes: two resources
	// that come out as the same bytes (the same pixels in two encodings)
	// must share one registration, or the page's XObject dictionary gets
	// the same key twice.
	sum := sha256.Sum256(data)
	if img, ok := l.imageBytes[sum]; ok {
		return img
	}
	name := "img:" + r.Name
	if err := l.registerImageData(name, tp, data); err != nil {
		l.warn(doc.Warning{Pos: pos, Code: "corrupt-image", Message: fmt.Sprintf("image %s: %v", r.Name, err)})
		return pdfImage{}
	}
	reg := pdfImage{name: name, w: b.Dx(), h: b.Dy(), ok: true}
	l.imageBytes[sum] = reg
	return reg
}

// embeddable returns the bytes fpdf is given for a decoded image, and
// their type: the file as it is where fpdf reads it whole, otherwise an
// 8-bit PNG (a JPEG again for a scaled-down photo), scaled to maxSide.
func embeddable(img image.Image, format string, orig []byte) ([]byte, string, error) {
	b := img.Bounds()
	_, ycc := img.(*image.YCbCr)
	_, gray := img.(*image.Gray)
	var buf bytes.Buffer
	switch {
	case b.Dx() > maxSide || b.Dy() > maxSide:
		small := shrink(img, maxSide)
		if format == "jpeg" {
			err := jpeg.Encode(&buf, small, &jpeg.Options{Quality: 90})
			return buf.Bytes(), "JPG", err
		}
		err := png.Encode(&buf, small)
		return buf.Bytes(), "PNG", err
	case format == "png" && plainPNG(orig):
		return orig, "PNG", nil // fpdf copies its compressed rows as they are
	case format == "jpeg" && (ycc || gray):
		return orig, "JPG", nil
	}
	err := png.Encode(&buf, eightBit(img))
	return buf.Bytes(), "PNG", err
}

// shrink scales img down so that neither side exceeds side pixels, each
// new pixel the average of the ones it covers. It reads pixels through
// RGBA64At, which every standard image type has and which allocates
// nothing (At boxes every colour: 40 million allocations for a large
// photo, and a heap three times the picture).
func shrink(img image.Image, side int) image.Image {
	b := img.Bounds()
	sw, sh := b.Dx(), b.Dy()
	w, h := side, max(1, sh*side/sw)
	if sh > sw {
		w, h = max(1, sw*side/sh), side
	}
	src, ok := img.(image.RGBA64Image)
	if !ok {
		return img
	}
	out := image.NewNRGBA(image.Rect(0, 0, w, h))
	acc := make([]uint64, 5*w) // r, g, b, a, count per column
	flush := func(dy int) {
		for dx := range w {
			a := acc[5*dx : 5*dx+5]
			if a[4] == 0 {
				continue
			}
			o := out.PixOffset(dx, dy)
			if alpha := a[3]; alpha > 0 {
				// Premultiplied sums back to straight 8-bit colour.
				out.Pix[o] = uint8(min(a[0]*0xff/alpha, 0xff))
				out.Pix[o+1] = uint8(min(a[1]*0xff/alpha, 0xff))
				out.Pix[o+2] = uint8(min(a[2]*0xff/alpha, 0xff))
				out.Pix[o+3] = uint8(alpha / a[4] >> 8)
			}
			clear(a)
		}
	}
	row := -1
	for y := range sh {
		dy := y * h / sh
		if dy != row && row >= 0 {
			flush(row)
		}
		row = dy
		for x := range sw {
			c := src.RGBA64At(b.Min.X+x, b.Min.Y+y)
			a := acc[5*(x*w/sw):]
			a[0] += uint64(c.R)
			a[1] += uint64(c.G)
			a[2] += uint64(c.B)
			a[3] += uint64(c.A)
			a[4]++
		}
	}
	flush(row)
	return out
}

// plainPNG reports whether a PNG (already decoded without error) is one
// fpdf embeds by copying its compressed rows: 8-bit grey or RGB, not
// interlaced, no transparency chunk (fpdf's tRNS reader trusts its length;
// alpha channels it decompresses and splits). Re-encoding such a file would
// cost a full decode-and-compress for nothing.
func plainPNG(b []byte) bool {
	const sig = "\x89PNG\r\n\x1a\n"
	if len(b) < 33 || string(b[:8]) != sig || string(b[12:16]) != "IHDR" {
		return false
	}
	depth, ct, interlace := b[24], b[25], b[28]
	if depth != 8 || (ct != 0 && ct != 2) || interlace != 0 {
		return false
	}
	for p := 8; p+8 <= len(b); {
		n := int(binary.BigEndian.Uint32(b[p:]))
		switch string(b[p+4 : p+8]) {
		case "tRNS":
			return false
		case "IDAT", "IEND":
			return true
		}
		if n < 0 || n > len(b) {
			return false
		}
		p += 12 + n
	}
	return false
}

// eightBit converts an image to 8-bit grey or 8-bit RGBA.
func eightBit(img image.Image) image.Image {
	if g, ok := img.(*image.Gray); ok {
		return g
	}
	b := img.Bounds()
	out := image.NewNRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(out, out.Bounds(), img, b.Min, draw.Src)
	return out
}

// figure sets an image scaled to fit the column (at most 96 dpi, at most
// about half a page high), with its caption and credit below, all on one
// page. A figure whose image is missing or damaged shows a labelled
// placeholder instead ("Image not available" and the alt text, in a
// dashed frame), so its caption and credit never stand alone.
func (l *layout) figure(f *doc.Figure, c bctx) {
	x0, avail := l.box(c)
	img := l.image(f.Ref, f.Pos)
	capSt := style{fam: fonts.Sans, size: 9, color: colMuted}
	capWords, capRTL := l.words(f.Caption, capSt, l.rtl)
	capLines := l.breakLines(capWords, avail, alignStart)
	var credLines []line
	credRTL := false
	if f.Credit != "" {
		cst := style{fam: fonts.Sans, size: 8, color: colFaint}
		var w []word
		w, credRTL = l.plainWords(l.lab.Credit+": "+f.Credit, cst)
		credLines = l.breakLines(w, avail, alignStart)
	}
	alt := strings.TrimSpace(f.Alt)
	if !img.ok && len(capLines) == 0 && len(credLines) == 0 && alt == "" {
		return
	}
	below := 5 + float64(len(capLines))*12 + float64(len(credLines))*10.5
	l.y += 4
	if img.ok {
		w := float64(img.w) * 0.75
		h := float64(img.h) * 0.75
		if w > avail {
			h, w = h*avail/w, avail
		}
		if maxH := (l.bottom - l.top) * 0.55; h > maxH {
			w, h = w*maxH/h, maxH
		}
		l.room(h + below)
		x := x0 + (avail-w)/2
		l.drawImage(img.name, x, l.y, w, h)
		l.y += h + 5
	} else {
		l.placeholder(alt, x0, avail, below, f.Pos)
	}
	l.flow(capLines, x0, avail, 12, capSt.size, alignStart, capRTL)
	l.flow(credLines, x0, avail, 10.5, 8, alignStart, credRTL)
	l.y += c.lead * 0.8
}

// placeholder draws the frame that stands for a missing image: the
// language's "Image not available" and the image's alt text, centred in a
// shaded, dashed box; below keeps the caption and credit on its page.
func (l *layout) placeholder(alt string, x0, avail, below float64, pos doc.Pos) {
	const pad, labLead, altLead = 12.0, 12.0, 13.5
	inner := avail - 2*pad
	labWords, labRTL := l.plainWords(strings.ToUpper(l.lab.ImageMissing), style{fam: fonts.Sans, bold: true, size: 7.5, color: colFaint})
	labLines := l.breakLines(labWords, inner, alignCenter)
	var altLines []line
	altRTL := false
	if alt != "" {
		var w []word
		w, altRTL = l.words([]doc.Inline{&doc.Text{Value: alt, Pos: pos}}, style{fam: fonts.Serif, italic: true, size: 10, color: colMuted}, l.rtl)
		altLines = l.breakLines(w, inner, alignCenter)
	}
	h := 2*pad + float64(len(labLines))*labLead + float64(len(altLines))*altLead
	l.room(h + below)
	top := l.y
	l.pdf.SetFillColor(int(colShade[0]), int(colShade[1]), int(colShade[2]))
	l.pdf.SetDrawColor(int(colFaint[0]), int(colFaint[1]), int(colFaint[2]))
	l.pdf.SetLineWidth(0.6)
	l.pdf.SetDashPattern([]float64{3, 2}, 0)
	l.pdf.Rect(x0, top, avail, h, "FD")
	l.pdf.SetDashPattern([]float64{}, 0)
	y := top + pad
	for _, ln := range labLines {
		l.drawLine(ln, x0+pad, inner, baseline(y, labLead, 7.5), alignCenter, labRTL)
		y += labLead
	}
	for _, ln := range altLines {
		l.drawLine(ln, x0+pad, inner, baseline(y, altLead, 10), alignCenter, altRTL)
		y += altLead
	}
	l.y = top + h + 5
}
