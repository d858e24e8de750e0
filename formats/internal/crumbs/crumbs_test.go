package crumbs

import (
	"reflect"
	"testing"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name    string
		items   []string
		section string
		tags    []string
	}{
		{"home is dropped and a section kind leads", []string{"Home", "News", "Local"}, "News", []string{"Local"}},
		{"a first item that is no section kind is a tag", []string{"Home", "Water", "Rivers"}, "", []string{"Water", "Rivers"}},
		{"a section kind alone is a tag", []string{"Главная", "Новости"}, "", []string{"Новости"}},
		{"case and spacing do not matter", []string{"HOME", "Long  Reads", "Ports"}, "Long  Reads", []string{"Ports"}},
		{"nothing left", []string{"Home"}, "", []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, tags := Split(tt.items)
			if s != tt.section || !reflect.DeepEqual(tags, tt.tags) {
				t.Errorf("Split(%q) = %q, %q; want %q, %q", tt.items, s, tags, tt.section, tt.tags)
			}
		})
	}
}
