package pdf

import (
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"regexp"
	"testing"

	"folio/pipeline/doc"
)

var xobjectEntry = regexp.MustCompile(`/I([0-9a-f]+) \d+ 0 R`)

// TestSamePixelsInTwoEncodingsShareOneImage is r17: two PNGs with the
// same pixels in different bytes (8- and 16-bit) both become the same
// 8-bit PNG for fpdf; they must share one XObject, or the page's XObject
// dictionary names one key twice (qpdf --check fails).
func TestSamePixelsInTwoEncodingsShareOneImage(t *testing.T) {
	img8 := image.NewNRGBA(image.Rect(0, 0, 6, 4))
	img16 := image.NewNRGBA64(image.Rect(0, 0, 6, 4))
	for y := range 4 {
		for x := range 6 {
			c := color.NRGBA{uint8(40 * x), uint8(60 * y), 200, 128}
			img8.SetNRGBA(x, y, c)
			img16.Set(x, y, c)
		}
	}
	a, b := encodePNG(t, img8), encodePNG(t, img16)
	if string(a) == string(b) {
		t.Fatal("the two encodings are the same bytes")
	}
	d := &doc.Document{Meta: doc.Meta{Title: "Twins", Lang: "en"},
		Resources: []*doc.Resource{
			{Name: "img-a.png", MediaType: "image/png", Width: 6, Height: 4, Data: a},
			{Name: "img-b.png", MediaType: "image/png", Width: 6, Height: 4, Data: b},
		},
		Blocks: []doc.Block{&doc.Figure{Ref: "img-a.png"}, &doc.Figure{Ref: "img-b.png"}}}
	out, ws := write(t, d, Options{})
	if len(ws) != 0 {
		t.Errorf("warnings %v", codes(ws))
	}
	seen := map[string]int{}
	for _, m := range xobjectEntry.FindAllSubmatch(out, -1) {
		seen[string(m[1])]++
	}
	if len(seen) != 1 {
		t.Errorf("XObject entries %v, want one image", seen)
	}
	for k, n := range seen {
		if n > 1 {
			t.Errorf("XObject /I%s listed %d times in one dictionary", k, n)
		}
	}
	qpdfCheck(t, out)
}

// TestImagesUpToTheGateLimitAreEmbedded is r22: the PDF writer takes every
// image the resource gate lets through (up to 50 MP; it used to stop at
// 40 Mi pixels and call a valid 42 MP image corrupt), scaled down to
// maxSide; a larger one is refused as too large, not as corrupt.
func TestImagesUpToTheGateLimitAreEmbedded(t *testing.T) {
	if testing.Short() {
		t.Skip("encodes a 42 MP image")
	}
	big := encodePNG(t, image.NewGray(image.Rect(0, 0, 6500, 6500)))
	d := &doc.Document{Meta: doc.Meta{Title: "Big", Lang: "en"},
		Resources: []*doc.Resource{{Name: "img-big.png", MediaType: "image/png", Width: 6500, Height: 6500, Data: big}},
		Blocks:    []doc.Block{&doc.Figure{Ref: "img-big.png", Caption: []doc.Inline{txt("A big picture.")}}}}
	out, ws := write(t, d, Options{})
	if len(ws) != 0 {
		t.Errorf("a 42 MP image: warnings %v, want none", codes(ws))
	}
	if !regexp.MustCompile(`/Width 2400\b`).Match(out) {
		t.Error("the image is not embedded at 2400 px")
	}
	validate(t, out)

	huge := pngHeaderOnly(t, 8000, 8000)
	d.Resources[0].Data = huge
	_, ws = write(t, d, Options{})
	if !hasWarning(ws, "image-too-large") || hasWarning(ws, "corrupt-image") {
		t.Errorf("a 64 MP image: warnings %v, want image-too-large only", codes(ws))
	}
}

// pngHeaderOnly is the first 33 bytes of a PNG claiming w×h grey pixels:
// enough for DecodeConfig.
func pngHeaderOnly(t *testing.T, w, h int) []byte {
	b := encodePNG(t, image.NewGray(image.Rect(0, 0, 1, 1)))[:33]
	b[16], b[17], b[18], b[19] = byte(w>>24), byte(w>>16), byte(w>>8), byte(w)
	b[20], b[21], b[22], b[23] = byte(h>>24), byte(h>>16), byte(h>>8), byte(h)
	binary.BigEndian.PutUint32(b[29:], crc32.ChecksumIEEE(b[12:29]))
	return b
}

// TestShrinkAveragesWhatEachPixelCovers scales 8×4 pixels to 4×2: each new
// pixel is the mean of four, colour weighted by alpha, and a fully
// transparent block stays transparent.
func TestShrinkAveragesWhatEachPixelCovers(t *testing.T) {
	src := image.NewNRGBA64(image.Rect(0, 0, 8, 4))
	for y := range 4 {
		for x := range 8 {
			switch {
			case x < 2: // red and blue, opaque
				if x == 0 {
					src.Set(x, y, color.NRGBA{255, 0, 0, 255})
				} else {
					src.Set(x, y, color.NRGBA{0, 0, 255, 255})
				}
			case x < 4: // green, half of it transparent
				a := uint8(255)
				if x == 3 {
					a = 0
				}
				src.Set(x, y, color.NRGBA{0, 255, 0, a})
			}
		}
	}
	got := shrink(src, 4).(*image.NRGBA)
	if b := got.Bounds(); b.Dx() != 4 || b.Dy() != 2 {
		t.Fatalf("size %v, want 4×2", b)
	}
	for _, tt := range []struct {
		x    int
		want color.NRGBA
	}{
		{0, color.NRGBA{127, 0, 127, 255}},
		{1, color.NRGBA{0, 255, 0, 127}},
		{2, color.NRGBA{}},
	} {
		if c := got.NRGBAAt(tt.x, 1); c != tt.want {
			t.Errorf("pixel %d: %v, want %v", tt.x, c, tt.want)
		}
	}
}
