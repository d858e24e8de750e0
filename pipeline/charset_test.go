package pipeline

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// A text input that is not UTF-8 is refused with the charset it reads as,
// so that the advice (iconv -f …) converts it right; the 7-bit CJK
// encodings, valid UTF-8 bytes but not UTF-8 text, are refused too.
func TestNotUTF8NamesTheCharset(t *testing.T) {
	ja := "ある日の暮方の事である。一人の下人が、羅生門の下で雨やみを待っていた。広い門の下には、この男のほかに誰もいない。"
	zhs := "孙子曰：兵者，国之大事，死生之地，存亡之道，不可不察也。故经之以五事，校之以计，而索其情。"
	zht := "孫子曰：兵者，國之大事，死生之地，存亡之道，不可不察也。故經之以五事，校之以計，而索其情。"
	ko := "운수 좋은 날이었다. 새침하게 흐린 품이 눈이 올 듯하더니 눈은 아니 오고 얼다가 만 비가 추적추적 내리는 날이었다."
	fr := "Il était une fois un café crème, une naïve résumé, et un garçon très âgé."
	enc := func(e encoding.Encoding, s string) string {
		b, err := e.NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	for _, tt := range []struct {
		name, src, want string
	}{
		{"Shift_JIS", enc(japanese.ShiftJIS, ja), "it reads as SHIFT_JIS); convert it (iconv -f SHIFT_JIS"},
		{"EUC-JP", enc(japanese.EUCJP, ja), "it reads as EUC-JP)"},
		{"GBK", enc(simplifiedchinese.GBK, zhs), "it reads as GBK)"},
		{"Big5", enc(traditionalchinese.Big5, zht), "it reads as BIG5)"},
		{"EUC-KR", enc(korean.EUCKR, ko), "it reads as EUC-KR)"},
		{"Latin-1", enc(charmap.ISO8859_1, fr), "it reads as LATIN1)"},
		{"ISO-2022-JP", enc(japanese.ISO2022JP, ja), "the input is ISO-2022-JP, not UTF-8; convert it (iconv -f ISO-2022-JP -t UTF-8)"},
		{"HZ", enc(simplifiedchinese.HZGB2312, zhs+" (Sunzi)"), "the input is HZ-GB-2312, not UTF-8"},
	} {
		_, _, err := checkText("in.txt", []byte(tt.src+"\n"), false)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want one saying %q", tt.name, err, tt.want)
		}
	}
	// Text that only mentions the escapes is UTF-8 as it is.
	if _, _, err := checkText("in.md", []byte("Write ~{ to open and ~} to close a HZ run.\n"), false); err != nil {
		t.Errorf("a mention of HZ's escapes: %v", err)
	}
}
