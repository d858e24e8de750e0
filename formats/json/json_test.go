package json

import (
	"bytes"
	"context"
	"reflect"
	"strings"
	"testing"

	"folio/pipeline/doc"
)

// everyKind builds a document that uses every node kind and every field
// type, so the round trip covers the whole tree.
func everyKind() *doc.Document {
	p := func(line int) doc.Pos { return doc.Pos{File: "a.md", Line: line, Col: 1} }
	txt := func(s string) []doc.Inline { return []doc.Inline{&doc.Text{Value: s, Pos: p(1)}} }
	return &doc.Document{
		Meta: doc.Meta{
			Title: "Title “quoted”", Subtitle: "Sub", Authors: []string{"A. Один", "B. اثنان"},
			Date: "2024-03-05", Lang: "en", Source: "https://example.org/a", Tags: []string{"x", "y"},
			Extra: map[string]string{"b": "2", "a": "[1,2]"}, Pos: p(1),
		},
		Blocks: []doc.Block{
			&doc.Heading{Level: 2, ID: "intro", Content: txt("Intro"), Pos: p(3)},
			&doc.Paragraph{Pos: p(5), Content: []doc.Inline{
				&doc.Emph{Content: txt("e")}, &doc.Strong{Content: txt("s")}, &doc.Strike{Content: txt("k")},
				&doc.Sub{Content: txt("2")}, &doc.Sup{Content: txt("3")}, &doc.Code{Value: "c"},
				&doc.Span{Style: doc.SpanKbd, Content: txt("Ctrl")}, &doc.Span{Style: doc.SpanMark, Content: txt("m")},
				&doc.Link{URL: "https://x", Title: "t", Content: txt("l")},
				&doc.Image{Src: "i.png", Alt: "alt", Ref: "img-1.png"},
				&doc.LineBreak{}, &doc.SoftBreak{}, &doc.NoteRef{Label: "n", Number: 1},
				&doc.Anchor{ID: "cite-note-1", Names: []string{"cite_note-1"}},
				&doc.RawInline{Format: "html", Text: "<b>"},
			}},
			&doc.List{Ordered: true, Start: 3, Tight: true, Items: []*doc.ListItem{
				{Task: true, Checked: true, Blocks: []doc.Block{&doc.Paragraph{Content: txt("done")}}},
			}},
			&doc.BlockQuote{Blocks: []doc.Block{&doc.ThematicBreak{}}},
			&doc.CodeBlock{Language: "go", Text: "x := 1\n"},
			&doc.Table{Align: []doc.Align{doc.AlignLeft, doc.AlignDefault},
				Header: []*doc.Row{{Cells: []*doc.Cell{{Content: txt("h1")}, {Content: txt("h2")}}}},
				Body:   []*doc.Row{{Cells: []*doc.Cell{{Content: txt("a")}, {Content: nil}}}}},
			&doc.Figure{Src: "f.png", Alt: "fa", Caption: txt("cap"), Credit: "Screenshot"},
			&doc.DefinitionList{Items: []*doc.DefItem{{Term: txt("t"), Definitions: [][]doc.Block{{&doc.Paragraph{Content: txt("d")}}}}}},
			&doc.RawBlock{Format: "html", Text: "<div>"},
		},
		Notes:     []*doc.Note{{Label: "n", Number: 1, ID: "fn-1", Blocks: []doc.Block{&doc.Paragraph{Content: txt("note")}}}},
		TOC:       []*doc.TOCEntry{{Level: 2, ID: "intro", Title: "Intro", Children: []*doc.TOCEntry{{Level: 3, ID: "b", Title: "B"}}}},
		Resources: []*doc.Resource{{Name: "img-1.png", MediaType: "image/png", Width: 2, Height: 3, Data: []byte{0x89, 'P', 0, 255}}},
	}
}

