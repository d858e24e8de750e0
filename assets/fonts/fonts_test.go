package fonts

import (
	"bytes"
	"crypto/sha256"
	"math"
	"sync"
	"testing"
	"time"

	"github.com/go-text/typesetting/font"

	"codeberg.org/go-pdf/fpdf"
)

func TestCoverage(t *testing.T) {
	tests := []struct {
		name string
		face *Face
		r    rune
		want bool
	}{
		{"serif has curly quotes", Get(Serif, Regular), '“', true},
		{"serif has Cyrillic", Get(Serif, Italic), 'Ж', true},
		{"serif has Greek", Get(Serif, Bold), 'λ', true},
		{"serif lacks Arabic", Get(Serif, Regular), 'ب', false},
		{"fallback has Arabic", Get(Fallback, Regular), 'ب', true},
		{"fallback bold has Arabic", Get(Fallback, Bold), 'ب', true},
		{"fallback has Arabic presentation forms", Get(Fallback, Regular), '\uFE91', true},
		{"fallback has the replacement character", Get(Fallback, Regular), '\uFFFD', true},
		{"nothing above the BMP", Get(Fallback, Regular), '😀', false},
		{"mono has ASCII", Get(Mono, Regular), '{', true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.face.Has(tt.r); got != tt.want {
				t.Errorf("Has(%U) = %v, want %v", tt.r, got, tt.want)
			}
		})
	}
}

// Widths must agree with fpdf's own measure, or justified lines come out
// ragged.
func TestWidthsMatchFpdf(t *testing.T) {
	const s = "The quick brown fox — “jumps” over ЖЁлтый λόγος 0123 ,.;"
	for _, fam := range []Family{Serif, Sans, Mono, Fallback} {
		for _, st := range []Style{Regular, Bold, Italic, BoldItalic} {
			face := Get(fam, st)
			pdf := fpdf.New("P", "pt", "A4", "")
			pdf.AddUTF8FontFromBytes(face.Family, face.Style, face.Bytes())
			pdf.SetFont(face.Family, face.Style, 1000)
			if err := pdf.Error(); err != nil {
				t.Fatal(err)
			}
			if got, want := face.StringWidth(s), int(pdf.GetStringWidth(s)+0.5); got != want {
				t.Errorf("%s: width %d, fpdf says %d", face.Key(), got, want)
			}
		}
	}
}

func TestBytesIsAPrivateCopy(t *testing.T) {
	f := Get(Sans, Regular)
	b := f.Bytes()
	b[0] ^= 0xFF
	if f.Bytes()[0] == b[0] {
		t.Fatal("Bytes returned the shared slice")
	}
}

func TestConcurrentFirstUse(t *testing.T) {
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = Get(Sans, BoldItalic).Width('a')
		}()
	}
	wg.Wait()
}

func TestRuneForShapedGlyph(t *testing.T) {
	f := Get(Fallback, Regular)
	g, ok := f.Font().NominalGlyph('\uFE91') // beh, initial form
	if !ok {
		t.Fatal("no glyph for U+FE91")
	}
	if r, ok := f.RuneFor(g); !ok || r != '\uFE91' {
		t.Errorf("RuneFor = %U, %v", r, ok)
	}
}

// The table reader must agree with a full parse by go-text on every face:
// the same characters covered, the same advances, ascent and descent.
func TestMetricsAgreeWithFullParse(t *testing.T) {
	for fam := Serif; fam < numFamilies; fam++ {
		for sty := Regular; sty < numStyles; sty++ {
			f := Get(fam, sty)
			t.Run(f.Key(), func(t *testing.T) {
				ff, err := font.ParseTTF(bytes.NewReader(f.ttf))
				if err != nil {
					t.Fatal(err)
				}
				m := f.load()
				upem := float64(ff.Upem())
				if ext, ok := ff.FontHExtents(); !ok ||
					math.Abs(m.ascent-float64(ext.Ascender)*1000/upem) > 1e-9 ||
					math.Abs(m.descent-float64(ext.Descender)*1000/upem) > 1e-9 {
					t.Errorf("ascent/descent %v/%v, go-text %+v", m.ascent, m.descent, ext)
				}
				want := map[rune]int{}
				it := ff.Cmap.Iter()
				for it.Next() {
					r, g := it.Char()
					if r >= 0 && r < 0x10000 && g != 0 {
						want[r] = int(math.Round(float64(ff.HorizontalAdvance(g)) * 1000 / upem))
					}
				}
				n := 0
				for r := rune(0); r < 0x10000; r++ {
					w, ok := want[r]
					if f.Has(r) != ok {
						t.Errorf("Has(%U) = %v, go-text %v", r, f.Has(r), ok)
						n++
					} else if ok && f.Width(r) != w {
						t.Errorf("Width(%U) = %d, go-text %d", r, f.Width(r), w)
						n++
					}
					if n > 10 {
						t.FailNow()
					}
				}
				if len(want) < 500 {
					t.Errorf("only %d characters covered", len(want))
				}
			})
		}
	}
}

