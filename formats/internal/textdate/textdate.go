// Package textdate finds dates written in text, as sites print them near
// a headline: "March 5, 2024", "5. März 2024", "5 de marzo de 2024",
// "05.03.2024", "2024-03-05", "5 марта 2024", "٥ مارس ٢٠٢٤". Both article
// readers use it: the copied-text reader on its lines, the saved-page
// reader on the text by the headline when the page's metadata gives no
// date. Dates in machine formats (meta tags, JSON-LD, <time>) are
// pipeline/doc's.
package textdate

import (
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"folio/formats/internal/lazyre"
)

// Month names by language. Russian uses the genitive ("5 марта 2024") and
// the nominative; Arabic both the Egyptian/Maghreb names and the Levantine
// ones.
var monthNames = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
	"july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
	"sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
	"января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6,
	"июля": 7, "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
	"январь": 1, "февраль": 2, "март": 3, "апрель": 4, "май": 5, "июнь": 6,
	"июль": 7, "август": 8, "сентябрь": 9, "октябрь": 10, "ноябрь": 11, "декабрь": 12,
	"يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "ابريل": 4, "إبريل": 4, "مايو": 5,
	"يونيو": 6, "يونيه": 6, "يوليو": 7, "يوليه": 7, "أغسطس": 8, "اغسطس": 8,
	"سبتمبر": 9, "أكتوبر": 10, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
	"كانون الثاني": 1, "شباط": 2, "آذار": 3, "نيسان": 4, "أيار": 5, "حزيران": 6,
	"تموز": 7, "آب": 8, "أيلول": 9, "تشرين الأول": 10, "تشرين الثاني": 11, "كانون الأول": 12,
	// German (with Austrian "Jänner"), French, Spanish, Italian,
	// Portuguese, Dutch and Polish (genitive, as dates write it), with the
	// abbreviations sites print.
	"januar": 1, "jänner": 1, "februar": 2, "märz": 3, "mär": 3, "mrz": 3, "mai": 5, "juni": 6,
	"juli": 7, "oktober": 10, "okt": 10, "dezember": 12, "dez": 12,
	"janvier": 1, "janv": 1, "février": 2, "févr": 2, "fév": 2, "mars": 3, "avril": 4, "avr": 4,
	"juin": 6, "juillet": 7, "juil": 7, "août": 8, "septembre": 9, "octobre": 10, "novembre": 11,
	"décembre": 12, "déc": 12,
	"enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
	"septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
	"gennaio": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7, "settembre": 9,
	"ottobre": 10, "dicembre": 12,
	"janeiro": 1, "fevereiro": 2, "março": 3, "maio": 5, "junho": 6, "julho": 7, "setembro": 9,
	"outubro": 10, "novembro": 11, "dezembro": 12,
	"januari": 1, "februari": 2, "maart": 3, "mei": 5, "augustus": 8,
	"stycznia": 1, "lutego": 2, "marca": 3, "kwietnia": 4, "maja": 5, "czerwca": 6, "lipca": 7,
	"sierpnia": 8, "września": 9, "października": 10, "listopada": 11, "grudnia": 12,
}

