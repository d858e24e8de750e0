package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"go.abhg.dev/goldmark/frontmatter"
	"gopkg.in/yaml.v3"

	"folio/pipeline/doc"
)

const (
	maxFrontMatter      = 64 << 10 // bytes between the delimiters
	maxFrontMatterDepth = 64       // nested mappings and sequences
	// maxFrontMatterNodes bounds the values visited while converting, with
	// aliases expanded: 64 KiB of YAML cannot hold this many nodes without
	// aliases, so only an alias bomb ("billion laughs") reaches it.
	maxFrontMatterNodes = 100_000
)

// fmBlock is what the line scan found at the top of the file.
type fmBlock struct {
	found    bool // a complete block: parse with the front matter extension
	unclosed bool
	yaml     bool // "---" (YAML) rather than "+++" (TOML)
	lines    int  // lines the block spans, delimiters included
	size     int  // bytes between the delimiters
	start    int  // offset of the first byte after the opening line
}

// findFrontMatter looks for a front matter block the way
// go.abhg.dev/goldmark/frontmatter recognises one: a first line made of
// three or more "-" (YAML) or "+" (TOML) and nothing else, closed by a line
// of the same character repeated the same number of times. The extension
// itself swallows an unclosed block up to the end of the file, and would
// parse a megabyte of it, so the reader scans first. Like Pandoc, an opening
// line followed by a blank line is a thematic break, not front matter.
func findFrontMatter(src []byte) fmBlock {
	first, rest, ok := bytes.Cut(src, []byte("\n"))
	if !ok || !isDelimLine(first) {
		return fmBlock{}
	}
	b := fmBlock{yaml: first[0] == '-', lines: 1, start: len(first) + 1}
	if second, _, _ := bytes.Cut(rest, []byte("\n")); isBlank(second) {
		return fmBlock{}
	}
	for off := 0; off < len(rest); {
		line, _, _ := bytes.Cut(rest[off:], []byte("\n"))
		b.lines++
		if bytes.Equal(line, first) {
			b.found, b.size = true, off
			return b
		}
		off += len(line) + 1
	}
	b.unclosed = true
	return b
}

func isDelimLine(line []byte) bool {
	if len(line) < 3 || (line[0] != '-' && line[0] != '+') {
		return false
	}
	for _, c := range line {
		if c != line[0] {
			return false
		}
	}
	return true
}

// value is a front matter value in a form common to YAML and TOML.
type value struct {
	kind  valueKind
	text  string // a scalar as written
	tag   string // YAML tag of a scalar without "!!" ("str", "int", "timestamp", …)
	time  *time.Time
	items []value  // list
	keys  []string // mapping keys in order, with vals
	vals  []value
	line  int // line in the file
}

type valueKind int

const (
	nullValue valueKind = iota
	scalarValue
	listValue
	mapValue
)

