package markdown

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"

	"folio/pipeline/doc"
)

// treeJSON encodes a document for golden files: every node as an object
// with a "type" field naming its kind, fields under their json names, empty
// ones left out, positions as "line:col". It is a test helper only; formats/json owns the real
// format.
func treeJSON(d *doc.Document) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(plain(reflect.ValueOf(d))); err != nil {
		panic(err)
	}
	return b.Bytes()
}

var nodeType = reflect.TypeOf((*doc.Node)(nil)).Elem()

func plain(v reflect.Value) any {
	switch v.Kind() {
	case reflect.Interface, reflect.Pointer:
		if v.IsNil() {
			return nil
		}
		if v.Type().Implements(nodeType) && v.Kind() == reflect.Pointer {
			m := plain(v.Elem()).(map[string]any)
			m["type"] = v.Interface().(doc.Node).Kind()
			return m
		}
		return plain(v.Elem())
	case reflect.Struct:
		if p, ok := v.Interface().(doc.Pos); ok {
			// Positions print as line:col; the file is the same everywhere.
			return strings.TrimPrefix(p.String(), p.File+":")
		}
		m := map[string]any{}
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "" {
				name = f.Name
			}
			fv := v.Field(i)
			if fv.IsZero() {
				continue
			}
			m[name] = plain(fv)
		}
		return m
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return v.Bytes()
		}
		out := make([]any, v.Len())
		for i := range out {
			out[i] = plain(v.Index(i))
		}
		return out
	case reflect.Map:
		m := map[string]any{}
		for _, k := range v.MapKeys() {
			m[k.String()] = plain(v.MapIndex(k))
		}
		return m
	}
	return v.Interface()
}
