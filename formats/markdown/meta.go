package markdown

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"folio/pipeline/doc"
)

// metaField maps front matter keys onto one doc.Meta field. names are the
// accepted keys (compared case-insensitively), the first present winning; a
// later alias present too is kept in Meta.Extra. merge fields (tags) take
// every alias instead.
type metaField struct {
	names []string
	merge bool
	set   func(m *doc.Meta, key string, v value, w *warnings)
}

// The keys come from doc.MetaKeys, the table sidecars and --meta use too,
// so a key means the same wherever it is written.
var metaFields = []metaField{
	{names: doc.MetaKeys("title"), set: setText(func(m *doc.Meta) *string { return &m.Title })},
	{names: doc.MetaKeys("subtitle"), set: setText(func(m *doc.Meta) *string { return &m.Subtitle })},
	{names: doc.MetaKeys("authors"), set: setAuthors},
	{names: doc.MetaKeys("date"), set: setDate(func(m *doc.Meta) *string { return &m.Date })},
	{names: doc.MetaKeys("updated"), set: setDate(func(m *doc.Meta) *string { return &m.Updated })},
	{names: doc.MetaKeys("dateline"), set: setText(func(m *doc.Meta) *string { return &m.Dateline })},
	{names: doc.MetaKeys("lang"), set: setLang},
	{names: doc.MetaKeys("source"), set: setText(func(m *doc.Meta) *string { return &m.Source })},
	{names: doc.MetaKeys("publisher"), set: setText(func(m *doc.Meta) *string { return &m.Publisher })},
	{names: doc.MetaKeys("section"), set: setText(func(m *doc.Meta) *string { return &m.Section })},
	{names: doc.MetaKeys("tags"), merge: true, set: setTags},
	{names: doc.MetaKeys("summary"), set: setText(func(m *doc.Meta) *string { return &m.Summary })},
	{names: doc.MetaKeys("cover"), set: setText(func(m *doc.Meta) *string { return &m.Cover })},
	{names: doc.MetaKeys("rights"), set: setText(func(m *doc.Meta) *string { return &m.Rights })},
	{names: doc.MetaKeys("identifier"), set: setText(func(m *doc.Meta) *string { return &m.Identifier })},
}

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

// buildMeta maps a decoded front matter mapping onto doc.Meta. Values of
// the wrong type give a warning naming the key and are left out; unknown
// keys are kept in Extra.
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
	first := map[string]int{}
	used := make([]bool, len(root.keys))
	for i, k := range root.keys {
		lk := strings.ToLower(strings.TrimSpace(k))
		if _, dup := first[lk]; dup {
			w.add(root.vals[i].line, 0, "meta-duplicate", "%q given twice; the first one is used", k)
			used[i] = true
			continue
		}
		first[lk] = i
	}
	for _, f := range metaFields {
		done := false
		for _, n := range f.names {
			i, ok := first[n]
			if !ok || (done && !f.merge) {
				continue
			}
			f.set(&m, root.keys[i], root.vals[i], w)
			used[i], done = true, true
		}
	}
	for i, k := range root.keys {
		if used[i] {
			continue
		}
		if m.Extra == nil {
			m.Extra = map[string]string{}
		}
		m.Extra[k] = root.vals[i].extraText()
	}
	return m
}

// scalarText returns a scalar's text; a null gives "" and ok; anything else
// gives a meta-type warning.
func scalarText(key string, v value, w *warnings) (string, bool) {
	switch v.kind {
	case nullValue:
		return "", true
	case scalarValue:
		return strings.TrimSpace(v.text), true
	}
	w.add(v.line, 0, "meta-type", "%s: expected text, got %s; ignored", key, v.kindName())
	return "", false
}

func setText(field func(*doc.Meta) *string) func(*doc.Meta, string, value, *warnings) {
	return func(m *doc.Meta, key string, v value, w *warnings) {
		if s, ok := scalarText(key, v, w); ok {
			*field(m) = s
		}
	}
}

func setAuthors(m *doc.Meta, key string, v value, w *warnings) {
	add := func(s string) {
		if s = strings.TrimSpace(s); s != "" {
			m.Authors = append(m.Authors, s)
		}
	}
	switch v.kind {
	case nullValue:
	case scalarValue:
		add(v.text)
	case listValue:
		for _, it := range v.items {
			switch {
			case it.kind == scalarValue:
				add(it.text)
			case it.kind == mapValue && it.get("name").kind == scalarValue:
				add(it.get("name").text)
			default:
				w.add(it.line, 0, "meta-type", "%s: expected a name, got %s; ignored", key, it.kindName())
			}
		}
	default:
		w.add(v.line, 0, "meta-type", "%s: expected a name or a list of names, got %s; ignored", key, v.kindName())
	}
}

