package typeset

import (
	"bytes"
	"flag"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-text/typesetting/di"

	"folio/assets/fonts"
)

// coverSamples are the covers kept as golden PNGs in testdata/ (look at
// them after go test -update: they are the design).
var update = flag.Bool("update", false, "rewrite the golden covers in testdata/")

var coverSamples = map[string]Cover{
	"latin": {Title: "The Quiet Harbour", Subtitle: "How a small port town rebuilt its fishing fleet after the storm",
		Kicker: "The Coastal Review", Byline: "Ana Ribeiro · Tom Hale", Date: "2024-03-15", Lang: "en"},
	"arabic": {Title: "ميناء هادئ: كيف أعادت بلدة صغيرة بناء أسطولها", Subtitle: "تقرير عن الصيادين الذين أصلحوا قواربهم بأيديهم بعد العاصفة في عام 2023",
		Kicker: "aljazeera.net", Byline: "ليلى حسن", Date: "2024-01-20", Lang: "ar", RTL: true},
	"persian": {Title: "گزارشی از بندرهای کوچک خلیج فارس", Subtitle: "چگونه ماهیگیران پس از طوفان قایق\u200cهای خود را دوباره ساختند",
		Kicker: "BBC Persian", Byline: "مریم احمدی", Date: "2024-02-11", Lang: "fa", RTL: true},
	"russian": {Title: "Тихая гавань: как маленький порт восстановил флот", Subtitle: "Рыбаки своими руками починили лодки после шторма",
		Kicker: "Морской вестник", Byline: "Анна Рыбакова", Date: "2024-03-15", Lang: "ru"},
}

