package doc

import (
	"encoding/json"
	"fmt"
	"sort"
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

// MetaKeys returns the keys that set a field ("subtitle" → subtitle,
// standfirst, dek), canonical first.
func MetaKeys(field string) []string {
	for _, f := range metaFieldKeys {
		if f.field == field {
			return f.keys
		}
	}
	return nil
}

// SetMeta sets one metadata key from a value decoded from YAML or given on
// the command line. Strings, numbers, booleans, times and lists are
// accepted where they make sense; unknown keys go to Extra. The error says
// what was wrong with the value (the caller adds the position).
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
	case "authors", "tags":
		list, err := stringList(value)
		if err != nil {
			return fmt.Errorf("%s: %w", key, err)
		}
		if field == "authors" {
			m.Authors = list
		} else {
			m.Tags = list
		}
		return nil
	case "date", "updated":
		s, err := dateText(value)
		if err != nil {
			return fmt.Errorf("%s: %w", key, err)
		}
		if field == "date" {
			m.Date = s
		} else {
			m.Updated = s
		}
		return nil
	}
	s, err := scalarText(value)
	if err != nil {
		return fmt.Errorf("%s: %w", key, err)
	}
	*m.stringField(field) = s
	return nil
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

func scalarText(v any) (string, error) {
	switch v := v.(type) {
	case string:
		return strings.TrimSpace(v), nil
	case int, int64, uint64, float64, bool:
		return fmt.Sprint(v), nil
	case time.Time:
		return formatDate(v), nil
	case nil:
		return "", nil
	}
	return "", fmt.Errorf("want text, got %s", describe(v))
}

func stringList(v any) ([]string, error) {
	switch v := v.(type) {
	case string:
		var out []string
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
		return out, nil
	case []any:
		var out []string
		for _, item := range v {
			s, err := scalarText(item)
			if err != nil {
				return nil, err
			}
			if s != "" {
				out = append(out, s)
			}
		}
		return out, nil
	case []string:
		return v, nil
	}
	s, err := scalarText(v)
	if err != nil {
		return nil, fmt.Errorf("want a list or text, got %s", describe(v))
	}
	return []string{s}, nil
}

// dateText accepts a YAML time, or text in ISO 8601 (date, or date and
// time), and returns it as ISO 8601.
func dateText(v any) (string, error) {
	switch v := v.(type) {
	case time.Time:
		return formatDate(v), nil
	case string:
		s := strings.TrimSpace(v)
		if s == "" {
			return "", nil
		}
		if _, ok := ParseDate(s); ok {
			return s, nil
		}
		return "", fmt.Errorf("%q is not a date; write it as YYYY-MM-DD", s)
	}
	return "", fmt.Errorf("want a date, got %s", describe(v))
}

func formatDate(t time.Time) string {
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
		return t.Format("2006-01-02")
	}
	return t.Format(time.RFC3339)
}

// ParseDate reads an ISO 8601 date or RFC 3339 time. A date that is not
// in the years 0001–9999 once taken to UTC is not one (see DateInRange).
func ParseDate(s string) (time.Time, bool) {
	for _, layout := range []string{"2006-01-02", time.RFC3339, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01", "2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, DateInRange(t)
		}
	}
	return time.Time{}, false
}

// DateInRange reports whether t, in UTC, falls in the years 0001–9999:
// what every output can carry. EPUB's dcterms:modified must be
// CCYY-MM-DDThh:mm:ssZ, four digits, in UTC, so 9999-12-31T23:00:00-12:00
// (which is 10000-01-01T11:00:00Z) made an invalid book (EPUBCheck
// RSC-005, the red team's r15 through a document's own date); year 0000
// is no year in dc:date's W3CDTF (OPF-053), nor in a PDF date.
func DateInRange(t time.Time) bool {
	y := t.UTC().Year()
	return y >= 1 && y <= 9999
}

// Time returns the document's date as a time, if it has a valid one.
func (m *Meta) Time() (time.Time, bool) { return ParseDate(m.Date) }

func describe(v any) string {
	switch v.(type) {
	case []any:
		return "a list"
	case map[string]any:
		return "a mapping"
	}
	return fmt.Sprintf("%T", v)
}

// extraText keeps an unknown key's value as text: scalars as written,
// structures as JSON with sorted keys.
func extraText(v any) string {
	if s, err := scalarText(v); err == nil {
		return s
	}
	b, err := json.Marshal(sortKeys(v))
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

func sortKeys(v any) any {
	switch v := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		out := make(map[string]any, len(v))
		for _, k := range keys {
			out[k] = sortKeys(v[k])
		}
		return out
	case []any:
		for i := range v {
			v[i] = sortKeys(v[i])
		}
	}
	return v
}