var (
	monthAlt = func() string {
		var names []string
		for k := range monthNames {
			names = append(names, k)
		}
		// Longest first so "march" wins over "mar" and "كانون الثاني" over nothing.
		return lazyre.Alternation(names)
	}()
	reISODate  = lazyre.New(`\b(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?\b`)
	reDotDate  = lazyre.New(`\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b`)
	reDotShort = lazyre.New(`\b(\d{1,2})\.(\d{1,2})\.(\d{2})\b`)
	reSlashed  = lazyre.New(`(?:^|[^\d/])(\d{1,2})/(\d{1,2})/(\d{4})\b`)
	reMonthDay = lazyre.New(`(?i)(?:^|[^\p{L}])(` + monthAlt + `)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
	reDayMonth = lazyre.New(`(?i)\b(\d{1,2})(?:st|nd|rd|th|er|º|\.)?\s+(?:of\s+|de\s+)?(` + monthAlt + `)\.?,?\s+(?:de\s+)?(\d{4})`)
	// Clock is a time of day, Weekday a day's name, Label a word or
	// phrase around a date (leadLabels and glueLabels) anywhere in a
	// text, Lead one of leadLabels opening it, Updated a word that marks
	// the date of a change.
	Clock   = lazyre.New(`(?i)\b\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s+(?:[A-Z]{2,5}|GMT|UTC)(?:[+-]\d{1,2})?)?`)
	Weekday = lazyre.New(`(?i)(?:^|[^\p{L}])(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|понедельник|вторник|среда|четверг|пятница|суббота|воскресенье|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|mo|di|mi|do|fr|sa|so|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado|domingo|lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica|الاثنين|الإثنين|الثلاثاء|الأربعاء|الخميس|الجمعة|السبت|الأحد)(?:[^\p{L}]|$)`)
	Label   = lazyre.New(`(?i)(?:^|[^\p{L}])(?:` + lazyre.Alternation(leadLabels, glueLabels) + `)(?:[^\p{L}]|$)`)
	// Lead is a label that opens a line and names the date that follows
	// as the text's own: "Datum:", "Published on", "Veröffentlicht am",
	// "Stand", "Pressemitteilung vom", "Last updated". Unlike the glue
	// words ("on", "am", "le"), none of them leads into a date that is
	// not the text's.
	Lead    = lazyre.New(`(?i)^(?:` + lazyre.Alternation(leadLabels) + `)\s*:?\s+`)
	Updated = lazyre.New(`(?i)updated|last modified|letzte änderung|zuletzt geändert|geändert am|обновлено|تحديث|حُدّث|aktualisiert|mis à jour|actualizado|atualizado|aggiornato|bijgewerkt|zaktualizowano`)
)

// leadLabels name the date after them as the text's own, in the languages
// of the month names; glueLabels are the short words that join a date to
// the rest of a line ("on", "am", "le", "um … Uhr"). One list each: the
// patterns Label and Lead and the words TrimLabels cuts come from them.
var (
	leadLabels = []string{
		"date", "datum", "fecha", "дата", "дата публикации",
		"published", "published on", "first published", "first published on", "posted", "posted on",
		"updated", "updated on", "last updated", "last modified", "last modified on",
		"veröffentlicht", "veröffentlicht am", "erstellt", "erstellt am", "publiziert", "publiziert am",
		"erschienen", "erschienen am", "aktualisiert", "aktualisiert am", "zuletzt aktualisiert",
		"zuletzt aktualisiert am", "zuletzt geändert", "zuletzt geändert am", "letzte änderung", "geändert am",
		"stand", "stand vom", "pressemitteilung vom",
		"publié", "publié le", "mis à jour", "mis à jour le",
		"publicado", "publicado el", "publicado em", "actualizado", "actualizado el", "atualizado", "atualizado em",
		"pubblicato", "pubblicato il", "aggiornato", "aggiornato il",
		"gepubliceerd", "gepubliceerd op", "bijgewerkt", "bijgewerkt op",
		"opublikowano", "zaktualizowano", "опубликовано", "обновлено",
		"آخر تحديث", "تحديث", "نُشر", "نشر في", "نشر", "بتاريخ",
	}
	glueLabels = []string{
		"on", "at", "am", "um", "uhr", "le", "à", "el", "em", "a las", "às", "il", "alle", "op", "om",
		"г", "года", "в", "في",
	}
	// labelWords are the words of every label, for TrimLabels.
	labelWords = func() map[string]bool {
		m := map[string]bool{}
		for _, l := range append(slices.Clone(leadLabels), glueLabels...) {
			for _, w := range strings.Fields(l) {
				m[w] = true
			}
		}
		return m
	}()
)

// IsLabelWord reports a word of a date's label ("Posted", "am", "Uhr"),
// in any case.
func IsLabelWord(w string) bool { return labelWords[strings.ToLower(w)] }

// TrimLabels tidies what is left of a line once its date is cut out (the
// rest Find returns): it drops the clock time and the weekday, then the
// label words at both ends, so that "Posted on   at 10:32 by Jane Roe"
// is "by Jane Roe" and "Von Anna Roe am   um 15:32 Uhr" is "Von Anna
// Roe".
func TrimLabels(rest string) string {
	rest = Clock.ReplaceAllString(rest, " ")
	rest = Weekday.ReplaceAllString(rest, " ")
	ws := strings.Fields(rest)
	trim := func(w string) string { return strings.Trim(w, edgePunct) }
	for len(ws) > 0 && (trim(ws[0]) == "" || IsLabelWord(trim(ws[0]))) {
		ws = ws[1:]
	}
	for len(ws) > 0 && (trim(ws[len(ws)-1]) == "" || IsLabelWord(trim(ws[len(ws)-1]))) {
		ws = ws[:len(ws)-1]
	}
	return strings.Trim(strings.Join(ws, " "), edgePunct+" ")
}

// edgePunct is what separates a date from the rest of its line.
const edgePunct = ",.:;|·•-–—/"

// arabicDigits maps Arabic-Indic and Persian digits to ASCII, so that
// "٥ مارس ٢٠٢٤" parses like "5 مارس 2024". Each replaced digit keeps the
// string's structure (rune for rune), which is all matching needs.
var arabicDigits = strings.NewReplacer(
	"٠", "0", "١", "1", "٢", "2", "٣", "3", "٤", "4", "٥", "5", "٦", "6", "٧", "7", "٨", "8", "٩", "9",
	"۰", "0", "۱", "1", "۲", "2", "۳", "3", "۴", "4", "۵", "5", "۶", "6", "۷", "7", "۸", "8", "۹", "9",
)

// Find finds the first date in s and returns it as YYYY-MM-DD with the
// text that remains once the date is cut out.
func Find(s string) (iso, rest string, ok bool) {
	iso, s, start, end, ok := find(s, false)
	if !ok {
		return "", s, false
	}
	return iso, s[:start] + " " + s[end:], true
}

// FindLoose is Find that also reads a day with a two-digit year,
// "28.01.22" (2000–2069, else 1970–1999): for text a page marks as a date,
// where a short number with two dots is one; in running text it is as
// likely a version or a score.
// It returns the text before the date, so that a caller can read the label
// of the date found ("Written: … / Updated: …") and tell whether it opens
// the text.
func FindLoose(s string) (iso, before string, ok bool) {
	iso, s, start, _, ok := find(s, true)
	if !ok {
		return "", "", false
	}
	return iso, s[:start], true
}

// Slashed reads the first date written with slashes in s, "03/05/2022",
// both ways: as day/month/year, as most of the world writes it, and as
// month/day/year, as the United States does. It returns the readings that
// are real days, day/month first; Find reads neither, as the text alone
// cannot tell them apart. A caller that knows the day within one or two
// (from a page's metadata) can.
func Slashed(s string) []string {
	days, _ := slashed(s)
	return days
}

// slashed is Slashed, with the text before the date.
func slashed(s string) (days []string, before string) {
	s = arabicDigits.Replace(s)
	m := reSlashed.FindStringSubmatchIndex(s)
	if m == nil {
		return nil, ""
	}
	a, _ := strconv.Atoi(s[m[2]:m[3]])
	b, _ := strconv.Atoi(s[m[4]:m[5]])
	y, _ := strconv.Atoi(s[m[6]:m[7]])
	for _, dm := range [][2]int{{a, b}, {b, a}} {
		if iso, ok := realDay(y, dm[1], dm[0]); ok && !slices.Contains(days, iso) {
			days = append(days, iso)
		}
	}
	return days, s[:m[0]]
}

// SlashedDay is the day a date with slashes names in text in language lang
// (a BCP 47 tag): its one reading that is a real day ("28/11/2023"), or,
// where both are, day/month in any language but English ("03/05/2022" is
// 3 May in Spanish, French or German; in English it may be 5 March, and
// is left unread). updated reports an Updated word before it
// ("Actualizado 07/05/2022").
func SlashedDay(s, lang string) (iso string, updated, ok bool) {
	days, before := slashed(s)
	switch {
	case len(days) == 1:
	case len(days) == 2 && lang != "" && lang != "en" && !strings.HasPrefix(lang, "en-"):
	default:
		return "", false, false
	}
	return days[0], Updated.MatchString(before), true
}

// IsUpdated reports a text whose first date is labelled as a change: an
// Updated word stands before it ("Updated: March 6, 2024", "Zuletzt
// geändert am 06.11.2023"), not only after it ("Oct 24, 2023 | Zuletzt
// geändert: Nov 7, 2023" is the day of publication).
func IsUpdated(s string) bool {
	_, before, ok := FindLoose(s)
	return ok && Updated.MatchString(before)
}

// find returns the first date in s: its day, s with Arabic-Indic digits
// read as ASCII ones, and where in that the date stands.
func find(s string, loose bool) (iso, text string, start, end int, ok bool) {
	if strings.IndexFunc(s, unicode.IsDigit) < 0 {
		// Every form names its year in digits; most lines have none,
		// and the month names make the patterns slow.
		return "", s, 0, 0, false
	}
	s = arabicDigits.Replace(s)
	type match struct {
		loc     []int
		y, m, d string
		named   bool
	}
	var best *match
	try := func(re *lazyre.RE, order string) {
		loc := re.FindStringSubmatchIndex(s)
		if loc == nil {
			return
		}
		if best != nil && best.loc[0] <= loc[0] {
			return
		}
		g := func(i int) string { return s[loc[2*i]:loc[2*i+1]] }
		m := &match{loc: loc}
		switch order {
		case "ymd":
			m.y, m.m, m.d = g(1), g(2), g(3)
		case "dmy":
			m.d, m.m, m.y = g(1), g(2), g(3)
		case "Mdy":
			m.m, m.d, m.y, m.named = g(1), g(2), g(3), true
		case "dMy":
			m.d, m.m, m.y, m.named = g(1), g(2), g(3), true
		}
		best = m
	}
	try(reISODate, "ymd")
	try(reDotDate, "dmy")
	try(reMonthDay, "Mdy")
	try(reDayMonth, "dMy")
	if best == nil && loose {
		try(reDotShort, "dmy")
		if best != nil {
			if y, _ := strconv.Atoi(best.y); y < 70 {
				best.y = "20" + best.y
			} else {
				best.y = "19" + best.y
			}
		}
	}
	if best == nil {
		return "", s, 0, 0, false
	}
	// Atoi, not Sscan: Sscan reads "08" and "09" as bad octal.
	y, _ := strconv.Atoi(best.y)
	d, _ := strconv.Atoi(best.d)
	mo := monthNames[strings.ToLower(best.m)]
	if !best.named {
		mo, _ = strconv.Atoi(best.m)
	}
	iso, ok = realDay(y, mo, d)
	if !ok {
		return "", s, 0, 0, false
	}
	return iso, s, best.loc[0], best.loc[1], true
}

// realDay is year y, month mo, day d as YYYY-MM-DD when they name a real
// day between 1800 and 2200 ("31.02." names none).
func realDay(y, mo, d int) (iso string, ok bool) {
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if y < 1800 || y > 2200 || mo < 1 || mo > 12 || t.Day() != d || int(t.Month()) != mo {
		return "", false
	}
	return t.Format("2006-01-02"), true
}
