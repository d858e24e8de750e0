package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf16"

	unorm "golang.org/x/text/unicode/norm"
)

// fpdf gives every font the same ToUnicode map, character code to itself.
// Folio draws Arabic as presentation forms (fpdf joins no letters), so
// text copied or searched in the PDF came back as those forms (U+FEDF for
// a lam that begins a word): they look right but match nothing typed. For
// a document that drew any, toUnicode writes every font's map again with
// each form drawn mapped to the letters it stands for (see letters). Measured: pdftotext gave
// "ﻟﺠﻮﻓﻴﺔ" for "لجوفية" before, the letters after.

// isForm tells the Arabic Presentation Forms apart.
func isForm(r rune) bool { return r >= 0xFB50 && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFF }

// identityToUnicode is the map fpdf writes for every UTF-8 font.
const identityToUnicode = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n1 beginbfrange\n<0000> <FFFF> <0000>\nendbfrange\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"

// formsCMap is the map: the forms to their letters, every other code to
// itself in ranges around them (at most 100 entries to a block).
func formsCMap(forms []rune) string {
	var b strings.Builder
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	var ranges [][2]rune
	lo := rune(0)
	for _, f := range forms {
		if f > lo {
			ranges = append(ranges, [2]rune{lo, f - 1})
		}
		lo = f + 1
	}
	if lo <= 0xFFFF {
		ranges = append(ranges, [2]rune{lo, 0xFFFF})
	}
	for chunk := range slices.Chunk(ranges, 100) {
		fmt.Fprintf(&b, "%d beginbfrange\n", len(chunk))
		for _, r := range chunk {
			fmt.Fprintf(&b, "<%04X> <%04X> <%04X>\n", r[0], r[1], r[0])
		}
		b.WriteString("endbfrange\n")
	}
	for chunk := range slices.Chunk(forms, 100) {
		fmt.Fprintf(&b, "%d beginbfchar\n", len(chunk))
		for _, f := range chunk {
			fmt.Fprintf(&b, "<%04X> <", f)
			for _, u := range utf16.Encode(letters(f)) {
				fmt.Fprintf(&b, "%04X", u)
			}
			b.WriteString(">\n")
		}
		b.WriteString("endbfchar\n")
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend")
	return b.String()
}

// letters is what a form stands for, in the order it is drawn: its
// compatibility decomposition without the space that isolated marks
// carry, reversed, because a viewer reads right-to-left text in drawing
// order and reverses it character by character, a ligature's letters
// included (pdftotext gave "األمل" for "الأمل" with lam-alef mapped to lam,
// alef).
func letters(f rune) []rune {
	d := []rune(strings.ReplaceAll(unorm.NFKC.String(string(f)), " ", ""))
	if len(d) == 0 {
		return []rune{f}
	}
	slices.Reverse(d)
	return d
}

// toUnicode rewrites fpdf's ToUnicode streams for the forms drawn. Any
// output it does not recognise is returned as it is.
func toUnicode(b []byte, forms map[rune]bool) []byte {
	if len(forms) == 0 {
		return b
	}
	list := make([]rune, 0, len(forms))
	for f := range forms {
		list = append(list, f)
	}
	slices.Sort(list)
	cmap := formsCMap(list)
	xref, offs, err := readXref(b)
	if err != nil {
		return b
	}
	repl := map[int][]byte{}
	body := fmt.Sprintf("<</Length %d>>\nstream\n%s\nendstream\nendobj\n", len(identityToUnicode), identityToUnicode)
	for n := 1; n < len(offs); n++ {
		head := fmt.Sprintf("%d 0 obj\n", n)
		at := offs[n]
		if bytes.HasPrefix(b[at:], []byte(head)) && bytes.HasPrefix(b[at+len(head):], []byte(body)) {
			repl[n] = fmt.Appendf(nil, "%s<</Length %d>>\nstream\n%s\nendstream\nendobj\n", head, len(cmap), cmap)
		}
	}
	if out, err := replaceObjects(b, xref, offs, repl); err == nil {
		return out
	}
	return b
}

// replaceObjects writes the file again with some objects replaced whole
// (each from "n 0 obj" to its "endobj" line) and the cross-reference
// table rebuilt for the offsets that moved.
func replaceObjects(b []byte, xref int, offs []int, repl map[int][]byte) ([]byte, error) {
	if len(repl) == 0 {
		return b, nil
	}
	order := make([]int, 0, len(offs)-1)
	for n := 1; n < len(offs); n++ {
		order = append(order, n)
	}
	slices.SortFunc(order, func(x, y int) int { return offs[x] - offs[y] })
	out := bytes.NewBuffer(make([]byte, 0, len(b)+len(repl)*4096))
	out.Write(b[:offs[order[0]]])
	moved := make([]int, len(offs))
	for i, n := range order {
		end := xref
		if i+1 < len(order) {
			end = offs[order[i+1]]
		}
		moved[n] = out.Len()
		if r, ok := repl[n]; ok {
			if !bytes.HasSuffix(b[offs[n]:end], []byte("endobj\n")) {
				return nil, errors.New("object does not end where the next begins")
			}
			out.Write(r)
			continue
		}
		out.Write(b[offs[n]:end])
	}
	return writeXref(out, b, xref, moved)
}
