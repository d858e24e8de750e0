package salvage

import (
	"strings"
	"testing"

	"folio/pipeline/doc"
)

func TestSuspect(t *testing.T) {
	tests := []struct {
		name        string
		kept, prose int
		want        bool
	}{
		{"nothing kept of a page with text", 0, 12, true},
		{"nothing kept of an empty page", 0, 0, false},
		{"a fifth of a long page is not suspect", 200, 1000, false},
		{"a twentieth of a long page is", 50, 1000, true},
		{"just under MinKept words of a long page is", MinKept - 1, 1000, true},
		{"MinKept words of a long page are a choice, not suspect", MinKept, 1000, false},
		{"a tenth of a long page, over MinKept words, is not suspect", 100, 1000, false},
		{"a short page is not judged by share", 5, MinProse - 1, false},
		{"more than the page's prose (text outside paragraphs)", 900, 300, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Suspect(tt.kept, tt.prose); got != tt.want {
				t.Errorf("Suspect(%d, %d) = %v, want %v", tt.kept, tt.prose, got, tt.want)
			}
		})
	}
}

func TestBetterNeedsMoreWords(t *testing.T) {
	if Better(10, 10, 1000) {
		t.Error("an unfiltered reading holding no more words replaced the body")
	}
	if !Better(10, 800, 1000) {
		t.Error("an unfiltered reading with the article did not replace a suspect body")
	}
	if Better(500, 900, 1000) {
		t.Error("a body that is not suspect was replaced")
	}
}

func TestWords(t *testing.T) {
	for s, want := range map[string]int{"": 0, "Hello, world!": 2, "Привет — мир 2024": 3, "हिन्दी भाषा": 2, " \n ": 0} {
		if got := Words(s); got != want {
			t.Errorf("Words(%q) = %d, want %d", s, got, want)
		}
	}
}

func TestWarningNamesKeptAndDropped(t *testing.T) {
	w := Warning(doc.Pos{File: "p.html", Line: 7}, 0, 640, "", "16 paragraphs (lines 40–90)")
	if w.Code != "content-suspect" || w.Pos.Line != 7 {
		t.Errorf("warning %+v", w)
	}
	for _, part := range []string{"kept 0 of the page's 640 words", "(nothing)", "16 paragraphs (lines 40–90)"} {
		if !strings.Contains(w.Message, part) {
			t.Errorf("message %q lacks %q", w.Message, part)
		}
	}
}
