package markdown

import (
	"bytes"
	"fmt"

	"folio/pipeline/doc"
)

// Limits on what a document may ask of the parser. goldmark handles deep
// nesting and huge definition counts correctly but slowly (50,000 nested
// block quotes take it seconds; footnote references are matched against
// every definition), so the cheap checks run on the raw lines before
// parsing, and exact ones on the tree afterwards.
const (
	maxNesting      = 32     // nested block quotes and list items
	maxLinkRefs     = 10_000 // link reference definitions
	maxFootnotes    = 10_000 // footnote definitions
	maxTableColumns = 128    // wider GFM tables become a paragraph of text
)

// scanLimits makes one pass over the lines of src, before parsing. It
// rejects a line nested deeper than maxNesting containers (see nestScan;
// lines in top-level fenced code are skipped) and a document with more than
// maxLinkRefs link-definition lines or maxFootnotes footnote-definition
// lines (goldmark's time grows with the square of both counts). When
// gfm is set, a table delimiter row wider than maxTableColumns gets a
// backslash in front so goldmark reads the table as the paragraph of text it
// then is (with a "table-too-wide" warning); this keeps goldmark from
// building a cell for every missing column of every row. It returns the
// source to parse, which is src itself unless a row was escaped. The first
// skip lines (the front matter) are not looked at.
func scanLimits(src []byte, name string, gfm bool, skip int) ([]byte, []doc.Warning, error) {
	var (
		warns     []doc.Warning
		out       []byte // copy of src, made on the first edit
		copied    int    // src[:copied] is already in out
		fence     byte   // '`' or '~' inside top-level fenced code
		fenceLen  int
		footnotes int
		linkRefs  int
		nest      nestScan
		prevBlank = true
	)
	lineNo := 0
	for start := 0; start < len(src); {
		lineNo++
		end := bytes.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start
		}
		line := src[start:end]
		lineStart := start
		start = end + 1
		if lineNo <= skip {
			continue
		}

		if fence != 0 {
			if c, n, rest := fenceOpen(line); c == fence && n >= fenceLen && isBlank(rest) {
				fence = 0
			}
			prevBlank = false
			continue
		}
		if c, n, _ := fenceOpen(line); c != 0 {
			fence, fenceLen = c, n
			prevBlank = false
			continue
		}
		depth, i, deepAt := nest.line(line)
		if depth > maxNesting {
			return nil, nil, doc.Errorf(doc.Pos{File: name, Line: lineNo, Col: deepAt + 1}, "nesting-limit",
				"depth %d > %d: too many nested block quotes or lists", depth, maxNesting)
		}
		rest := line[i:]
		if gfm && isFootnoteDef(rest) {
			footnotes++
			if footnotes > maxFootnotes {
				return nil, nil, doc.Errorf(doc.Pos{File: name, Line: lineNo}, "limit-footnotes",
					"more than %d footnote definitions", maxFootnotes)
			}
		}
		if isLinkRefDef(rest) {
			linkRefs++
			if linkRefs > maxLinkRefs {
				return nil, nil, doc.Errorf(doc.Pos{File: name, Line: lineNo}, "limit-link-refs",
					"more than %d link reference definitions", maxLinkRefs)
			}
		}
		if gfm && !prevBlank && !nest.opened && canEscapeDelimRow(rest) {
			if cols := delimRowColumns(rest); cols > maxTableColumns {
				warns = append(warns, doc.Warning{
					Pos:     doc.Pos{File: name, Line: lineNo},
					Code:    "table-too-wide",
					Message: fmt.Sprintf("table has %d columns (limit %d); kept as a paragraph of text", cols, maxTableColumns),
				})
				at := lineStart + i
				out = append(out, src[copied:at]...)
				out = append(out, '\\')
				copied = at
			}
		}
		prevBlank = isBlank(line)
	}
	if out == nil {
		return src, warns, nil
	}
	return append(out, src[copied:]...), warns, nil
}

// nestScan follows the containers open from line to line: the block quote
// markers at the start of a line, and the list items still open, known by
// their content column (CommonMark nests a list item inside the previous
// one when its marker is indented to that item's content). It is a cheap
// approximation of the block parser that may undercount (laziness, lists
// inside quotes across lines), never much overcount; the tree check after
// parsing is exact.
type nestScan struct {
	quotes int   // quote depth of the previous line
	items  []int // content columns of open list items, innermost last
	opened bool  // the last line opened a list item
}

