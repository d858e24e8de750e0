package article

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"folio/formats/internal/lazyre"
)

var (
	reByline = lazyre.New(`^(?i:by|written by|words by|story by|text by|posted by|post author(?:\s+by)?|author|authors|автор|авторы|текст|بقلم|كتب|كتبه|إعداد)(?:\s*[:：]\s*|\s+)(.+)$`)
	// reBylineOther is a byline in the other languages sites write:
	// German, French, Spanish, Italian, Portuguese, Dutch, Polish. Most
	// of these words are prepositions too ("von", "par", "di"), so the
	// names after them must look like names (namesLike).
	reBylineOther = lazyre.New(`^(?i:von|geschrieben von|verfasst von|veröffentlicht von|ein beitrag von|ein artikel von|ein interview von|ein kommentar von|par|écrit par|publié par|por|escrito por|publicado por|di|scritto da|pubblicato da|a cura di|door|geschreven door)(?:\s*[:：]\s*|\s+)(.+)$`)
	// reBylineLabel is a label that needs its colon: "Autor: …",
	// "Text: …".
	reBylineLabel = lazyre.New(`^(?i:autor|autorin|autoren|auteur|autore|auteurs|text|texto|testo|tekst)\s*[:：]\s*(.+)$`)
	// reBylineGlued is a byline whose space a page's copy lost: "ByAlex
	// Doe", "Veröffentlicht vonChris Jung".
	reBylineGlued = lazyre.New(`^(By|Von|von|Veröffentlicht von|Par|par|Por|por)(\p{Lu}[\p{Ll}.].*)$`)
	// reBylineSplit separates several names: commas (Latin and Arabic),
	// "and", "&", Russian "и" and a free-standing Arabic "و".
	reBylineSplit = lazyre.New(`\s*[,،]\s*|\s+/\s+|\s+(?:and|&|и|و|und|et|y|e|en|i|oraz)\s+`)
	reBylinePlace = lazyre.New(`(?i)\s+(?:in|from|в|из|من|في)\s+\S+(?:\s+\S+)?$|\s+under\s+.*$`)
	// reHandle is an e-mail address or a social handle after a name.
	reHandle = lazyre.New(`\s*\S*@\S+`)
	// reBracketNote is a note in brackets after a name.
	reBracketNote = lazyre.New(`\s*\([^()]*\)`)
	reSource      = lazyre.New(`^(?i:source|sources|publisher|published by|originally published (?:by|in|at|on)|first published (?:by|in|at|on)|via|источник|издание|المصدر)(?:\s*[:：]\s*|\s+)(.+)$`)
	reCredit      = lazyre.New(`^(?i:credit|credits|photo credit|image credit|image source|photo|photos|photograph|photography|picture|image|illustration|фото|фотография|иллюстрация|изображение|صورة|الصورة|تصوير)\s*[:：]\s*(.+)$`)
	// reInlineCredit finds a credit at the end of a caption: "Crowds on
	// Tuesday. Photo: Jane Doe/Agency" or "(Credit: Agency)".
	reInlineCredit = lazyre.New(`^(.*?\S)\s*(?:[.|/–—-]\s+|\()(?i:credit|photo credit|photo|photograph|image|picture|фото|الصورة|صورة|تصوير)\s*[:：]\s*([^()]+?)\)?$`)
	reDateline     = lazyre.New(`^((?:\p{Lu}[\p{Lu}\p{M}.'’-]*)(?:\s+\p{Lu}[\p{Lu}\p{M}.'’-]*){0,3}(?:,\s*[\p{L}. ]{2,30}?)?(?:,\s*\p{L}+\.?\s+\d{1,2})?(?:\s*\([^()]{2,30}\))?)\s*[—–-]{1,2}\s+\S`)
	reTagsLabel    = lazyre.New(`^(?i:tags|topics|keywords|filed under|теги|темы|ключевые слова|الوسوم|كلمات مفتاحية)\s*[:：]\s*(.+)$`)
	reTagSplit     = lazyre.New(`\s*[,;|،·•]\s*`)
	reURL          = lazyre.New(`(?i)\bhttps?://[^\s<>"“”«»]+`)
)

// roleWords mark a byline part that is a job title, not a name.
var roleWords = map[string]bool{
	"correspondent": true, "editor": true, "reporter": true, "staff": true, "writer": true,
	"contributor": true, "columnist": true, "analyst": true, "fellow": true, "researcher": true,
	"корреспондент": true, "редактор": true, "обозреватель": true, "مراسل": true, "محرر": true,
}

// byline is what a byline line says.
type byline struct {
	authors   []string
	publisher string
}

