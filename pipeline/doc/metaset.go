package doc

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// metaFieldKeys lists, per field, every key that sets it (front matter,
// sidecar NAME.meta.yaml, --meta key=value), the canonical key first.
// Aliases follow what Pandoc, Hugo and Jekyll users write. It is the one
// table every reader and the pipeline use.
var metaFieldKeys = []struct {
	field string
	keys  []string
}{
	{"title", []string{"title"}},
	{"subtitle", []string{"subtitle", "standfirst", "dek"}},
	{"authors", []string{"author", "authors", "byline"}},
	{"date", []string{"date", "published"}},
	{"updated", []string{"updated", "modified"}},
	{"dateline", []string{"dateline"}},
	{"lang", []string{"lang", "language"}},
	{"source", []string{"source", "url", "link"}},
	{"publisher", []string{"publisher", "site"}},
	{"section", []string{"section", "category"}},
	{"tags", []string{"tags", "keywords"}},
	{"summary", []string{"summary", "description", "abstract"}},
	{"cover", []string{"cover", "cover-image", "image"}},
	{"rights", []string{"rights", "copyright", "license"}},
	{"identifier", []string{"identifier", "id", "isbn"}},
}

// metaKeys maps every accepted key to its field.
var metaKeys = func() map[string]string {
	m := map[string]string{}
	for _, f := range metaFieldKeys {
		for _, k := range f.keys {
			m[k] = f.field
		}
	}
	return m
}()

// MetaError says what was wrong with one metadata value. Code is the
// warning code a reader reports it under (meta-type, date-invalid,
// lang-invalid, meta-duplicate); the caller adds the position and decides
// whether it is a warning (front matter) or an error (sidecar, --meta).
type MetaError struct {
	Key  string
	Code string
	Msg  string
}

func (e *MetaError) Error() string {
	if e.Key == "" {
		return e.Msg
	}
	return e.Key + ": " + e.Msg
}

func metaErr(key, code, format string, args ...any) *MetaError {
	return &MetaError{Key: key, Code: code, Msg: fmt.Sprintf(format, args...)}
}

// Set sets one metadata key from a value decoded from YAML or TOML, or
// given on the command line: text, numbers, booleans, times, lists and
// mappings, as the decoders give them. It is the one setter: front
// matter, sidecars and --meta all come here, so a key means the same
// wherever it is written. Unknown keys go to Extra. A value that does not
// fit its field leaves the field alone and gives a *MetaError; in a list,
// the items that fit are kept and the first bad one is reported.
func (m *Meta) Set(key string, value any) error {
	field, known := metaKeys[strings.ToLower(strings.TrimSpace(key))]
	if !known {
		if m.Extra == nil {
			m.Extra = map[string]string{}
		}
		m.Extra[key] = extraText(value)
		return nil
	}
	switch field {
	case "authors":
		m.Authors = nil
		return m.addAuthors(key, value)
	case "tags":
		m.Tags = nil
		return m.addTags(key, value)
	case "date", "updated":
		s, err := dateValue(key, value)
		if err != nil {
			return err
		}
		if field == "date" {
			m.Date = s
		} else {
			m.Updated = s
		}
		return nil
	case "lang":
		if value == nil {
			m.Lang = ""
			return nil
		}
		s, ok := value.(string)
		if !ok {
			return metaErr(key, "lang-invalid", "expected a language tag such as en or pt-BR, got %s", describe(value))
		}
		tag, ok := LangTag(s)
		if !ok {
			return metaErr(key, "lang-invalid", "%q is not a language tag such as en or pt-BR", s)
		}
		m.Lang = tag
		return nil
	}
	s, ok := scalarText(value)
	if !ok {
		return metaErr(key, "meta-type", "expected text, got %s", describe(value))
	}
	*m.stringField(field) = s
	return nil
}

// MetaEntry is one key: value pair of a metadata mapping, with the line
// its value is on.
type MetaEntry struct {
	Key   string
	Value any
	Line  int
}

