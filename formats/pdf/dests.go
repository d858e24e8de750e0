package pdf

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Links from one exported PDF to a heading of another (a relative link
// between inputs of one run, "setup.md#proxy") need two things fpdf cannot
// write: a GoToR action in the linking file (open setup.pdf at the place
// named "proxy"), and in the target a name for each heading's place (the
// catalog's /Names /Dests name tree). Both are written by rewriting fpdf's
// output in place, at equal length, so no cross-reference offset moves:
//
//   - a remote link is drawn as a URI link whose URI is a marker
//     (gotoPrefix, the file and the name percent-encoded); the action is
//     then rewritten to /S /GoToR /F (file) /D (name), or /D [0 /Fit] for
//     the file's first page, which is never longer than the marker's
//     action, and padded with spaces;
//   - the name tree goes into the catalog's /Names dictionary (fpdf
//     always writes one, for embedded files), in room reserved by writing
//     the document's /Lang with as many trailing spaces as the tree takes
//     (fpdf writes the language as given, inside a literal string): the
//     catalog from /Lang to /Names is written again without the spaces and
//     with the tree.
//
// Names are the headings' ids, as in the HTML (b.html#proxy); a single
// document always names its headings, whether or not anything links to
// them, so its bytes do not depend on the other files of the run. A pack
// does not: its articles are reached inside it.

// gotoPrefix marks a URI link that is a remote go-to.
const gotoPrefix = "folio-gotor:"

// gotoMarker is the URI drawn for a link to place name of file.
func gotoMarker(file, name string) string {
	return gotoPrefix + pctEncode(file) + "#" + pctEncode(name)
}

// pctEncode keeps the marker plain ASCII with no character fpdf escapes.
func pctEncode(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~/", c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

func pctDecode(s string) (string, bool) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			b.WriteByte(s[i])
			continue
		}
		if i+2 >= len(s) {
			return "", false
		}
		v, err := strconv.ParseUint(s[i+1:i+3], 16, 8)
		if err != nil {
			return "", false
		}
		b.WriteByte(byte(v))
		i += 2
	}
	return b.String(), true
}

// pdfString writes s as a PDF literal string.
func pdfString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`, "\r", `\r`)
	return "(" + r.Replace(s) + ")"
}

var uriAction = []byte("/A <</S /URI /URI (" + gotoPrefix)

// remoteGoTos rewrites every marked URI action into a GoToR action.
func remoteGoTos(b []byte) []byte {
	if !bytes.Contains(b, uriAction) {
		return b
	}
	out := slices.Clone(b)
	for at := 0; ; {
		i := bytes.Index(out[at:], uriAction)
		if i < 0 {
			return out
		}
		start := at + i + len("/A <<")
		body := start + len(uriAction) - len("/A <<")
		end := bytes.Index(out[body:], []byte(")>>"))
		if end < 0 {
			return out
		}
		end += body
		at = end
		file, name, ok := strings.Cut(string(out[body:end]), "#")
		if !ok {
			continue
		}
		file, ok1 := pctDecode(file)
		name, ok2 := pctDecode(name)
		if !ok1 || !ok2 {
			continue
		}
		// From "/S /URI /URI (marker)" to "/S /GoToR /F (file) /D (name)",
		// spaces making up the length.
		span := end + 1 - start
		d := pdfString(name)
		if name == "" {
			d = "[0 /Fit]" // the first page
		}
		act := "/S /GoToR /F " + pdfString(file) + " /D " + d
		if len(act) > span {
			continue // cannot happen: the marker is the longer
		}
		copy(out[start:], act+strings.Repeat(" ", span-len(act)))
	}
}

// dest is a named place: a heading of a single document.
type dest struct {
	name string
	page int
	top  float64 // PDF user space, from the page's foot
}

// namesTree is the /Names entry naming every heading's place, keys in
// byte order as a name tree requires; the first of two equal names wins,
// as the first anchor does.
func namesTree(ds []dest) string {
	ds = slices.Clone(ds)
	slices.SortStableFunc(ds, func(a, b dest) int { return strings.Compare(a.name, b.name) })
	ds = slices.CompactFunc(ds, func(a, b dest) bool { return a.name == b.name })
	var b strings.Builder
	b.WriteString("/Dests <</Names [")
	for i, d := range ds {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%s [%d 0 R /XYZ 0 %.2f null]", pdfString(d.name), 1+2*d.page, d.top)
	}
	b.WriteString("]>>")
	return b.String()
}

// reserveNames makes room in the catalog for the name tree: the language
// fpdf writes is followed by that many spaces.
func (l *layout) reserveNames(lang string) string {
	if len(l.dests) == 0 || lang == "" {
		return lang
	}
	l.namesRoom = len(namesTree(l.dests)) + 1
	return lang + strings.Repeat(" ", l.namesRoom)
}

// putNames moves the name tree into the catalog's /Names dictionary,
// taking the room reserveNames made.
func (l *layout) putNames(b []byte, lang string) []byte {
	if l.namesRoom == 0 {
		return b
	}
	room := []byte("/Lang (" + lang + strings.Repeat(" ", l.namesRoom) + ")")
	i := bytes.Index(b, room)
	if i < 0 {
		return b
	}
	const names = "\n/Names <<\n"
	j := bytes.Index(b[i:], []byte(names))
	if k := bytes.Index(b[i:], []byte("endobj")); j < 0 || k < j {
		return b // not the catalog fpdf writes; the room stays spaces
	}
	j += i + len(names)
	put := "/Lang (" + lang + ")" + string(b[i+len(room):j]) + namesTree(l.dests) + "\n"
	if len(put) > j-i {
		return b
	}
	out := slices.Clone(b)
	copy(out[i:], "/Lang ("+lang+")"+strings.Repeat(" ", j-i-len(put)))
	copy(out[i+len("/Lang ("+lang+")")+j-i-len(put):], put[len("/Lang ("+lang+")"):])
	return out
}
