package normalize

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"
)

// pngVariants are PNGs of every colour type and depth Go's encoder writes.
func pngVariants(t testing.TB) map[string][]byte {
	imgs := map[string]image.Image{
		"gray8":  image.NewGray(image.Rect(0, 0, 13, 7)),
		"gray16": image.NewGray16(image.Rect(0, 0, 13, 7)),
		"rgb8":   image.NewRGBA(image.Rect(0, 0, 13, 7)),
		"rgba16": image.NewNRGBA64(image.Rect(0, 0, 13, 7)),
		"paletted": image.NewPaletted(image.Rect(0, 0, 13, 7),
			color.Palette{color.Black, color.White, color.RGBA{255, 0, 0, 255}}),
	}
	out := map[string][]byte{}
	for name, img := range imgs {
		if m, ok := img.(interface{ Set(x, y int, c color.Color) }); ok {
			for y := range 7 {
				for x := range 13 {
					m.Set(x, y, color.RGBA{uint8(x * 19), uint8(y * 37), uint8(x * y), uint8(128 + x)})
				}
			}
		}
		var b bytes.Buffer
		if err := png.Encode(&b, img); err != nil {
			t.Fatal(err)
		}
		out[name] = b.Bytes()
	}
	return out
}

// TestCheckPNGAgreesWithTheDecoder feeds every truncation and many
// single-byte changes of PNGs of each colour type to both checkPNG and
// image/png: a file one accepts the other must accept. checkPNG replaces
// a full decode in Inspect, so it must be exactly as strict.
func TestCheckPNGAgreesWithTheDecoder(t *testing.T) {
	for name, full := range pngVariants(t) {
		try := func(what string, b []byte) {
			_, decErr := png.Decode(bytes.NewReader(b))
			chkErr := checkPNG(b)
			if (decErr == nil) != (chkErr == nil) {
				t.Errorf("%s %s: image/png says %v, checkPNG says %v", name, what, decErr, chkErr)
			}
		}
		try("whole", full)
		for n := range len(full) {
			try("truncated", full[:n])
		}
		for i := 8; i < len(full); i += 3 {
			b := bytes.Clone(full)
			b[i] ^= 0x41
			try("flipped", b)
		}
	}
}

// TestInspectChecksPNGsWithoutDecodingThem checks that a 1000×1000
// 16-bit PNG is checked without decoding it whole: under 2 MB allocated
// where image/png allocates 8 MB for the pixels alone.
func TestInspectChecksPNGsWithoutDecodingThem(t *testing.T) {
	img := image.NewNRGBA64(image.Rect(0, 0, 1000, 1000))
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	data := b.Bytes()
	allocs := testing.Benchmark(func(tb *testing.B) {
		tb.ReportAllocs()
		for tb.Loop() {
			if _, err := Inspect(data); err != nil {
				tb.Fatal(err)
			}
		}
	})
	if per := allocs.AllocedBytesPerOp(); per > 2<<20 {
		t.Errorf("Inspect of a 1000×1000 16-bit PNG allocates %d bytes, want under 2 MB (a full decode is 8 MB)", per)
	}
}
