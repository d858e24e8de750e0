package pdf

import (
	"context"
	"strings"
	"testing"

	"folio/assets/fonts"
	"folio/pipeline/doc"
)

func TestCoreFacesUnlessTheTextNeedsMore(t *testing.T) {
	serif, sansBold := fonts.Get(fonts.Serif, fonts.Regular), fonts.Get(fonts.Sans, fonts.Bold)
	tests := []struct {
		name     string
		d        *doc.Document
		face     *fonts.Face
		wantFull bool // face is needed in full
		text     string
	}{
		{"English, Greek and Cyrillic fit the core set",
			&doc.Document{Meta: doc.Meta{Title: "Core", Lang: "en"}, Blocks: []doc.Block{ptext(paraQuotes), ptext(paraCyrillic)}},
			serif, false, paraCyrillic},
		{"Vietnamese needs the full face",
			&doc.Document{Meta: doc.Meta{Title: "Full", Lang: "vi"}, Blocks: []doc.Block{ptext("Hà Nội công bố kế hoạch mới về nước sạch.")}},
			serif, true, "Hà Nội công bố kế hoạch mới về nước sạch."},
		{"a title outside the core set counts too",
			&doc.Document{Meta: doc.Meta{Title: "Ước tính", Lang: "en"}, Blocks: []doc.Block{ptext("Plain body.")}},
			sansBold, true, "Ước tính"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := New(Options{})
			if got := w.fullFaces(tt.d)[tt.face]; got != tt.wantFull {
				t.Errorf("%s in full = %v, want %v", tt.face.Key(), got, tt.wantFull)
			}
			b, ws := write(t, tt.d, Options{})
			if len(ws) > 0 {
				t.Errorf("warnings: %v", ws)
			}
			validate(t, b)
			if text := extract(t, b); !strings.Contains(text, tt.text) {
				t.Errorf("extracted text lacks %q: %q", tt.text, text)
			}
		})
	}
}

// The writer's own words are not scanned in advance: an Arabic-language
// document in Latin letters draws its Arabic page labels with a cut face
// first, is set again with that face in full, and reports each warning once.
func TestSetAgainWhenAWriterWordNeedsAFullFace(t *testing.T) {
	d := &doc.Document{Meta: doc.Meta{Title: "Latin letters", Lang: "ar"},
		Blocks: []doc.Block{para(txt("A "), link("javascript:alert(1)", txt("bad link")), txt("."))}}
	w := New(Options{})
	pp, _ := paperFor("")
	l, _, err := attempt(context.Background(), d, w.opts, pp, w.fullFaces(d), (*layout).render)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.overflow) == 0 {
		t.Fatal("the first attempt drew the Arabic labels with cut faces and did not notice")
	}
	b, ws := write(t, d, Options{})
	if n := len(codes(ws)); n != 1 || ws[0].Code != "unsafe-url" {
		t.Errorf("warnings %v, want one unsafe-url", codes(ws))
	}
	validate(t, b)
	qpdfCheck(t, b)
	if text := extract(t, b); strings.ContainsRune(text, '\uFFFD') || !strings.Contains(text, "bad link") {
		t.Errorf("extracted text: %q", text)
	}
}
