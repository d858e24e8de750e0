package pdf

// The fpdf adapter. fpdf (codeberg.org/go-pdf/fpdf) draws every page:
// the layout calls its drawing methods (Text, Line, Rect, Link, Bookmark,
// SetPage) directly. This file makes the document, registers faces and
// turns what fpdf writes into the file Folio writes. Every fpdf defect the
// writer works around, and how (and one it does not):
//
//  1. It panics on input it should reject (damaged PNG and JPEG data, and
//     states it does not expect): every image goes through Go's decoders
//     first (figure.go, registerImage) before registerImageData gives it to
//     fpdf, and attempt turns any other panic into an error for that
//     document only.
//  2. Its PNG reader copies compressed rows as they are and trusts the
//     tRNS chunk's length; it reads neither interlaced nor 16-bit PNGs:
//     only a plain 8-bit grey or RGB PNG is given as it is (plainPNG),
//     anything else is re-encoded (figure.go, embeddable).
//  3. It cannot encode characters above U+FFFF: the body shows them by
//     name or code point (astral.go) and metadata gets U+FFFD (clean).
//  4. It joins no letters and places characters one by one: Arabic is
//     shaped with HarfBuzz and given as presentation forms
//     (typeset.Shaper.PresentationForms), bidi runs are reordered by the
//     writer (text.go).
//  5. MultiCell takes one font per call and cannot justify mixed runs, and
//     there is no call for letter spacing: the writer breaks lines itself
//     (linebreak.go), places every run, and writes the PDF's Tc operator
//     raw (RawWriteStr) around a tracked line.
//  6. It writes into some faces it is given, and builds maps of every
//     character a face maps, twice per document: a face is registered on
//     first use, cut to the core character set (fonts.Face.CoreBytes,
//     shared; about a fifth of the writer's time on a typical article) or,
//     when the text needs more, as a private copy (registerFace). It cannot
//     keep a parsed face between documents (~3 ms a face; not worked
//     around).
//  7. It compresses every stream with a new zlib writer (about a megabyte
//     of tables each): compression is off and compressStreams (compress.go)
//     compresses the same streams after Output with a pooled writer, byte
//     for byte what fpdf writes. Measured: BenchmarkBriefing, four
//     alternating runs of 60 on a loaded 2-core machine, 24.9–29.0
//     CPU-ms and 31.3 MB allocated a document with it, 26.3–29.8 CPU-ms
//     and 33.6 MB with fpdf's compression.
//  8. It names its font subsets "utf8<family><style>" without the six-letter
//     tag ISO 32000-1 §9.6.4 asks of a subset: tagSubsets. Measured:
//     without it pdffonts lists the briefing's seven fonts as
//     "utf8fzqliberationserif … sub no", with it "GGJJBK+LiberationSerif …
//     sub yes".
//  9. It writes "/Count 0" on every outline item, which ISO 32000-1 forbids
//     for an item with children: fixOutlineCounts. Measured: pdfcpu
//     v0.11.1 validate -mode strict (given fpdf's PDF 1.3 header and
//     descriptors without FontFamily fixed first, its two earlier
//     complaints) says "validateOutlineTree: non-empty outline item dict
//     needs "Count" <> 0" without it and "validation ok" with it; qpdf
//     --check accepts both.
// 10. It can write neither named destinations nor GoToR actions: a link to
//     another document of the run opens that PDF at its start (pdf.go,
//     linkStyle).
// 11. Not worked around: with sorted catalogues it writes images ordered by
//     pixel width alone, and images of equal width in map order, so a
//     document with two different images of the same width is not
//     reproducible. Measured: a pack of the briefing, arabic.txt,
//     eel-ladder.html and sensor-logger.html (two 960-pixel-wide images)
//     came out two ways in 20 runs (3 and 17). A fix would renumber the
//     tied image objects after Output; fpdf offers no hook.
//
// The rewrites after Output (7–9) keep every byte offset or rewrite the
// cross-reference table, and a rewrite that does not recognise fpdf's
// output leaves it as it is.

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"strings"

	"codeberg.org/go-pdf/fpdf"
	"folio/assets/fonts"
	"folio/pipeline/doc"
)

// newFpdf makes an fpdf document for the paper, in points, with no
// automatic page breaks, margins or cell padding (the layout places
// everything), sorted catalogues (reproducible output) and compression
// left to compressStreams (defect 7).
func newFpdf(pp paper) *fpdf.Fpdf {
	p := fpdf.NewCustom(&fpdf.InitType{
		OrientationStr: "P", UnitStr: "pt", Size: fpdf.SizeType{Wd: pp.w, Ht: pp.h},
	})
	p.SetCatalogSort(true)
	p.SetCompression(false)
	p.SetAutoPageBreak(false, 0)
	p.SetMargins(0, 0, 0)
	p.SetCellMargin(0)
	return p
}

