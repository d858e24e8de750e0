package normalize

import (
	"testing"

	"folio/pipeline/doc"
)

// A soft break between two characters of Japanese or Chinese goes; one
// with Latin, Korean or a space on either side stays, as does a hard
// break.
func TestCJKBreaks(t *testing.T) {
	txt := func(s string) doc.Inline { return &doc.Text{Value: s} }
	sb := &doc.SoftBreak{}
	tests := []struct {
		name string
		in   []doc.Inline
		want string
	}{
		{"Japanese", []doc.Inline{txt("男の"), sb, txt("ほかにも")}, "男のほかにも"},
		{"Chinese after punctuation", []doc.Inline{txt("兵者，"), sb, txt("國之大事")}, "兵者，國之大事"},
		{"inside emphasis", []doc.Inline{&doc.Emph{Content: []doc.Inline{txt("ひととお")}}, sb, txt("りではない")}, "ひととおりではない"},
		{"katakana and the long mark", []doc.Inline{txt("コーヒー"), sb, txt("カップ")}, "コーヒーカップ"},
		{"Latin", []doc.Inline{txt("one"), sb, txt("two")}, "one two"},
		{"Japanese then Latin", []doc.Inline{txt("東京"), sb, txt("Tower")}, "東京 Tower"},
		{"Korean keeps its spaces", []doc.Inline{txt("한국어"), sb, txt("문장")}, "한국어 문장"},
		{"a hard break stays", []doc.Inline{txt("男の"), &doc.LineBreak{}, txt("ほか")}, "男の ほか"},
	}
	for _, tt := range tests {
		d := &doc.Document{Meta: doc.Meta{Title: "t"}, Blocks: []doc.Block{&doc.Paragraph{Content: tt.in}}}
		if err := cjkBreaks(t.Context(), d, &Options{}); err != nil {
			t.Fatal(err)
		}
		if got := doc.PlainText(d.Blocks[0].(*doc.Paragraph).Content); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}
