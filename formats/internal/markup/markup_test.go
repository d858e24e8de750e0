package markup

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"

	"folio/pipeline/doc"
)

func txt(s string) doc.Inline { return &doc.Text{Value: s} }

func para(is ...doc.Inline) *doc.Paragraph { return &doc.Paragraph{Content: is} }

// plain are the options of the CommonMark conformance test: output as the
// reference renderer prints it.
var plain = Options{UnsafeHTML: true, AllowRelativeLinks: true, NoDirAuto: true, NoTableWrap: true}

func render(t *testing.T, opts Options, bs ...doc.Block) (string, []doc.Warning) {
	t.Helper()
	var ws []doc.Warning
	var b bytes.Buffer
	New(opts, func(w doc.Warning) { ws = append(ws, w) }).Blocks(&b, bs)
	return b.String(), ws
}

// mustBeXML fails unless s is a well-formed XML fragment.
func mustBeXML(t *testing.T, s string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(`<div xmlns:epub="http://www.idpf.org/2007/ops">` + s + `</div>`))
	d.Strict = true
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, s)
		}
	}
}

func codes(ws []doc.Warning) string {
	var cs []string
	for _, w := range ws {
		cs = append(cs, w.Code)
	}
	return strings.Join(cs, ",")
}

func TestBlocksRenderAsTheReferenceDoes(t *testing.T) {
	tests := []struct {
		name string
		in   []doc.Block
		want string
	}{
		{"paragraph with emphasis, strong and code",
			[]doc.Block{para(txt("a "), &doc.Emph{Content: []doc.Inline{txt("b")}}, &doc.Strong{Content: []doc.Inline{txt("c")}}, &doc.Code{Value: "<d>"})},
			"<p>a <em>b</em><strong>c</strong><code>&lt;d&gt;</code></p>\n"},
		{"heading without id in plain mode",
			[]doc.Block{&doc.Heading{Level: 2, ID: "x", Content: []doc.Inline{txt("T")}}},
			"<h2>T</h2>\n"},
		{"heading level clamped to 1..6",
			[]doc.Block{&doc.Heading{Level: 9, Content: []doc.Inline{txt("T")}}},
			"<h6>T</h6>\n"},
		{"code block with language",
			[]doc.Block{&doc.CodeBlock{Language: "go", Text: "a < b && c\n"}},
			"<pre><code class=\"language-go\">a &lt; b &amp;&amp; c\n</code></pre>\n"},
		{"block quote",
			[]doc.Block{&doc.BlockQuote{Blocks: []doc.Block{para(txt("q"))}}},
			"<blockquote>\n<p>q</p>\n</blockquote>\n"},
		{"thematic break is self-closed",
			[]doc.Block{&doc.ThematicBreak{}},
			"<hr />\n"},
		{"tight list has no paragraphs",
			[]doc.Block{&doc.List{Tight: true, Items: []*doc.ListItem{{Blocks: []doc.Block{para(txt("a"))}}, {Blocks: []doc.Block{para(txt("b"))}}}}},
			"<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n"},
		{"loose ordered list with start",
			[]doc.Block{&doc.List{Ordered: true, Start: 3, Items: []*doc.ListItem{{Blocks: []doc.Block{para(txt("a"))}}}}},
			"<ol start=\"3\">\n<li>\n<p>a</p>\n</li>\n</ol>\n"},
		{"ordered list starting at 1 has no start",
			[]doc.Block{&doc.List{Ordered: true, Start: 1, Tight: true, Items: []*doc.ListItem{{}}}},
			"<ol>\n<li></li>\n</ol>\n"},
		{"tight item with nested list",
			[]doc.Block{&doc.List{Tight: true, Items: []*doc.ListItem{{Blocks: []doc.Block{para(txt("a")),
				&doc.List{Tight: true, Items: []*doc.ListItem{{Blocks: []doc.Block{para(txt("b"))}}}}}}}}},
			"<ul>\n<li>a\n<ul>\n<li>b</li>\n</ul>\n</li>\n</ul>\n"},
		{"tight item starting with code",
			[]doc.Block{&doc.List{Tight: true, Items: []*doc.ListItem{{Blocks: []doc.Block{&doc.CodeBlock{Text: "x\n"}}}}}},
			"<ul>\n<li>\n<pre><code>x\n</code></pre>\n</li>\n</ul>\n"},
		{"task items",
			[]doc.Block{&doc.List{Tight: true, Items: []*doc.ListItem{{Task: true, Checked: true, Blocks: []doc.Block{para(txt("done"))}}, {Task: true, Blocks: []doc.Block{para(txt("todo"))}}}}},
			"<ul class=\"tasks\">\n<li><input type=\"checkbox\" disabled=\"\" aria-label=\"Task\" checked=\"\" /> done</li>\n<li><input type=\"checkbox\" disabled=\"\" aria-label=\"Task\" /> todo</li>\n</ul>\n"},
		{"table with alignment",
			[]doc.Block{&doc.Table{Align: []doc.Align{doc.AlignLeft, doc.AlignDefault, doc.AlignRight},
				Header: []*doc.Row{{Cells: []*doc.Cell{{Content: []doc.Inline{txt("a")}}, {Content: []doc.Inline{txt("b")}}, {Content: []doc.Inline{txt("c")}}}}},
				Body:   []*doc.Row{{Cells: []*doc.Cell{{Content: []doc.Inline{txt("1")}}, {}, {Content: []doc.Inline{txt("3")}}}}}}},
			"<table>\n<thead>\n<tr>\n<th style=\"text-align: left\">a</th>\n<th>b</th>\n<th style=\"text-align: right\">c</th>\n</tr>\n</thead>\n" +
				"<tbody>\n<tr>\n<td style=\"text-align: left\">1</td>\n<td></td>\n<td style=\"text-align: right\">3</td>\n</tr>\n</tbody>\n</table>\n"},
		{"definition list: single paragraph definitions are bare, a term without definition gets an empty dd",
			[]doc.Block{&doc.DefinitionList{Items: []*doc.DefItem{
				{Term: []doc.Inline{txt("t")}, Definitions: [][]doc.Block{{para(txt("d"))}, {para(txt("e")), para(txt("f"))}}},
				{Term: []doc.Inline{txt("u")}}}}},
			"<dl>\n<dt>t</dt>\n<dd>d</dd>\n<dd>\n<p>e</p>\n<p>f</p>\n</dd>\n<dt>u</dt>\n<dd></dd>\n</dl>\n"},
		{"inline kinds",
			[]doc.Block{para(&doc.Strike{Content: []doc.Inline{txt("s")}}, &doc.Sub{Content: []doc.Inline{txt("2")}}, &doc.Sup{Content: []doc.Inline{txt("3")}},
				txt("a"), &doc.LineBreak{}, txt("b"), &doc.SoftBreak{}, txt("c"))},
			"<p><del>s</del><sub>2</sub><sup>3</sup>a<br />\nb\nc</p>\n"},
		{"styled spans",
			[]doc.Block{para(&doc.Span{Style: doc.SpanUnderline, Content: []doc.Inline{txt("u")}}, &doc.Span{Style: doc.SpanMark, Content: []doc.Inline{txt("m")}},
				&doc.Span{Style: doc.SpanKbd, Content: []doc.Inline{txt("k")}}, &doc.Span{Style: "blink", Content: []doc.Inline{txt("b")}})},
			"<p><u>u</u><mark>m</mark><kbd>k</kbd>b</p>\n"},
		{"link with title",
			[]doc.Block{para(&doc.Link{URL: "https://example.org/a b?x=1&y=ü", Title: "t", Content: []doc.Inline{txt("l")}})},
			"<p><a href=\"https://example.org/a%20b?x=1&amp;y=%C3%BC\" title=\"t\">l</a></p>\n"},
		{"percent escapes kept, stray percent encoded, brackets encoded",
			[]doc.Block{para(&doc.Link{URL: "/a%20b%zz[x]\\", Content: []doc.Inline{txt("l")}})},
			"<p><a href=\"/a%20b%25zz%5Bx%5D%5C\">l</a></p>\n"},
		{"image as written in plain mode",
			[]doc.Block{para(&doc.Image{Src: "/url", Alt: "foo bar", Title: "t"})},
			"<p><img src=\"/url\" alt=\"foo bar\" title=\"t\" /></p>\n"},
		{"nested link keeps only the outer anchor",
			[]doc.Block{para(&doc.Link{URL: "https://a", Content: []doc.Inline{&doc.Link{URL: "https://b", Content: []doc.Inline{txt("x")}}}})},
			"<p><a href=\"https://a\">x</a></p>\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ws := render(t, plain, tt.in...)
			if got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
			if len(ws) != 0 {
				t.Errorf("unexpected warnings %v", ws)
			}
			mustBeXML(t, got)
		})
	}
}