// registerFace gives a face to fpdf (defect 6): cut to the core set unless
// the document needs it whole.
func (l *layout) registerFace(f *fonts.Face) {
	l.registered[f] = true
	var ttf []byte
	if l.full[f] {
		ttf = f.Bytes() // a private copy: fpdf writes into some faces
	} else {
		ttf = f.CoreBytes() // shared; fpdf leaves a subset as it is
		l.reduced[f] = true
	}
	l.pdf.AddUTF8FontFromBytes(famName(f), f.Style, ttf)
}

// registerImageData gives fpdf an image already checked and, where fpdf
// cannot read it safely, re-encoded (defects 1 and 2; figure.go). An error
// fpdf reports is returned and cleared, so the document goes on without
// the image.
func (l *layout) registerImageData(name, imageType string, data []byte) error {
	l.pdf.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: imageType}, bytes.NewReader(data))
	if err := l.pdf.Error(); err != nil {
		l.pdf.ClearError()
		return err
	}
	return nil
}

// drawImage draws a registered image at (x, y), w by h points.
func (l *layout) drawImage(name string, x, y, w, h float64) {
	l.pdf.ImageOptions(name, x, y, w, h, false, fpdf.ImageOptions{}, 0, "")
}

// output has fpdf write the document and repairs what it wrote (defects
// 7–9).
func (l *layout) output() ([]byte, error) {
	pos := l.d.Meta.Pos
	if err := l.pdf.Error(); err != nil {
		return nil, doc.Errorf(pos, "pdf", "writing PDF: %v", err)
	}
	var buf bytes.Buffer
	if err := l.pdf.Output(&buf); err != nil {
		return nil, doc.Errorf(pos, "pdf", "writing PDF: %v", err)
	}
	if buf.Len() == 0 {
		return nil, doc.Errorf(pos, "pdf", "fpdf produced no output")
	}
	b := buf.Bytes()
	if z, err := compressStreams(b); err == nil {
		b = z
	} // else the PDF stays valid, with its pages uncompressed
	return fixOutlineCounts(l.tagSubsets(b), l.marks), nil
}

// fpdf registers families under this prefix so that tagSubsets can find
// their names in the output.
const famPrefix = "fzq"

func famName(f *fonts.Face) string { return famPrefix + f.Family }

// tagSubsets names every embedded font as the subset it is (defect 8). The
// replacement "/utf8fzq…" → "/ABCDEF+…" has the same length, so the
// cross-reference offsets stay right; the tag is derived from the face, so
// output stays reproducible.
func (l *layout) tagSubsets(b []byte) []byte {
	for f := range l.registered {
		old := "/utf8" + famPrefix + strings.ToLower(f.Family) + f.Style
		h := fnv.New32a()
		h.Write([]byte(f.Key()))
		sum := h.Sum32()
		tag := make([]byte, 6)
		for i := range tag {
			tag[i] = byte('A' + sum%26)
			sum /= 26
		}
		name := "/" + string(tag) + "+" + f.Family + f.Style
		b = bytes.ReplaceAll(b, []byte(old+"\n"), []byte(name+"\n"))
		b = bytes.ReplaceAll(b, []byte(old+" "), []byte(name+" "))
	}
	return b
}

// countPattern ends every outline item fpdf writes.
var countPattern = []byte("null]\n/Count 0>>")

// fixOutlineCounts gives outline items that have children a correct
// /Count (defect 9). The replacement "null]/Count NN>>" has the same
// length as what it replaces, so cross-reference offsets stay right; an
// item with more than 99 descendants is written closed (/Count -1), the
// only value that still fits.
func fixOutlineCounts(b []byte, levels []int) []byte {
	if len(levels) == 0 || bytes.Count(b, countPattern) != len(levels) {
		return b
	}
	var out bytes.Buffer
	out.Grow(len(b))
	rest := b
	for i := range levels {
		k := bytes.Index(rest, countPattern)
		out.Write(rest[:k])
		n := descendants(levels, i)
		switch {
		case n == 0:
			out.Write(countPattern)
		case n <= 99:
			fmt.Fprintf(&out, "null]/Count %2d>>", n)
		default:
			out.WriteString("null]/Count -1>>")
		}
		rest = rest[k+len(countPattern):]
	}
	out.Write(rest)
	return out.Bytes()
}

// descendants counts the outline entries nested under entry i.
func descendants(levels []int, i int) int {
	n := 0
	for j := i + 1; j < len(levels) && levels[j] > levels[i]; j++ {
		n++
	}
	return n
}
