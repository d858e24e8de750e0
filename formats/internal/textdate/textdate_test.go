package textdate

import "testing"

func TestFind(t *testing.T) {
	tests := []struct {
		in, iso, rest string
	}{
		{"March 5, 2024", "2024-03-05", " "},
		{"Posted 09.08.2024 by Ann", "2024-08-09", "Posted   by Ann"}, // not octal
		{"2024-03-05T09:15:00Z", "2024-03-05", " "},
		{"5. März 2024", "2024-03-05", " "},
		{"Jänner 3, 2020", "2020-01-03", " "},
		{"1er janvier 2020", "2020-01-01", " "},
		{"5 de marzo de 2024", "2024-03-05", " "},
		{"12 settembre 2021", "2021-09-12", " "},
		{"3 março 2022", "2022-03-03", " "},
		{"16 marca 2021", "2021-03-16", " "},
		{"5 марта 2024", "2024-03-05", " "},
		{"٥ مارس ٢٠٢٤", "2024-03-05", " "},
		{"by Jane Doe, 21 juin 2018", "2018-06-21", "by Jane Doe,  "},
	}
	for _, tt := range tests {
		iso, rest, ok := Find(tt.in)
		if !ok || iso != tt.iso || rest != tt.rest {
			t.Errorf("Find(%q) = %q, %q, %v; want %q, %q, true", tt.in, iso, rest, ok, tt.iso, tt.rest)
		}
	}
	for _, s := range []string{"February 30, 2024", "31.02.2020", "No date here", "1. FC Köln 2024", "version 1.2.3"} {
		if iso, _, ok := Find(s); ok {
			t.Errorf("Find(%q) = %q, want none", s, iso)
		}
	}
}
