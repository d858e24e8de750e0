package doc

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestMetaSet(t *testing.T) {
	tests := []struct {
		name  string
		key   string
		value any
		check func(m *Meta) bool
		err   string
	}{
		{"author string", "author", "Ann Lee", func(m *Meta) bool { return reflect.DeepEqual(m.Authors, []string{"Ann Lee"}) }, ""},
		{"authors list", "authors", []any{"A", "B"}, func(m *Meta) bool { return reflect.DeepEqual(m.Authors, []string{"A", "B"}) }, ""},
		{"tags from comma text", "keywords", "a, b,,c", func(m *Meta) bool { return reflect.DeepEqual(m.Tags, []string{"a", "b", "c"}) }, ""},
		{"yaml date", "date", time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC), func(m *Meta) bool { return m.Date == "2024-03-05" }, ""},
		{"text date", "date", "2024-03-05T10:00:00Z", func(m *Meta) bool { return m.Date == "2024-03-05T10:00:00Z" }, ""},
		{"bad date", "date", "yesterday", nil, `"yesterday" is not a date`},
		{"title as a list is refused", "title", []any{"a", "b"}, nil, "title: expected text, got a list"},
		{"url alias sets source", "url", "https://x.org", func(m *Meta) bool { return m.Source == "https://x.org" }, ""},
		{"unknown scalar kept", "mood", 7, func(m *Meta) bool { return m.Extra["mood"] == "7" }, ""},
		{"unknown mapping kept as sorted JSON", "seo", map[string]any{"z": 1, "a": []any{"x"}}, func(m *Meta) bool { return m.Extra["seo"] == `{"a":["x"],"z":1}` }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var m Meta
			err := m.Set(tt.key, tt.value)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil || !tt.check(&m) {
				t.Errorf("err %v, meta %+v", err, m)
			}
		})
	}
}

// TestParseDateYearRange checks that a date outside the years 0001–9999
// in UTC is not a date: no output can carry it (r15 through a document's
// own date made an EPUB whose dcterms:modified was 10000-01-01T11:00:00Z).
func TestParseDateYearRange(t *testing.T) {
	for s, want := range map[string]bool{
		"9999-12-31":                true,
		"9999-12-31T23:00:00Z":      true,
		"9999-12-31T23:00:00+05:00": true,
		"9999-12-31T23:00:00-12:00": false, // 10000-01-01T11:00Z
		"0001-01-01":                true,
		"0001-01-01T00:30:00+01:00": false, // year 0 in UTC
		"0000-01-01":                false,
		"0000":                      false,
	} {
		if _, _, ok := ParseDate(s); ok != want {
			t.Errorf("ParseDate(%q) ok = %v, want %v", s, ok, want)
		}
	}
}

// One setter: the forms front matter accepts are accepted from a sidecar
// or --meta too, in the same tree form.
func TestMetaSetSharedForms(t *testing.T) {
	var m Meta
	for k, v := range map[string]any{"date": "March 5, 2024", "updated": "2024-03-06 10:00", "lang": "PT_br", "author": "Smith, J."} {
		if err := m.Set(k, v); err != nil {
			t.Fatal(err)
		}
	}
	if m.Date != "2024-03-05" || m.Updated != "2024-03-06T10:00:00Z" || m.Lang != "pt-BR" || !reflect.DeepEqual(m.Authors, []string{"Smith, J."}) {
		t.Errorf("meta %+v", m)
	}
	err := m.Set("lang", "english")
	if me, ok := err.(*MetaError); !ok || me.Code != "lang-invalid" || m.Lang != "pt-BR" {
		t.Errorf("bad lang: err %v, lang %q", err, m.Lang)
	}
}

func TestMetaSetMapping(t *testing.T) {
	var m Meta
	var got []string
	m.SetMapping([]MetaEntry{
		{"author", "A", 1}, {"byline", "B", 2}, {"tags", "x, y", 3}, {"keywords", []any{"y", "z"}, 4},
		{"Title", "T", 5}, {"title", "U", 6}, {"date", []any{"2024"}, 7},
	}, func(line int, err *MetaError) { got = append(got, fmt.Sprint(line, " ", err.Code)) })
	if !reflect.DeepEqual(m.Authors, []string{"A"}) || m.Extra["byline"] != "B" || m.Title != "T" ||
		!reflect.DeepEqual(m.Tags, []string{"x", "y", "z"}) || m.Date != "" {
		t.Errorf("meta %+v", m)
	}
	if want := []string{"6 meta-duplicate", "7 date-invalid"}; !reflect.DeepEqual(got, want) {
		t.Errorf("reported %v, want %v", got, want)
	}
}
