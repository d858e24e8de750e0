package pdf

import (
	"bytes"
	"fmt"
)

// countPattern ends every outline item fpdf writes.
var countPattern = []byte("null]\n/Count 0>>")

// fixOutlineCounts gives outline items that have children a correct
// /Count. fpdf writes "/Count 0" on every item, which ISO 32000 forbids for
// an item with descendants (pdfcpu's strict validation rejects it). The
// replacement "null]/Count NN>>" has the same length as what it replaces,
// so cross-reference offsets stay right; an item with more than 99
// descendants is written closed (/Count -1), the only value that still
// fits.
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