// line returns the container depth of line, the offset of its content after
// the container markers, and the offset of the marker that went beyond
// maxNesting (when depth > maxNesting the scan stops there).
func (s *nestScan) line(line []byte) (depth, i, deepAt int) {
	q := 0
	s.opened = false
	for {
		sp := countSpaces(line, i)
		if sp >= 4 || i+sp >= len(line) || line[i+sp] != '>' {
			break
		}
		i += sp
		q++
		if q > maxNesting {
			return q, i, i
		}
		i++
		if i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
	}
	if q != s.quotes {
		s.quotes, s.items = q, s.items[:0]
	}
	if isBlank(line[i:]) {
		return q + len(s.items), len(line), 0
	}
	base := i // columns count from the end of the quote markers
	col := func(at int) int { return column(line[base:at]) }
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	ind := col(i)
	for len(s.items) > 0 && s.items[len(s.items)-1] > ind {
		s.items = s.items[:len(s.items)-1]
	}
	for i < len(line) {
		top := 0
		if len(s.items) > 0 {
			top = s.items[len(s.items)-1]
		}
		if ind-top >= 4 {
			break // indented code or a continuation line
		}
		if line[i] == '>' {
			q++
			if q+len(s.items) > maxNesting {
				return q + len(s.items), i, i
			}
			i++
			for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
				i++
			}
			continue
		}
		m := listMarker(line[i:])
		if m == 0 || isThematicBreak(line[i:]) {
			break
		}
		s.opened = true
		if q+len(s.items)+1 > maxNesting {
			return q + len(s.items) + 1, i, i
		}
		i += m
		sp := 0
		for i+sp < len(line) && (line[i+sp] == ' ' || line[i+sp] == '\t') {
			sp++
		}
		if sp >= 5 || i+sp >= len(line) {
			s.items = append(s.items, col(i)+1)
			i++
			break
		}
		i += sp
		ind = col(i)
		s.items = append(s.items, ind)
	}
	return q + len(s.items), i, 0
}

// column is the width of a line prefix, with tabs to multiples of 4.
func column(prefix []byte) int {
	w := 0
	for _, c := range prefix {
		if c == '\t' {
			w += 4 - w%4
		} else {
			w++
		}
	}
	return w
}

// listMarker returns the length of a list marker ("-", "+", "*", "1.",
// "12)") at the start of s when a space or tab follows it, else 0.
func listMarker(s []byte) int {
	if len(s) < 2 {
		return 0
	}
	n := 0
	switch s[0] {
	case '-', '+', '*':
		n = 1
	default:
		for n < len(s) && n < 9 && s[n] >= '0' && s[n] <= '9' {
			n++
		}
		if n == 0 || n >= len(s) || (s[n] != '.' && s[n] != ')') {
			return 0
		}
		n++
	}
	if n < len(s) && (s[n] == ' ' || s[n] == '\t') {
		return n
	}
	return 0
}

// isThematicBreak reports whether s is a thematic break ("- - -", "***"),
// which wins over a list item when both readings are possible.
func isThematicBreak(s []byte) bool {
	c := s[0]
	if c != '-' && c != '*' && c != '_' {
		return false
	}
	n := 0
	for _, b := range s {
		switch b {
		case c:
			n++
		case ' ', '\t':
		default:
			return false
		}
	}
	return n >= 3
}

// fenceOpen reports a code fence (three or more backticks or tildes after at
// most three spaces) at the start of line: its character, length and the
// rest of the line.
func fenceOpen(line []byte) (byte, int, []byte) {
	i := countSpaces(line, 0)
	if i >= 4 || i >= len(line) || (line[i] != '`' && line[i] != '~') {
		return 0, 0, nil
	}
	c := line[i]
	n := 0
	for i+n < len(line) && line[i+n] == c {
		n++
	}
	if n < 3 {
		return 0, 0, nil
	}
	return c, n, line[i+n:]
}

// isLinkRefDef reports whether s starts like a link reference definition,
// "[label]:"; footnote definitions ("[^x]:") are counted apart.
func isLinkRefDef(s []byte) bool {
	if len(s) < 4 || s[0] != '[' || s[1] == '^' {
		return false
	}
	end := bytes.IndexByte(s, ']')
	return end > 1 && end+1 < len(s) && s[end+1] == ':'
}

func isFootnoteDef(s []byte) bool {
	if !bytes.HasPrefix(s, []byte("[^")) {
		return false
	}
	end := bytes.IndexByte(s, ']')
	return end > 2 && end+1 < len(s) && s[end+1] == ':'
}

// canEscapeDelimRow reports whether s has the shape of a GFM table delimiter
// row ("|---|:--:|") whose first character may be backslash-escaped without
// changing what the line means otherwise (a "- |" line is a list item, so it
// is left alone and caught after parsing instead).
func canEscapeDelimRow(s []byte) bool {
	if len(s) < 2 {
		return false
	}
	switch s[0] {
	case '|', ':':
	case '-':
		if s[1] == ' ' || s[1] == '\t' {
			return false
		}
	default:
		return false
	}
	hasPipe := false
	for _, c := range s {
		switch c {
		case '|':
			hasPipe = true
		case '-', ':', ' ', '\t':
		default:
			return false
		}
	}
	return hasPipe
}

// delimRowColumns counts the cells of a delimiter row the way goldmark's
// table extension splits it: on "|", ignoring a blank first and last part.
func delimRowColumns(s []byte) int {
	parts := bytes.Split(s, []byte("|"))
	if isBlank(parts[0]) {
		parts = parts[1:]
	}
	if len(parts) > 0 && isBlank(parts[len(parts)-1]) {
		parts = parts[:len(parts)-1]
	}
	return len(parts)
}

func countSpaces(s []byte, i int) int {
	n := 0
	for i+n < len(s) && s[i+n] == ' ' {
		n++
	}
	return n
}

func isBlank(s []byte) bool {
	for _, c := range s {
		if c != ' ' && c != '\t' {
			return false
		}
	}
	return true
}
