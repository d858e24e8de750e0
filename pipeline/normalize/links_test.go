package normalize

import (
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
