package webpage

import (
	"bytes"
	"strconv"
	"strings"

	"golang.org/x/net/html"
)

// ixAttr is the attribute annotate adds to every start tag: the index of
// the tag in source.elems. The HTML parser copies it onto the element it
// builds, and Readability keeps unknown attributes, so every element that
// came from a tag in the input can be traced back to its line.
const ixAttr = "data-folio-ix"

// limits bound the nesting annotate lets through. Deeper start tags (and
// their end tags) are left out of the annotated copy, so their content
// lands in the deepest element kept. x/net/html refuses a page whose stack
// of open elements passes 512, and Readability walks ancestors per node;
// real pages stay below 60.
type limits struct {
	// depth is the weighted number of open elements: a table counts 4
	// (the parser adds tbody, tr and td), a list 2 (its li).
	depth int
	// formatting is how many formatting elements (b, i, a, font, …) may
	// be open without an end tag. The parser reopens every one of them in
	// each new block, so unclosed ones nest as deeply as they are many.
	formatting int
}

var (
	// defaultLimits are generous for real pages.
	defaultLimits = limits{depth: 100, formatting: 64}
	// strictLimits are tried when the parser still refuses a page.
	strictLimits = limits{depth: 30, formatting: 8}
)

// elemInfo is what the reader remembers of one start tag of the input.
type elemInfo struct {
	line        int // line of the tag's "<"
	contentLine int // line just after the tag's ">"
	attrs       []html.Attribute
}

// source is the input with every start tag annotated.
type source struct {
	annotated []byte
	elems     []elemInfo
	// flattenedAt is the line of the first start tag left out because of
	// the limits; 0 when none was.
	flattenedAt int
	lim         limits
	// charset is the encoding the page declares in a <meta> tag, lower
	// case; "" when it declares none.
	charset     string
	charsetLine int
}

// voidElements have no end tag; they never count towards the depth.
var voidElements = set("area", "base", "br", "col", "embed", "hr", "img", "input", "keygen",
	"link", "meta", "param", "source", "track", "wbr", "basefont", "bgsound", "frame", "image")

// impliedEnd are elements whose end tag is optional: the parser closes them
// when a sibling starts, so counting them would make sloppy but ordinary
// pages look deep.
var impliedEnd = set("p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th",
	"thead", "tbody", "tfoot", "rb", "rt", "rp", "rtc", "caption", "colgroup",
	"html", "head", "body")

// rawText elements hold text the tokenizer does not look into; their start
// tag is never left out, or their text would become page text.
var rawText = set("script", "style", "textarea", "title", "xmp", "iframe", "noembed",
	"noframes", "noscript", "plaintext", "template")

// selfClosing are elements that close an open element of the same kind
// (a link cannot hold a link; a heading start closes an open heading).
var selfClosing = set("a", "button", "nobr", "form", "h1", "h2", "h3", "h4", "h5", "h6")

// formattingElements are those the parser reconstructs in each block.
var formattingElements = set("a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u")

func weight(name string) int {
	switch name {
	case "table":
		return 4
	case "ul", "ol", "dl", "menu", "dir", "select":
		return 2
	}
	return 1
}

type openElem struct {
	name    string
	skipped bool
}