func TestRoundTripIsLossless(t *testing.T) {
	want := everyKind()
	var buf bytes.Buffer
	if err := New(Options{}).Write(context.Background(), want, &buf); err != nil {
		t.Fatal(err)
	}
	got, _, err := Read(buf.Bytes(), "tree.json")
	if err != nil {
		t.Fatalf("Read: %v\n%s", err, buf.String())
	}
	if !reflect.DeepEqual(got, want) {
		var again bytes.Buffer
		New(Options{}).Write(context.Background(), got, &again)
		t.Errorf("round trip changed the tree:\nwrote %s\nread back as %s", buf.String(), again.String())
	}
}

func TestNodesCarryTheirType(t *testing.T) {
	var buf bytes.Buffer
	if err := New(Options{Compact: true}).Write(context.Background(), everyKind(), &buf); err != nil {
		t.Fatal(err)
	}
	for _, kind := range []string{"Heading", "Paragraph", "NoteRef", "Anchor", "DefinitionList", "RawInline"} {
		if !strings.Contains(buf.String(), `{"type":"`+kind+`"`) {
			t.Errorf("output has no %s node: %s", kind, buf.String())
		}
	}
	if strings.Count(buf.String(), "\n") != 1 {
		t.Errorf("compact output is not one line")
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"syntax error names the line", "{\n\"meta\": {\n,}", "tree.json:3: json-syntax"},
		{"unknown node type", `{"blocks":[{"type":"Marquee"}]}`, `unknown node type "Marquee"`},
		{"inline where a block belongs", `{"blocks":[{"type":"Text","value":"x"}]}`, "Text is not allowed here"},
		{"wrong field type", `{"meta":{"title":3}}`, "$.meta.title: want text"},
		{"newer version refused", `{"folio":99}`, "tree version 99"},
		{"version as a string is named a string (r20)", `{"folio":"1"}`, `tree.json:1: json-version: "folio" is the string "1" where a number is expected; write "folio": 1`},
		{"version as an object", `{"folio":{}}`, `"folio" is an object where a number is expected`},
		{"fractional version", `{"folio":1.5}`, "tree version 1.5; this Folio reads version 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Read([]byte(tt.src), "tree.json")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestOutputIsDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	New(Options{}).Write(context.Background(), everyKind(), &a)
	New(Options{}).Write(context.Background(), everyKind(), &b)
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two writes of the same tree differ")
	}
}

// TestWriteDeepTree writes nested emphasis deeper than encoding/json's
// 10,000-level limit (a writer built on nested MarshalJSON calls failed
// there, after time quadratic in the depth) and checks every level is in
// the output. Indented output is quadratic in size by nature (each level
// indents further), so it is checked at a smaller depth.
func TestWriteDeepTree(t *testing.T) {
	for _, tc := range []struct {
		compact bool
		depth   int
	}{{true, 20_000}, {false, 1_000}} {
		var in doc.Inline = &doc.Text{Value: "core"}
		for range tc.depth {
			in = &doc.Emph{Content: []doc.Inline{in}}
		}
		d := &doc.Document{Meta: doc.Meta{Title: "deep"}, Blocks: []doc.Block{&doc.Paragraph{Content: []doc.Inline{in}}}}
		var buf bytes.Buffer
		if err := New(Options{Compact: tc.compact}).Write(context.Background(), d, &buf); err != nil {
			t.Fatalf("compact=%v: %v", tc.compact, err)
		}
		sep := `"type": "Emph"`
		if tc.compact {
			sep = `"type":"Emph"`
		}
		if got := bytes.Count(buf.Bytes(), []byte(sep)); got != tc.depth {
			t.Errorf("compact=%v: %d Emph objects written, want %d", tc.compact, got, tc.depth)
		}
	}
}

// TestReadVersionOfWrongType was found by FuzzJSONRead: a "folio" key
// that is not a number panicked on a type assertion.
func TestReadVersionOfWrongType(t *testing.T) {
	for _, src := range []string{`{"folio":"0"}`, `{"folio":"1"}`, `{"folio":{}}`, `{"folio":null}`, `{"folio":1.5}`} {
		_, _, err := Read([]byte(src), "v.json")
		if err == nil || !strings.Contains(err.Error(), "json-version") {
			t.Errorf("%s: err = %v, want json-version", src, err)
		}
	}
}