var tomlLine = regexp.MustCompile(`^toml: line \d+( \(last key [^)]*\))?: `)

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)`)

// yamlScannerProblems are the messages of yaml.v3's scanner errors. yaml.v3
// (v3.0.1, parser.fail) reports their line 1-based but the line of its
// parser errors 0-based, so the reader must tell them apart to name the
// right line.
var yamlScannerProblems = map[string]bool{
	"block sequence entries are not allowed in this context":       true,
	"could not find expected ':'":                                  true,
	"could not find expected directive name":                       true,
	"did not find expected alphabetic or numeric character":        true,
	"did not find expected comment or line break":                  true,
	"did not find expected digit or '.' character":                 true,
	"did not find expected hexdecimal number":                      true,
	"did not find expected version number":                         true,
	"did not find expected whitespace or line break":               true,
	"did not find expected whitespace":                             true,
	"did not find the expected '>'":                                true,
	"found a tab character that violates indentation":              true,
	"found a tab character where an indentation space is expected": true,
	"found an indentation indicator equal to 0":                    true,
	"found character that cannot start any token":                  true,
	"found extremely long version number":                          true,
	"found invalid Unicode character escape code":                  true,
	"found unexpected document indicator":                          true,
	"found unexpected end of stream":                               true,
	"found unexpected non-alphabetical character":                  true,
	"found unknown directive name":                                 true,
	"found unknown escape character":                               true,
	"mapping keys are not allowed in this context":                 true,
	"mapping values are not allowed in this context":               true,
}

// yamlError returns the file line of a yaml.v3 error in a front matter
// block that starts on line 2 (or 1, the opening "---", when it names none)
// and its message without yaml's own line number.
func yamlError(err error) (int, string) {
	m := yamlLine.FindStringSubmatch(err.Error())
	if m == nil {
		return 1, strings.TrimPrefix(err.Error(), "yaml: ")
	}
	n, _ := strconv.Atoi(m[1])
	if !yamlScannerProblems[m[2]] {
		n++ // a 0-based parser error line
	}
	return n + 1, m[2]
}

// unclosedQuote finds the 1-based line, within a YAML block, of a value
// that opens a quote ("…" or '…') which nothing after it closes.
func unclosedQuote(block []byte) (int, bool) {
	lines := bytes.Split(block, []byte("\n"))
	for i, l := range lines {
		v := bytes.TrimLeft(l, " \t")
		v = bytes.TrimLeft(bytes.TrimPrefix(v, []byte("- ")), " \t")
		if k := bytes.Index(v, []byte(": ")); k >= 0 && (len(v) == 0 || (v[0] != '"' && v[0] != '\'')) {
			v = bytes.TrimLeft(v[k+2:], " \t")
		}
		if len(v) == 0 || (v[0] != '"' && v[0] != '\'') {
			continue
		}
		rest := append(append([]byte{}, v[1:]...), bytes.Join(lines[i+1:], []byte("\n"))...)
		if !closes(rest, v[0]) {
			return i + 1, true
		}
	}
	return 0, false
}

// closes reports whether s (what follows an opening quote) holds the
// closing one: a backslash escapes in a double-quoted scalar, a doubled
// quote in a single-quoted one.
func closes(s []byte, q byte) bool {
	for i := 0; i < len(s); i++ {
		switch {
		case q == '"' && s[i] == '\\':
			i++
		case s[i] == q && q == '\'' && i+1 < len(s) && s[i+1] == '\'':
			i++
		case s[i] == q:
			return true
		}
	}
	return false
}

// decodeFrontMatter decodes the block the extension captured into a mapping
// value. Errors name the file line where the YAML or TOML parser saw the
// problem: the block starts on line 2 of the file.
func decodeFrontMatter(data *frontmatter.Data, b fmBlock, src []byte, name string) (value, error) {
	if b.yaml {
		var node yaml.Node
		if err := data.Decode(&node); err != nil {
			line, msg := yamlError(err)
			if at, ok := unclosedQuote(src[b.start : b.start+b.size]); ok && msg == "found unexpected end of stream" {
				// yaml.v3 names the end of the block; the mistake is the
				// quote that never closes.
				line, msg = at+1, "this quoted value is never closed (the parser reached the end of the front matter)"
			}
			return value{}, doc.Errorf(doc.Pos{File: name, Line: line}, "front-matter", "invalid YAML front matter: %s", msg)
		}
		c := &yamlConverter{name: name}
		return c.convert(&node, 0)
	}
	if l := tomlNesting(src[b.start:b.start+b.size], maxFrontMatterDepth); l >= 0 {
		return value{}, doc.Errorf(doc.Pos{File: name, Line: 2 + l}, "front-matter",
			"TOML front matter nested deeper than %d (inline tables, arrays and dotted keys); flatten it", maxFrontMatterDepth)
	}
	var m map[string]any
	if err := data.Decode(&m); err != nil {
		line, msg := 1, err.Error()
		var pe toml.ParseError
		if errors.As(err, &pe) {
			// The lexer has counted the line ending it choked on, so the
			// line comes from the error's byte offset instead.
			raw := src[b.start : b.start+b.size]
			// The TOML parser gives no offset (-1) for some errors, such
			// as a control character.
			line = 2 + bytes.Count(raw[:max(0, min(pe.Position.Start, len(raw)))], []byte("\n"))
			msg = tomlLine.ReplaceAllString(pe.Error(), "")
		}
		return value{}, doc.Errorf(doc.Pos{File: name, Line: line}, "front-matter", "invalid TOML front matter: %s", msg)
	}
	v, err := tomlValue(m, 0, 1)
	if err != nil {
		return value{}, &doc.Error{Pos: doc.Pos{File: name, Line: 1}, Code: "front-matter", Msg: "invalid TOML front matter", Err: err}
	}
	return v, nil
}

type yamlConverter struct {
	name  string
	nodes int
}

func (c *yamlConverter) convert(n *yaml.Node, depth int) (value, error) {
	c.nodes++
	line := n.Line + 1
	if c.nodes > maxFrontMatterNodes {
		return value{}, doc.Errorf(doc.Pos{File: c.name, Line: 1}, "front-matter", "excessive aliasing in YAML front matter")
	}
	if depth > maxFrontMatterDepth {
		return value{}, doc.Errorf(doc.Pos{File: c.name, Line: line}, "front-matter", "YAML front matter nested deeper than %d", maxFrontMatterDepth)
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return value{kind: mapValue, line: 1}, nil
		}
		return c.convert(n.Content[0], depth)
	case yaml.AliasNode:
		if n.Alias == nil {
			return value{line: line}, nil
		}
		return c.convert(n.Alias, depth+1)
	case yaml.ScalarNode:
		v := value{kind: scalarValue, text: n.Value, tag: n.ShortTag(), line: line}
		if len(v.tag) > 2 {
			v.tag = v.tag[2:]
		}
		if v.tag == "null" {
			v.kind = nullValue
		}
		return v, nil
	case yaml.SequenceNode:
		v := value{kind: listValue, line: line}
		for _, it := range n.Content {
			iv, err := c.convert(it, depth+1)
			if err != nil {
				return value{}, err
			}
			v.items = append(v.items, iv)
		}
		return v, nil
	case yaml.MappingNode:
		v := value{kind: mapValue, line: line}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, err := c.convert(n.Content[i], depth+1)
			if err != nil {
				return value{}, err
			}
			val, err := c.convert(n.Content[i+1], depth+1)
			if err != nil {
				return value{}, err
			}
			if n.Content[i].ShortTag() == "!!merge" && val.kind == mapValue {
				// "<<: *base" merges the aliased mapping's keys.
				v.keys = append(v.keys, val.keys...)
				v.vals = append(v.vals, val.vals...)
				continue
			}
			v.keys = append(v.keys, keyText(k))
			v.vals = append(v.vals, val)
		}
		return v, nil
	}
	return value{line: line}, nil
}

// keyText is a mapping key as text; a structured key becomes its JSON.
func keyText(k value) string {
	if k.kind == scalarValue || k.kind == nullValue {
		return k.text
	}
	return k.json()
}

func tomlValue(x any, depth, line int) (value, error) {
	if depth > maxFrontMatterDepth {
		return value{}, fmt.Errorf("TOML front matter nested deeper than %d", maxFrontMatterDepth)
	}
	switch x := x.(type) {
	case nil:
		return value{line: line}, nil
	case string:
		return value{kind: scalarValue, text: x, tag: "str", line: line}, nil
	case bool:
		return value{kind: scalarValue, text: strconv.FormatBool(x), tag: "bool", line: line}, nil
	case int64:
		return value{kind: scalarValue, text: strconv.FormatInt(x, 10), tag: "int", line: line}, nil
	case float64:
		return value{kind: scalarValue, text: strconv.FormatFloat(x, 'g', -1, 64), tag: "float", line: line}, nil
	case time.Time:
		t := x
		return value{kind: scalarValue, text: tomlTime(t), tag: "timestamp", time: &t, line: line}, nil
	case []any:
		v := value{kind: listValue, line: line}
		for _, it := range x {
			iv, err := tomlValue(it, depth+1, line)
			if err != nil {
				return value{}, err
			}
			v.items = append(v.items, iv)
		}
		return v, nil
	case []map[string]any:
		v := value{kind: listValue, line: line}
		for _, it := range x {
			iv, err := tomlValue(it, depth+1, line)
			if err != nil {
				return value{}, err
			}
			v.items = append(v.items, iv)
		}
		return v, nil
	case map[string]any:
		v := value{kind: mapValue, line: line}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			val, err := tomlValue(x[k], depth+1, line)
			if err != nil {
				return value{}, err
			}
			v.keys = append(v.keys, k)
			v.vals = append(v.vals, val)
		}
		return v, nil
	}
	return value{kind: scalarValue, text: fmt.Sprint(x), tag: "str", line: line}, nil
}

// tomlTime writes a decoded TOML date or time in the tree's form.
// BurntSushi/toml gives local dates and times the machine's offset in a
// zone named "date-local" or "datetime-local"; they are written without
// depending on it. A time of day alone ("time-local") is no date and stays
// as written, so a date key holding one is refused.
func tomlTime(t time.Time) string {
	switch t.Location().String() {
	case "date-local":
		return doc.FormatDate(t, doc.DayPrecision)
	case "datetime-local":
		return doc.FormatDate(time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC), doc.TimePrecision)
	case "time-local":
		return t.Format("15:04:05.999999999")
	}
	return doc.FormatDate(t, doc.TimePrecision)
}