func TestDirAutoAndHeadingIDs(t *testing.T) {
	got, _ := render(t, Options{HeadingIDs: true},
		&doc.Heading{Level: 2, ID: "intro", Content: []doc.Inline{txt("Intro")}},
		para(txt("مرحبا")),
		&doc.BlockQuote{Blocks: []doc.Block{para(txt("q"))}},
		&doc.List{Tight: true, Items: []*doc.ListItem{{Blocks: []doc.Block{para(txt("a"))}}}},
		&doc.Table{Header: []*doc.Row{{Cells: []*doc.Cell{{Content: []doc.Inline{txt("h")}}}}}},
	)
	for _, want := range []string{
		`<h2 id="intro" dir="auto">Intro</h2>`, `<p dir="auto">مرحبا</p>`, `<blockquote dir="auto">`,
		`<li dir="auto">a</li>`, `<th dir="auto">h</th>`, `<div class="table-wrap">`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s in\n%s", want, got)
		}
	}
	mustBeXML(t, got)
}

func TestFigures(t *testing.T) {
	res := &doc.Resource{Name: "img-1.png", MediaType: "image/png", Width: 40, Height: 30, Data: []byte("x")}
	opts := Options{
		Resource: func(name string) *doc.Resource {
			if name == res.Name {
				return res
			}
			return nil
		},
		ImageSrc: func(r *doc.Resource) string { return "images/" + r.Name },
		Labels:   doc.LabelsFor("fr"),
	}
	tests := []struct {
		name, want string
		fig        *doc.Figure
		warn       string
	}{
		{"image, caption and credit",
			`<figure>` + "\n" + `<img src="images/img-1.png" alt="a" width="40" height="30" />` + "\n" +
				`<figcaption dir="auto">Cap <span class="credit">Crédit: AP</span></figcaption>` + "\n</figure>\n",
			&doc.Figure{Src: "x.png", Ref: "img-1.png", Alt: "a", Caption: []doc.Inline{txt("Cap")}, Credit: "AP"}, ""},
		{"refused image shows a labelled placeholder with its alt text, then the caption",
			`<figure class="no-image">` + "\n" + missing("a") + `<figcaption dir="auto">Cap</figcaption>` + "\n</figure>\n",
			&doc.Figure{Src: "../../etc/passwd", Alt: "a", Caption: []doc.Inline{txt("Cap")}}, ""},
		{"credit is never alone: the placeholder stands above it",
			`<figure class="no-image">` + "\n" + missing("") + `<figcaption dir="auto"><span class="credit">Crédit: Reuters</span></figcaption>` + "\n</figure>\n",
			&doc.Figure{Credit: "Reuters"}, ""},
		{"nothing but alt text is a placeholder",
			`<figure class="no-image">` + "\n" + missing("a chart") + "</figure>\n", &doc.Figure{Src: "x.png", Alt: "a chart"}, ""},
		{"ref naming no resource",
			`<figure class="no-image">` + "\n" + missing("a") + "</figure>\n", &doc.Figure{Ref: "gone.png", Alt: "a"}, "image-missing"},
		{"a figure with nothing to show prints nothing", "", &doc.Figure{Src: "x.png"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ws := render(t, opts, tt.fig)
			if got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
			if codes(ws) != tt.warn {
				t.Errorf("warnings %v, want %q", ws, tt.warn)
			}
			mustBeXML(t, got)
		})
	}
}

