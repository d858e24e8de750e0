package pdf

// The fpdf adapter. fpdf (codeberg.org/go-pdf/fpdf) draws every page:
// the layout calls its drawing methods (Text, Line, Rect, Link, Bookmark,
// SetPage) directly. This file makes the document, registers faces and
// turns what fpdf writes into the file Folio writes. Every fpdf defect the
// writer works around, and how:
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
// 10. It can write neither named destinations nor GoToR actions, so a link
//     to another document of the run could open that PDF only at its
//     start: dests.go names every heading's place in the catalog's /Names
//     tree, in room reserved in the /Lang string, and rewrites a marked URI
//     action into a GoToR naming the place, both at equal length. Measured:
//     without it pdfinfo -dests lists nothing and a link to b.md#proxy
//     opens b.pdf at page 1 (TestLinksBetweenDocumentsEndToEnd follows each
//     link to its heading's page).
// 11. With sorted catalogues it writes images ordered by pixel width alone,
//     and images of equal width in map order, so a document with two
//     different images of the same width is not reproducible:
//     orderTiedImages puts such images in the order of their names.
//     Measured: a pack of the briefing, arabic.txt, eel-ladder.html and
//     sensor-logger.html (two 960-pixel-wide images) came out two ways in
//     20 runs (3 and 17) without it, one way in 20 with it.
// 12. It gives every font the identity ToUnicode map, so the Arabic drawn
//     as presentation forms (4) copied and searched as those forms:
//     toUnicode (tounicode.go) writes the map again for a document that
//     drew any, each form to its letters. Measured: pdftotext gave
//     "ﻟﺠﻮﻓﻴﺔ" before and "لجوفية" after (TestArabicTextCopiesAsLetters).
//
// The rewrites after Output (7–12) keep every byte offset or rewrite the
// cross-reference table, and a rewrite that does not recognise fpdf's
// output leaves it as it is.

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"regexp"
	"slices"
	"strconv"
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
// 7–9, 11).
func (l *layout) output(lang string) ([]byte, error) {
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
	b = toUnicode(remoteGoTos(l.putNames(b, lang)), l.forms)
	return orderTiedImages(fixOutlineCounts(l.tagSubsets(b), l.marks)), nil
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

// imageHead starts every image XObject fpdf writes, after "N 0 obj\n".
const imageHead = "<</Type /XObject\n/Subtype /Image\n/Width "

// xobjectRef is one entry of fpdf's XObject dictionary: the image's name
// (a hash of its bytes) and its object number.
var xobjectRef = regexp.MustCompile(`/I([0-9a-f]+) (\d+) 0 R\n`)

// orderTiedImages gives images of equal width a fixed order, by name
// (defect 11). fpdf writes each image as one object, followed by its soft
// mask or palette object where it has one, all images one after the
// other; the images are put in order of width, then name, and numbered
// again in that order, and the XObject dictionary and the
// cross-reference table follow. A file whose images are already in that
// order (every file without two images of one width) is returned as it
// is, and so is anything this does not recognise.
func orderTiedImages(b []byte) []byte {
	xref, offs, err := readXref(b)
	if err != nil {
		return b
	}
	dictAt := bytes.Index(b[:xref], []byte("/XObject <<\n"))
	if dictAt < 0 {
		return b
	}
	dictEnd := dictAt + bytes.Index(b[dictAt:xref], []byte(">>"))
	if dictEnd < dictAt {
		return b
	}
	type image struct {
		num, last, width int // its objects are num..last
		name             string
	}
	var imgs []image
	for _, m := range xobjectRef.FindAllSubmatch(b[dictAt:dictEnd], -1) {
		n, err := strconv.Atoi(string(m[2]))
		if err != nil || n <= 0 || n >= len(offs) {
			return b
		}
		head := fmt.Sprintf("%d 0 obj\n%s", n, imageHead)
		if !bytes.HasPrefix(b[offs[n]:], []byte(head)) {
			return b
		}
		w, ok := leadingInt(b[offs[n]+len(head):])
		if !ok {
			return b
		}
		imgs = append(imgs, image{num: n, last: n, width: w, name: string(m[1])})
	}
	if len(imgs) < 2 {
		return b
	}
	slices.SortFunc(imgs, func(x, y image) int { return x.num - y.num })
	for i := 1; i < len(imgs); i++ {
		if imgs[i].num == imgs[i-1].num {
			return b // one object under two names
		}
	}
	// The objects between one image and the next are its mask or palette;
	// the last image's are the ones it refers to.
	for i := range imgs {
		end := imgs[i].num + 1
		if i+1 < len(imgs) {
			end = imgs[i+1].num
		} else {
			for end < len(offs) && bytes.Contains(dictOf(b, offs[imgs[i].num]), []byte(fmt.Sprintf(" %d 0 R", end))) {
				end++
			}
		}
		imgs[i].last = end - 1
		if imgs[i].last-imgs[i].num > 1 {
			return b
		}
	}
	first, last := imgs[0].num, imgs[len(imgs)-1].last
	end := func(k int) int { return nextObject(offs, offs[k], xref) }
	spanEnd := end(last)
	for k := 1; k < len(offs); k++ {
		inSpan := offs[k] >= offs[first] && offs[k] < spanEnd
		if inSpan != (k >= first && k <= last) || (k > first && k <= last && offs[k] <= offs[k-1]) {
			return b // the images are not one after the other in the file
		}
	}
	want := slices.Clone(imgs)
	slices.SortStableFunc(want, func(x, y image) int {
		if x.width != y.width {
			return x.width - y.width
		}
		return strings.Compare(x.name, y.name)
	})
	if slices.EqualFunc(want, imgs, func(x, y image) bool { return x.num == y.num }) {
		return b
	}
	renum := map[int]int{}
	next := first
	for _, im := range want {
		for k := im.num; k <= im.last; k++ {
			renum[k] = next
			next++
		}
	}

	out := bytes.NewBuffer(make([]byte, 0, len(b)+64))
	newOffs := slices.Clone(offs)
	out.Write(b[:offs[first]])
	for _, im := range want {
		for k := im.num; k <= im.last; k++ {
			obj := b[offs[k]:end(k)]
			head := fmt.Sprintf("%d 0 obj\n", k)
			dict := dictOf(obj, 0)
			body := bytes.Clone(dict[len(head):])
			if n, ok := renum[k+1]; ok && k == im.num && im.last > im.num {
				// the mask or palette it refers to
				body = bytes.Replace(body, []byte(fmt.Sprintf(" %d 0 R", k+1)), []byte(fmt.Sprintf(" %d 0 R", n)), 1)
			}
			newOffs[renum[k]] = out.Len()
			fmt.Fprintf(out, "%d 0 obj\n", renum[k])
			out.Write(body)
			out.Write(obj[len(dict):])
		}
	}
	// The objects after the images, in file order; the XObject dictionary
	// names the new numbers.
	var after []int
	for k := 1; k < len(offs); k++ {
		if offs[k] >= spanEnd {
			after = append(after, k)
		}
	}
	slices.SortFunc(after, func(x, y int) int { return offs[x] - offs[y] })
	if len(after) > 0 && offs[after[0]] != spanEnd || dictAt < spanEnd {
		return b
	}
	for _, k := range after {
		obj := b[offs[k]:end(k)]
		newOffs[k] = out.Len()
		if dictAt >= offs[k] && dictAt < end(k) {
			i, j := dictAt-offs[k], dictEnd-offs[k]
			out.Write(obj[:i])
			out.Write(xobjectRef.ReplaceAllFunc(obj[i:j], func(m []byte) []byte {
				sub := xobjectRef.FindSubmatch(m)
				n, _ := strconv.Atoi(string(sub[2]))
				if r, ok := renum[n]; ok {
					n = r
				}
				return []byte(fmt.Sprintf("/I%s %d 0 R\n", sub[1], n))
			}))
			out.Write(obj[j:])
			continue
		}
		out.Write(obj)
	}
	newXref := out.Len()
	out.WriteString(xrefHeader(len(offs)))
	for _, off := range newOffs[1:] {
		fmt.Fprintf(out, "%010d 00000 n \n", off)
	}
	trailer := b[xref+len(xrefHeader(len(offs)))+20*(len(offs)-1):]
	j := bytes.LastIndex(trailer, []byte("startxref\n"))
	if j < 0 {
		return b
	}
	out.Write(trailer[:j])
	fmt.Fprintf(out, "startxref\n%d", newXref)
	tail := trailer[j+len("startxref\n"):]
	out.Write(tail[bytes.IndexByte(tail, '\n'):])
	return out.Bytes()
}

// dictOf returns the object at off up to the end of its dictionary (the
// start of its stream, or all of it when it has none).
func dictOf(b []byte, off int) []byte {
	obj := b[off:]
	if i := bytes.Index(obj, []byte(">>\nstream\n")); i >= 0 {
		if e := bytes.Index(obj, []byte("\nendobj\n")); e < 0 || i < e {
			return obj[:i+2]
		}
	}
	if e := bytes.Index(obj, []byte("\nendobj\n")); e >= 0 {
		return obj[:e]
	}
	return obj
}

// nextObject is where the object after the one at off starts in the file
// (the cross-reference table after the last).
func nextObject(offs []int, off, xref int) int {
	end := xref
	for _, o := range offs[1:] {
		if o > off && o < end {
			end = o
		}
	}
	return end
}
