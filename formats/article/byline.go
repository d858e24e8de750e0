package article

import (
	"strings"
	"unicode"

	"folio/formats/internal/lazyre"
	"folio/formats/internal/sentence"
)

var (
	reSource = lazyre.New(`^(?i:source|sources|publisher|published by|originally published (?:by|in|at|on)|first published (?:by|in|at|on)|via|источник|издание|المصدر)(?:\s*[:：]\s*|\s+)(.+)$`)
	reCredit = lazyre.New(`^(?i:credit|credits|photo credit|image credit|image source|photo|photos|photograph|photography|picture|image|illustration|foto|fotos|fotografía|fotografia|bild|bilder|bildquelle|imagen|imagem|immagine|kuva|zdjęcie|fot\.|crédit photo|crédits photo|crédito|créditos|фото|фотография|иллюстрация|изображение|صورة|الصورة|تصوير)\s*[:：]\s*(.+)$`)
	// reInlineCredit finds a credit at the end of a caption: "Crowds on
	// Tuesday. Photo: Jane Doe/Agency" or "(Credit: Agency)".
	reInlineCredit = lazyre.New(`^(.*?\S)\s*(?:[.|/–—-]\s+|\()(?i:credit|photo credit|photo|photograph|image|picture|foto|fotos|bild|kuva|crédit photo|crédito|фото|الصورة|صورة|تصوير)\s*[:：]\s*([^()]+?)\)?$`)
	// reGluedCredit finds the credit a copy glues to a caption, or that
	// stands alone, with no space or colon after the word: "… in Flushing,
	// Queens.CreditCreditChang W. Roe/The Times", "CreditErik Roe" (the
	// word once as a visible label, once for screen readers).
	reGluedCredit = lazyre.New(`^(.*?[.!?”"’)]\s*)?(?:Credit){1,2}(\p{Lu}.*)$`)
	// reImageLabel is a photo's label for screen readers, copied as a line
	// of its own above the caption: "Image", "Photo".
	reImageLabel = lazyre.New(`^(?i:image|photo|picture|foto|bild|imagen|immagine|фото)$`)
	reDateline   = lazyre.New(`^((?:\p{Lu}[\p{Lu}\p{M}.'’-]*)(?:\s+\p{Lu}[\p{Lu}\p{M}.'’-]*){0,3}(?:,\s*[\p{L}. ]{2,30}?)?(?:,\s*\p{L}+\.?\s+\d{1,2})?(?:\s*\([^()]{2,30}\))?)\s*[—–-]{1,2}\s+\S`)
	reTagsLabel  = lazyre.New(`^(?i:tags|topics|keywords|filed under|теги|темы|ключевые слова|الوسوم|كلمات مفتاحية)\s*[:：]\s*(.+)$`)
	reTagSplit   = lazyre.New(`\s*[,;|،·•]\s*`)
	// reURL is a bare address in running text; it ends at any space, a
	// no-break one too ("http://example.net\u00a0und").
	reURL = lazyre.New(`(?i)\bhttps?://[^\s\p{Z}<>"“”«»]+`)
)

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
	if len(words(v)) > 12 || (sentence.Ends(v) && len(words(v)) > 6) {
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
	if m := reGluedCredit.FindStringSubmatch(s); m != nil && m[1] == "" && len(words(m[2])) <= 8 {
		return strings.TrimSpace(m[2]), false, true
	}
	return "", false, false
}

// inlineCredit splits "Caption text. Photo: Agency" into caption and credit.
func inlineCredit(s string) (caption, credit string, ok bool) {
	if runeLen(s) > 320 {
		return "", "", false
	}
	m := reInlineCredit.FindStringSubmatch(s)
	if m == nil {
		m = reGluedCredit.FindStringSubmatch(s)
	}
	if m == nil || strings.TrimSpace(m[1]) == "" || len(words(m[2])) > 8 {
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
