package pdf

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/draw"
	_ "image/gif" // decoders for figures
	_ "image/jpeg"
	"image/png"
	"strings"

	"codeberg.org/go-pdf/fpdf"
	"folio/assets/fonts"
	"folio/pipeline/doc"
)

type pdfImage struct {
	name string
	w, h int
	ok   bool
}

const maxPixels = 40 << 20

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
	if err == nil && (cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > maxPixels) {
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
	data, tp := r.Data, "JPG"
	_, ycc := img.(*image.YCbCr)
	_, gray := img.(*image.Gray)
	switch {
	case format == "png" && plainPNG(r.Data):
		tp = "PNG" // fpdf copies its compressed rows as they are
	case format != "jpeg" || !(ycc || gray):
		var buf bytes.Buffer
		if err := png.Encode(&buf, eightBit(img)); err != nil {
			l.warn(doc.Warning{Pos: pos, Code: "corrupt-image", Message: fmt.Sprintf("image %s: %v", r.Name, err)})
			return pdfImage{}
		}
		data, tp = buf.Bytes(), "PNG"
	}
	name := "img:" + r.Name
	l.pdf.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: tp}, bytes.NewReader(data))
	if err := l.pdf.Error(); err != nil {
		l.pdf.ClearError()
		l.warn(doc.Warning{Pos: pos, Code: "corrupt-image", Message: fmt.Sprintf("image %s: %v", r.Name, err)})
		return pdfImage{}
	}
	b := img.Bounds()
	return pdfImage{name: name, w: b.Dx(), h: b.Dy(), ok: true}
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
// about half a page high), with its caption and credit below. A figure
// whose image is missing or damaged shows its caption and credit only.
func (l *layout) figure(f *doc.Figure, c bctx) {
	x0, avail := l.box(c)
	img := l.image(f.Ref, f.Pos)
	capSt := style{fam: fonts.Sans, size: 8.5, color: colMuted}
	// Alt text stands in for a missing image only when nothing else would
	// be shown: it describes the picture, it is not a caption. A lead
	// photo the article reader found as a bare credit line keeps its alt
	// text out of the page and shows the credit alone.
	caption := f.Caption
	if len(caption) == 0 && !img.ok && strings.TrimSpace(f.Credit) == "" && strings.TrimSpace(f.Alt) != "" {
		caption = []doc.Inline{&doc.Text{Value: f.Alt, Pos: f.Pos}}
	}
	capWords, capRTL := l.words(caption, capSt, l.rtl)
	capLines := l.breakLines(capWords, avail)
	var credLines []line
	credRTL := false
	if f.Credit != "" {
		cst := style{fam: fonts.Sans, size: 7.5, color: colFaint}
		var w []word
		w, credRTL = l.plainWords(l.lab.Credit+": "+f.Credit, cst)
		credLines = l.breakLines(w, avail)
	}
	if !img.ok && len(capLines) == 0 && len(credLines) == 0 {
		return
	}
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
		l.room(h + 14)
		x := x0 + (avail-w)/2
		l.pdf.ImageOptions(img.name, x, l.y, w, h, false, fpdf.ImageOptions{}, 0, "")
		l.y += h + 5
	}
	l.flow(capLines, x0, avail, 11.5, capSt.size, alignStart, capRTL)
	l.flow(credLines, x0, avail, 10, 7.5, alignStart, credRTL)
	l.y += c.lead * 0.8
}
