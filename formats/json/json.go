// Package json writes Folio's document tree as JSON and reads it back,
// losslessly: `export -t json` is how a user sees what a reader understood,
// and `-f json` feeds a hand-edited tree back through the writers.
//
// Every block and inline is an object whose first key is "type" (the node's
// Kind) followed by the node's fields under their `json` tag names, in
// struct order. The encoding is driven by reflection over the doc package's
// struct tags, so a field added to a node kind needs no change here.
package json

import (
	"bufio"
	"bytes"
	"context"
	stdjson "encoding/json"
	"fmt"
	"io"
	"reflect"
	"strings"

	"folio/pipeline/doc"
)

// Version is written into every file so that a later, incompatible tree can
// refuse an old one with a clear message.
const Version = 1

// Options configures the writer.
type Options struct {
	// Compact writes one line instead of indented JSON.
	Compact bool
}

// Writer writes the tree as JSON.
type Writer struct{ opts Options }

// New returns a JSON writer.
func New(opts Options) *Writer { return &Writer{opts: opts} }

// Write encodes d to out.
func (w *Writer) Write(ctx context.Context, d *doc.Document, out io.Writer) error {
	body := obj{{"folio", Version}}
	body = append(body, structFields(reflect.ValueOf(d).Elem())...)
	bw := bufio.NewWriterSize(out, 64<<10)
	e := encoder{buf: bw, indent: !w.opts.Compact}
	if err := e.value(body, 0); err != nil {
		return err
	}
	bw.WriteByte('\n')
	return bw.Flush() // (bufio keeps the first write error)
}

// obj is a JSON object that keeps its keys in order.
type obj []kv

type kv struct {
	k string
	v any
}

// encoder writes the tree in one pass, formatted exactly as json.Indent
// would format json.Marshal's output. (Nesting objects through
// MarshalJSON made encoding/json re-validate every subtree once per level
// above it: quadratic in depth, and an error past 10,000 levels.) It
// streams to the output: the tree of a dense 1 MB input is 40 MB of
// JSON, which a buffer grew to by doubling (and clearing) its memory.
type encoder struct {
	buf     *bufio.Writer
	indent  bool
	scratch bytes.Buffer      // for json.Indent, which writes to a bytes.Buffer
	keys    map[string][]byte // object keys, encoded once
}

// key is k encoded as a JSON string (the keys are the tree's few field
// names).
func (e *encoder) key(k string) []byte {
	if b, ok := e.keys[k]; ok {
		return b
	}
	b, _ := stdjson.Marshal(k)
	if e.keys == nil {
		e.keys = map[string][]byte{}
	}
	e.keys[k] = b
	return b
}

func (e *encoder) newline(depth int) {
	if !e.indent {
		return
	}
	e.buf.WriteByte('\n')
	for range depth {
		e.buf.WriteString("  ")
	}
}

func (e *encoder) value(v any, depth int) error {
	switch v := v.(type) {
	case obj:
		if len(v) == 0 {
			e.buf.WriteString("{}")
			return nil
		}
		e.buf.WriteByte('{')
		for i, f := range v {
			if i > 0 {
				e.buf.WriteByte(',')
			}
			e.newline(depth + 1)
			e.buf.Write(e.key(f.k))
			e.buf.WriteByte(':')
			if e.indent {
				e.buf.WriteByte(' ')
			}
			if err := e.value(f.v, depth+1); err != nil {
				return err
			}
		}
		e.newline(depth)
		e.buf.WriteByte('}')
	case []any:
		if len(v) == 0 {
			e.buf.WriteString("[]")
			return nil
		}
		e.buf.WriteByte('[')
		for i, x := range v {
			if i > 0 {
				e.buf.WriteByte(',')
			}
			e.newline(depth + 1)
			if err := e.value(x, depth+1); err != nil {
				return err
			}
		}
		e.newline(depth)
		e.buf.WriteByte(']')
	default:
		b, err := stdjson.Marshal(v)
		if err != nil {
			return err
		}
		if !e.indent || len(b) == 0 || (b[0] != '{' && b[0] != '[') {
			e.buf.Write(b)
			return nil
		}
		e.scratch.Reset()
		if err := stdjson.Indent(&e.scratch, b, strings.Repeat("  ", depth), "  "); err != nil {
			return err
		}
		e.buf.Write(e.scratch.Bytes())
	}
	return nil
}

