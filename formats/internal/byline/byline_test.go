package byline

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in        string
		authors   []string
		publisher string
	}{
		{"By Jane Doe and John Roe, Example Wire", []string{"Jane Doe", "John Roe"}, "Example Wire"},
		{"Written by Jane Doe", []string{"Jane Doe"}, ""},
		{"Автор: Иван Петров", []string{"Иван Петров"}, ""},
		{"Von Anna Müller und Bert Roe", []string{"Anna Müller", "Bert Roe"}, ""},
		{"Par Loïc Le Clerc", []string{"Loïc Le Clerc"}, ""},
		{"Por José de la Cruz", []string{"José de la Cruz"}, ""},
		{"Autor: Jan Kowalski", []string{"Jan Kowalski"}, ""},
		{"ByAlex Doe", []string{"Alex Doe"}, ""},
		{"By Jane Roe @jroe", []string{"Jane Roe"}, ""},
		{"By Jane Roe (reporting)", []string{"Jane Roe"}, ""},
		{"Geschrieben vonElisa Roe", []string{"Elisa Roe"}, ""},
		{"Blog Beitrag von Margarita Roe", []string{"Margarita Roe"}, ""},
		{"Ein Gastbeitrag von Jan Roe", []string{"Jan Roe"}, ""},
		{"Von Katharina Roe Kategorien: Mode", []string{"Katharina Roe"}, ""},
		{"Autor: Fritz Roe Quelle: Livenet", []string{"Fritz Roe"}, ""},
		{"Von Barbara Roe, Kategorien: Event, Mode", []string{"Barbara Roe"}, ""},
		{"Von Peter Roe/SP-X", []string{"Peter Roe"}, "SP-X"},
		{"Von Jane Roe/dpa", []string{"Jane Roe"}, "dpa"},
		{"By Jane Roe March 18 at 12:22 PM Follow @janeroe", []string{"Jane Roe"}, ""},
		{"By Jane Roe at 9:05 a.m.", []string{"Jane Roe"}, ""},
		{"By\u00a0Jose de la Roe", []string{"Jose de la Roe"}, ""},
		{"---- by Kenneth Roe", []string{"Kenneth Roe"}, ""},
		{"By Perry Roe Jr.", []string{"Perry Roe Jr."}, ""},
		{"By Jane Roe, Jr.", []string{"Jane Roe, Jr."}, ""},
	}
	for _, tt := range tests {
		b, ok := Parse(tt.in)
		if !ok || !reflect.DeepEqual(b.Authors, tt.authors) || b.Publisher != tt.publisher {
			t.Errorf("Parse(%q) = %+v, %v; want %q, %q", tt.in, b, ok, tt.authors, tt.publisher)
		}
	}
	for _, s := range []string{"Von Berlin nach Hamburg", "Von Bits und Bytes", "Di Maria scored twice", "Par ici la sortie",
		"By the numbers: a look at the budget.", "BY COURSE/MEAL:", "By Jane Roe | March 5, 2024"} {
		if b, ok := Parse(s); ok {
			t.Errorf("Parse(%q) = %+v, want no byline", s, b)
		}
	}
}

// TestParseDated: a line that also printed a date takes one word or a
// handle after a preposition as a name; Parse does not.
func TestParseDated(t *testing.T) {
	tests := []struct {
		in      string
		authors []string
	}{
		{"von eseppelt", []string{"eseppelt"}},
		{"von Heiko", []string{"Heiko"}},
		{"Von Anna Roe", []string{"Anna Roe"}},
		{"By Jane Roe", []string{"Jane Roe"}},
		{"von der Stadt aus gesehen", nil},
		{"Von Bits und Bytes", nil},
	}
	for _, tt := range tests {
		b, ok := ParseDated(tt.in)
		if ok != (tt.authors != nil) || !slices.Equal(b.Authors, tt.authors) {
			t.Errorf("ParseDated(%q) = %q, %v; want %q", tt.in, b.Authors, ok, tt.authors)
		}
	}
	for _, s := range []string{"von eseppelt", "von Heiko"} {
		if b, ok := Parse(s); ok {
			t.Errorf("Parse(%q) = %q; only a dated line may name one word", s, b.Authors)
		}
	}
}

func TestLinkNameAndLabels(t *testing.T) {
	for in, want := range map[string]string{
		"Zeige alle Beiträge von Jane Roe →": "Jane Roe",
		"View all posts by Jane Roe":         "Jane Roe",
		"Tous les articles par Loïc Roe »":   "Loïc Roe",
		"By Jane Roe":                        "", // starts with it: Parse's to read
		"Alle Beiträge von uriebe":           "uriebe",
		"Jane Roe":                           "",
	} {
		got, ok := LinkName(in)
		if ok != (want != "") || got != want {
			t.Errorf("LinkName(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for in, want := range map[string]string{
		"Author: Bo2man":  "Bo2man",
		"Autorin: A. Roe": "A. Roe",
		"von: jroe":       "jroe",
		"Authority":       "Authority",
		"By Jane Roe":     "By Jane Roe", // no colon: not a label
	} {
		if got := CutLabel(in); got != want {
			t.Errorf("CutLabel(%q) = %q, want %q", in, got, want)
		}
	}
	for w, want := range map[string]bool{"By": true, "written": true, "Geschrieben": true, "Autor": true, "Jane": false} {
		if IsLeadWord(w) != want {
			t.Errorf("IsLeadWord(%q) = %v, want %v", w, !want, want)
		}
	}
}

func TestCutNoise(t *testing.T) {
	for in, want := range map[string]string{
		"by Amy Roe 5 Comments":                   "by Amy Roe",
		"von Anna Roe Ein Kommentar":              "von Anna Roe",
		"Posted by marc | Leave a comment":        "Posted by marc |",
		"Ulrike Roe Schreibe einen Kommentar":     "Ulrike Roe",
		"von Lars Roe Lesezeit: 4 Min.":           "von Lars Roe",
		"By Jane Roe 5 min read":                  "By Jane Roe",
		"Jane Roe (1599 x gelesen)":               "Jane Roe",
		"Von Jule Roe Vom 0":                      "Von Jule Roe Vom",
		"ThE_PaiN | Kommentare 34 |":              "ThE_PaiN | |",
		"By Jane Roe, who comments on the budget": "By Jane Roe, who comments on the budget",
	} {
		if got := strings.Join(strings.Fields(CutNoise(in)), " "); got != want {
			t.Errorf("CutNoise(%q) = %q, want %q", in, got, want)
		}
	}
}
