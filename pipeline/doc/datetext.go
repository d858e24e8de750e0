package doc

import (
	"strconv"
	"strings"
	"time"
)

// monthNames are the months as they stand in a written date ("11 April
// 2024"): genitive in Russian and Ukrainian, lower case where the language
// writes them so. Arabic uses the names of the Levant and Egypt's press
// (أبريل); Persian writes Gregorian months by their French-derived names.
var monthNames = map[string][12]string{
	"en": {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
	"ru": {"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"},
	"uk": {"січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня", "жовтня", "листопада", "грудня"},
	"fr": {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
	"de": {"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"},
	"es": {"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
	"ar": {"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"},
	"fa": {"ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن", "ژوئیه", "اوت", "سپتامبر", "اکتبر", "نوامبر", "دسامبر"},
}

// standaloneMonths are months named without a day ("April 2024"), where
// Slavic languages use the nominative.
var standaloneMonths = map[string][12]string{
	"ru": {"январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"},
	"uk": {"січень", "лютий", "березень", "квітень", "травень", "червень", "липень", "серпень", "вересень", "жовтень", "листопад", "грудень"},
}

// ShowDate writes a document date (ISO 8601 as the tree carries it) the
// way a reader of the language writes it: "11 April 2024", "11 апреля
// 2024", "11 avril 2024", "11. April 2024", "11 de abril de 2024",
// "11 أبريل 2024". A date with a time of day shows the day only (the
// machine-readable forms keep the time); a month alone shows month and
// year; text that is not a date is returned as written. Languages without
// month names here get English. It is the one place every writer turns a
// date into words, so the PDF, EPUB and HTML say the same thing.
func ShowDate(s, lang string) string {
	s = strings.TrimSpace(s)
	t, prec, ok := ParseDate(s)
	if !ok {
		return s
	}
	pl := PrimaryLang(lang)
	names, ok := monthNames[pl]
	if !ok {
		pl, names = "en", monthNames["en"]
	}
	year := strconv.Itoa(t.Year())
	switch prec {
	case YearPrecision:
		return year
	case MonthPrecision:
		month := names[t.Month()-1]
		if st, ok := standaloneMonths[pl]; ok {
			month = st[t.Month()-1]
		}
		if pl == "es" {
			return month + " de " + year
		}
		return month + " " + year
	}
	return dayMonthYear(pl, t, names[t.Month()-1], year)
}

func dayMonthYear(pl string, t time.Time, month, year string) string {
	day := strconv.Itoa(t.Day())
	switch pl {
	case "de":
		return day + ". " + month + " " + year
	case "es":
		return day + " de " + month + " de " + year
	case "fr":
		if t.Day() == 1 {
			day = "1er"
		}
	}
	return day + " " + month + " " + year
}