func setTags(m *doc.Meta, key string, v value, w *warnings) {
	add := func(s string) {
		s = strings.TrimSpace(s)
		if s == "" {
			return
		}
		for _, t := range m.Tags {
			if t == s {
				return
			}
		}
		m.Tags = append(m.Tags, s)
	}
	switch v.kind {
	case nullValue:
	case scalarValue:
		for _, t := range strings.Split(v.text, ",") {
			add(t)
		}
	case listValue:
		for _, it := range v.items {
			if it.kind == scalarValue {
				add(it.text)
			} else {
				w.add(it.line, 0, "meta-type", "%s: expected a word, got %s; ignored", key, it.kindName())
			}
		}
	default:
		w.add(v.line, 0, "meta-type", "%s: expected a list or a comma-separated string, got %s; ignored", key, v.kindName())
	}
}

func setDate(field func(*doc.Meta) *string) func(*doc.Meta, string, value, *warnings) {
	return func(m *doc.Meta, key string, v value, w *warnings) {
		if v.kind == nullValue {
			return
		}
		if v.kind != scalarValue {
			w.add(v.line, 0, "date-invalid", "%s: expected a date, got %s; ignored", key, v.kindName())
			return
		}
		var s string
		if v.time != nil {
			s = formatTime(*v.time)
		} else {
			s = normalizeDate(v.text)
		}
		if s == "" {
			w.add(v.line, 0, "date-invalid", "%s: %q is not a date (write 2024-03-05 or 2024-03-05T14:30:00Z); ignored", key, v.text)
			return
		}
		if _, ok := doc.ParseDate(s); !ok {
			w.add(v.line, 0, "date-invalid", "%s: %s is outside the years 0001–9999 (in UTC), which no output can carry; ignored", key, s)
			return
		}
		*field(m) = s
	}
}

var dateLayouts = []struct {
	layout string
	zoned  bool
}{
	{time.RFC3339Nano, true},
	{"2006-01-02T15:04:05", false},
	{"2006-01-02T15:04", false},
	{"2006-01-02 15:04:05Z07:00", true},
	{"2006-01-02 15:04:05 Z07:00", true},
	{"2006-01-02 15:04:05 -7", true},
	{"2006-01-02 15:04:05", false},
	{"2006-01-02 15:04", false},
}

var dateOnlyLayouts = []string{
	"2006-01-02", "January 2, 2006", "2 January 2006", "Jan 2, 2006", "2 Jan 2006",
}

// normalizeDate returns s as "2006-01-02" or an RFC 3339 time, or "" when
// it is not a date. A time without a zone is taken as UTC, so the result
// does not depend on the machine.
func normalizeDate(s string) string {
	s = strings.TrimSpace(s)
	for _, l := range dateOnlyLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.Format("2006-01-02")
		}
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l.layout, s); err == nil {
			if !l.zoned {
				t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
			}
			return t.Format(time.RFC3339Nano)
		}
	}
	return ""
}

// formatTime formats a decoded TOML date or time. BurntSushi/toml gives
// local dates and times the machine's offset in a zone named "date-local"
// or "datetime-local"; they are written without depending on it.
func formatTime(t time.Time) string {
	switch t.Location().String() {
	case "date-local":
		return t.Format("2006-01-02")
	case "datetime-local":
		return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC).Format(time.RFC3339Nano)
	case "time-local":
		return ""
	}
	return t.Format(time.RFC3339Nano)
}

var langTag = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$`)

func setLang(m *doc.Meta, key string, v value, w *warnings) {
	if v.kind == nullValue {
		return
	}
	if v.kind != scalarValue {
		w.add(v.line, 0, "lang-invalid", "%s: expected a language tag such as en or pt-BR, got %s; ignored", key, v.kindName())
		return
	}
	s := strings.ReplaceAll(strings.TrimSpace(v.text), "_", "-")
	if !langTag.MatchString(s) {
		w.add(v.line, 0, "lang-invalid", "%s: %q is not a language tag such as en or pt-BR; ignored", key, v.text)
		return
	}
	m.Lang = canonicalLang(s)
}

// canonicalLang applies BCP 47's case conventions: "EN-us" → "en-US",
// "sr-latn" → "sr-Latn".
func canonicalLang(s string) string {
	parts := strings.Split(s, "-")
	for i, p := range parts {
		switch {
		case i == 0 || len(p) != 2 && len(p) != 4:
			parts[i] = strings.ToLower(p)
		case len(p) == 2:
			parts[i] = strings.ToUpper(p)
		default:
			parts[i] = strings.ToUpper(p[:1]) + strings.ToLower(p[1:])
		}
	}
	return strings.Join(parts, "-")
}

func (v value) get(key string) value {
	for i, k := range v.keys {
		if k == key {
			return v.vals[i]
		}
	}
	return value{}
}

func (v value) kindName() string {
	switch v.kind {
	case listValue:
		return "a list"
	case mapValue:
		return "a mapping"
	case nullValue:
		return "nothing"
	}
	return "text"
}

// extraText is how an unknown key is kept: a scalar as written, a
// structure as JSON with sorted keys.
func (v value) extraText() string {
	switch v.kind {
	case nullValue:
		return ""
	case scalarValue:
		return v.text
	}
	return v.json()
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
