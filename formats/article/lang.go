package article

import (
	"unicode"

	"github.com/abadojack/whatlanggo"
)

const (
	// langMinLetters is how much text the identifier needs before its
	// answer is worth more than the "en" default.
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

// detectLang names the language of text as a BCP 47 tag, or returns "en"
// when there is too little text or the identifier is not confident.
func detectLang(text string) string {
	letters := 0
	for _, r := range text {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	if letters < langMinLetters {
		return "en"
	}
	info := whatlanggo.Detect(text)
	if info.Lang < 0 || info.Confidence < langMinConfidence {
		return "en"
	}
	code := info.Lang.Iso6393()
	if tag, ok := bcp47[code]; ok {
		return tag
	}
	if tag := info.Lang.Iso6391(); tag != "" {
		return tag
	}
	return code
}
