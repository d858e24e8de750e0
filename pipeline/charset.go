package pipeline

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// A text input must be UTF-8; when it is not, the error names the charset
// it most likely is, so that the advice to convert it is the right one.

// escapedCharset names the 7-bit encodings whose bytes are valid UTF-8 but
// whose text is not: ISO-2022-JP (ESC $ B … ESC ( B) and HZ (~{ … ~}).
// They read as ASCII garbage; "" for other input.
func escapedCharset(src []byte) string {
	if bytes.Contains(src, []byte("\x1b$B")) || bytes.Contains(src, []byte("\x1b$@")) {
		return "ISO-2022-JP"
	}
	if hzRun(src) {
		return "HZ-GB-2312"
	}
	return ""
}

// hzRun reports a run of HZ's GB2312 text: "~{", then pairs of bytes from
// '!' to '~' (four characters at least), then "~}".
func hzRun(src []byte) bool {
	for {
		i := bytes.Index(src, []byte("~{"))
		if i < 0 {
			return false
		}
		src = src[i+2:]
		j := bytes.Index(src, []byte("~}"))
		if j < 0 {
			return false
		}
		run := src[:j]
		ok := len(run) >= 8 && len(run)%2 == 0
		for _, c := range run {
			ok = ok && c >= '!' && c <= '~'
		}
		if ok {
			return true
		}
	}
}

// charsetGuess is one legacy CJK charset and the characters commonest in
// its language's text, which decode as such only when the guess is right.
type charsetGuess struct {
	name   string
	enc    encoding.Encoding
	common string
}

var guesses = []charsetGuess{
	{"SHIFT_JIS", japanese.ShiftJIS, "のにはをたがでてとしいるれかなもっ、。"},
	{"EUC-JP", japanese.EUCJP, "のにはをたがでてとしいるれかなもっ、。"},
	{"GBK", simplifiedchinese.GBK, "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会，。"},
	{"BIG5", traditionalchinese.Big5, "的一是不了在人有我他這個們中來上大為和國地到以說時要就出會，。"},
	{"EUC-KR", korean.EUCKR, "이다는의에하고을를가지한서도로기사니으"},
}

// likelyCharset is the charset bytes that are not UTF-8 most likely are:
// the CJK charset under which they decode without error into text that is
// mostly its language's commonest characters, else LATIN1 (and its
// Windows form, which iconv reads alike for text).
func likelyCharset(src []byte) string {
	best, top := "LATIN1", 0.0
	for _, g := range guesses {
		out, err := g.enc.NewDecoder().Bytes(src)
		if err != nil || bytes.ContainsRune(out, utf8.RuneError) {
			continue
		}
		wide, common := 0, 0
		for _, r := range string(out) {
			if r >= 0x80 {
				wide++
				if strings.ContainsRune(g.common, r) {
					common++
				}
			}
		}
		if wide == 0 {
			continue
		}
		if share := float64(common) / float64(wide); share > 0.15 && share > top {
			best, top = g.name, share
		}
	}
	return best
}
