package pdf

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"
)

func encodePNG(t *testing.T, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// withChunk inserts a chunk (CRC not computed) right after IHDR.
func withChunk(b []byte, typ string, data []byte) []byte {
	var c []byte
	c = append(c, 0, 0, 0, byte(len(data)))
	c = append(c, typ...)
	c = append(c, data...)
	c = append(c, 0, 0, 0, 0)
	out := append([]byte(nil), b[:33]...)
	out = append(out, c...)
	return append(out, b[33:]...)
}

func TestPlainPNGIsEmbeddedAsItIs(t *testing.T) {
	rgb := image.NewRGBA(image.Rect(0, 0, 4, 3))
	for i := range rgb.Pix {
		rgb.Pix[i] = 0xFF
	}
	gray := image.NewGray(image.Rect(0, 0, 4, 3))
	alpha := image.NewNRGBA(image.Rect(0, 0, 4, 3))
	alpha.Set(1, 1, color.NRGBA{1, 2, 3, 4})
	pal := image.NewPaletted(image.Rect(0, 0, 4, 3), color.Palette{color.Black, color.White})
	gray16 := image.NewGray16(image.Rect(0, 0, 4, 3))
	interlaced := encodePNG(t, rgb)
	interlaced[28] = 1
	tests := []struct {
		name string
		data []byte
		want bool
	}{
		{"opaque RGB", encodePNG(t, rgb), true},
		{"8-bit grey", encodePNG(t, gray), true},
		{"RGB with a transparency chunk", withChunk(encodePNG(t, rgb), "tRNS", []byte{0, 1, 0, 2, 0, 3}), false},
		{"alpha channel", encodePNG(t, alpha), false},
		{"palette", encodePNG(t, pal), false},
		{"16-bit grey", encodePNG(t, gray16), false},
		{"interlaced", interlaced, false},
		{"not a PNG", []byte("GIF89a……………………………………………………"), false},
		{"truncated header", encodePNG(t, rgb)[:20], false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := plainPNG(tt.data); got != tt.want {
				t.Errorf("plainPNG = %v, want %v", got, tt.want)
			}
		})
	}
}
