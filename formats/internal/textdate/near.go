package textdate

import (
	"strings"

	"folio/formats/internal/sentence"
)

// NearHeadline reads a line (or a run of a page's text) by an article's
// headline for the article's date, as both readers search there:
//
//   - a short line with a date: "5. März 2024 · Filed under …", "By Jane
//     Roe | 03.11.2023"; in a line of LooseWords words or fewer a
//     two-digit year counts ("28.01.22 / 0 Kommentare");
//   - a paragraph (more than 20 words, or a sentence of more than 8) that
//     opens with its date after nothing but a label and a weekday
//     ("Pressemitteilung vom 25. Januar 2022 | Berlin – Die …"); a date
//     later in it, or after a glue word ("On March 5, 2024, the committee
//     met …"), is an event's, not the article's.
//
// rest is the line with the date cut out (Find), "" for a paragraph; all
// are zero when ok is false.
func NearHeadline(s string) (iso, rest string, ok bool) {
	ws := strings.Fields(s)
	if Paragraph(s) {
		if iso, ok = opening(strings.Join(ws[:min(len(ws), 8)], " ")); !ok {
			return "", "", false
		}
		return iso, "", true
	}
	// find reads a four-digit year before a two-digit one.
	iso, s, start, end, ok := find(s, len(ws) <= LooseWords)
	if !ok {
		return "", "", false
	}
	return iso, s[:start] + " " + s[end:], true
}

// Paragraph reports a text by the headline that is running prose, not a
// line of the article's furniture: more than 20 words, or a sentence of
// more than 8 ("November 8 2023, 3:18 p.m." is a dated line, not a
// sentence).
func Paragraph(s string) bool {
	n := len(strings.Fields(s))
	return n > 20 || n > 8 && sentence.Ends(s)
}

// LooseWords is the most words of a line by the headline in which a
// two-digit year counts.
const LooseWords = 8

// opening is the date that opens s after nothing but a Lead label and a
// weekday.
func opening(s string) (iso string, ok bool) {
	iso, before, ok := FindLoose(s)
	if !ok {
		return "", false
	}
	before = strings.Trim(Weekday.ReplaceAllString(before, " "), " ,")
	if before == "" {
		return iso, true
	}
	loc := Lead.FindStringIndex(before + " ")
	return iso, loc != nil && loc[1] == len(before)+1
}