// SetMapping sets a whole mapping (front matter, a sidecar) in order, with
// one rule for aliases: a key given twice is a meta-duplicate and the
// first is used; of several keys naming one field the first wins and the
// others are kept in Extra, except tags, which take every alias. report
// gets each problem with its line; it is not called for a nil error.
func (m *Meta) SetMapping(entries []MetaEntry, report func(line int, err *MetaError)) {
	seen := map[string]bool{}
	fieldSet := map[string]bool{}
	for _, e := range entries {
		lk := strings.ToLower(strings.TrimSpace(e.Key))
		if seen[lk] {
			report(e.Line, metaErr("", "meta-duplicate", "%q given twice; the first one is used", e.Key))
			continue
		}
		seen[lk] = true
		field, known := metaKeys[lk]
		if known && fieldSet[field] && field != "tags" {
			if m.Extra == nil {
				m.Extra = map[string]string{}
			}
			m.Extra[e.Key] = extraText(e.Value)
			continue
		}
		var err error
		if field == "tags" && fieldSet[field] {
			err = m.addTags(e.Key, e.Value)
		} else {
			err = m.Set(e.Key, e.Value)
		}
		if known {
			fieldSet[field] = true
		}
		var me *MetaError
		if err != nil && errorsAs(err, &me) {
			report(e.Line, me)
		}
	}
}

func errorsAs(err error, me **MetaError) bool {
	e, ok := err.(*MetaError)
	if ok {
		*me = e
	}
	return ok
}

func (m *Meta) addAuthors(key string, v any) error {
	add := func(s string) {
		if s = strings.TrimSpace(s); s != "" {
			m.Authors = append(m.Authors, s)
		}
	}
	if s, ok := scalarText(v); ok {
		add(s)
		return nil
	}
	list, ok := v.([]any)
	if !ok {
		return metaErr(key, "meta-type", "expected a name or a list of names, got %s", describe(v))
	}
	var first error
	for _, it := range list {
		if s, ok := scalarText(it); ok {
			add(s)
			continue
		}
		if mp, ok := it.(map[string]any); ok {
			if s, ok := scalarText(mp["name"]); ok && mp["name"] != nil {
				add(s)
				continue
			}
		}
		if first == nil {
			first = metaErr(key, "meta-type", "expected a name, got %s", describe(it))
		}
	}
	return first
}

func (m *Meta) addTags(key string, v any) error {
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
	if s, ok := scalarText(v); ok {
		for _, t := range strings.Split(s, ",") {
			add(t)
		}
		return nil
	}
	list, ok := v.([]any)
	if !ok {
		return metaErr(key, "meta-type", "expected a list or a comma-separated string, got %s", describe(v))
	}
	var first error
	for _, it := range list {
		if s, ok := scalarText(it); ok {
			add(s)
		} else if first == nil {
			first = metaErr(key, "meta-type", "expected a word, got %s", describe(it))
		}
	}
	return first
}

func (m *Meta) stringField(field string) *string {
	switch field {
	case "title":
		return &m.Title
	case "subtitle":
		return &m.Subtitle
	case "dateline":
		return &m.Dateline
	case "lang":
		return &m.Lang
	case "source":
		return &m.Source
	case "publisher":
		return &m.Publisher
	case "section":
		return &m.Section
	case "summary":
		return &m.Summary
	case "cover":
		return &m.Cover
	case "rights":
		return &m.Rights
	}
	return &m.Identifier
}

// scalarText is a scalar's text; ok is false for a list or a mapping.
func scalarText(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return strings.TrimSpace(v), true
	case int, int64, uint64, float64, bool:
		return fmt.Sprint(v), true
	case time.Time:
		return timeDate(v), true
	case nil:
		return "", true
	}
	return "", false
}

// dateValue accepts a decoded time, or text in any form ParseDate reads,
// and returns the tree's form.
func dateValue(key string, v any) (string, error) {
	if t, ok := v.(time.Time); ok {
		return timeDate(t), nil
	}
	s, ok := scalarText(v)
	if !ok {
		return "", metaErr(key, "date-invalid", "expected a date, got %s", describe(v))
	}
	if s == "" {
		return "", nil
	}
	d, _, ok := NormalizeDate(s)
	if !ok {
		return "", metaErr(key, "date-invalid", "%q is not a date in the years 0001–9999 (write 2024-03-05 or 2024-03-05T14:30:00Z)", s)
	}
	return d, nil
}

func describe(v any) string {
	switch v.(type) {
	case []any:
		return "a list"
	case map[string]any:
		return "a mapping"
	case nil:
		return "nothing"
	}
	return "text"
}

// extraText keeps an unknown key's value as text: scalars as written,
// structures as JSON (encoding/json sorts a mapping's keys), with <, >
// and & as written.
func extraText(v any) string {
	if s, ok := scalarText(v); ok {
		return s
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Sprint(v)
	}
	return strings.TrimSuffix(b.String(), "\n")
}
