package markdown

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"folio/pipeline/doc"
)

func TestFrontMatterKeys(t *testing.T) {
	tests := []struct {
		name string
		fm   string
		want doc.Meta
	}{
		{"every canonical key", `title: T
subtitle: S
author: A
date: 2024-03-05
updated: 2024-03-06T10:00:00+02:00
lang: en-gb
source: https://example.org/a
publisher: P
section: World
tags: [x, y]
summary: Sum
cover: c.jpg
rights: CC BY
identifier: urn:x`, doc.Meta{Title: "T", Subtitle: "S", Authors: []string{"A"}, Date: "2024-03-05", Updated: "2024-03-06T10:00:00+02:00",
			Lang: "en-GB", Source: "https://example.org/a", Publisher: "P", Section: "World", Tags: []string{"x", "y"}, Summary: "Sum",
			Cover: "c.jpg", Rights: "CC BY", Identifier: "urn:x"}},
		{"every alias", `authors: [A, B]
language: ru
url: https://e.org
keywords: a, b ,, c
description: D
image: i.png
copyright: C
id: X`, doc.Meta{Authors: []string{"A", "B"}, Lang: "ru", Source: "https://e.org", Tags: []string{"a", "b", "c"},
			Summary: "D", Cover: "i.png", Rights: "C", Identifier: "X"}},
		{"aliases shared with sidecars and --meta", "standfirst: S\nbyline: B\ndateline: KYIV\ncategory: World\nlink: https://e.org\nsite: P\nabstract: Ab",
			doc.Meta{Subtitle: "S", Authors: []string{"B"}, Dateline: "KYIV", Section: "World", Source: "https://e.org", Publisher: "P", Summary: "Ab"}},
		{"canonical key wins, alias kept in Extra", "summary: S\ndescription: D", doc.Meta{Summary: "S", Extra: map[string]string{"description": "D"}}},
		{"tags and keywords merge without duplicates", "tags: [a, b]\nkeywords: b, c", doc.Meta{Tags: []string{"a", "b", "c"}}},
		{"keys are case-insensitive", "Title: T\nAUTHOR: A", doc.Meta{Title: "T", Authors: []string{"A"}}},
		{"number as title is text", "title: 1984", doc.Meta{Title: "1984"}},
		{"authors as mappings with names", "authors:\n  - name: A\n  - B", doc.Meta{Authors: []string{"A", "B"}}},
		{"unknown keys kept as text and sorted JSON", "foo: bar\nn: 3\nnested: {z: 1, a: [true, x, null]}\nempty:",
			doc.Meta{Extra: map[string]string{"foo": "bar", "n": "3", "nested": `{"a":[true,"x",null],"z":1}`, "empty": ""}}},
		{"date with a space and a zone", "date: 2024-03-05 14:30:00 +01:00", doc.Meta{Date: "2024-03-05T14:30:00+01:00"}},
		{"date without zone is UTC", "date: 2024-03-05T14:30", doc.Meta{Date: "2024-03-05T14:30:00Z"}},
		{"written-out date", "date: \"March 5, 2024\"", doc.Meta{Date: "2024-03-05"}},
		{"language tag with underscore", "lang: pt_br", doc.Meta{Lang: "pt-BR"}},
		{"script subtag", "lang: sr-latn", doc.Meta{Lang: "sr-Latn"}},
		{"null values are ignored", "title:\nauthor: ~\ndate:", doc.Meta{}},
		{"front matter with only a comment", "# nothing yet", doc.Meta{}},
		{"merge key", "base: &b {publisher: P}\n<<: *b\ntitle: T", doc.Meta{Title: "T", Publisher: "P", Extra: map[string]string{"base": `{"publisher":"P"}`}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, w := read(t, Options{}, "---\n"+tt.fm+"\n---\nBody\n")
			tt.want.Pos = doc.Pos{File: "in.md", Line: 1}
			if !reflect.DeepEqual(d.Meta, tt.want) {
				t.Errorf("meta\n got %+v\nwant %+v", d.Meta, tt.want)
			}
			if len(w) > 0 {
				t.Errorf("unexpected warnings %v", w)
			}
			if got := sketch(d.Blocks); got != `P("Body")` {
				t.Errorf("body %s", got)
			}
		})
	}
}

