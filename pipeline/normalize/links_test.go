package normalize

import (
	"slices"
	"strings"
	"testing"

	"folio/pipeline/doc"
)

func TestGitHubSlug(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Proxy settings", "proxy-settings"},
		{"  What's new?  ", "whats-new"},
		{"C++ & Go: a_b-c", "c--go-a_b-c"},
		{"Émile Zola", "émile-zola"},
		{"1. Install", "1-install"},
		{"Über 世界", "über-世界"},
	} {
		if got := GitHubSlug(tt.in); got != tt.want {
			t.Errorf("GitHubSlug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestHeadingFragments(t *testing.T) {
	h := func(id, text string) doc.Block {
		return &doc.Heading{Level: 2, ID: id, Content: []doc.Inline{&doc.Text{Value: text}}}
	}
	// Folio's ids as normalize gives them: "FAQ" twice is faq, faq-2;
	// GitHub numbers the second faq-1. "1. Install" is GitHub's
	// 1-install and Folio's section-1-install-like id.
	d := &doc.Document{Blocks: []doc.Block{
		h("faq", "FAQ"), h("faq-2", "FAQ"), h("n1-install", "1. Install"), h("custom", "Own id"),
	}}
	m := HeadingFragments(d)
	for frag, want := range map[string]string{
		"faq": "faq", "faq-1": "faq-2", "faq-2": "faq-2",
		"1-install": "n1-install", "n1-install": "n1-install",
		"custom": "custom", "own-id": "custom",
	} {
		if m[frag] != want {
			t.Errorf("fragment %q → %q, want %q", frag, m[frag], want)
		}
	}
	if _, ok := m["nope"]; ok {
		t.Error("an unknown fragment maps to a heading")
	}
}

// TestInternalLinks: a link into the document names a heading as written,
// as GitHub spells it, or percent-encoded; a link to nothing is warned
// about once, whatever the formats.
func TestInternalLinks(t *testing.T) {
	link := func(url string) *doc.Link {
		return &doc.Link{URL: url, Content: []doc.Inline{&doc.Text{Value: "x"}}}
	}
	links := []*doc.Link{link("#class-streamwritable"), link("#v12"), link("#caf%C3%A9"), link("#nowhere"), link("#class-stream-writable")}
	at := doc.Pos{File: "a.md", Line: 7, Col: 3}
	links[3].Pos = at
	var inl []doc.Inline
	for _, l := range links {
		inl = append(inl, l)
	}
	d := &doc.Document{Blocks: []doc.Block{
		h(1, "Title"),
		&doc.Heading{Level: 2, Content: []doc.Inline{&doc.Text{Value: "Class: "}, &doc.Code{Value: "stream.Writable"}}},
		h(2, "v1.2"),
		h(2, "Café"),
		para(inl...),
	}}
	ws := run(t, d, Options{})
	for k, want := range []string{"#class-stream-writable", "#v1-2", "#café", "#nowhere", "#class-stream-writable"} {
		if links[k].URL != want {
			t.Errorf("link %d → %q, want %q", k, links[k].URL, want)
		}
	}
	// The link to nothing is its text now.
	var kinds []string
	for _, in := range d.Blocks[len(d.Blocks)-1].(*doc.Paragraph).Content {
		kinds = append(kinds, in.Kind())
	}
	if got := strings.Join(kinds, " "); got != "Link Link Link Text Link" {
		t.Errorf("inlines = %s", got)
	}
	if got := codes(ws); got != "broken-internal-link" || ws[0].Pos != at {
		t.Errorf("warnings = %s, at %v; want one at %v", got, ws, at)
	}
}

// TestInternalLinksToDecomposedHeadings: a heading written decomposed
// ("Fu" + U+0308 + "r") is composed by the nfc pass, and a link spelled
// the same way still finds it.
func TestInternalLinksToDecomposedHeadings(t *testing.T) {
	l := &doc.Link{URL: "#fu\u0308r", Content: []doc.Inline{&doc.Text{Value: "x"}}}
	d := &doc.Document{Meta: doc.Meta{Cover: "Bu\u0308cher.png"}, Blocks: []doc.Block{h(1, "T"), para(l), h(2, "Fu\u0308r")}}
	ws := run(t, d, Options{})
	if len(ws) != 0 || l.URL != "#für" {
		t.Errorf("link %q, warnings %v", l.URL, ws)
	}
	// A file name is kept as written: on disk it is found only so.
	if d.Meta.Cover != "Bu\u0308cher.png" {
		t.Errorf("cover %q changed", d.Meta.Cover)
	}
}

// TestInternalLinksInAFragment: --fragment output goes into a page of the
// user's, which may hold the id: a link to an id the fragment lacks stays,
// with no warning.
func TestInternalLinksInAFragment(t *testing.T) {
	l := &doc.Link{URL: "#elsewhere", Content: []doc.Inline{&doc.Text{Value: "x"}}}
	d := &doc.Document{Blocks: []doc.Block{para(l)}}
	ws := run(t, d, Options{Fragment: true})
	if len(ws) != 0 || d.Blocks[0].(*doc.Paragraph).Content[0] != l {
		t.Errorf("warnings %v, inlines %v", ws, d.Blocks[0].(*doc.Paragraph).Content)
	}
}

// TestRawAnchorsNameTheHeading: a raw anchor on its own line before a
// heading, or inside it, becomes one of the heading's anchors, and a link
// to it lands on the heading; an anchor anywhere else that no link names
// goes without a warning (or stays, with --unsafe-html).
func TestRawAnchorsNameTheHeading(t *testing.T) {
	raw := func(s string) *doc.RawInline { return &doc.RawInline{Format: "html", Text: s} }
	build := func() (*doc.Document, *doc.Heading, *doc.Heading, *doc.Link, *doc.Link) {
		h1 := h(2, "2024-01-01, Version 1.2.0")
		h2 := &doc.Heading{Level: 2, Content: []doc.Inline{raw(`<a name="old">`), raw(`</a>`), &doc.Text{Value: "Older"}}}
		l1 := &doc.Link{URL: "#1.2.0", Content: []doc.Inline{&doc.Text{Value: "1.2.0"}}}
		l2 := &doc.Link{URL: "#old", Content: []doc.Inline{&doc.Text{Value: "old"}}}
		d := &doc.Document{Blocks: []doc.Block{
			h(1, "Changelog"),
			para(l1, l2),
			para(raw(`<a id="1.2.0">`), raw(`</a>`)),
			h1,
			para(&doc.Text{Value: "Notes "}, raw(`<a id="loose"></a>`)),
			h2,
		}}
		return d, h1, h2, l1, l2
	}
	d, h1, h2, l1, l2 := build()
	ws := run(t, d, Options{})
	if len(ws) != 0 {
		t.Errorf("warnings: %v", ws)
	}
	if !slices.Equal(h1.Anchors, []string{"1.2.0"}) || !slices.Equal(h2.Anchors, []string{"old"}) || doc.PlainText(h2.Content) != "Older" {
		t.Errorf("anchors %q and %q, second heading %q", h1.Anchors, h2.Anchors, doc.PlainText(h2.Content))
	}
	if l1.URL != "#"+h1.ID || l2.URL != "#"+h2.ID {
		t.Errorf("links %q %q, want #%s #%s", l1.URL, l2.URL, h1.ID, h2.ID)
	}
	raws := 0
	doc.Walk(d, func(n doc.Node, entering bool) doc.WalkStatus {
		if _, ok := n.(*doc.RawInline); ok {
			raws++
		}
		return doc.WalkContinue
	})
	if raws != 0 || len(d.Blocks) != 4 {
		t.Errorf("%d raw inlines left, %d blocks (want 0, 4)", raws, len(d.Blocks))
	}
	// With --unsafe-html the loose anchor stays as written.
	d, _, _, _, _ = build()
	run(t, d, Options{UnsafeHTML: true})
	if got := d.Blocks[2].(*doc.Paragraph).Content; len(got) != 2 {
		t.Errorf("with --unsafe-html the loose anchor went: %v", got)
	}
}

// TestAnchorsInTheText: an anchor a reader placed (a saved page's
// reference entry, a citation mark) gets a safe, unique id: its own
// spelling made a slug, numbered after a heading that has it; the source's
// spelling stays as a name. A link by either spelling lands on it, with no
// warning; an anchor no link names goes, unless the body is a fragment.
func TestAnchorsInTheText(t *testing.T) {
	build := func() (*doc.Document, []*doc.Anchor, []*doc.Link) {
		as := []*doc.Anchor{{ID: "cite_note-1"}, {ID: "cite_ref-1"}, {ID: "History"}, {ID: "skip"}}
		ls := []*doc.Link{
			{URL: "#cite_note-1", Content: []doc.Inline{&doc.Text{Value: "[1]"}}},
			{URL: "#cite_ref-1", Content: []doc.Inline{&doc.Text{Value: "^"}}},
			{URL: "#History", Content: []doc.Inline{&doc.Text{Value: "see"}}},
			{URL: "#cite-note-1", Content: []doc.Inline{&doc.Text{Value: "again"}}},
		}
		d := &doc.Document{Blocks: []doc.Block{
			h(1, "Title"),
			para(as[1], &doc.Text{Value: "A claim"}, &doc.Sup{Content: []doc.Inline{ls[0]}}, &doc.Text{Value: ", "}, ls[2], ls[3]),
			h(2, "History"),
			para(as[3], as[2], &doc.Text{Value: "Text."}),
			&doc.List{Ordered: true, Items: []*doc.ListItem{{Blocks: []doc.Block{para(as[0], ls[1], &doc.Text{Value: " A source."})}}}},
		}}
		return d, as, ls
	}
	d, as, ls := build()
	if ws := run(t, d, Options{}); len(ws) != 0 {
		t.Errorf("warnings: %v", ws)
	}
	for k, want := range []struct{ id, name string }{{"cite-note-1", "cite_note-1"}, {"cite-ref-1", "cite_ref-1"}, {"history-2", "History"}} {
		if as[k].ID != want.id || !slices.Equal(as[k].Names, []string{want.name}) {
			t.Errorf("anchor %d: id %q names %q, want %q [%q]", k, as[k].ID, as[k].Names, want.id, want.name)
		}
	}
	// "#History" is the anchor's as the page spelled it: an exact name
	// wins over the heading's id found by its lower case.
	for k, want := range []string{"#cite-note-1", "#cite-ref-1", "#history-2", "#cite-note-1"} {
		if ls[k].URL != want {
			t.Errorf("link %d → %q, want %q", k, ls[k].URL, want)
		}
	}
	// The title went up into the metadata: the paragraph after the
	// heading is the third block. The anchor nothing links to is gone.
	var kinds []string
	for _, in := range d.Blocks[2].(*doc.Paragraph).Content {
		kinds = append(kinds, in.Kind())
	}
	if got := strings.Join(kinds, " "); got != "Anchor Text" {
		t.Errorf("paragraph after the heading holds %s, want Anchor Text", got)
	}
	// In a fragment every anchor stays: the page around it may link there.
	d, _, _ = build()
	run(t, d, Options{Fragment: true})
	if n := len(d.Blocks[3].(*doc.Paragraph).Content); n != 3 {
		t.Errorf("fragment: %d inlines after the heading, want 3", n)
	}
}

// TestRawAnchorsInTheText: a raw anchor inside a paragraph, or on the
// lines before a paragraph or a list, is an anchor there, and a link to it
// lands on it; one before a code block goes.
func TestRawAnchorsInTheText(t *testing.T) {
	raw := func(s string) *doc.RawInline { return &doc.RawInline{Format: "html", Text: s} }
	link := func(u string) *doc.Link { return &doc.Link{URL: u, Content: []doc.Inline{&doc.Text{Value: u}}} }
	d := &doc.Document{Blocks: []doc.Block{
		h(1, "Notes"),
		para(link("#mid"), link("#before"), link("#item"), link("#code")),
		para(&doc.Text{Value: "Some "}, raw(`<a id="mid">`), raw(`</a>`), &doc.Text{Value: "text."}),
		para(raw(`<a name="before"></a>`)),
		para(&doc.Text{Value: "Next paragraph."}),
		para(raw(`<a id="item"></a>`)),
		&doc.List{Items: []*doc.ListItem{{Blocks: []doc.Block{para(&doc.Text{Value: "First item."})}}}},
		para(raw(`<a id="code"></a>`)),
		&doc.CodeBlock{Text: "x := 1\n"},
	}}
	ws := run(t, d, Options{})
	if got := codes(ws); got != "broken-internal-link" {
		t.Errorf("warnings %v, want one broken-internal-link (#code)", ws)
	}
	first := func(b doc.Block) string {
		var ks []string
		for _, in := range b.(*doc.Paragraph).Content {
			ks = append(ks, in.Kind())
		}
		return strings.Join(ks, " ")
	}
	if got := first(d.Blocks[1]); got != "Text Anchor Text" {
		t.Errorf("paragraph with an anchor inside: %s", got)
	}
	if got := first(d.Blocks[2]); got != "Anchor Text" {
		t.Errorf("paragraph after an anchor line: %s", got)
	}
	if got := first(d.Blocks[3].(*doc.List).Items[0].Blocks[0]); got != "Anchor Text" {
		t.Errorf("list after an anchor line: %s", got)
	}
	if len(d.Blocks) != 5 {
		t.Errorf("%d blocks, want 5 (the title lifted, the anchor lines gone)", len(d.Blocks))
	}
}

// TestAnchorIDsAvoidNoteAnchors: an anchor named like a note's second
// reference (fnref-1-2) gets another id, so the page holds each id once;
// in a fragment an anchor keeps the source's id when it is a plain name
// (the user's page may link to it), and is made one otherwise.
func TestAnchorIDsAvoidNoteAnchors(t *testing.T) {
	a := &doc.Anchor{ID: "fnref-1-2"}
	link := &doc.Link{URL: "#fnref-1-2", Content: []doc.Inline{&doc.Text{Value: "x"}}}
	d := &doc.Document{
		Blocks: []doc.Block{
			para(&doc.Text{Value: "One"}, &doc.NoteRef{Label: "n"}, &doc.Text{Value: " two"}, &doc.NoteRef{Label: "n"}, link),
			para(a, &doc.Text{Value: "Here."}),
		},
		Notes: []*doc.Note{{Label: "n", Blocks: []doc.Block{para(&doc.Text{Value: "A note."})}}},
	}
	run(t, d, Options{})
	seen := map[string]bool{}
	doc.Walk(d, func(n doc.Node, entering bool) doc.WalkStatus {
		id := ""
		switch n := n.(type) {
		case *doc.Anchor:
			id = n.ID
		case *doc.NoteRef:
			id = n.ID
		}
		if entering && id != "" {
			if seen[id] {
				t.Errorf("id %q twice", id)
			}
			seen[id] = true
		}
		return doc.WalkContinue
	})
	if a.ID == "fnref-1-2" || !seen["fnref-1-2"] || link.URL != "#"+a.ID {
		t.Errorf("anchor %q, link %q, ids %v", a.ID, link.URL, seen)
	}

	plain, odd := &doc.Anchor{ID: "Step_1"}, &doc.Anchor{ID: "2nd"}
	d = &doc.Document{Blocks: []doc.Block{para(plain, &doc.Text{Value: "First."}), para(odd, &doc.Text{Value: "Second."})}}
	run(t, d, Options{Fragment: true})
	if plain.ID != "Step_1" || odd.ID != "h-2nd" {
		t.Errorf("fragment anchors %q and %q, want Step_1 and h-2nd", plain.ID, odd.ID)
	}
}