func TestUnresolvedInlineImageShowsAltWhenResolving(t *testing.T) {
	got, _ := render(t, Options{ImageSrc: func(*doc.Resource) string { return "x" }, NoDirAuto: true},
		para(&doc.Image{Src: "https://tracker.example/pixel.gif", Alt: "a <b>"}))
	if got != "<p>a &lt;b&gt;</p>\n" {
		t.Errorf("got %q", got)
	}
}

func TestEscapingAndAttributeBreakout(t *testing.T) {
	tests := []struct {
		name string
		in   doc.Block
		want string
	}{
		{"script in text", para(txt(`"><script>alert(1)</script>&`)),
			`<p>&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;</p>`},
		{"breakout in alt and title", para(&doc.Image{Src: "i.png", Alt: `a" onerror="x`, Title: `t" onmouseover="`}),
			`<img src="i.png" alt="a&quot; onerror=&quot;x" title="t&quot; onmouseover=&quot;" />`},
		{"breakout in href", para(&doc.Link{URL: `https://x/"onclick="y`, Content: []doc.Inline{txt("l")}}),
			`<a href="https://x/%22onclick=%22y">l</a>`},
		{"breakout in link title", para(&doc.Link{URL: "https://x", Title: `"><script>`, Content: []doc.Inline{txt("l")}}),
			`title="&quot;&gt;&lt;script&gt;"`},
		{"breakout in code language", &doc.CodeBlock{Language: `x"><script>`, Text: "a\n"},
			`<code class="language-x&quot;&gt;&lt;script&gt;">`},
		{"breakout in heading id", &doc.Heading{Level: 2, ID: `"><x>`, Content: []doc.Inline{txt("h")}},
			`<h2 id="&quot;&gt;&lt;x&gt;">`},
		{"raw html dropped by default", para(txt("a"), &doc.RawInline{Format: "html", Text: "<script>x</script>"}), `<p>a</p>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := render(t, Options{HeadingIDs: true, NoDirAuto: true, AllowRelativeLinks: true}, tt.in)
			if !strings.Contains(got, tt.want) {
				t.Errorf("got\n%s\nwant it to contain\n%s", got, tt.want)
			}
			if strings.Contains(got, "<script") || strings.Contains(got, "\" on") {
				t.Errorf("markup escaped its attribute or text: %s", got)
			}
			mustBeXML(t, got)
		})
	}
}

func TestXMLIllegalCharactersAreRemoved(t *testing.T) {
	bad := "a\x00b\x01c\x0bd\x0ce\x1bf\x7fg\u0085h\ufffei\uffffj\U0001FFFEk\ufdd0l\xed\xa0\x80m\xffn\to"
	blocks := []doc.Block{
		para(txt(bad), &doc.Link{URL: "https://x/" + bad, Title: bad, Content: []doc.Inline{txt(bad)}}),
		para(&doc.Image{Src: "i.png", Alt: bad, Title: bad}),
		&doc.CodeBlock{Language: bad, Text: bad},
		&doc.Heading{Level: 2, ID: "h" + bad, Content: []doc.Inline{&doc.Code{Value: bad}}},
		&doc.RawBlock{Format: "html", Text: "<p>" + bad + "</p>"},
	}
	got, _ := render(t, Options{UnsafeHTML: true, XHTML: true, HeadingIDs: true, AllowRelativeLinks: true}, blocks...)
	mustBeXML(t, got)
	for _, r := range got {
		if !allowedRune(r) || r == '\uFFFD' {
			t.Errorf("output contains %U:\n%q", r, got)
		}
	}
	if !strings.Contains(got, "abcdefghijklmn\to") {
		t.Errorf("text lost more than the illegal characters: %q", got)
	}
}

func TestUnsafeURLsRenderAsText(t *testing.T) {
	urls := []string{
		"javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "javascript&colon;alert(1)",
		"java&Tab;script:alert(1)", "java\tscript:alert(1)", "java\nscript:alert(1)", "java\x00script:alert(1)",
		"&#106;avascript:alert(1)", "&#x6A;avascript:alert(1)", "vbscript:msgbox(1)", "VBScript:x",
		"data:text/html;base64,PHNjcmlwdD4=", "data:image/png;base64,AAAA", "file:///etc/passwd", "FILE:///c:/x",
		"ftp://example.org/", "\x01javascript:x",
	}
	for _, u := range urls {
		t.Run(u, func(t *testing.T) {
			got, ws := render(t, Options{AllowRelativeLinks: true, NoDirAuto: true},
				para(&doc.Link{URL: u, Content: []doc.Inline{txt("click")}, Pos: doc.Pos{File: "a.md", Line: 4}}))
			if got != "<p>click</p>\n" {
				t.Errorf("got %q, want the text only", got)
			}
			if len(ws) != 1 || ws[0].Code != "unsafe-url" || ws[0].Pos.Line != 4 {
				t.Errorf("warnings %v, want one unsafe-url at line 4", ws)
			}
		})
	}
}

func TestLinkKinds(t *testing.T) {
	tests := []struct {
		name, url   string
		relative    bool
		href        func(string, doc.Pos) string
		want, warns string
	}{
		{"https", "https://example.org/", false, nil, `<a href="https://example.org/">l</a>`, ""},
		{"http upper case scheme", "HTTP://example.org/", false, nil, `<a href="HTTP://example.org/">l</a>`, ""},
		{"mailto", "mailto:a@example.org", false, nil, `<a href="mailto:a@example.org">l</a>`, ""},
		{"internal", "#section-2", false, nil, `<a href="#section-2">l</a>`, ""},
		{"internal keeps non-ASCII id", "#введение", false, nil, `<a href="#введение">l</a>`, ""},
		{"internal rewritten", "#x", false, func(id string, _ doc.Pos) string { return "ch2.xhtml#" + id }, `<a href="ch2.xhtml#x">l</a>`, ""},
		{"relative allowed", "../a.html", true, nil, `<a href="../a.html">l</a>`, ""},
		{"relative refused", "../a.html", false, nil, `l`, "relative-link-dropped"},
		{"no valid scheme is a relative path, as browsers parse it", "foo):", true, nil, `<a href="foo):">l</a>`, ""},
		{"no-break space inside a scheme makes it a path", "jav\u00a0ascript:x", true, nil, `<a href="jav%C2%A0ascript:x">l</a>`, ""},
		{"colon after slash is a path", "a/b:c", true, nil, `<a href="a/b:c">l</a>`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ws := render(t, Options{AllowRelativeLinks: tt.relative, Href: tt.href, NoDirAuto: true},
				para(&doc.Link{URL: tt.url, Content: []doc.Inline{txt("l")}}))
			if want := "<p>" + tt.want + "</p>\n"; got != want {
				t.Errorf("got %q, want %q", got, want)
			}
			if codes(ws) != tt.warns {
				t.Errorf("warnings %v, want %q", ws, tt.warns)
			}
		})
	}
}

func TestRawHTML(t *testing.T) {
	raw := &doc.RawBlock{Format: "html", Text: "<div><b>x</b></div>\n", Pos: doc.Pos{File: "a.md", Line: 7, Col: 1}}
	broken := &doc.RawInline{Format: "html", Text: "<span>", Pos: doc.Pos{File: "a.md", Line: 9}}
	tests := []struct {
		name        string
		opts        Options
		want, warns string
	}{
		{"dropped by default", Options{NoDirAuto: true}, "<p>a</p>\n", "raw-html-omitted,raw-html-omitted"},
		{"kept when unsafe", Options{UnsafeHTML: true, NoDirAuto: true}, "<div><b>x</b></div>\n<p>a<span></p>\n", ""},
		{"XHTML keeps only well-formed fragments", Options{UnsafeHTML: true, XHTML: true, NoDirAuto: true}, "<div><b>x</b></div>\n<p>a</p>\n", "raw-html-omitted"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ws := render(t, tt.opts, raw, para(txt("a"), broken))
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if codes(ws) != tt.warns {
				t.Errorf("warnings %v, want %q", ws, tt.warns)
			}
			for _, w := range ws {
				if w.Pos.Line != 7 && w.Pos.Line != 9 {
					t.Errorf("warning without the node's position: %v", w)
				}
			}
		})
	}
	if _, ws := render(t, Options{UnsafeHTML: true}, &doc.RawBlock{Format: "latex", Text: `\x`}); codes(ws) != "raw-omitted" {
		t.Errorf("raw latex: warnings %v", ws)
	}
}

// TestXHTMLNeverCarriesScripts checks r07: in XHTML mode (the EPUB) a raw
// fragment that would run code is dropped even with UnsafeHTML, while
// the HTML output keeps what the user trusted.
func TestXHTMLNeverCarriesScripts(t *testing.T) {
	for _, frag := range []string{
		"<script>alert(1)</script>",
		"<div><script>alert(1)</script></div>",
		`<img src="x" onerror="alert(1)"/>`,
		`<a href="javascript:alert(1)">x</a>`,
		`<a href=" JaVa&#x53;cript:alert(1)">x</a>`,
		`<a href="vbscript:x">x</a>`,
		`<img src="data:image/svg+xml,&lt;svg onload=alert(1)&gt;"/>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>`,
		`<div style="background:url(javascript:alert(1))">x</div>`,
		`<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>`,
		`<p srcdoc="x">x</p>`,
		`<base href="javascript:/"/>`,
		`<object data="x.swf"></object>`,
		`<form action="https://example.org"><button>x</button></form>`,
	} {
		raw := &doc.RawBlock{Format: "html", Text: frag, Pos: doc.Pos{File: "a.md", Line: 3}}
		got, ws := render(t, Options{UnsafeHTML: true, XHTML: true, NoDirAuto: true}, raw)
		if got != "" || codes(ws) != "raw-html-omitted" {
			t.Errorf("XHTML %q: got %q, warnings %v; want it dropped", frag, got, ws)
		}
		if got, _ := render(t, Options{UnsafeHTML: true, NoDirAuto: true}, raw); !strings.Contains(got, frag[:5]) {
			t.Errorf("HTML %q: got %q, want it kept (--unsafe-html is the user's choice)", frag, got)
		}
	}
	for _, frag := range []string{`<div class="note"><a href="https://example.org/on">on</a></div>`, `<span style="color:red">x</span>`, `<a href="#fn-1">1</a>`} {
		raw := &doc.RawBlock{Format: "html", Text: frag}
		if got, ws := render(t, Options{UnsafeHTML: true, XHTML: true, NoDirAuto: true}, raw); !strings.Contains(got, frag) {
			t.Errorf("XHTML %q: got %q (%v), want it kept", frag, got, ws)
		}
	}
}

func TestNotes(t *testing.T) {
	notes := []*doc.Note{
		{Label: "a", Number: 1, ID: "fn-1", Blocks: []doc.Block{para(txt("First."))}},
		{Label: "b", Number: 2, ID: "fn-2", Blocks: []doc.Block{&doc.CodeBlock{Text: "x\n"}}},
	}
	for _, style := range []NoteStyle{NotesHTML} {
		r := New(Options{Notes: notes, NoteStyle: style, NoDirAuto: true, Labels: doc.LabelsFor("de")}, nil)
		var b bytes.Buffer
		r.Blocks(&b, []doc.Block{para(txt("x"), &doc.NoteRef{Label: "a", Number: 1, ID: "fnref-1"}, txt("y"),
			&doc.NoteRef{Label: "b", Number: 2, ID: "fnref-2"}, &doc.NoteRef{Label: "a", Number: 1, ID: "fnref-1-2"}, &doc.NoteRef{Label: "zz", Number: 9})})
		r.Notes(&b, notes, 2)
		got := b.String()
		mustBeXML(t, got)
		wants := []string{
			`<sup class="footnote-ref"><a href="#fn-1" id="fnref-1"`,
			`<a href="#fn-1" id="fnref-1-2"`,
			`<sup>[zz]</sup>`,
			`<h2>Anmerkungen</h2>`,
			`<li id="fn-1" value="1"`,
			`<p>First. <a class="footnote-back" href="#fnref-1" aria-label="Zurück zum Text (1)" role="doc-backlink">↩︎</a> <a class="footnote-back" href="#fnref-1-2"`,
			"<pre><code>x\n</code></pre>\n<p> <a class=\"footnote-back\" href=\"#fnref-2\"",
		}
		if strings.Contains(got, "epub:") {
			t.Errorf("HTML notes carry epub:type:\n%s", got)
		}
		for _, want := range wants {
			if !strings.Contains(got, want) {
				t.Errorf("style %d: missing %s in\n%s", style, want, got)
			}
		}
	}
}

func TestNotesAsEPUBAsides(t *testing.T) {
	notes := []*doc.Note{
		{Label: "a", Number: 1, ID: "fn-1", Blocks: []doc.Block{para(txt("First."))}},
		{Label: "b", Number: 2, ID: "fn-2", Blocks: []doc.Block{&doc.CodeBlock{Text: "x\n"}}},
		{Label: "c", Number: 3, ID: "fn-3", Blocks: []doc.Block{para(txt("Opening.")), &doc.CodeBlock{Text: "y\n"}, para(txt("Closing."))}},
		{Label: "d", Number: 4, ID: "fn-4", Blocks: []doc.Block{para(txt("Never cited."))}},
	}
	// The notes live in another file, as in the EPUB writer.
	href := func(id string, _ doc.Pos) string {
		if strings.HasPrefix(id, "fn-") {
			return "notes.xhtml#" + id
		}
		return "text.xhtml#" + id
	}
	r := New(Options{Notes: notes, NoteStyle: NotesEPUBAside, NoDirAuto: true, Href: href, Labels: doc.LabelsFor("de")}, nil)
	var body, page bytes.Buffer
	r.Blocks(&body, []doc.Block{para(txt("x"), &doc.NoteRef{Label: "a", Number: 1, ID: "fnref-1"}, txt("y"),
		&doc.NoteRef{Label: "b", Number: 2, ID: "fnref-2"}, &doc.NoteRef{Label: "a", Number: 1, ID: "fnref-1-2"}, &doc.NoteRef{Label: "c", Number: 3, ID: "fnref-3"})})
	r.Notes(&page, notes, 2)
	mustBeXML(t, body.String())
	mustBeXML(t, page.String())
	for _, want := range []string{
		`<a href="notes.xhtml#fn-1" id="fnref-1" epub:type="noteref" role="doc-noteref">1</a>`,
		`<a href="notes.xhtml#fn-1" id="fnref-1-2" epub:type="noteref"`,
	} {
		if !strings.Contains(body.String(), want) {
			t.Errorf("body lacks %s:\n%s", want, body.String())
		}
	}
	got := page.String()
	for _, want := range []string{
		`<section class="footnotes" epub:type="endnotes" role="doc-endnotes">` + "\n<h2>Anmerkungen</h2>\n<aside id=\"fn-1\"",
		// A one-paragraph note: number, text and back-links in one paragraph.
		`<aside id="fn-1" class="footnote" epub:type="footnote" role="doc-footnote">` + "\n" +
			`<p><span class="footnote-label">1.</span> First. <a class="footnote-back" href="text.xhtml#fnref-1" aria-label="Zurück zum Text (1)" role="doc-backlink">↩︎</a> <a class="footnote-back" href="text.xhtml#fnref-1-2" aria-label="Zurück zum Text (2)" role="doc-backlink">↩︎</a></p>` + "\n</aside>",
		// A note without paragraphs: the number and the back-link get their own.
		`<aside id="fn-2" class="footnote" epub:type="footnote" role="doc-footnote">` + "\n" +
			`<p><span class="footnote-label">2.</span> </p>` + "\n<pre><code>x\n</code></pre>\n" +
			`<p> <a class="footnote-back" href="text.xhtml#fnref-2" aria-label="Zurück zum Text" role="doc-backlink">↩︎</a></p>` + "\n</aside>",
		// Several blocks: number in the first paragraph, back-link in the last.
		"<p><span class=\"footnote-label\">3.</span> Opening.</p>\n<pre><code>y\n</code></pre>\n<p>Closing. <a class=\"footnote-back\" href=\"text.xhtml#fnref-3\"",
		// A note nobody cites has no back-link (it would point nowhere).
		`<p><span class="footnote-label">4.</span> Never cited.</p>` + "\n</aside>",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("notes lack\n%s\nin\n%s", want, got)
		}
	}
	if strings.Contains(got, "<li") || strings.Contains(got, `epub:type="endnote"`) {
		t.Errorf("aside style still writes list items or endnote types:\n%s", got)
	}
	if n := strings.Count(got, "<aside "); n != len(notes) {
		t.Errorf("%d asides for %d notes", n, len(notes))
	}
}

func TestCleanAndEscape(t *testing.T) {
	if got := Clean("a\x00b\ufffec"); got != "abc" {
		t.Errorf("Clean = %q", got)
	}
	if got := Escape("</title><script>alert(1)</script> & ]]> \u202e"); got != "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; ]]&gt; \u202e" {
		t.Errorf("Escape = %q", got)
	}
}

func TestImageSrcFromWriter(t *testing.T) {
	res := &doc.Resource{Name: "a b.png", MediaType: "image/png"}
	lookup := func(string) *doc.Resource { return res }
	img := para(&doc.Image{Ref: "a b.png", Alt: "alt"})
	got, _ := render(t, Options{NoDirAuto: true, Resource: lookup, ImageSrc: func(r *doc.Resource) string { return "images/" + r.Name }}, img)
	if got != "<p><img src=\"images/a%20b.png\" alt=\"alt\" /></p>\n" {
		t.Errorf("file name not percent-encoded: %q", got)
	}
	got, _ = render(t, Options{NoDirAuto: true, Resource: lookup, ImageSrc: func(*doc.Resource) string { return "" }}, img)
	if got != "<p>alt</p>\n" {
		t.Errorf("refused resource should show its alt text: %q", got)
	}
}

// missing is the placeholder of a figure without its image, in French (the
// tests' labels).
func missing(alt string) string {
	s := `<p class="image-missing" dir="auto"><span class="label">Image non disponible</span>`
	if alt != "" {
		s += " " + alt
	}
	return s + "</p>\n"
}

// TestURLsStayValidURIs: what EPUBCheck and the Nu checker refused in real
// READMEs and pages: a second '#', a host beyond ASCII, and the brackets
// of an IPv6 host percent-encoded.
func TestURLsStayValidURIs(t *testing.T) {
	for in, want := range map[string]string{
		"https://matrix.to/#/#room:example.org": "https://matrix.to/#/%23room:example.org",
		"https://bücher.example/ä":              "https://xn--bcher-kva.example/%C3%A4",
		"https://b%C3%BCcher.example:8080/x":    "https://xn--bcher-kva.example:8080/x",
		"https://[2001:db8::1]/page":            "https://[2001:db8::1]/page",
		"https://user@[2001:db8::1]:8443/a[b]":  "https://user@[2001:db8::1]:8443/a%5Bb%5D",
		"https://example.org/a b#c":             "https://example.org/a%20b#c",
		"mailto:jane@example.org":               "mailto:jane@example.org",
		"https://foo.bar.`baz":                  "https://foo.bar.%60baz",
		// A host IDNA refuses keeps its escapes, and a stray % is escaped.
		"https://a%20b.%C3%BC/": "https://a%20b.%C3%BC/",
		"https://ü%zz/":         "https://%C3%BC%25zz/",
	} {
		if got := escapeURL(in, false); got != want {
			t.Errorf("escapeURL(%q) = %q, want %q", in, got, want)
		}
	}
	// A link into the document whose id holds a '#'.
	r := New(Options{}, nil)
	if got := r.fragmentHref("x#y", doc.Pos{}); got != "#x%23y" {
		t.Errorf("fragmentHref(x#y) = %q, want #x%%23y", got)
	}
}
