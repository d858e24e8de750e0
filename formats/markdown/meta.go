package markdown

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"folio/pipeline/doc"
)

// warnings collects reader warnings for one document.
type warnings struct {
	name string
	list []doc.Warning
}

func (w *warnings) add(line, col int, code, format string, args ...any) {
	w.list = append(w.list, doc.Warning{
		Pos:     doc.Pos{File: w.name, Line: line, Col: col},
		Code:    code,
		Message: fmt.Sprintf(format, args...),
	})
}

// buildMeta maps a decoded front matter mapping onto doc.Meta through
// doc.Meta.SetMapping, the setter sidecars and --meta use too, so a key
// means the same wherever it is written. Values of the wrong type give a
// warning naming the key and are left out; unknown keys are kept in Extra.
func buildMeta(root value, w *warnings) doc.Meta {
	m := doc.Meta{Pos: doc.Pos{File: w.name, Line: 1}}
	switch root.kind {
	case nullValue:
		return m
	case mapValue:
	default:
		w.add(1, 0, "meta-type", "front matter is not a mapping of keys to values; ignored")
		return m
	}
	entries := make([]doc.MetaEntry, len(root.keys))
	for i, k := range root.keys {
		entries[i] = doc.MetaEntry{Key: k, Value: root.vals[i].metaValue(), Line: root.vals[i].line}
	}
	m.SetMapping(entries, func(line int, err *doc.MetaError) {
		msg := err.Error()
		if err.Code != "meta-duplicate" {
			msg += "; ignored"
		}
		w.add(line, 0, err.Code, "%s", msg)
	})
	return m
}

// metaValue is v as doc.Meta.Set takes it: a scalar as written (a TOML
// time already in the tree's form), a structure as plain Go values.
func (v value) metaValue() any {
	switch v.kind {
	case nullValue:
		return nil
	case scalarValue:
		return v.text
	}
	return v.plain()
}

func (v value) json() string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v.plain()); err != nil {
		return ""
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// plain converts v to values encoding/json understands; maps are
// map[string]any so their keys come out sorted.
func (v value) plain() any {
	switch v.kind {
	case nullValue:
		return nil
	case listValue:
		out := make([]any, len(v.items))
		for i, it := range v.items {
			out[i] = it.plain()
		}
		return out
	case mapValue:
		out := make(map[string]any, len(v.keys))
		for i, k := range v.keys {
			if _, dup := out[k]; !dup {
				out[k] = v.vals[i].plain()
			}
		}
		return out
	}
	switch v.tag {
	case "int":
		if n, err := strconv.ParseInt(v.text, 0, 64); err == nil {
			return n
		}
	case "float":
		if f, err := strconv.ParseFloat(v.text, 64); err == nil {
			return f
		}
	case "bool":
		if b, err := strconv.ParseBool(v.text); err == nil {
			return b
		}
	}
	return v.text
}
