package pdf

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"folio/assets/fonts"
)

// A document fpdf writes uncompressed and compressStreams compresses is
// byte for byte the one fpdf writes with compression on: pages, an indexed
// image's palette, links and an outline (objects after the streams move).
func TestCompressStreamsMatchesFpdf(t *testing.T) {
	var pal bytes.Buffer
	img := image.NewPaletted(image.Rect(0, 0, 6, 4), color.Palette{color.Black, color.White, color.RGBA{200, 20, 20, 255}})
	for i := range img.Pix {
		img.Pix[i] = uint8(i % 3)
	}
	if err := png.Encode(&pal, img); err != nil {
		t.Fatal(err)
	}
	face := fonts.Get(fonts.Serif, fonts.Regular)
	build := func(compress bool) []byte {
		p := fpdf.New("P", "pt", "A4", "")
		p.SetCompression(compress)
		p.SetCatalogSort(true)
		p.SetCreationDate(time.Unix(0, 0).UTC())
		p.SetModificationDate(time.Unix(0, 0).UTC())
		p.AddUTF8FontFromBytes("serif", "", face.CoreBytes())
		p.RegisterImageOptionsReader("pal", fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(pal.Bytes()))
		for page := range 3 {
			p.AddPage()
			p.SetFont("serif", "", 11)
			p.Bookmark("Section", 0, -1)
			for line := range 40 {
				p.Text(60, 80+float64(line)*16, "Page text that repeats, with “quotes” — and Ж λ on every line.")
			}
			p.LinkString(60, 70, 100, 12, "https://example.org/")
			if page == 1 {
				p.ImageOptions("pal", 60, 700, 60, 40, false, fpdf.ImageOptions{}, 0, "")
			}
		}
		var buf bytes.Buffer
		if err := p.Output(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	want, plain := build(true), build(false)
	if bytes.Equal(want, plain) {
		t.Fatal("compression made no difference; the test shows nothing")
	}
	got, err := compressStreams(plain)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("compressStreams gave %d bytes, fpdf with compression %d (and they differ)", len(got), len(want))
	}
}

func TestCompressStreamsRefusesWhatItDoesNotKnow(t *testing.T) {
	p := fpdf.New("P", "pt", "A4", "")
	p.SetCompression(false)
	p.AddPage()
	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	tests := map[string][]byte{
		"no PDF":                   []byte("hello"),
		"truncated":                good[:len(good)/2],
		"startxref points nowhere": bytes.Replace(good, []byte("startxref\n"), []byte("startxref\n1"), 1),
		"stream length wrong":      bytes.Replace(good, []byte("<</Length "), []byte("<</Length 9"), 1),
		"already compressed":       bytes.Replace(good, []byte("<</Length "), []byte("<</Filter /FlateDecode /Length "), 1),
	}
	for name, b := range tests {
		t.Run(name, func(t *testing.T) {
			if _, err := compressStreams(b); err == nil {
				t.Error("no error")
			}
		})
	}
}

// The writer's pages come out compressed (compressStreams did not fall
// back): no page content stream is left for it to compress.
func TestWriterCompressesPages(t *testing.T) {
	var buf bytes.Buffer
	if err := New(Options{}).Write(context.Background(), briefing(), &buf); err != nil {
		t.Fatal(err)
	}
	_, err := compressStreams(buf.Bytes())
	if err == nil || !strings.Contains(err.Error(), "is not an uncompressed stream") {
		t.Errorf("a page stream is uncompressed (compressStreams on the output: %v)", err)
	}
}
