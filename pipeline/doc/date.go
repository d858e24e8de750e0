package doc

import (
	"strings"
	"time"
)

// DatePrecision says how much of a date was written: a year, a month, a
// day, or a time of day.
type DatePrecision int

const (
	NoDate DatePrecision = iota
	YearPrecision
	MonthPrecision
	DayPrecision
	TimePrecision
)

// dateLayouts is every written form of a date Folio accepts, wherever it
// is written (front matter, a sidecar, --meta, a saved page's metadata, a
// JSON tree). It is the one list; readers normalise with NormalizeDate and
// writers read the tree's form with ParseDate. zoned is false for a time
// written without a zone, which is taken as UTC so the result does not
// depend on the machine.
var dateLayouts = []struct {
	layout string
	prec   DatePrecision
	zoned  bool
}{
	{"2006-01-02", DayPrecision, true},
	{time.RFC3339Nano, TimePrecision, true},
	{"2006-01-02T15:04:05Z0700", TimePrecision, true},
	{"2006-01-02T15:04Z07:00", TimePrecision, true},
	{"2006-01-02T15:04Z0700", TimePrecision, true},
	{"2006-01-02 15:04:05Z07:00", TimePrecision, true},
	{"2006-01-02 15:04:05 Z07:00", TimePrecision, true},
	{"2006-01-02 15:04:05 -0700", TimePrecision, true},
	{"2006-01-02 15:04:05 -7", TimePrecision, true},
	{"2006-01-02T15:04:05", TimePrecision, false},
	{"2006-01-02T15:04", TimePrecision, false},
	{"2006-01-02 15:04:05", TimePrecision, false},
	{"2006-01-02 15:04", TimePrecision, false},
	{"2006/01/02", DayPrecision, true},
	{"20060102", DayPrecision, true},
	{"January 2, 2006", DayPrecision, true},
	{"2 January 2006", DayPrecision, true},
	{"Jan 2, 2006", DayPrecision, true},
	{"2 Jan 2006", DayPrecision, true},
	{"2006-01", MonthPrecision, true},
	{"2006", YearPrecision, true},
}

// ParseDate reads a date in any form Folio accepts and says how precise
// it is. A time without a zone is UTC.
func ParseDate(s string) (time.Time, DatePrecision, bool) {
	s = strings.TrimSpace(s)
	for _, l := range dateLayouts {
		t, err := time.Parse(l.layout, s)
		if err != nil {
			continue
		}
		if !l.zoned {
			t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
		}
		if !DateInRange(t) {
			return time.Time{}, NoDate, false
		}
		return t, l.prec, true
	}
	return time.Time{}, NoDate, false
}

// DateInRange reports whether t, in UTC, falls in the years 0001–9999:
// what every output can carry. EPUB's dcterms:modified must be
// CCYY-MM-DDThh:mm:ssZ, four digits, in UTC, so 9999-12-31T23:00:00-12:00
// (which is 10000-01-01T11:00:00Z) made an invalid book (EPUBCheck
// RSC-005, the red team's r15 through a document's own date); year 0000
// is no year in dc:date's W3CDTF (OPF-053), nor in a PDF date.
func DateInRange(t time.Time) bool {
	y := t.UTC().Year()
	return y >= 1 && y <= 9999
}

// NormalizeDate rewrites a date in the tree's form: "2006", "2006-01",
// "2006-01-02" or an RFC 3339 time; ok is false when s is not a date.
func NormalizeDate(s string) (string, DatePrecision, bool) {
	t, prec, ok := ParseDate(s)
	if !ok {
		return "", NoDate, false
	}
	return FormatDate(t, prec), prec, true
}

// FormatDate writes t in the tree's form at the given precision. A time
// keeps at most milliseconds: HTML's datetime attribute takes one to
// three digits of a second's fraction, and pages write six
// ("21:24:10.336533-05:00"), which no reader needs.
func FormatDate(t time.Time, prec DatePrecision) string {
	switch prec {
	case YearPrecision:
		return t.Format("2006")
	case MonthPrecision:
		return t.Format("2006-01")
	case DayPrecision:
		return t.Format(time.DateOnly)
	}
	return t.Truncate(time.Millisecond).Format("2006-01-02T15:04:05.999Z07:00")
}

// MachineDate is a date in the form of HTML's datetime attribute (a year,
// a month, a day, or a time with its zone), or "" when s is not a date.
func MachineDate(s string) string {
	t, prec, ok := ParseDate(s)
	if !ok {
		return ""
	}
	return FormatDate(t, prec)
}

// timeDate is the tree's form of a time a YAML decoder gave: a day when
// it is midnight (YAML decodes 2024-03-05 so), else the time.
func timeDate(t time.Time) string {
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
		return FormatDate(t, DayPrecision)
	}
	return FormatDate(t, TimePrecision)
}
