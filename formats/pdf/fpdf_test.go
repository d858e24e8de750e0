package pdf

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"folio/internal/checktool"
)

// TestTiedImagesHaveOneOrder: fpdf writes two images of the same width
// in map order (fpdf.go, defect 11). Written until both orders have been
// seen, the two files come out of orderTiedImages as one, and valid.
func TestTiedImagesHaveOneOrder(t *testing.T) {
	pngOf := func(h int, c color.NRGBA) []byte {
		img := image.NewNRGBA(image.Rect(0, 0, 20, h))
		for i := range img.Pix {
			img.Pix[i] = []uint8{c.R, c.G, c.B, c.A}[i%4]
		}
		var b bytes.Buffer
		if err := png.Encode(&b, img); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	for _, alpha := range []uint8{255, 128} { // 128: the second image has a soft mask object
		a, b := pngOf(10, color.NRGBA{200, 30, 30, 255}), pngOf(12, color.NRGBA{30, 30, 200, alpha})
		if x := tiedImages(t, a, b); bytes.Contains(x, []byte("/SMask")) != (alpha < 255) {
			t.Errorf("alpha %d: soft mask %v", alpha, bytes.Contains(x, []byte("/SMask")))
		}
	}
}

func tiedImages(t *testing.T, a, b []byte) []byte {
	raw := func() []byte {
		p := newFpdf(paper{"A4", 595.28, 841.89})
		// A fixed date: fpdf's default is the clock, and two files a
		// second apart differ there whatever their images' order.
		when := time.Date(2024, 3, 12, 0, 0, 0, 0, time.UTC)
		p.SetCreationDate(when)
		p.SetModificationDate(when)
		p.AddPage()
		p.RegisterImageOptionsReader("a", fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(a))
		p.RegisterImageOptionsReader("b", fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(b))
		p.ImageOptions("a", 50, 50, 100, 50, false, fpdf.ImageOptions{}, 0, "")
		p.ImageOptions("b", 50, 150, 100, 60, false, fpdf.ImageOptions{}, 0, "")
		var buf bytes.Buffer
		if err := p.Output(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	first := raw()
	var other []byte
	for range 200 {
		if r := raw(); !bytes.Equal(r, first) {
			other = r
			break
		}
	}
	if other == nil {
		t.Fatal("fpdf wrote the two images in one order 200 times; nothing to reorder")
	}
	x, y := orderTiedImages(first), orderTiedImages(other)
	if !bytes.Equal(x, y) {
		t.Fatal("the two orders fpdf wrote do not come out as one file")
	}
	if !bytes.Equal(x, first) && !bytes.Equal(x, other) {
		t.Error("the ordered file is neither of the files fpdf writes")
	}
	if out, err := checktool.Run(t, checktool.QPDF, "--check", tempPDF(t, x)); err != nil {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
	if got := orderTiedImages(x); !bytes.Equal(got, x) {
		t.Error("an ordered file is changed again")
	}
	return x
}
