package doc

import (
	"context"
	"strings"
	"testing"
)

func TestPosString(t *testing.T) {
	tests := []struct {
		pos  Pos
		want string
	}{
		{Pos{File: "a.md", Line: 3, Col: 7}, "a.md:3:7"},
		{Pos{File: "a.md", Line: 3}, "a.md:3"},
		{Pos{File: "a.md"}, "a.md"},
		{Pos{Line: 2}, "-:2"},
	}
	for _, tt := range tests {
		if got := tt.pos.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.pos, got, tt.want)
		}
	}
}

func TestErrorNamesPlaceAndCode(t *testing.T) {
	err := Errorf(Pos{File: "x.md", Line: 4}, "front-matter", "bad %s", "yaml")
	if got, want := err.Error(), "x.md:4: front-matter: bad yaml"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func sampleDoc() *Document {
	return &Document{
		Blocks: []Block{
			&Heading{Level: 2, Content: []Inline{&Text{Value: "Intro"}}},
			&Paragraph{Content: []Inline{
				&Text{Value: "a "},
				&Emph{Content: []Inline{&Strong{Content: []Inline{&Text{Value: "b"}}}}},
				&SoftBreak{},
				&Link{URL: "https://x", Content: []Inline{&Code{Value: "c"}}},
				&NoteRef{Label: "1"},
			}},
			&List{Items: []*ListItem{{Blocks: []Block{&Paragraph{Content: []Inline{&Text{Value: "item"}}}}}}},
			&Table{Header: []*Row{{Cells: []*Cell{{Content: []Inline{&Text{Value: "h"}}}}}}},
			&DefinitionList{Items: []*DefItem{{Term: []Inline{&Text{Value: "t"}}, Definitions: [][]Block{{&Paragraph{Content: []Inline{&Text{Value: "d"}}}}}}}},
		},
		Notes: []*Note{{Label: "1", Blocks: []Block{&Paragraph{Content: []Inline{&Text{Value: "note"}}}}}},
	}
}

func TestWalkVisitsEveryNodeInOrder(t *testing.T) {
	var enter, leave []string
	Walk(sampleDoc(), func(n Node, entering bool) WalkStatus {
		if entering {
			enter = append(enter, n.Kind())
		} else {
			leave = append(leave, n.Kind())
		}
		return WalkContinue
	})
	want := "Heading Text Paragraph Text Emph Strong Text SoftBreak Link Code NoteRef List Paragraph Text Table Text DefinitionList Text Paragraph Text Paragraph Text"
	if got := strings.Join(enter, " "); got != want {
		t.Errorf("entering order:\n got %s\nwant %s", got, want)
	}
	if len(enter) != len(leave) {
		t.Errorf("%d enters but %d leaves", len(enter), len(leave))
	}
}

func TestWalkSkipAndStop(t *testing.T) {
	var seen []string
	Walk(sampleDoc(), func(n Node, entering bool) WalkStatus {
		if !entering {
			return WalkContinue
		}
		seen = append(seen, n.Kind())
		switch n.(type) {
		case *Emph:
			return WalkSkipChildren
		case *Code:
			return WalkStop
		}
		return WalkContinue
	})
	if got, want := strings.Join(seen, " "), "Heading Text Paragraph Text Emph SoftBreak Link Code"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

func TestPlainText(t *testing.T) {
	p := sampleDoc().Blocks[1].(*Paragraph)
	if got, want := PlainText(p.Content), "a b c"; got != want {
		t.Errorf("PlainText = %q, want %q", got, want)
	}
}

func TestLabelsFallBackToEnglish(t *testing.T) {
	if got := LabelsFor("ru-RU").Contents; got != "Содержание" {
		t.Errorf("ru Contents = %q", got)
	}
	if got := LabelsFor("zz").Notes; got != "Notes" {
		t.Errorf("fallback Notes = %q", got)
	}
	for _, lang := range []string{"en", "ru", "uk", "ar", "fa", "fr", "de", "es"} {
		l := LabelsFor(lang)
		if l.Contents == "" || l.Notes == "" || !strings.Contains(l.Page, "%d") || l.Credit == "" || l.Source == "" {
			t.Errorf("%s: incomplete labels %+v", lang, l)
		}
	}
}

func TestDirection(t *testing.T) {
	for lang, want := range map[string]string{"ar": "rtl", "fa-IR": "rtl", "he": "rtl", "en": "ltr", "": "ltr", "ru": "ltr"} {
		m := Meta{Lang: lang}
		if got := m.Dir(); got != want {
			t.Errorf("Dir(%q) = %s, want %s", lang, got, want)
		}
	}
}

func TestWarnReachesContextSink(t *testing.T) {
	var c Collector
	ctx := WithWarn(context.Background(), c.Add)
	Warn(ctx, Warning{Code: "x"})
	Warn(context.Background(), Warning{Code: "dropped"})
	if got := c.Warnings(); len(got) != 1 || got[0].Code != "x" {
		t.Errorf("warnings = %v", got)
	}
}

func TestPrefixIDs(t *testing.T) {
	h := &Heading{Level: 2, ID: "intro", Content: []Inline{&Text{Value: "Intro"}}}
	inNote := &Heading{Level: 3, ID: "deep"}
	toHeading := &Link{URL: "#intro"}
	toNote := &Link{URL: "#fn-1"}
	place := &Anchor{ID: "cite-note-1"}
	toPlace := &Link{URL: "#cite-note-1"}
	elsewhere := &Link{URL: "#not-here"}
	external := &Link{URL: "https://example.org/#intro"}
	d := &Document{
		Blocks: []Block{h, &Paragraph{Content: []Inline{toHeading, toNote, toPlace, elsewhere, external, place}}},
		Notes:  []*Note{{Number: 1, ID: "fn-1", Blocks: []Block{inNote}}},
		TOC:    []*TOCEntry{{Level: 2, ID: "intro", Children: []*TOCEntry{{Level: 3, ID: "sub"}}}},
	}
	PrefixIDs(d, "a2-")
	for _, c := range []struct{ got, want string }{
		{h.ID, "a2-intro"}, {inNote.ID, "a2-deep"}, {d.Notes[0].ID, "a2-fn-1"},
		{d.TOC[0].ID, "a2-intro"}, {d.TOC[0].Children[0].ID, "a2-sub"},
		{toHeading.URL, "#a2-intro"}, {toNote.URL, "#a2-fn-1"},
		{place.ID, "a2-cite-note-1"}, {toPlace.URL, "#a2-cite-note-1"},
		{elsewhere.URL, "#not-here"}, {external.URL, "https://example.org/#intro"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestSourceName(t *testing.T) {
	for _, tt := range []struct {
		m    Meta
		want string
	}{
		{Meta{Publisher: " Baltic Wire ", Source: "https://www.example.org/a"}, "Baltic Wire"},
		{Meta{Source: "https://www.example.org/a/b?c#d"}, "example.org"},
		{Meta{Source: "http://news.example.com"}, "news.example.com"},
		{Meta{Source: "Agency report, 5 March"}, "Agency report, 5 March"},
		{Meta{}, ""},
	} {
		if got := tt.m.SourceName(); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.m, got, tt.want)
		}
	}
}

// TestSplice: replaced inlines give way to what f returns (nothing drops
// one); a sequence f leaves alone is returned as it is, not copied.
func TestSplice(t *testing.T) {
	a, b, c := &Text{Value: "a"}, &SoftBreak{}, &Text{Value: "c"}
	is := []Inline{a, b, c}
	got := Splice(is, func(_ int, in Inline) ([]Inline, bool) {
		if _, ok := in.(*SoftBreak); ok {
			return []Inline{&Text{Value: " "}, &Text{Value: "b"}}, true
		}
		return nil, in == c
	})
	if PlainText(got) != "a b" || len(got) != 3 || PlainText(is) != "a c" {
		t.Errorf("spliced %q (%d inlines), original now %q", PlainText(got), len(got), PlainText(is))
	}
	same := Splice(is, func(int, Inline) ([]Inline, bool) { return nil, false })
	if &same[0] != &is[0] {
		t.Error("a sequence with nothing replaced was copied")
	}
}

func TestFragment(t *testing.T) {
	for _, tt := range []struct {
		url, want string
		ok        bool
	}{
		{"#cite_note-2", "cite_note-2", true},
		{"#caf%C3%A9", "café", true},
		{"#100%", "100%", true}, // not an escape: kept as written
		{"#", "", false},
		{"page.html#x", "", false},
		{"https://e.org/#x", "", false},
	} {
		if got, ok := Fragment(tt.url); got != tt.want || ok != tt.ok {
			t.Errorf("Fragment(%q) = %q, %v; want %q, %v", tt.url, got, ok, tt.want, tt.ok)
		}
	}
}
