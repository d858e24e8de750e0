package hyphen

import (
	"slices"
	"testing"
)

func TestPoints(t *testing.T) {
	tests := []struct {
		name, lang, word string
		want             []int
	}{
		{"English word by the US patterns", "en", "hyphenation", []int{2, 6}},
		{"British English uses the same patterns", "en-GB", "hyphenation", []int{2, 6}},
		{"English keeps three letters at the end", "en", "committee", []int{3, 6}},
		{"English exception list wins", "en", "associate", []int{2, 4}},
		{"capitalised word is hyphenated", "en", "Government", []int{3, 6}},
		{"Russian word", "ru", "государство", []int{2, 4, 7}},
		{"Ukrainian one-letter patterns apply", "uk", "університет", []int{3, 6, 8}},
		{"French word", "fr", "gouvernement", []int{3, 6, 8}},
		{"German compound", "de", "Bundesregierung", []int{3, 6, 8, 11}},
		{"Spanish one-letter patterns apply", "es", "constitución", []int{4, 6, 8}},
		{"capitals are names, never broken", "en", "NATO", nil},
		{"a word in capitals is never broken", "en", "INTERNATIONAL", nil},
		{"mostly capitals is a name", "en", "McDONALDS", nil},
		{"digits are not a word", "en", "covid19cases", nil},
		{"punctuation is not a word", "en", "example.com/path", nil},
		{"short word stays whole", "en", "note", nil},
		{"Arabic has no patterns", "ar", "الحكومة", nil},
		{"Persian has no patterns", "fa", "دولتمردان", nil},
		{"no language, no hyphenation", "", "hyphenation", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := For(tt.lang).Points(tt.word); !slices.Equal(got, tt.want) {
				t.Errorf("Points(%q) in %q = %v, want %v", tt.word, tt.lang, got, tt.want)
			}
		})
	}
}

func TestWidenSingles(t *testing.T) {
	got := widenSingles("1b\nab3\n")
	for _, want := range []string{"a1b3\n", ".1b\n", "b1b\n"} {
		if !slices.Contains(splitKeep(got), want) {
			t.Errorf("widenSingles gave %q, missing %q", got, want)
		}
	}
}

func splitKeep(s string) []string {
	var out []string
	start := 0
	for i := range s {
		if s[i] == '\n' {
			out = append(out, s[start:i+1])
			start = i + 1
		}
	}
	return out
}