func TestTOMLFrontMatter(t *testing.T) {
	d, w := read(t, Options{}, "+++\ntitle = \"T\"\nauthors = [\"A\", \"B\"]\ndate = 2024-03-05\nupdated = 2024-03-06T10:00:00Z\nlocal = 2024-03-06T10:00:00\n[extra]\nk = 1\n+++\n\nBody\n")
	want := doc.Meta{Title: "T", Authors: []string{"A", "B"}, Date: "2024-03-05", Updated: "2024-03-06T10:00:00Z",
		Extra: map[string]string{"extra": `{"k":1}`, "local": "2024-03-06T10:00:00Z"}, Pos: doc.Pos{File: "in.md", Line: 1}}
	if !reflect.DeepEqual(d.Meta, want) || len(w) > 0 {
		t.Errorf("meta\n got %+v\nwant %+v\nwarnings %v", d.Meta, want, w)
	}
}

func TestFrontMatterWrongTypesWarn(t *testing.T) {
	tests := []struct {
		fm        string
		code      string
		line      int
		wantField func(doc.Meta) bool
	}{
		{"title: [a, b]", "meta-type", 2, func(m doc.Meta) bool { return m.Title == "" }},
		{"x: 1\nsubtitle: {a: 1}", "meta-type", 3, func(m doc.Meta) bool { return m.Subtitle == "" }},
		{"date: yesterday", "date-invalid", 2, func(m doc.Meta) bool { return m.Date == "" }},
		{"date: [2024]", "date-invalid", 2, func(m doc.Meta) bool { return m.Date == "" }},
		{"updated: 2024-13-45", "date-invalid", 2, func(m doc.Meta) bool { return m.Updated == "" }},
		{"lang: ../../x", "lang-invalid", 2, func(m doc.Meta) bool { return m.Lang == "" }},
		{"lang: [en]", "lang-invalid", 2, func(m doc.Meta) bool { return m.Lang == "" }},
		{"tags: {a: 1}", "meta-type", 2, func(m doc.Meta) bool { return len(m.Tags) == 0 }},
		{"tags: [a, [b]]", "meta-type", 2, func(m doc.Meta) bool { return reflect.DeepEqual(m.Tags, []string{"a"}) }},
		{"author: {x: 1}", "meta-type", 2, func(m doc.Meta) bool { return len(m.Authors) == 0 }},
		{"title: A\ntitle: B", "meta-duplicate", 3, func(m doc.Meta) bool { return m.Title == "A" }},
		{"- just\n- a list", "meta-type", 1, func(m doc.Meta) bool { return m.Title == "" }},
	}
	for _, tt := range tests {
		t.Run(tt.fm, func(t *testing.T) {
			d, w := read(t, Options{}, "---\n"+tt.fm+"\n---\ntext\n")
			if len(w) != 1 || w[0].Code != tt.code || w[0].Pos.Line != tt.line || w[0].Pos.File != "in.md" {
				t.Errorf("warnings = %v, want one %s at line %d", w, tt.code, tt.line)
			}
			if !tt.wantField(d.Meta) {
				t.Errorf("meta = %+v", d.Meta)
			}
		})
	}
}

func TestFrontMatterErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		code string
		line int
		msg  string
	}{
		{"YAML syntax error on line 4", "---\ntitle: x\nsummary: y\n  bad: indent\n---\n", "front-matter", 4, "mapping values are not allowed"},
		{"unclosed flow sequence (reported where it opens)", "---\ntitle: x\ntags: [a,\nauthor: b\n---\n", "front-matter", 3, "did not find expected"},
		{"unclosed double quote (reported where it opens, not at the block's end)", "---\ntitle: \"Unclosed\nauthor: b\ntags: [x]\n---\n", "front-matter", 2, "never closed"},
		{"unclosed single quote in a list", "---\ntitle: x\ntags:\n  - 'one\n  - two\n---\n", "front-matter", 4, "never closed"},
		{"tab indentation", "---\na:\n\tb: 1\n---\n", "front-matter", 3, "cannot start any token"},
		{"TOML syntax error", "+++\ntitle = 'x'\nfoo = \n+++\n", "front-matter", 3, "expected value"},
		{"billion laughs", "---\na: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\n---\n", "front-matter", 1, "excessive aliasing"},
		{"nesting too deep", "---\na: " + strings.Repeat("[", 100) + strings.Repeat("]", 100) + "\n---\n", "front-matter", 2, "nested deeper"},
		{"nesting beyond yaml's own limit", "---\na: " + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + "\n---\n", "front-matter", 1, "max depth"},
		{"too large", "---\n" + strings.Repeat("key: value\n", 7000) + "---\n", "front-matter-too-large", 1, "65536"},
		// r09: the depth check runs before the TOML parser, which took 38 s
		// and 8 GB on 16,000 nested inline tables.
		{"TOML inline tables 16000 deep, refused before parsing", "+++\ntitle = 'x'\na = " + strings.Repeat("{b=", 16000) + "1" + strings.Repeat("}", 16000) + "\n+++\n", "front-matter", 3, "nested deeper than 64"},
		{"TOML arrays 16000 deep", "+++\na = " + strings.Repeat("[", 16000) + strings.Repeat("]", 16000) + "\n+++\n", "front-matter", 2, "nested deeper than 64"},
		{"TOML dotted key 100 parts", "+++\n" + strings.Repeat("a.", 100) + "b = 1\n+++\n", "front-matter", 2, "nested deeper than 64"},
		{"TOML table header 100 parts", "+++\n[" + strings.Repeat("a.", 100) + "b]\nx = 1\n+++\n", "front-matter", 2, "nested deeper than 64"},
		{"TOML dotted keys inside inline tables add up", "+++\na = " + strings.Repeat("{b.c.d=", 25) + "1" + strings.Repeat("}", 25) + "\n+++\n", "front-matter", 2, "nested deeper than 64"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, _, err := New(Options{}).Read([]byte(tt.src), "bad.md")
			var de *doc.Error
			if !errors.As(err, &de) {
				t.Fatalf("err = %v (doc %v), want *doc.Error", err, d)
			}
			if de.Code != tt.code || de.Pos.File != "bad.md" || de.Pos.Line != tt.line || !strings.Contains(de.Error(), tt.msg) {
				t.Errorf("got %v, want bad.md:%d: %s: …%s…", de, tt.line, tt.code, tt.msg)
			}
		})
	}
}

