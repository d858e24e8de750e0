package langid

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/abadojack/whatlanggo"
)

func langSamples(tb testing.TB) map[string]string {
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "testdata", "articles", "*.txt"))
	seeds, _ := filepath.Glob(filepath.Join("..", "..", "..", "..", "shared", "seeds", "*.txt"))
	out := map[string]string{}
	for _, f := range append(files, seeds...) {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		out[filepath.Base(f)] = string(b)
	}
	if len(out) == 0 {
		tb.Skip("no sample articles")
	}
	return out
}

// fullVote is the vote without stopping early: every piece counted.
func fullVote(text string) (whatlanggo.Lang, float64) {
	chunks := chunk(text, langChunk, langChunks)
	if len(chunks) == 0 {
		return -1, 0
	}
	sum := map[whatlanggo.Lang]float64{}
	for _, c := range chunks {
		if info := whatlanggo.Detect(c); info.Lang >= 0 && info.Confidence > 0 {
			sum[info.Lang] += info.Confidence
		}
	}
	best, s := leader(sum)
	return best, s / float64(len(chunks))
}

// Stopping the vote early must give the answer the full count gives, on
// every sample article, on mixed-language text and on text too short to
// decide.
func TestEarlyVoteAgreesWithFullCount(t *testing.T) {
	texts := langSamples(t)
	texts["mixed"] = strings.Repeat("The council met on Tuesday to discuss the water budget for next year. ", 12) +
		strings.Repeat("Совет собрался во вторник, чтобы обсудить бюджет на воду на следующий год. ", 12)
	texts["alternating"] = strings.Repeat("The council met on Tuesday to discuss the budget. Le conseil s’est réuni mardi pour discuter du budget. ", 20)
	texts["short"] = "A short note."
	for name, text := range texts {
		t.Run(name, func(t *testing.T) {
			wantLang, wantConf := fullVote(text)
			gotLang, gotConf := vote(text)
			if gotLang != wantLang || (gotConf >= langMinConfidence) != (wantConf >= langMinConfidence) {
				t.Errorf("vote = %v %.2f, full count %v %.2f", gotLang, gotConf, wantLang, wantConf)
			}
		})
	}
}

func BenchmarkDetectLang(b *testing.B) {
	texts := langSamples(b)
	for _, name := range []string{"wire-dateline.txt", "russian.txt", "arabic.txt"} {
		text, ok := texts[name]
		if !ok {
			continue
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Detect(text)
			}
		})
	}
}

// TestShortTextByScript: a text too short for the identifier is named by
// its script where the script names one language, and by nothing where
// it does not.
func TestShortTextByScript(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"雨の日の門\n\n山田太郎\n\n男は、既に、雨の中を町へ急いでいた。", "ja"},
		{"北京今天下雨，学校停课一天。", "zh"},
		{"서울에 비가 내렸다. 학교는 하루 문을 닫았다.", "ko"},
		{"Βρέχει στην Αθήνα σήμερα.", "el"},
		{"ฝนตกที่กรุงเทพวันนี้", "th"},
		{"استضافت مدينة الرياض اليوم مؤتمرا دوليا عن المياه.", "ar"},
		{"ירד גשם בתל אביב היום.", "he"},
		{"It rained in London today.", ""},
		{"Сегодня в Москве шёл дождь.", ""},
		{"東京", ""},
	} {
		if got := Detect(tt.text); got != tt.want {
			t.Errorf("Detect(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
