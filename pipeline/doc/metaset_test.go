package doc

import (
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
		{"title as a list is refused", "title", []any{"a", "b"}, nil, "title: want text, got a list"},
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
