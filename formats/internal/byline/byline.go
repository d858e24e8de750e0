// Package byline reads bylines as sites print them, in the languages
// Folio meets most: "By Jane Doe and John Roe, Reuters", "Written by …",
// "Von Anna Müller", "Par Loïc Le Clerc", "Por José de la Cruz", "Autor:
// …", "Автор: …", "بقلم …". Both article readers use it: the copied-text
// reader on its lines, the saved-page reader on the text of a page's
// byline element.
package byline

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"folio/formats/internal/lazyre"
	"folio/formats/internal/sentence"
)

// The words that open a byline, one list for each kind: leads are sure
// of themselves ("By …", "Written by …", "Автор …"); otherLeads are
// mostly prepositions too ("von", "par", "di"), so the names after them
// must look like names (NameLike); labelLeads need their colon ("Autor:
// …", "Text: …"). Prepositions are the one-word leads a link's text ends
// on ("View all posts by …").
var (
	leads = []string{
		"by", "written by", "words by", "story by", "text by", "posted by", "post author", "post author by",
		"author", "authors", "автор", "авторы", "текст", "بقلم", "كتب", "كتبه", "إعداد",
	}
	otherLeads = []string{
		"von", "geschrieben von", "verfasst von", "veröffentlicht von",
		"par", "écrit par", "publié par", "por", "escrito por", "publicado por",
		"di", "scritto da", "pubblicato da", "a cura di", "door", "geschreven door",
	}
	labelLeads   = []string{"autor", "autorin", "autoren", "auteur", "autore", "auteurs", "text", "texto", "testo", "tekst"}
	prepositions = []string{"by", "von", "par", "por", "di", "door"}
	// leadWords are the words of every lead, for IsLeadWord.
	leadWords = func() map[string]bool {
		m := map[string]bool{}
		for _, list := range [][]string{leads, otherLeads, labelLeads} {
			for _, l := range list {
				for _, w := range strings.Fields(l) {
					m[w] = true
				}
			}
		}
		return m
	}()
)

var (
	reByline = lazyre.New(`^(?i:` + lazyre.Alternation(leads) + `)(?:\s*[:：]\s*|\s+)(.+)$`)
	// reBylineOther is a byline in the other languages sites write:
	// German, French, Spanish, Italian, Portuguese, Dutch, Polish, with
	// German's "Ein Beitrag von", "Gastartikel von" and the like.
	reBylineOther = lazyre.New(`^(?i:(?:ein |eine )?(?:blog[- ]?|gast)?(?:beitrag|artikel|interview|kommentar|text|bericht|essay|rezension|kolumne) von|` +
		lazyre.Alternation(otherLeads) + `)(?:\s*[:：]\s*|\s+)(.+)$`)
	// reBylineLabel is a label that needs its colon: "Autor: …",
	// "Text: …".
	reBylineLabel = lazyre.New(`^(?i:` + lazyre.Alternation(labelLeads) + `)\s*[:：]\s*(.+)$`)
	// reLeadLabel is any lead with a colon, for CutLabel.
	reLeadLabel = lazyre.New(`^(?i:` + lazyre.Alternation(leads, otherLeads, labelLeads) + `)\s*[:：]\s*`)
	// reLinkName is the name after the last preposition of a link's
	// text, for LinkName.
	// The name may be a lower-case handle ("Alle Beiträge von uriebe").
	reLinkName = lazyre.New(`(?i)\b(?:` + lazyre.Alternation(prepositions) + `)\s+(\pL[^→»›]*?)\s*[→»›]*$`)
	// reBylineGlued is a byline whose space a page's copy lost: "ByAlex
	// Doe", "Veröffentlicht vonChris Jung".
	reBylineGlued = lazyre.New(`^(By|Von|von|(?:Veröffentlicht|Geschrieben|Verfasst|Erstellt) von|Par|par|Por|por)(\p{Lu}[\p{Ll}.].*)$`)
	// reBylineSplit separates several names: commas (Latin and Arabic),
	// "and", "&", Russian "и" and a free-standing Arabic "و".
	reBylineSplit = lazyre.New(`\s*[,،]\s*|\s+/\s+|\s+(?:and|&|и|و|und|et|y|e|en|i|oraz)\s+`)
	reBylinePlace = lazyre.New(`(?i)\s+(?:in|from|в|из|من|في)\s+\S+(?:\s+\S+)?$|\s+under\s+.*$`)
	// reNextField is a field's label after a byline's names: a
	// capitalised word with its colon ("Kategorien:", "Quelle:").
	reNextField = lazyre.New(`[ ,;·]\s*\p{Lu}\p{Ll}+[:：]\s*[^\s:：]`)
	// reStamp is a time stamp after the names, its date without a year
	// ("By Jane Roe March 18 at 12:22 PM Follow @janeroe"), with what
	// follows it.
	reStamp = lazyre.New(`(?i)\s+(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+)?at\s+\d{1,2}:\d\d\s*[ap]\.?m\b.*$`)
	// reGluedAgency is an agency after a name and a slash, no spaces:
	// "Peter Roe/SP-X", "Jane Roe/dpa".
	reGluedAgency = lazyre.New(`\pL/((?:\p{Lu}[\p{Lu}\d-]+|dpa|afp|apa|sda|kna|epd))$`)
	// reHandle is an e-mail address or a social handle after a name.
	reHandle = lazyre.New(`\s*\S*@\S+`)
	// reBracketNote is a note in brackets after a name.
	reBracketNote = lazyre.New(`\s*\([^()]*\)`)
)