// A core copy maps exactly the face's characters in the core set, to
// glyphs with the face's own advances, and fpdf measures it the same.
func TestCoreCopy(t *testing.T) {
	for fam := Serif; fam < numFamilies; fam++ {
		for sty := Regular; sty < numStyles; sty++ {
			f := Get(fam, sty)
			t.Run(f.Key(), func(t *testing.T) {
				core := f.CoreBytes()
				m, err := readMetrics(core)
				if err != nil {
					t.Fatal(err)
				}
				n, bad := 0, 0
				for r := rune(0); r < 0x10000 && bad < 10; r++ {
					has := m.covered[r>>6]&(1<<(uint(r)&63)) != 0
					if has != f.InCore(r) || has && int(m.width[r]) != f.Width(r) {
						t.Errorf("%U: core has %v width %d; face InCore %v width %d", r, has, m.width[r], f.InCore(r), f.Width(r))
						bad++
					}
					if has {
						n++
					}
				}
				if n < 300 || n >= f.countChars() {
					t.Errorf("core maps %d characters of the face's %d", n, f.countChars())
				}
				tables, err := tableDirectory(core)
				if err != nil {
					t.Fatal(err)
				}
				glyphs, metrics := be16(tables["maxp"], 4), be16(tables["hhea"], 34)
				if glyphs != metrics {
					t.Errorf("subset has %d glyphs but %d full metrics; fpdf would write into it", glyphs, metrics)
				}
				if whole, _ := tableDirectory(f.ttf); int(glyphs) >= int(be16(whole["maxp"], 4))/2 {
					t.Errorf("subset keeps %d of the face's %d glyphs", glyphs, be16(whole["maxp"], 4))
				}
			})
		}
	}
	// fpdf takes the core copy and draws from it what the full face draws.
	pdf := fpdf.New("P", "pt", "A4", "")
	f := Get(Serif, Italic)
	pdf.AddUTF8FontFromBytes("core", "I", f.CoreBytes())
	pdf.SetFont("core", "I", 10)
	const s = "Grants of up to €40 million — “matched” locally, ЖЁлтый λόγος, Chișinău"
	if got, want := pdf.GetStringWidth(s), float64(f.StringWidth(s))*10/1000; math.Abs(got-want) > 0.01 {
		t.Errorf("fpdf width of the core copy %v, face %v", got, want)
	}
	if err := pdf.Error(); err != nil {
		t.Fatal(err)
	}
}

func (f *Face) countChars() int {
	n := 0
	for r := rune(0); r < 0x10000; r++ {
		if f.Has(r) {
			n++
		}
	}
	return n
}

// fpdf embeds the same font from a core subset as from the whole face (with
// the same character map), for
// text with every core character the face has (accented letters are built
// from components), and leaves the shared subset as it was.
func TestSubsetEmbedsLikeWholeFace(t *testing.T) {
	render := func(ttf []byte, text string) []byte {
		pdf := fpdf.New("P", "pt", "A4", "")
		pdf.SetCompression(false)
		pdf.SetCatalogSort(true)
		pdf.SetCreationDate(time.Unix(0, 0).UTC())
		pdf.SetModificationDate(time.Unix(0, 0).UTC())
		pdf.AddUTF8FontFromBytes("f", "", ttf)
		pdf.SetFont("f", "", 10)
		pdf.AddPage()
		pdf.Text(20, 40, text)
		var buf bytes.Buffer
		if err := pdf.Output(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	for fam := Serif; fam < numFamilies; fam++ {
		for sty := Regular; sty < numStyles; sty++ {
			f := Get(fam, sty)
			t.Run(f.Key(), func(t *testing.T) {
				var text []rune
				for r := rune(0x20); r < 0x10000; r++ {
					if f.InCore(r) {
						text = append(text, r)
					}
				}
				core := f.CoreBytes()
				before := sha256.Sum256(core)
				// The same character map, every glyph: fpdf hashes the
				// widths of every mapped character into the font's
				// resource name, so only a face mapping the same
				// characters gives the same PDF.
				whole, err := withCmap(f.ttf, InCoreSet)
				if err != nil {
					t.Fatal(err)
				}
				got, want := render(core, string(text)), render(whole, string(text))
				if !bytes.Equal(got, want) {
					t.Errorf("PDF from the subset differs from the whole face's (%d vs %d bytes)", len(got), len(want))
				}
				if sha256.Sum256(f.CoreBytes()) != before {
					t.Error("fpdf wrote into the shared subset")
				}
			})
		}
	}
}