// annotate tokenizes src, counting lines, and writes a copy in which every
// start tag carries ixAttr. Concatenating the tokenizer's Raw() slices
// gives back the input byte for byte, so the copy differs from src only by
// the inserted attributes and the tags left out beyond the limits.
func annotate(src []byte, lim limits) *source {
	s := &source{lim: lim}
	var out bytes.Buffer
	out.Grow(len(src) + len(src)/8)
	z := html.NewTokenizer(bytes.NewReader(src))
	lc := lineCounter{src: src, line: 1}
	off := 0
	var stack []openElem
	open := map[string]int{}
	kept := 0        // weighted depth of the elements on stack not skipped
	unclosedFmt := 0 // formatting start tags written and not yet ended
	foreign := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := z.Raw()
		start := lc.at(off)
		off += len(raw)
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			k := tagNameEnd(raw)
			nameBytes, _ := z.TagName() // lower-cases the name inside raw: harmless
			name := string(nameBytes)
			if selfClosing[name] && open[name] > 0 {
				kept -= popTo(&stack, open, name)
			}
			skip := (kept+weight(name) > lim.depth || formattingElements[name] && unclosedFmt >= lim.formatting) &&
				!rawText[name] && !voidElements[name] && !impliedEnd[name]
			if skip {
				if s.flattenedAt == 0 {
					s.flattenedAt = start
				}
			} else {
				s.writeTag(&out, raw, k, start, lc.at(off), z)
				s.noteCharset(name, start)
			}
			if tt == html.StartTagToken && !voidElements[name] && !impliedEnd[name] {
				stack = append(stack, openElem{name: name, skipped: skip})
				open[name]++
				if !skip {
					kept += weight(name)
					if formattingElements[name] {
						unclosedFmt++
					}
				}
				if name == "svg" || name == "math" {
					foreign++
					z.AllowCDATA(true)
				}
				if foreign > 0 && rawText[name] {
					// Inside SVG and MathML, <style> and <title> hold markup:
					// the parser tokenizes them so, and so must we.
					z.NextIsNotRawText()
				}
			}
			continue
		case html.EndTagToken:
			nameBytes, _ := z.TagName()
			name := string(nameBytes)
			if open[name] > 0 {
				if i := findOpen(stack, name); i >= 0 && stack[i].skipped {
					kept -= popTo(&stack, open, name)
					continue
				}
				kept -= popTo(&stack, open, name)
				if formattingElements[name] {
					unclosedFmt = max(unclosedFmt-1, 0)
				}
				if name == "svg" || name == "math" {
					foreign = max(foreign-1, 0)
					z.AllowCDATA(foreign > 0)
				}
			}
			out.Write(raw)
			continue
		}
		out.Write(raw)
	}
	out.Write(src[min(off, len(src)):])
	s.annotated = out.Bytes()
	return s
}

// writeTag writes a start tag with ixAttr inserted after its name, and
// records it with its attributes as written (Readability removes align and
// style, which tables need).
func (s *source) writeTag(out *bytes.Buffer, raw []byte, k, line, endLine int, z *html.Tokenizer) {
	out.Write(raw[:k])
	out.WriteString(" " + ixAttr + `="`)
	out.WriteString(strconv.Itoa(len(s.elems)))
	out.WriteString(`" `)
	out.Write(raw[k:])
	var attrs []html.Attribute
	for {
		key, val, more := z.TagAttr()
		if len(key) > 0 {
			attrs = append(attrs, html.Attribute{Key: string(key), Val: string(val)})
		}
		if !more {
			break
		}
	}
	s.elems = append(s.elems, elemInfo{line: line, contentLine: endLine, attrs: attrs})
}

// noteCharset remembers the first charset a <meta> tag declares.
func (s *source) noteCharset(name string, line int) {
	if name != "meta" || s.charset != "" {
		return
	}
	a := s.elems[len(s.elems)-1].attrs
	cs := attrOf(a, "charset")
	if cs == "" && strings.EqualFold(attrOf(a, "http-equiv"), "content-type") {
		content := strings.ToLower(attrOf(a, "content"))
		if i := strings.Index(content, "charset="); i >= 0 {
			cs = strings.Trim(content[i+len("charset="):], ` "';`)
		}
	}
	if cs = strings.ToLower(strings.TrimSpace(cs)); cs != "" {
		s.charset, s.charsetLine = cs, line
	}
}

func attrOf(attrs []html.Attribute, key string) string {
	for _, a := range attrs {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// tagNameEnd returns the offset in a raw start tag just after its name.
func tagNameEnd(raw []byte) int {
	for i := 1; i < len(raw); i++ {
		switch raw[i] {
		case ' ', '\t', '\n', '\r', '\f', '/', '>':
			return i
		}
	}
	return len(raw)
}

func findOpen(stack []openElem, name string) int {
	for i := len(stack) - 1; i >= 0; i-- {
		if stack[i].name == name {
			return i
		}
	}
	return -1
}

// popTo closes the topmost open element called name and everything above
// it, and returns the weight of the closed elements that were kept.
func popTo(stack *[]openElem, open map[string]int, name string) int {
	st := *stack
	i := findOpen(st, name)
	if i < 0 {
		return 0
	}
	n := 0
	for _, e := range st[i:] {
		open[e.name]--
		if !e.skipped {
			n += weight(e.name)
		}
	}
	*stack = st[:i]
	return n
}

// lineCounter turns increasing byte offsets into 1-based line numbers.
// A line ends at "\n", "\r\n" or a lone "\r", as the HTML parser reads
// them.
type lineCounter struct {
	src  []byte
	pos  int
	line int
}

func (c *lineCounter) at(off int) int {
	off = min(off, len(c.src))
	for c.pos < off {
		switch c.src[c.pos] {
		case '\n':
			c.line++
		case '\r':
			if c.pos+1 >= len(c.src) || c.src[c.pos+1] != '\n' {
				c.line++
			}
		}
		c.pos++
	}
	return c.line
}

func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}