// IsLeadWord reports a word of a byline's lead ("By", "written", "von",
// "Autor"), in any case.
func IsLeadWord(w string) bool { return leadWords[strings.ToLower(w)] }

// reNoise is what a byline-and-date line carries besides the two: a
// reading time ("5 min read", "Lesezeit: 4 Min."), a count in brackets
// ("(1599 x gelesen)"), the comments' count or prompt ("7 comments", "Ein
// Kommentar", "Kommentare 34", "Schreibe einen Kommentar", "Leave a
// comment"), a bare count at its end ("Jane Roe 13").
var reNoise = lazyre.New(`(?i)\([^()]*\)` +
	`|(?:lesezeit|reading time|temps de lecture)\s*:?\s*\d+\s*min\pL*\.?` +
	`|\b\d+\s*(?:min(?:ute)?s?|minuten)\.?(?:\s+(?:read|reading|lesezeit|de lecture|de lectura))?\b` +
	`|\b(?:\d+|one|no|ein|eine|keine|un|une|aucun)\s+(?:comments?|kommentare?|commentaires?|comentarios?|replies|antworten)\b` +
	`|\b(?:comments?|kommentare)\s*:?\s*\d+\b` +
	`|\b(?:schreibe|hinterlasse|leave)\s+(?:einen|a)\s+(?:kommentar|comment|reply)\b` +
	`|\s\d{1,5}\s*$`)

// CutNoise blanks what a byline-and-date line says besides the two
// (reNoise), for a caller that reads the names in what is left.
func CutNoise(s string) string { return reNoise.ReplaceAllString(s, " ") }

// CutLabel cuts a lead followed by a colon off the front of s ("Author:
// Bo2man" is "Bo2man": a name Parse refuses, since it has a digit, but a
// name).
func CutLabel(s string) string { return reLeadLabel.ReplaceAllString(s, "") }

// LinkName is the name after the last preposition that ends a longer text
// ("Zeige alle Beiträge von Jane Roe →", "View all posts by jroe"), for
// the text of an author's link, where that is a name; ok is false when
// there is none, or when the text starts with it.
func LinkName(s string) (name string, ok bool) {
	m := reLinkName.FindStringSubmatchIndex(s)
	if m == nil || m[0] == 0 {
		return "", false
	}
	return s[m[2]:m[3]], true
}

// roleWords mark a byline part that is a job title, not a name.
var roleWords = map[string]bool{
	"correspondent": true, "editor": true, "reporter": true, "staff": true, "writer": true,
	"contributor": true, "columnist": true, "analyst": true, "fellow": true, "researcher": true,
	"корреспондент": true, "редактор": true, "обозреватель": true, "مراسل": true, "محرر": true,
}

// Byline is what a byline says: its authors, and the publisher or agency
// named after them ("By Jane Doe, Reuters").
type Byline struct {
	Authors   []string
	Publisher string
}

// Parse reads "By Jane Doe and John Roe, Agency", "Written by …",
// "Author: …", "Автор: …", "بقلم …".
func Parse(s string) (Byline, bool) { return parse(s, false) }

// ParseDated reads the byline of a line that also printed a date (cut out
// before the call): the date vouches for the line, so after "von", "par",
// "by" one word or a lower-case handle is a name too ("von eseppelt ·
// 31. Oktober 2023", "Von Heiko, 9. Februar 2019"), where Parse wants a
// name of two capitalised words.
func ParseDated(s string) (Byline, bool) { return parse(s, true) }

