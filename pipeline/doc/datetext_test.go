package doc

import "testing"

func TestShowDate(t *testing.T) {
	tests := []struct {
		name, in, lang, want string
	}{
		{"English day", "2024-04-11", "en", "11 April 2024"},
		{"no language is English", "2024-04-11", "", "11 April 2024"},
		{"Russian genitive month", "2024-04-11", "ru", "11 апреля 2024"},
		{"Ukrainian genitive month", "2024-04-11", "uk-UA", "11 квітня 2024"},
		{"French first of the month", "2024-05-01", "fr", "1er mai 2024"},
		{"German ordinal dot", "2024-03-02", "de", "2. März 2024"},
		{"Spanish with de", "2024-04-11", "es", "11 de abril de 2024"},
		{"Arabic month name", "2024-04-11", "ar", "11 أبريل 2024"},
		{"time of day shows the day only", "2024-04-11T09:30:00+02:00", "en", "11 April 2024"},
		{"month alone, Russian nominative", "2024-04", "ru", "апрель 2024"},
		{"unknown language falls back to English", "2024-04-11", "sw", "11 April 2024"},
		{"not a date stays as written", "Spring 2024", "en", "Spring 2024"},
		{"empty stays empty", "", "en", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ShowDate(tt.in, tt.lang); got != tt.want {
				t.Errorf("ShowDate(%q, %q) = %q, want %q", tt.in, tt.lang, got, tt.want)
			}
		})
	}
}

func TestShowDateYearAlone(t *testing.T) {
	if got := ShowDate("2024", "fr"); got != "2024" {
		t.Errorf("a year alone shows as %q, want 2024", got)
	}
}
