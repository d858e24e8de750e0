package epub

import "testing"

// The title page's <time datetime> is the date at its own precision with
// at most three digits of a second's fraction (EPUBCheck and the Nu
// checker refuse more); a value that is no date gives no attribute.
func TestDatetimeAttr(t *testing.T) {
	for in, want := range map[string]string{
		"2023-11-08T21:24:10.336533-05:00": ` datetime="2023-11-08T21:24:10.336-05:00"`,
		"2024-03-05":                       ` datetime="2024-03-05"`,
		"2024":                             ` datetime="2024"`,
		"soon":                             "",
	} {
		if got := datetimeAttr(in); got != want {
			t.Errorf("datetimeAttr(%q) = %q, want %q", in, got, want)
		}
	}
}