// TestTOMLNestingCountsOnlyStructure checks the pre-parse depth scan
// ignores brackets, dots and braces inside strings and comments, and lets
// ordinary nesting through.
func TestTOMLNestingCountsOnlyStructure(t *testing.T) {
	deep := strings.Repeat("[", 100)
	for _, src := range []string{
		"title = '" + deep + "'\n",
		"title = \"" + deep + "\\\"" + deep + "\"\n",
		"s = '''\n" + deep + "\n'''\n",
		"s = \"\"\"\n" + deep + "\n\"\"\"\n",
		"# " + deep + "\n",
		"version = 1.2\nratio = [1.5, 2.5, " + strings.Repeat("3.5, ", 100) + "4.5]\n",
		"\"a.b.c.d.e.f.g.h\" = 1\n",
		"[server.alpha]\nip = '10.0.0.1'\n[[products]]\nname = 'x'\npoint = { x = 1, y = { z = [1, {a.b = 2}] } }\n",
	} {
		if l := tomlNesting([]byte(src), 64); l >= 0 {
			t.Errorf("%.60q: refused at line %d", src, l)
		}
	}
	if l := tomlNesting([]byte("a = 1\nb = 2\nc = "+strings.Repeat("{x=", 65)), 64); l != 2 {
		t.Errorf("65 inline tables on the third line: line %d, want 2", l)
	}
}

func TestFrontMatterUnclosedIsContent(t *testing.T) {
	d, w := read(t, Options{}, "---\ntitle: x\n\nBody text\n")
	if len(w) != 1 || w[0].Code != "front-matter-unclosed" || w[0].Pos.Line != 1 {
		t.Errorf("warnings = %v", w)
	}
	if d.Meta.Title != "" {
		t.Errorf("title = %q", d.Meta.Title)
	}
	if got := sketch(d.Blocks); got != `ThematicBreak P("title: x") P("Body text")` {
		t.Errorf("body = %s", got)
	}
}

func TestThematicBreakFirstIsNotFrontMatter(t *testing.T) {
	d, w := read(t, Options{}, "---\n\nText\n\n---\n\nMore\n")
	if len(w) != 0 || d.Meta.Pos.Line != 0 {
		t.Errorf("warnings %v, meta %+v", w, d.Meta)
	}
	if got := sketch(d.Blocks); got != `ThematicBreak P("Text") ThematicBreak P("More")` {
		t.Errorf("body = %s", got)
	}
}

func TestNoFrontMatterInCommonMark(t *testing.T) {
	d, _ := read(t, Options{CommonMark: true}, "---\ntitle: x\n---\n")
	if d.Meta.Title != "" {
		t.Errorf("title = %q", d.Meta.Title)
	}
	if got := sketch(d.Blocks); got != `ThematicBreak H2("title: x")` {
		t.Errorf("body = %s", got)
	}
}

// Found by FuzzMarkdownRead: the TOML parser reports a control character
// with no position, which once sliced past the block's start.
func TestTOMLErrorWithoutPosition(t *testing.T) {
	_, _, err := New(Options{}).Read([]byte("+++\n\x03\n+++"), "in.md")
	if err == nil || !strings.HasPrefix(err.Error(), "in.md:2: front-matter") {
		t.Errorf("err = %v, want in.md:2: front-matter", err)
	}
}