var (
	blockType  = reflect.TypeFor[doc.Block]()
	inlineType = reflect.TypeFor[doc.Inline]()
	bytesType  = reflect.TypeFor[[]byte]()
)

// jsonName returns the field's JSON key and whether empty values are
// omitted.
func jsonName(f reflect.StructField) (name string, omit bool) {
	tag := f.Tag.Get("json")
	if tag == "-" {
		return "", false
	}
	name, opts, _ := strings.Cut(tag, ",")
	if name == "" {
		name = f.Name
	}
	return name, strings.Contains(opts, "omit")
}

func structFields(v reflect.Value) obj {
	var o obj
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		name, omit := jsonName(f)
		if name == "" || !f.IsExported() {
			continue
		}
		fv := v.Field(i)
		if omit && fv.IsZero() {
			continue
		}
		if omit && (fv.Kind() == reflect.Slice || fv.Kind() == reflect.Map) && fv.Len() == 0 {
			continue
		}
		o = append(o, kv{name, encode(fv)})
	}
	return o
}

// encode turns a reflected value into something encoding/json prints, with
// a "type" key on every node.
func encode(v reflect.Value) any {
	switch v.Kind() {
	case reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return encode(v.Elem())
	case reflect.Pointer:
		if v.IsNil() {
			return nil
		}
		if n, ok := v.Interface().(doc.Node); ok {
			return append(obj{{"type", n.Kind()}}, structFields(v.Elem())...)
		}
		return encode(v.Elem())
	case reflect.Struct:
		return structFields(v)
	case reflect.Slice:
		if v.Type() == bytesType {
			return v.Interface()
		}
		out := make([]any, v.Len())
		for i := range out {
			out[i] = encode(v.Index(i))
		}
		return out
	default:
		return v.Interface()
	}
}

// kinds maps a node's Kind to its Go type, for decoding.
var kinds = func() map[string]reflect.Type {
	m := map[string]reflect.Type{}
	for _, n := range []doc.Node{
		&doc.Heading{}, &doc.Paragraph{}, &doc.List{}, &doc.BlockQuote{}, &doc.CodeBlock{},
		&doc.Table{}, &doc.Figure{}, &doc.ThematicBreak{}, &doc.DefinitionList{}, &doc.RawBlock{},
		&doc.Text{}, &doc.Emph{}, &doc.Strong{}, &doc.Strike{}, &doc.Sub{}, &doc.Sup{}, &doc.Span{}, &doc.Code{},
		&doc.Link{}, &doc.Image{}, &doc.LineBreak{}, &doc.SoftBreak{}, &doc.NoteRef{}, &doc.Anchor{}, &doc.RawInline{},
	} {
		m[n.Kind()] = reflect.TypeOf(n).Elem()
	}
	return m
}()

// Read decodes a tree written by Write. It is the `-f json` reader.
func Read(src []byte, name string) (*doc.Document, []doc.Warning, error) {
	dec := stdjson.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	var root map[string]any
	if err := dec.Decode(&root); err != nil {
		return nil, nil, jsonError(src, name, dec, err)
	}
	if v, ok := root["folio"]; ok {
		if err := checkVersion(v); err != nil {
			return nil, nil, &doc.Error{Pos: doc.Pos{File: name, Line: 1}, Code: "json-version", Err: err}
		}
	}
	d := &doc.Document{}
	if err := decodeStruct(root, reflect.ValueOf(d).Elem(), "$"); err != nil {
		return nil, nil, &doc.Error{Pos: doc.Pos{File: name, Line: 1}, Code: "json-tree", Err: err}
	}
	return d, nil, nil
}

// checkVersion accepts the tree version this Folio writes. A version of
// the wrong JSON type is named as such: "folio": "1" is a string where a
// number is expected, not "version 1".
func checkVersion(v any) error {
	num, isNum := v.(stdjson.Number)
	if !isNum {
		return fmt.Errorf(`"folio" is %s where a number is expected; write "folio": %d`, jsonType(v), Version)
	}
	if n, err := num.Int64(); err != nil || n != Version {
		return fmt.Errorf("tree version %s; this Folio reads version %d", num, Version)
	}
	return nil
}

