package doc

import "testing"

func TestNormalizeDate(t *testing.T) {
	tests := []struct {
		in, want string
		prec     DatePrecision
	}{
		{"2024-03-05", "2024-03-05", DayPrecision},
		{" 2024-03-05 ", "2024-03-05", DayPrecision},
		{"2024-03-05T14:30:00+01:00", "2024-03-05T14:30:00+01:00", TimePrecision},
		{"2024-03-05 14:30:00 +01:00", "2024-03-05T14:30:00+01:00", TimePrecision},
		{"2024-03-05T14:30:00.5Z", "2024-03-05T14:30:00.5Z", TimePrecision},
		// At most milliseconds: HTML's datetime takes one to three digits.
		{"2023-11-08T21:24:10.336533-05:00", "2023-11-08T21:24:10.336-05:00", TimePrecision},
		{"2017-11-24T18:42:20.314667", "2017-11-24T18:42:20.314Z", TimePrecision},
		{"2017-11-24T18:42:20.000400Z", "2017-11-24T18:42:20Z", TimePrecision},
		{"2024-03-05T14:30", "2024-03-05T14:30:00Z", TimePrecision}, // no zone: UTC
		{"2024-03-05T14:30:00+0100", "2024-03-05T14:30:00+01:00", TimePrecision},
		{"2024/03/05", "2024-03-05", DayPrecision},
		{"20240305", "2024-03-05", DayPrecision},
		{"March 5, 2024", "2024-03-05", DayPrecision},
		{"5 Mar 2024", "2024-03-05", DayPrecision},
		{"2024-03", "2024-03", MonthPrecision},
		{"2024", "2024", YearPrecision},
	}
	for _, tt := range tests {
		got, prec, ok := NormalizeDate(tt.in)
		if !ok || got != tt.want || prec != tt.prec {
			t.Errorf("NormalizeDate(%q) = %q, %v, %v; want %q, %v", tt.in, got, prec, ok, tt.want, tt.prec)
		}
	}
	for _, bad := range []string{"", "yesterday", "2024-13-45", "05/03/2024", "14:30"} {
		if got, _, ok := NormalizeDate(bad); ok {
			t.Errorf("NormalizeDate(%q) = %q, want not a date", bad, got)
		}
	}
}

func TestLangTag(t *testing.T) {
	for in, want := range map[string]string{
		"en": "en", "EN-us": "en-US", "pt_BR": "pt-BR", "sr-latn": "sr-Latn", " ru ": "ru", "zh-Hant-TW": "zh-Hant-TW",
		// Subtags out of BCP 47's order cut the tag; extended language
		// subtags are dropped (a validator checks their prefix).
		"de-ere": "de", "zh-yue-HK": "zh-HK", "en-US-english": "en-US-english", "de-CH-1901": "de-CH-1901",
		"en-GB-oed-x": "en-GB", "en-u-ca-gregory": "en-u-ca-gregory", "es-419": "es-419", "en-x-klingon": "en-x-klingon",
		"en-US-GB": "en-US", "fr-Latn-Latn": "fr-Latn", "en-abc": "en",
	} {
		if got, ok := LangTag(in); !ok || got != want {
			t.Errorf("LangTag(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "e", "english", "en--US", "en US", "<en>", "en-toolongsubtag"} {
		if got, ok := LangTag(bad); ok {
			t.Errorf("LangTag(%q) = %q, want refused", bad, got)
		}
	}
}

func TestTextChar(t *testing.T) {
	for _, r := range []rune{'\t', '\n', '\r', ' ', 'a', 0xA0, 0xD7FF, 0xE000, 0xFFFD, 0x10000, 0x1F600, 0x10FFFD} {
		if !TextChar(r) {
			t.Errorf("TextChar(%U) = false, want true", r)
		}
	}
	for _, r := range []rune{0, 0x1F, 0x7F, 0x85, 0x9F, 0xD800, 0xDFFF, 0xFDD0, 0xFDEF, 0xFFFE, 0xFFFF, 0x1FFFE, 0x10FFFF, 0x110000} {
		if TextChar(r) {
			t.Errorf("TextChar(%U) = true, want false", r)
		}
	}
	if got, n := StripText("a\x00b\u0085c\uFFFEd"); got != "abcd" || n != 3 {
		t.Errorf("StripText = %q, %d", got, n)
	}
}

// MachineDate is what a <time datetime> holds, at the date's own
// precision.
func TestMachineDate(t *testing.T) {
	for in, want := range map[string]string{
		"2023-11-08T21:24:10.336533-05:00": "2023-11-08T21:24:10.336-05:00",
		"5 Mar 2024":                       "2024-03-05",
		"2024-03":                          "2024-03",
		"2024":                             "2024",
		"yesterday":                        "",
	} {
		if got := MachineDate(in); got != want {
			t.Errorf("MachineDate(%q) = %q, want %q", in, got, want)
		}
	}
}
