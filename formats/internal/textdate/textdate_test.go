package textdate

import (
	"slices"
	"strings"
	"testing"
	"time"
)

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

// TestFindLoose: a two-digit year counts in FindLoose only, and the text
// before the date comes back.
func TestFindLoose(t *testing.T) {
	tests := []struct {
		in, iso, before string
		ok              bool
	}{
		{"28.01.22", "2022-01-28", "", true},
		{"Kultur, 2.11.98", "1998-11-02", "Kultur, ", true},
		{"Written: 2023-11-07 / Updated: 2023-11-08", "2023-11-07", "Written: ", true},
		{"31.02.22", "", "", false},
		{"version 1.2.3", "", "", false},
	}
	for _, tt := range tests {
		iso, before, ok := FindLoose(tt.in)
		if ok != tt.ok || iso != tt.iso || before != tt.before {
			t.Errorf("FindLoose(%q) = %q, %q, %v; want %q, %q, %v", tt.in, iso, before, ok, tt.iso, tt.before, tt.ok)
		}
	}
	if _, _, ok := Find("28.01.22"); ok {
		t.Error("Find read a two-digit year; only FindLoose may")
	}
}

// TestNearHeadline: a short line gives its date and the rest, a two-digit
// year counts only in a short line, and a paragraph gives a date only
// when it opens with it.
func TestNearHeadline(t *testing.T) {
	tests := []struct {
		in, iso, rest string
		ok            bool
	}{
		{"By Jane Roe | 03.11.2023", "2023-11-03", "By Jane Roe |  ", true},
		{"28.01.22 / 0 Kommentare", "2022-01-28", "  / 0 Kommentare", true},
		{"Von: Anna Roe | 31.10.23", "2023-10-31", "Von: Anna Roe |  ", true},
		// Nine words: too long for a loose year.
		{"Filed by Anna Roe and Jan Roe on 31.10.23", "", "", false},
		{"Pressemitteilung vom 25. Januar 2022 | Berlin – Die Stadt hat heute den neuen Plan für die Schulen vorgestellt.", "2022-01-25", "", true},
		{"Dienstag, 01.02.2022 Der Arbeitsmarkt zeigt sich im Januar stabil, sagte die Behörde am Morgen.", "2022-02-01", "", true},
		{"On March 5, 2024, the committee met to discuss the budget for the coming year.", "", "", false},
		{"The committee, which met on March 5, 2024, discussed the budget for the year.", "", "", false},
		{"No date in this line", "", "", false},
	}
	for _, tt := range tests {
		iso, rest, ok := NearHeadline(tt.in)
		if ok != tt.ok || iso != tt.iso || rest != tt.rest {
			t.Errorf("NearHeadline(%q) = %q, %q, %v; want %q, %q, %v", tt.in, iso, rest, ok, tt.iso, tt.rest, tt.ok)
		}
	}
}

// TestSlashed: a date with slashes gives both of its readings that are
// real days, day/month first, one where they agree or only one is real.
func TestSlashed(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"03/05/2022 21:44", []string{"2022-05-03", "2022-03-05"}},
		{"Brasília03/05/2022", []string{"2022-05-03", "2022-03-05"}},
		{"11/28/2023", []string{"2023-11-28"}},
		{"28/11/2023", []string{"2023-11-28"}},
		{"04/04/2020", []string{"2020-04-04"}},
		{"31/31/2020", nil},
		{"1/2/20", nil},
		{"2021/11/01", nil},
		{"no date", nil},
	}
	for _, tt := range tests {
		if got := Slashed(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Slashed(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestSlashedDay: one reading is taken in any language, two only where the
// language writes the day first.
func TestSlashedDay(t *testing.T) {
	tests := []struct {
		in, lang, iso string
		updated, ok   bool
	}{
		{"Veröffentlicht am 15/07/2014 von Guido Roe", "en", "2014-07-15", false, true},
		{"Redacción EC / 07/05/2022 20H06", "es", "2022-05-07", false, true},
		{"Actualizado 07/05/2022", "es", "2022-05-07", true, true},
		{"12/04/2020 by Kay", "en", "", false, false},
		{"12/04/2020 by Kay", "en-GB", "", false, false},
		{"12/04/2020 par Kay", "", "", false, false},
		{"no date", "de", "", false, false},
	}
	for _, tt := range tests {
		iso, updated, ok := SlashedDay(tt.in, tt.lang)
		if iso != tt.iso || updated != tt.updated || ok != tt.ok {
			t.Errorf("SlashedDay(%q, %q) = %q, %v, %v; want %q, %v, %v", tt.in, tt.lang, iso, updated, ok, tt.iso, tt.updated, tt.ok)
		}
	}
}

func TestIsUpdated(t *testing.T) {
	for in, want := range map[string]bool{
		"Updated: March 6, 2024 10:32 EST":                           true,
		"Evgenia Roe Zuletzt geändert am 06.11.2023":                 true,
		"Von Jan Roe | Oct 24, 2023 | Zuletzt geändert: Nov 7, 2023": false,
		"Written: 2023-11-07 / Updated: 2023-11-08":                  false,
		"Published March 6, 2024":                                    false,
		"Updated":                                                    false,
	} {
		if got := IsUpdated(in); got != want {
			t.Errorf("IsUpdated(%q) = %v, want %v", in, got, want)
		}
	}
}

// FuzzFind: any text gives either no date or a real day, the text before
// it is a prefix of the text (its Arabic-Indic digits read as ASCII), and
// TrimLabels leaves no space or separator at either end.
func FuzzFind(f *testing.F) {
	for _, s := range []string{"Posted on March 5, 2024 at 10:32 by Jane Roe", "Stand: Montag, 7. März 2022",
		"٥ مارس ٢٠٢٤", "28.01.22", "Written: 2023-11-07 / Updated: 2023-11-08", "31.02.2020", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if iso, _, ok := Find(s); ok {
			if _, err := time.Parse("2006-01-02", iso); err != nil {
				t.Fatalf("Find(%q) = %q, not a day", s, iso)
			}
		}
		if iso, before, ok := FindLoose(s); ok {
			if _, err := time.Parse("2006-01-02", iso); err != nil {
				t.Fatalf("FindLoose(%q) = %q, not a day", s, iso)
			}
			if !strings.HasPrefix(arabicDigits.Replace(s), before) {
				t.Fatalf("FindLoose(%q): %q is not what comes before the date", s, before)
			}
		}
		IsUpdated(s)
		if r := TrimLabels(s); r != strings.Trim(r, edgePunct+" ") {
			t.Fatalf("TrimLabels(%q) = %q, untrimmed", s, r)
		}
	})
}
