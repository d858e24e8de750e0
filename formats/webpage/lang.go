package webpage

import (
	"strings"
	"unicode"

	"github.com/abadojack/whatlanggo"

	"folio/pipeline/doc"
)

const (
	// langMinLetters is how much text the identifier needs before its
	// answer is trusted; with less the language is left to the pipeline's
	// default.
	langMinLetters = 200
	// langMinConfidence is the whatlanggo confidence below which the
	// answer is ignored.
	langMinConfidence = 0.5
	// langSample bounds the text given to whatlanggo, whose distances
	// overflow on long texts.
	langSample = 400
)

// iso6391 maps whatlanggo's ISO 639-3 codes that have no ISO 639-1 code
// in its table (or the wrong one for Folio's labels) to BCP 47 tags.
var iso6391 = map[string]string{"arb": "ar", "pes": "fa", "cmn": "zh", "ukr": "uk", "rus": "ru", "uzn": "uz", "azj": "az"}

// detectLang identifies the language of a page that does not declare one,
// from its first paragraphs; "" when there is too little text or the
// identifier is unsure.
func detectLang(d *doc.Document) string {
	var b strings.Builder
	for _, blk := range d.Blocks {
		if p, ok := blk.(*doc.Paragraph); ok {
			b.WriteString(doc.PlainText(p.Content))
			b.WriteByte(' ')
		}
		if b.Len() > 8*langSample {
			break
		}
	}
	text := b.String()
	letters := 0
	for _, r := range text {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	if letters < langMinLetters {
		return ""
	}
	votes := map[whatlanggo.Lang]float64{}
	words := strings.Fields(text)
	for start := 0; start < len(words); {
		end, size := start, 0
		for end < len(words) && size < langSample {
			size += len([]rune(words[end])) + 1
			end++
		}
		if info := whatlanggo.Detect(strings.Join(words[start:end], " ")); info.Lang >= 0 && info.Confidence > 0 {
			votes[info.Lang] += info.Confidence
		}
		start = end
	}
	best, bestSum := whatlanggo.Lang(-1), 0.0
	for l, s := range votes {
		if s > bestSum || s == bestSum && l < best {
			best, bestSum = l, s
		}
	}
	chunks := (len([]rune(text)) + langSample - 1) / langSample
	if best < 0 || bestSum/float64(max(chunks, 1)) < langMinConfidence {
		return ""
	}
	code := best.Iso6393()
	if tag, ok := iso6391[code]; ok {
		return tag
	}
	if tag := best.Iso6391(); tag != "" {
		return tag
	}
	return code
}
