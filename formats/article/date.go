package article

import (
	"strings"

	"folio/formats/internal/textdate"
)

// dateLine reads a line that is only a date with its label ("Published
// 05.03.2024", "Updated: March 6, 2024 10:32 EST", "5 марта 2024 г.").
// updated reports an "Updated" label.
func dateLine(s string) (iso string, updated bool, ok bool) {
	if runeLen(s) > 80 {
		return "", false, false
	}
	iso, rest, ok := textdate.Find(s)
	if !ok {
		return "", false, false
	}
	rest = textdate.Clock.ReplaceAllString(rest, " ")
	rest = textdate.Weekday.ReplaceAllString(rest, " ")
	for i := 0; i < 3; i++ {
		rest = textdate.Label.ReplaceAllString(rest, " ")
	}
	rest = strings.Trim(strings.Join(words(rest), " "), ",.:;|·•-–—()")
	if len(words(rest)) > 1 {
		return "", false, false
	}
	return iso, textdate.IsUpdated(s), true
}