func parse(s string, dated bool) (Byline, bool) {
	if runeLen(s) > 160 || strings.ContainsAny(s, "©") {
		return Byline{}, false
	}
	// A copy keeps the page's no-break spaces ("By\u00a0Jane Roe") and
	// the rule drawn before a byline ("---- by Jane Roe").
	s = strings.TrimLeft(strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return ' '
		}
		return r
	}, s), " -–—•·*")
	strict := false
	m := reByline.FindStringSubmatch(s)
	if m == nil {
		if m = reBylineLabel.FindStringSubmatch(s); m == nil {
			strict = true
			if m = reBylineOther.FindStringSubmatch(s); m == nil {
				if g := reBylineGlued.FindStringSubmatch(s); g != nil {
					m = []string{s, g[2]}
				}
			}
		}
	}
	if m == nil {
		return Byline{}, false
	}
	// Handles, e-mail addresses, notes in brackets ("(reporting)") and
	// soft hyphens are not part of a name.
	rest := reHandle.ReplaceAllString(m[1], "")
	rest = reBracketNote.ReplaceAllString(rest, "")
	rest = strings.TrimSpace(strings.ReplaceAll(rest, "\u00ad", ""))
	// Another field after the names ("Katharina Roe Kategorien: Mode",
	// "Fritz Roe Quelle: Livenet") ends them; an agency glued on with a
	// slash ("Peter Roe/SP-X") is the publisher.
	rest = reStamp.ReplaceAllString(rest, "")
	if loc := reNextField.FindStringIndex(rest); loc != nil && loc[0] > 0 {
		rest = strings.TrimRight(rest[:loc[0]], " ,;·-–")
	}
	agency := ""
	if loc := reGluedAgency.FindStringSubmatchIndex(rest); loc != nil {
		agency, rest = rest[loc[2]:loc[3]], rest[:loc[2]-1]
	}
	if strings.ContainsAny(rest, "|") || strings.HasSuffix(rest, ":") {
		// Several fields, or a label ("By course/meal:"): not a byline
		// by itself (parseMeta splits the fields).
		return Byline{}, false
	}
	r, _ := utf8.DecodeRuneInString(rest)
	if unicode.IsLower(r) && !(dated && len(words(rest)) == 1) || !unicode.IsLetter(r) {
		return Byline{}, false
	}
	if sentence.Ends(rest) && !reInitialEnd.MatchString(rest) {
		return Byline{}, false
	}
	var b Byline
	parts := reBylineSplit.Split(rest, -1)
	seps := reBylineSplit.FindAllString(rest, -1)
	// "A and B, Agency": a comma after an "and" closes the list of names.
	orgLast := len(seps) >= 2 && strings.TrimSpace(seps[len(seps)-1]) != "" &&
		strings.ContainsAny(seps[len(seps)-1], ",،") && !strings.ContainsAny(seps[len(seps)-2], ",،")
	for i, p := range parts {
		p = strings.TrimSpace(reBylinePlace.ReplaceAllString(p, ""))
		p = strings.Trim(p, " ;")
		if !reInitialEnd.MatchString(p) {
			p = strings.Trim(p, " .;")
		}
		if p == "" {
			continue
		}
		ws := words(p)
		if reSuffix.MatchString(p) && len(b.Authors) > 0 {
			// "Jane Roe, Jr.": the suffix is the name's.
			b.Authors[len(b.Authors)-1] += ", " + p
			continue
		}
		if len(ws) > 5 || strings.IndexFunc(p, unicode.IsDigit) >= 0 {
			return Byline{}, false
		}
		if isRole(ws) {
			continue
		}
		if i == len(parts)-1 && i > 0 && (len(ws) == 1 || orgLast) && b.Publisher == "" {
			b.Publisher = p
			continue
		}
		if strict && !NameLike(ws) && !(dated && len(parts) == 1 && len(ws) == 1) {
			return Byline{}, false
		}
		b.Authors = append(b.Authors, p)
	}
	if agency != "" && b.Publisher == "" {
		b.Publisher = agency
	}
	return b, len(b.Authors) > 0
}

// reSuffix is a name's suffix written after a comma.
var reSuffix = lazyre.New(`^(?:Jr|Sr)\.?$|^(?:II|III|IV)$`)

// reInitialEnd is a name's last word that ends in a full stop: an
// initial or "Jr.", "Sr.".
var reInitialEnd = lazyre.New(`\b(?:\p{Lu}|Jr|Sr)\.$`)

// nameParticles are the lower-case words names carry: "Ursula von der
// Leyen", "Loïc Le Clerc", "José de la Cruz".
var nameParticles = map[string]bool{
	"von": true, "van": true, "der": true, "den": true, "de": true, "da": true, "del": true,
	"della": true, "di": true, "du": true, "des": true, "la": true, "le": true, "dos": true,
	"das": true, "do": true, "y": true, "e": true, "zu": true, "ten": true, "ter": true,
	"bin": true, "ibn": true, "al": true, "el": true,
}

// NameLike reports words that read as a name: two or more, each one
// capitalised or a particle between capitalised ones. (One capitalised
// word after "von" is as often a German noun: "Von Bits und Bytes".)
func NameLike(ws []string) bool {
	if len(ws) < 2 {
		return false
	}
	for i, w := range ws {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) {
			continue
		}
		if i == 0 || i == len(ws)-1 || !nameParticles[w] {
			return false
		}
	}
	return true
}

func isRole(ws []string) bool {
	for _, w := range ws {
		if roleWords[strings.ToLower(strings.Trim(w, ".,"))] {
			return true
		}
	}
	return false
}

func words(s string) []string { return strings.FieldsFunc(s, unicode.IsSpace) }

func runeLen(s string) int { return utf8.RuneCountInString(s) }