func TestCoverGolden(t *testing.T) {
	for name, c := range coverSamples {
		t.Run(name, func(t *testing.T) {
			data, err := DrawCover(c)
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "cover-"+name+".png")
			if *update {
				if err := os.WriteFile(golden, data, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if !bytes.Equal(data, want) {
				t.Errorf("cover differs from %s (run go test -update and look at it)", golden)
			}
		})
	}
}

// inkColumns returns the leftmost and rightmost columns holding text (any
// pixel off the ground colour) in rows [y0, y1) of the band.
func inkColumns(t *testing.T, data []byte, y0, y1 int) (int, int, int) {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	p := img.(*image.Paletted)
	left, right, n := coverW, -1, 0
	for y := y0; y < y1; y++ {
		for x := 0; x < coverW; x++ {
			if p.ColorIndexAt(x, y) != rampBand {
				left, right, n = min(left, x), max(right, x), n+1
			}
		}
	}
	return left, right, n
}

func TestCoverTitleIsDrawnAndAlignedToTheStartEdge(t *testing.T) {
	// The title sits between the hairline under the kicker and the band's
	// foot.
	top, bottom := coverInset+70, coverBand-40
	for name, c := range coverSamples {
		data, err := DrawCover(c)
		if err != nil {
			t.Fatal(err)
		}
		left, right, n := inkColumns(t, data, top, bottom)
		if n < 20000 {
			t.Errorf("%s: only %d title pixels; the title is not drawn", name, n)
			continue
		}
		if c.RTL {
			if right < coverW-coverInset-12 || right > coverW-coverInset+2 {
				t.Errorf("%s: title ends at x=%d, want right-aligned at %d", name, right, coverW-coverInset)
			}
		} else if left < coverInset-6 || left > coverInset+12 {
			t.Errorf("%s: title starts at x=%d, want left-aligned at %d", name, left, coverInset)
		}
	}
}

func TestCoverShapesArabic(t *testing.T) {
	ts := newTypesetter()
	ts.rtl = true
	st := coverStyle{faces: titleFaces, size: 100}
	dejavu := ts.face(fonts.Get(fonts.Fallback, fonts.Bold))
	isolated, _ := dejavu.NominalGlyph('ب')

	// Three behs join: final, medial and initial forms, none isolated,
	// drawn right to left (the initial form is rightmost).
	lines := ts.set("ببب", st, 1000, 0)
	if len(lines) != 1 || len(lines[0].runs) != 1 {
		t.Fatalf("got %d lines", len(lines))
	}
	run := lines[0].runs[0]
	if run.Direction != di.DirectionRTL || run.Face != dejavu {
		t.Errorf("run direction %v, face %p; want RTL in DejaVu Sans Bold", run.Direction, run.Face)
	}
	g := run.Glyphs
	if len(g) != 3 || g[0].GlyphID == g[1].GlyphID || g[1].GlyphID == g[2].GlyphID || g[0].GlyphID == g[2].GlyphID {
		t.Fatalf("glyphs %v: want three different contextual forms", g)
	}
	for _, x := range g {
		if x.GlyphID == isolated {
			t.Errorf("an isolated beh among joined ones: %v", g)
		}
	}
	if g[0].TextIndex() != 2 || g[2].TextIndex() != 0 {
		t.Errorf("glyphs are not in visual (right-to-left) order: clusters %d..%d", g[0].TextIndex(), g[2].TextIndex())
	}

	// Lam followed by alef is one ligature glyph.
	if lines := ts.set("لا", st, 1000, 0); len(lines[0].runs[0].Glyphs) != 1 {
		t.Errorf("lam-alef: %d glyphs, want one ligature", len(lines[0].runs[0].Glyphs))
	}

	// Digits inside Arabic text are set in the Arabic text's face, and a
	// Latin word keeps its own.
	for _, l := range ts.set("عام 2023 Harbour", st, 2000, 0) {
		for _, r := range l.runs {
			latin := r.Runes.Offset >= 8 // the space before "Harbour" goes with it
			if latin && r.Face == dejavu {
				t.Errorf("the Latin word is set in DejaVu")
			}
			if !latin && r.Face != dejavu {
				t.Errorf("runes %v (Arabic or digits) not set in DejaVu", r.Runes)
			}
		}
	}
}

func TestCoverWrapsAndBalances(t *testing.T) {
	ts := newTypesetter()
	st := coverStyle{faces: subFaces, size: 44}
	p := ts.shape("How a small port town rebuilt its fishing fleet after the storm", st)
	greedy := ts.wrap(p, 1000, 0)
	balanced := ts.balance(p, 1000, 0)
	if len(greedy) != 2 || len(balanced) != 2 {
		t.Fatalf("lines: greedy %d, balanced %d; want 2", len(greedy), len(balanced))
	}
	if d := px(balanced[0].width) - px(balanced[1].width); d < -60 || d > 60 {
		t.Errorf("balanced lines are %d and %d px wide", px(balanced[0].width), px(balanced[1].width))
	}
	if widest(balanced) > 1000 {
		t.Errorf("balanced lines overflow: %d", widest(balanced))
	}
	// Cut text ends with an ellipsis on its last line.
	cut := ts.wrap(p, 300, 2)
	if len(cut) != 2 {
		t.Fatalf("cut to %d lines, want 2", len(cut))
	}
	last := cut[1].runs[len(cut[1].runs)-1]
	ell, _ := last.Face.NominalGlyph('…')
	if g := last.Glyphs[len(last.Glyphs)-1]; g.GlyphID != ell {
		t.Errorf("cut line does not end with an ellipsis")
	}
}

func TestCoverTextStaysInsideTheMargins(t *testing.T) {
	long := "https://news.example.org/2024/03/15/an-address-pasted-as-a-title-with-no-spaces-anywhere-in-it"
	for name, c := range map[string]Cover{
		"unbroken-ltr": {Title: long, Subtitle: long, Kicker: long, Byline: long, Lang: "en"},
		"unbroken-rtl": {Title: "ال" + strings.Repeat("مستقبل", 20), Subtitle: long, Lang: "ar", RTL: true},
		"many-words":   {Title: strings.Repeat("A title that never seems to end ", 12), Lang: "en"},
	} {
		data, err := DrawCover(c)
		if err != nil {
			t.Fatal(err)
		}
		left, right, n := inkColumns(t, data, 0, coverBand)
		if n == 0 {
			t.Errorf("%s: nothing drawn in the band", name)
			continue
		}
		if left < coverInset-8 || right > coverW-coverInset+8 {
			t.Errorf("%s: text spans x=%d..%d, outside the margins %d..%d", name, left, right, coverInset, coverW-coverInset)
		}
	}
}

func TestCoverLeavesOffTextItCannotSet(t *testing.T) {
	if settable(titleFaces, "नमस्ते दुनिया") {
		t.Error("Devanagari claimed settable with fonts that lack it")
	}
	if !settable(titleFaces, "Тихая гавань ميناء שלום") {
		t.Error("Cyrillic, Arabic and Hebrew not settable")
	}
	// A title in a script the fonts lack leaves the band without a title
	// but the cover is still made.
	data, err := DrawCover(Cover{Title: "नमस्ते दुनिया", Lang: "hi"})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, n := inkColumns(t, data, coverInset+70, coverBand-40); n != 0 {
		t.Errorf("%d pixels drawn for a title the fonts cannot set", n)
	}
}

func BenchmarkCover(b *testing.B) {
	for _, name := range []string{"latin", "arabic"} {
		c := coverSamples[name]
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := DrawCover(c); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