// parseByline reads "By Jane Doe and John Roe, Agency", "Written by …",
// "Author: …", "Автор: …", "بقلم …".
func parseByline(s string) (byline, bool) {
	if runeLen(s) > 160 || strings.ContainsAny(s, "©") {
		return byline{}, false
	}
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
		return byline{}, false
	}
	// Handles, e-mail addresses, notes in brackets ("(reporting)") and
	// soft hyphens are not part of a name.
	rest := reHandle.ReplaceAllString(m[1], "")
	rest = reBracketNote.ReplaceAllString(rest, "")
	rest = strings.TrimSpace(strings.ReplaceAll(rest, "\u00ad", ""))
	if strings.ContainsAny(rest, "|") || strings.HasSuffix(rest, ":") {
		// Several fields, or a label ("By course/meal:"): not a byline
		// by itself (parseMeta splits the fields).
		return byline{}, false
	}
	r, _ := utf8.DecodeRuneInString(rest)
	if unicode.IsLower(r) || !unicode.IsLetter(r) {
		return byline{}, false
	}
	if endsSentence(rest) && !reInitialEnd.MatchString(rest) {
		return byline{}, false
	}
	var b byline
	parts := reBylineSplit.Split(rest, -1)
	seps := reBylineSplit.FindAllString(rest, -1)
	// "A and B, Agency": a comma after an "and" closes the list of names.
	orgLast := len(seps) >= 2 && strings.TrimSpace(seps[len(seps)-1]) != "" &&
		strings.ContainsAny(seps[len(seps)-1], ",،") && !strings.ContainsAny(seps[len(seps)-2], ",،")
	for i, p := range parts {
		p = strings.TrimSpace(reBylinePlace.ReplaceAllString(p, ""))
		p = strings.Trim(p, " .;")
		if p == "" {
			continue
		}
		ws := words(p)
		if len(ws) > 5 || strings.IndexFunc(p, unicode.IsDigit) >= 0 {
			return byline{}, false
		}
		if isRole(ws) {
			continue
		}
		if i == len(parts)-1 && i > 0 && (len(ws) == 1 || orgLast) && b.publisher == "" {
			b.publisher = p
			continue
		}
		if strict && !nameLike(ws) {
			return byline{}, false
		}
		b.authors = append(b.authors, p)
	}
	return b, len(b.authors) > 0
}

var reInitialEnd = lazyre.New(`\b\p{Lu}\.$`)

// nameParticles are the lower-case words names carry: "Ursula von der
// Leyen", "Loïc Le Clerc", "José de la Cruz".
var nameParticles = map[string]bool{
	"von": true, "van": true, "der": true, "den": true, "de": true, "da": true, "del": true,
	"della": true, "di": true, "du": true, "des": true, "la": true, "le": true, "dos": true,
	"das": true, "do": true, "y": true, "e": true, "zu": true, "ten": true, "ter": true,
	"bin": true, "ibn": true, "al": true, "el": true,
}

// nameLike reports words that read as a name: two or more, each one
// capitalised or a particle between capitalised ones. (One capitalised
// word after "von" is as often a German noun: "Von Bits und Bytes".)
func nameLike(ws []string) bool {
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

// sourceLabel reads "Source: …", "Publisher: …", "Originally published
// at …".
func sourceLabel(s string) (string, bool) {
	if runeLen(s) > 160 {
		return "", false
	}
	m := reSource.FindStringSubmatch(s)
	if m == nil {
		return "", false
	}
	v := strings.TrimSpace(m[1])
	if len(words(v)) > 12 || (endsSentence(v) && len(words(v)) > 6) {
		return "", false
	}
	return strings.TrimRight(v, "."), true
}

// creditLabel reads a credit line: "Credit: Screenshot", "Photo: AFP",
// "Фото: …", "Source: …". isSource tells a "Source:" line, which is a credit
// only next to a caption.
func creditLabel(s string) (credit string, isSource bool, ok bool) {
	if runeLen(s) > 140 {
		return "", false, false
	}
	if m := reCredit.FindStringSubmatch(s); m != nil {
		v := strings.TrimSpace(m[1])
		if len(words(v)) <= 12 {
			return v, false, true
		}
		return "", false, false
	}
	if v, ok := sourceLabel(s); ok && !reURL.MatchString(v) {
		return v, true, true
	}
	return "", false, false
}

// inlineCredit splits "Caption text. Photo: Agency" into caption and credit.
func inlineCredit(s string) (caption, credit string, ok bool) {
	if runeLen(s) > 320 {
		return "", "", false
	}
	m := reInlineCredit.FindStringSubmatch(s)
	if m == nil || len(words(m[2])) > 8 {
		return "", "", false
	}
	return strings.TrimSpace(m[1]), strings.TrimSpace(m[2]), true
}

// dateline finds "KYIV —", "LONDON (Reuters) -", "KYIV, Ukraine —" at the
// start of a paragraph.
func dateline(s string) (string, bool) {
	m := reDateline.FindStringSubmatch(s)
	if m == nil {
		return "", false
	}
	d := m[1]
	first := words(d)[0]
	letters := 0
	for _, r := range first {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	if letters < 2 || runeLen(d) > 60 {
		return "", false
	}
	return d, true
}

// tagsLabel reads "Tags: a, b, c".
func tagsLabel(s string) ([]string, bool) {
	m := reTagsLabel.FindStringSubmatch(s)
	if m == nil || runeLen(s) > 300 {
		return nil, false
	}
	var tags []string
	for _, t := range reTagSplit.Split(m[1], -1) {
		if t = strings.TrimSpace(t); t != "" {
			tags = append(tags, t)
		}
	}
	return tags, len(tags) > 0
}