// jsonType names the JSON type of a decoded value, with the value when
// it is short.
func jsonType(v any) string {
	switch v := v.(type) {
	case string:
		if len(v) <= 20 {
			return fmt.Sprintf("the string %q", v)
		}
		return "a string"
	case bool:
		return fmt.Sprintf("the boolean %v", v)
	case nil:
		return "null"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

func jsonError(src []byte, name string, dec *stdjson.Decoder, err error) error {
	off := dec.InputOffset()
	var se *stdjson.SyntaxError
	if e, ok := err.(*stdjson.SyntaxError); ok {
		se = e
		off = se.Offset
	}
	line := 1 + bytes.Count(src[:min(int(off), len(src))], []byte("\n"))
	return &doc.Error{Pos: doc.Pos{File: name, Line: line}, Code: "json-syntax", Msg: "not a Folio JSON tree", Err: err}
}

func decodeStruct(m map[string]any, v reflect.Value, path string) error {
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		name, _ := jsonName(f)
		if name == "" || !f.IsExported() {
			continue
		}
		raw, ok := m[name]
		if !ok || raw == nil {
			continue
		}
		if err := decodeValue(raw, v.Field(i), path+"."+name); err != nil {
			return err
		}
	}
	return nil
}

func decodeValue(raw any, v reflect.Value, path string) error {
	t := v.Type()
	switch {
	case t == blockType || t == inlineType:
		m, ok := raw.(map[string]any)
		if !ok {
			return fmt.Errorf("%s: want a node object", path)
		}
		kind, _ := m["type"].(string)
		nt, ok := kinds[kind]
		if !ok {
			return fmt.Errorf("%s: unknown node type %q", path, kind)
		}
		n := reflect.New(nt)
		if !n.Type().Implements(t) {
			return fmt.Errorf("%s: %s is not allowed here", path, kind)
		}
		if err := decodeStruct(m, n.Elem(), path); err != nil {
			return err
		}
		v.Set(n)
		return nil
	case t == bytesType:
		s, ok := raw.(string)
		if !ok {
			return fmt.Errorf("%s: want base64 text", path)
		}
		return stdjson.Unmarshal([]byte(`"`+s+`"`), v.Addr().Interface())
	}
	switch t.Kind() {
	case reflect.Pointer:
		p := reflect.New(t.Elem())
		if err := decodeValue(raw, p.Elem(), path); err != nil {
			return err
		}
		v.Set(p)
	case reflect.Struct:
		m, ok := raw.(map[string]any)
		if !ok {
			return fmt.Errorf("%s: want an object", path)
		}
		return decodeStruct(m, v, path)
	case reflect.Slice:
		list, ok := raw.([]any)
		if !ok {
			return fmt.Errorf("%s: want a list", path)
		}
		if len(list) == 0 {
			return nil // an empty list reads back as nil: the tree treats both alike
		}
		s := reflect.MakeSlice(t, len(list), len(list))
		for i, item := range list {
			if err := decodeValue(item, s.Index(i), fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
		v.Set(s)
	case reflect.Map:
		m, ok := raw.(map[string]any)
		if !ok {
			return fmt.Errorf("%s: want an object", path)
		}
		out := reflect.MakeMapWithSize(t, len(m))
		for k, item := range m {
			ev := reflect.New(t.Elem()).Elem()
			if err := decodeValue(item, ev, path+"."+k); err != nil {
				return err
			}
			out.SetMapIndex(reflect.ValueOf(k).Convert(t.Key()), ev)
		}
		v.Set(out)
	case reflect.String:
		s, ok := raw.(string)
		if !ok {
			return fmt.Errorf("%s: want text", path)
		}
		v.SetString(s)
	case reflect.Bool:
		b, ok := raw.(bool)
		if !ok {
			return fmt.Errorf("%s: want true or false", path)
		}
		v.SetBool(b)
	case reflect.Int:
		n, ok := raw.(stdjson.Number)
		if !ok {
			return fmt.Errorf("%s: want a number", path)
		}
		i, err := n.Int64()
		if err != nil {
			return fmt.Errorf("%s: want an integer: %v", path, err)
		}
		v.SetInt(i)
	default:
		return fmt.Errorf("%s: cannot decode %s", path, t)
	}
	return nil
}
