// Package langid names the language of a text for the readers that have
// nothing better (scraped article text, a saved page without lang=). It
// wraps whatlanggo with the two things real articles need: a vote over
// pieces of a few hundred letters (whatlanggo's confidence goes negative
// on whole articles) and a confidence threshold below which it says
// nothing.
package langid

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/abadojack/whatlanggo"
)

const (
	// langMinLetters is how much text the identifier needs before its
	// answer is trusted.
	langMinLetters = 200
	// langMinConfidence is whatlanggo's confidence below which the answer
	// is ignored. whatlanggo calls 0.8 "reliable"; closely related
	// languages (Russian and Ukrainian, Urdu and Persian) land between 0.5
	// and 0.8 on real articles, so a little less is accepted.
	langMinConfidence = 0.5
)

// bcp47 maps whatlanggo's ISO 639-3 codes to the BCP 47 tags Folio uses
// where the ISO 639-1 code is not the right answer or does not exist.
var bcp47 = map[string]string{
	"arb": "ar", "ara": "ar", "pes": "fa", "fas": "fa", "cmn": "zh", "zho": "zh",
	"ukr": "uk", "rus": "ru", "eng": "en", "fra": "fr", "deu": "de", "spa": "es",
	"heb": "he", "urd": "ur", "ydd": "yi", "nob": "nb", "nno": "nn", "azj": "az",
	"uzb": "uz", "uzn": "uz", "ell": "el", "hin": "hi", "ben": "bn", "jpn": "ja",
	"kor": "ko", "tur": "tr", "por": "pt", "ita": "it", "pol": "pl", "nld": "nl",
	"bel": "be", "bul": "bg", "srp": "sr", "hrv": "hr", "kaz": "kk", "tgk": "tg",
}

// Detect names the language of text as a BCP 47 tag, or returns "" when
// there is too little text or the identifier is not confident.
func Detect(text string) string {
	letters := 0
	for _, r := range text {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	if letters < langMinLetters {
		return scriptLang(text)
	}
	lang, conf := vote(text)
	if lang < 0 || conf < langMinConfidence {
		return ""
	}
	info := whatlanggo.Info{Lang: lang}
	code := info.Lang.Iso6393()
	if tag, ok := bcp47[code]; ok {
		return tag
	}
	if tag := info.Lang.Iso6391(); tag != "" {
		return tag
	}
	return code
}

// scriptMinLetters is the least text a script alone names the language of.
const scriptMinLetters = 8

// scriptLang names the language of a text too short for the identifier by
// its script, where the script says it: kana is Japanese (beside the kanji
// it writes with), Hangul Korean, Thai, Georgian, Armenian and Greek their
// languages, Han with no kana Chinese, Arabic and Hebrew letters the
// languages most written in them. A short story copied from a Japanese
// site was tagged English, and a reader's font, line breaking and
// direction follow the tag. Latin and Cyrillic letters are shared by too
// many languages: "" for them.
func scriptLang(text string) string {
	var letters, kana, han int
	own := make([]int, len(oneScript))
	for _, r := range text {
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		switch {
		case unicode.In(r, unicode.Hiragana, unicode.Katakana):
			kana++
		case unicode.Is(unicode.Han, r):
			han++
		default:
			for k, o := range oneScript {
				if unicode.Is(o.script, r) {
					own[k]++
					break
				}
			}
		}
	}
	if letters < scriptMinLetters {
		return ""
	}
	most := func(n int) bool { return 10*n >= 8*letters }
	switch {
	case 10*kana >= letters && most(kana+han):
		return "ja"
	case kana == 0 && most(han):
		return "zh"
	}
	for k, o := range oneScript {
		if most(own[k]) {
			return o.lang
		}
	}
	return ""
}

// oneScript are the scripts one language writes with.
var oneScript = []struct {
	script *unicode.RangeTable
	lang   string
}{
	{unicode.Hangul, "ko"}, {unicode.Thai, "th"}, {unicode.Georgian, "ka"},
	{unicode.Armenian, "hy"}, {unicode.Greek, "el"},
	// Arabic letters also write Persian and Urdu, and Hebrew ones
	// Yiddish, but a short text in them is most often Arabic or Hebrew,
	// and any of these tags sets it right to left: "en" set it left to
	// right.
	{unicode.Arabic, "ar"}, {unicode.Hebrew, "he"},
}

// langChunk is the size of the pieces of text the identifier sees.
// whatlanggo ranks a text's trigrams without bound, so on a whole article
// its distances overflow its own maximum and the confidence goes negative;
// on pieces of a few hundred letters it behaves as designed.
const langChunk = 400

// langChunks is how many pieces are enough for a vote.
const langChunks = 6

// Enough is about how many bytes of text Detect looks at (langChunks
// pieces of langChunk runes, at up to 4 bytes a rune); callers gathering
// text for it can stop there.
const Enough = langChunk * langChunks * 4

// vote identifies the language of each piece of text and returns the
// language with the largest summed confidence, and that sum divided by the
// number of pieces.
//
// The identifier is most of the reader's time, so the vote stops as soon as
// the rest of the pieces could not change its outcome: whatlanggo's
// confidence is at most 1, so once the leader is ahead of the runner-up by
// more than the number of pieces left, and already has half a vote per
// piece (langMinConfidence), the answer is the one a full count gives.
func vote(text string) (whatlanggo.Lang, float64) {
	chunks := chunk(text, langChunk, langChunks)
	if len(chunks) == 0 {
		return -1, 0
	}
	sum := map[whatlanggo.Lang]float64{}
	best, bestSum := whatlanggo.Lang(-1), 0.0
	for i, c := range chunks {
		info := whatlanggo.Detect(c)
		if info.Lang >= 0 && info.Confidence > 0 {
			sum[info.Lang] += info.Confidence
		}
		best, bestSum = leader(sum)
		second := 0.0
		for l, s := range sum {
			if l != best {
				second = max(second, s)
			}
		}
		left := float64(len(chunks) - i - 1)
		if left > 0 && bestSum-second > left && bestSum >= langMinConfidence*float64(len(chunks)) {
			break
		}
	}
	return best, bestSum / float64(len(chunks))
}

// leader is the language with the largest sum (the lowest code on a tie).
func leader(sum map[whatlanggo.Lang]float64) (whatlanggo.Lang, float64) {
	best, bestSum := whatlanggo.Lang(-1), 0.0
	for l, s := range sum {
		if s > bestSum || s == bestSum && l < best {
			best, bestSum = l, s
		}
	}
	return best, bestSum
}

// chunk cuts text at spaces into at most max pieces of about n runes,
// dropping a last piece shorter than half of n when there are others.
func chunk(text string, n, max int) []string {
	var out []string
	var cur []string
	size := 0
	for _, w := range words(text) {
		cur = append(cur, w)
		size += runeLen(w) + 1
		if size >= n {
			out = append(out, strings.Join(cur, " "))
			cur, size = nil, 0
			if len(out) == max {
				return out
			}
		}
	}
	if len(cur) > 0 && (size*2 >= n || len(out) == 0) {
		out = append(out, strings.Join(cur, " "))
	}
	return out
}

func words(s string) []string { return strings.FieldsFunc(s, unicode.IsSpace) }

func runeLen(s string) int { return utf8.RuneCountInString(s) }
