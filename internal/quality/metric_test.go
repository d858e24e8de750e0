package quality

import (
	"math"
	"reflect"
	"testing"
)

func TestTokens(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"punctuation splits and case folds", "Hello, World! it's", []string{"hello", "world", "it", "s"}},
		{"cyrillic and digits", "Москва 2024 г.", []string{"москва", "2024", "г"}},
		{"combining marks stay in the word", "हिन्दी भाषा", []string{"हिन्दी", "भाषा"}},
		{"underscore is a word character", "snake_case", []string{"snake_case"}},
		{"empty", " \n ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Tokens(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestBody(t *testing.T) {
	tests := []struct {
		name              string
		expected, got     string
		precision, recall float64
	}{
		{"identical", "one two three four five", "one two three four five", 1, 1},
		{"both empty", "", "  ", 1, 1},
		{"nothing extracted", "one two three four five", "", 0, 0},
		// expected shingles: [1234] [2345]; got: [1234] [2345] [3456]
		{"one extra word", "one two three four five", "one two three four five six", 2.0 / 3, 1},
		{"half kept", "a b c d e f g h i j", "a b c d e f", 3.0 / 3, 3.0 / 7},
		{"repeats count as a multiset", "a b c d", "a b c d a b c d", 1.0 / 5, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pr := Body(tt.expected, tt.got)
			if !near(pr.Precision, tt.precision) || !near(pr.Recall, tt.recall) {
				t.Errorf("Body = %+v, want precision %.3f recall %.3f", pr, tt.precision, tt.recall)
			}
		})
	}
}

func TestMeanAveragesPagesThenTakesF1(t *testing.T) {
	var m Mean
	m.Add("a b c d e", "a b c d e") // 1, 1
	m.Add("a b c d e", "")          // 0, 0
	if m.Pages() != 2 || !near(m.Precision(), 0.5) || !near(m.Recall(), 0.5) || !near(m.F1(), 0.5) {
		t.Errorf("mean = %d pages P %.3f R %.3f F1 %.3f", m.Pages(), m.Precision(), m.Recall(), m.F1())
	}
	if m.EmptyGot != 1 {
		t.Errorf("EmptyGot = %d, want 1", m.EmptyGot)
	}
}

func TestSnippets(t *testing.T) {
	var s Snippets
	s.Add("The council voted, 7 to 2, on Tuesday.", []string{"voted, 7 to 2", "on Monday"}, []string{"Share on Facebook", "on Tuesday"})
	if s != (Snippets{TP: 1, FN: 1, FP: 1, TN: 1}) {
		t.Errorf("snippets = %+v", s)
	}
	if !near(s.Precision(), 0.5) || !near(s.Recall(), 0.5) {
		t.Errorf("precision %.2f recall %.2f", s.Precision(), s.Recall())
	}
}

func TestTitleMatch(t *testing.T) {
	tests := []struct {
		expected, got string
		want          bool
	}{
		{"Harbour  dredging plan", "harbour dredging plan", true},
		{"Harbour dredging plan approved", "Harbour dredging plan", true},      // 21/30 ≥ 60 %
		{"Harbour dredging plan approved by council", "Harbour", false},        // too short
		{"Harbour dredging plan", "Harbour dredging plan | The Gazette", true}, // 21/35 = 60 %
		{"Harbour dredging plan", "Tram extension", false},
		{"", "", true},
		{"Title", "", false},
	}
	for _, tt := range tests {
		if got := TitleMatch(tt.expected, tt.got); got != tt.want {
			t.Errorf("TitleMatch(%q, %q) = %v, want %v", tt.expected, tt.got, got, tt.want)
		}
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestAuthorsMatch(t *testing.T) {
	tests := []struct {
		name          string
		expected, got []string
		want          bool
	}{
		{"byline with By", []string{"By Jeffrey Gettleman"}, []string{"Jeffrey Gettleman"}, true},
		{"byline with an agency", []string{"Jane Roe, Reuters"}, []string{"Jane Roe"}, true},
		{"a list in another order", []string{"Ann Lee", "Bo Chan"}, []string{"Bo Chan", "Ann Lee"}, true},
		{"one of two is enough", []string{"Ann Lee and Bo Chan"}, []string{"Ann Lee"}, true},
		{"a name not in the byline", []string{"Ann Lee"}, []string{"Ann Lee", "Staff"}, false},
		{"the site for the author", []string{"Ann Lee"}, []string{"The Gazette"}, false},
		{"none expected, none given", nil, nil, true},
		{"missing", []string{"Ann Lee"}, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := AuthorsMatch(tt.expected, tt.got); got != tt.want {
				t.Errorf("AuthorsMatch(%q, %q) = %v, want %v", tt.expected, tt.got, got, tt.want)
			}
		})
	}
}

func TestDateMatch(t *testing.T) {
	tests := []struct {
		expected, got string
		want          bool
	}{
		{"2015-08-31T16:09:00+00:00", "2015-08-31", true},
		{"2015-08-31", "2015-08-31T23:00:00Z", true},
		{"2015-08-31", "2015-09-01", false},
		{"2015-08-31", "", false},
		{"", "", true},
	}
	for _, tt := range tests {
		if got := DateMatch(tt.expected, tt.got); got != tt.want {
			t.Errorf("DateMatch(%q, %q) = %v, want %v", tt.expected, tt.got, got, tt.want)
		}
	}
}

func TestFind(t *testing.T) {
	hay := Tokens("Im Freiwilligen Wehrdienst bietet dir der Dienst die Möglichkeit, 1973 übernahm er.")
	tests := []struct {
		snippet string
		want    bool
	}{
		{"bietet dir der", true},
		{"etet dir der", true},      // cut at the start of a word
		{"bietet dir de", true},     // cut at the end
		{"etet dir de", true},       // both
		{"973 übernahm", true},      // a number cut
		{"Möglichkeit 1973", true},  // punctuation does not count
		{"bietet, dir der!", true},  // nor does punctuation in the snippet
		{"tet di der", false},       // a middle token must be whole
		{"bietet dir den", false},   // the last token's start must match
		{"Wehrdienst der", false},   // tokens must be consecutive
		{"glichkeit", true},         // one token: anywhere inside one
		{"Wehrdienstbietet", false}, // but not across two
		{"", false},                 // no tokens: never found
		{"…", false},
	}
	for _, tt := range tests {
		if got := Find(hay, tt.snippet); got != tt.want {
			t.Errorf("Find(%q) = %v, want %v", tt.snippet, got, tt.want)
		}
	}
}
