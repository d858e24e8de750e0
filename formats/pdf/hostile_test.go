package pdf

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"folio/pipeline/doc"
)

func TestHostileInputs(t *testing.T) {
	png := testPNG(40, 30)
	bigTable := &doc.Table{Align: []doc.Align{doc.AlignLeft, doc.AlignRight}, Header: []*doc.Row{row("Row", "Value")}}
	for i := 0; i < 2000; i++ {
		bigTable.Body = append(bigTable.Body, row(fmt.Sprintf("row %d", i), fmt.Sprint(i*7)))
	}
	url300 := "https://example.org/" + strings.Repeat("segment/", 35) + "end"
	tests := []struct {
		name     string
		d        *doc.Document
		warnings []string
		check    func(t *testing.T, b []byte, text string)
	}{
		{
			name:     "characters above U+FFFF become their names (letters their plain forms) and a warning, never U+FFFD",
			d:        &doc.Document{Meta: doc.Meta{Title: "Emoji 😀 title", Lang: "en"}, Blocks: []doc.Block{ptext("Rocket 🚀 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 letters."), h(2, "e", "Heading 🎉")}},
			warnings: []string{"emoji-named"},
			check: func(t *testing.T, b []byte, text string) {
				if !strings.Contains(text, "Rocket [rocket] and Unicode letters.") || strings.ContainsRune(text, '\uFFFD') {
					t.Errorf("want names and plain letters, no U+FFFD, in %q", text)
				}
			},
		},
		{
			name: "a 100 KB word without spaces breaks across lines and pages",
			d:    &doc.Document{Meta: doc.Meta{Title: "Long word", Lang: "en"}, Blocks: []doc.Block{para(txt("Before "), txt(strings.Repeat("abcdefghij", 10000)), txt(" after."))}},
			check: func(t *testing.T, b []byte, text string) {
				if !strings.Contains(text, "after.") {
					t.Error("text after the long word is lost")
				}
			},
		},
		{
			name: "a 300-character URL wraps and stays one link",
			d:    &doc.Document{Meta: doc.Meta{Title: "Long URL", Lang: "en"}, Blocks: []doc.Block{para(txt("See "), link(url300, txt(url300)), txt(" for details."))}},
			check: func(t *testing.T, b []byte, text string) {
				if !bytes.Contains(b, []byte("/URI ("+url300+")")) {
					t.Error("URL link missing")
				}
				if !strings.Contains(strings.ReplaceAll(text, " ", ""), url300) {
					t.Error("URL text not extracted whole")
				}
			},
		},
		{
			name: "empty document",
			d:    &doc.Document{Meta: doc.Meta{Title: "Empty", Lang: "en"}},
		},
		{
			name: "document with nothing at all",
			d:    &doc.Document{},
		},
		{
			name: "2000-row table repeats its header on every page",
			d:    &doc.Document{Meta: doc.Meta{Title: "Big table", Lang: "en"}, Blocks: []doc.Block{bigTable}},
			check: func(t *testing.T, b []byte, text string) {
				pages := strings.Count(text, "Page ")
				heads := strings.Count(text, "Row Value")
				if pages < 20 || heads != pages {
					t.Errorf("%d pages but %d header rows", pages, heads)
				}
				if !strings.Contains(text, "row 1999 13993") {
					t.Error("last row missing")
				}
			},
		},
		{
			name: "truncated image shows its caption and warns",
			d: &doc.Document{Meta: doc.Meta{Title: "Broken image", Lang: "en"},
				Resources: []*doc.Resource{{Name: "img-bad.png", MediaType: "image/png", Data: png[:len(png)/2]}},
				Blocks:    []doc.Block{&doc.Figure{Ref: "img-bad.png", Caption: []doc.Inline{txt("The caption survives.")}, Credit: "Someone"}}},
			warnings: []string{"corrupt-image"},
			check: func(t *testing.T, b []byte, text string) {
				if !strings.Contains(text, "The caption survives. Credit: Someone") {
					t.Errorf("caption/credit missing: %q", text)
				}
			},
		},
		{
			name: "bytes that are no image at all",
			d: &doc.Document{Meta: doc.Meta{Title: "Not an image", Lang: "en"},
				Resources: []*doc.Resource{{Name: "img-x.png", MediaType: "image/png", Data: []byte("\x89PNG\r\n\x1a\nnonsense")}},
				Blocks:    []doc.Block{&doc.Figure{Ref: "img-x.png", Caption: []doc.Inline{txt("Caption only.")}}}},
			warnings: []string{"corrupt-image"},
		},
		{
			name: "figure without an image shows caption and credit",
			d: &doc.Document{Meta: doc.Meta{Title: "No image", Lang: "en"},
				Blocks: []doc.Block{&doc.Figure{Caption: []doc.Inline{txt("A lost picture.")}, Credit: "Agency"}}},
			check: func(t *testing.T, b []byte, text string) {
				if !strings.Contains(text, "A lost picture. Credit: Agency") {
					t.Errorf("caption/credit missing: %q", text)
				}
			},
		},
		{
			name: "figure with no image shows a labelled placeholder with its alt text above the credit",
			d: &doc.Document{Meta: doc.Meta{Title: "Lead photo", Lang: "en"},
				Blocks: []doc.Block{
					&doc.Figure{Alt: "The Islamic State vs. Russia in Afghanistan", Credit: "Screenshot"},
					ptext("The body begins here."),
				}},
			check: func(t *testing.T, b []byte, text string) {
				want := "IMAGE NOT AVAILABLE The Islamic State vs. Russia in Afghanistan Credit: Screenshot The body begins here."
				if !strings.Contains(text, want) {
					t.Errorf("placeholder, alt text and credit not in order: %q, want %q", text, want)
				}
			},
		},
		{
			name: "refused image with alt text only shows the alt text",
			d: &doc.Document{Meta: doc.Meta{Title: "Refused", Lang: "en"},
				Blocks: []doc.Block{&doc.Figure{Src: "../secret.png", Alt: "A map of the harbour"}}},
			check: func(t *testing.T, b []byte, text string) {
				if !strings.Contains(text, "A map of the harbour") {
					t.Errorf("alt text missing: %q", text)
				}
			},
		},
		{
			name: "control characters and illegal code points",
			d:    &doc.Document{Meta: doc.Meta{Title: "Ctl\x01\x02 \uFFFE", Lang: "en"}, Blocks: []doc.Block{ptext("a\x00b\x1bc\uFFFF d\u200Be\u00ADf")}},
		},
		{
			name: "deep nesting of lists and quotes",
			d: func() *doc.Document {
				var b doc.Block = ptext("deep")
				for i := 0; i < 30; i++ {
					if i%2 == 0 {
						b = &doc.List{Items: []*doc.ListItem{li(b)}}
					} else {
						b = &doc.BlockQuote{Blocks: []doc.Block{b}}
					}
				}
				return &doc.Document{Meta: doc.Meta{Title: "Deep", Lang: "en"}, Blocks: []doc.Block{b}}
			}(),
		},
		{
			name: "a code block longer than a page",
			d:    &doc.Document{Meta: doc.Meta{Title: "Code", Lang: "en"}, Blocks: []doc.Block{&doc.CodeBlock{Text: strings.Repeat("x := compute(a, b) // a line of code\n", 200)}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, ws := write(t, tt.d, Options{})
			for _, code := range tt.warnings {
				if !hasWarning(ws, code) {
					t.Errorf("no %s warning; got %v", code, codes(ws))
				}
			}
			validate(t, b)
			qpdfCheck(t, b)
			if tt.check != nil {
				tt.check(t, b, extract(t, b))
			}
		})
	}
}
