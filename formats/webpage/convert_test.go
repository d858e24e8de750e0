package webpage

import (
	"strings"
	"testing"
)

// TestConversion reads bodies with KeepBoilerplate, so that the converter
// is tested on its own, without Readability choosing what to keep.
func TestConversion(t *testing.T) {
	tests := []struct {
		name, head, body, want string
	}{
		{"headings of every level keep their id",
			``, `<h2 id="a">Two</h2><h3>Three</h3><h6>Six</h6>`,
			"h2#a Two\nh3# Three\nh6# Six\n"},
		{"white space collapses across elements as a browser shows it",
			``, "<p>\n  One   <em> two </em>  three<strong>four</strong>\n five </p>",
			"p One _two_ three*four* five\n"},
		{"emphasis, strong, code, strike, sub and sup",
			``, `<p><i>i</i> <b>b</b> <code> x  y </code> <del>d</del> <s>s</s> H<sub>2</sub>O e<sup>x</sup></p>`,
			"p _i_ *b* `x y` ~d~ ~s~ H_{2}O e^{x}\n"},
		{"relative links resolve against the canonical URL, fragments stay",
			`<link rel="canonical" href="https://example.com/news/a/">`, `<p><a href="../b">up</a> <a href="#n">note</a> <a href="//cdn.example.com/x">cdn</a> <a href="mailto:x@example.com">mail</a></p>`,
			"p [up](https://example.com/news/b) [note](#n) [cdn](https://cdn.example.com/x) [mail](mailto:x@example.com)\n"},
		{"without a canonical URL links stay as written",
			``, `<p><a href="../b">up</a></p>`,
			"p [up](../b)\n"},
		{"a link without href is its text",
			``, `<p><a name="x">anchor</a> text</p>`,
			"p anchor text\n"},
		{"ordered list with start, nested bullet list",
			``, `<ol start="3"><li>three<ul><li>a</li><li>b</li></ul></li><li>four</li></ol>`,
			"list ordered=true start=3 tight=true\n- item\n  p three\n  list ordered=false start=0 tight=true\n  - item\n    p a\n  - item\n    p b\n- item\n  p four\n"},
		{"a list of paragraphs is loose",
			``, `<ul><li><p>one</p></li><li><p>two</p></li></ul>`,
			"list ordered=false start=0 tight=false\n- item\n  p one\n- item\n  p two\n"},
		{"a nested list written beside its item joins that item",
			``, `<ul><li>one</li><ul><li>inner</li></ul></ul>`,
			"list ordered=false start=0 tight=true\n- item\n  p one\n  list ordered=false start=0 tight=true\n  - item\n    p inner\n"},
		{"blockquote holds blocks",
			``, `<blockquote><p>said</p><p>more</p></blockquote>`,
			"quote\n> p said\n> p more\n"},
		{"pre keeps its text; the language comes from class language-x",
			``, "<pre><code class=\"language-python\">def f():\n    return 1 &lt; 2</code></pre>",
			"code lang=python \"def f():\\n    return 1 < 2\\n\"\n"},
		{"table with thead, alignment from align and from style",
			``, `<table><thead><tr><th align="left">A</th><th style="text-align: right">B</th><th>C</th></tr></thead><tbody><tr><td>1</td><td>2</td><td style="text-align:center">3</td></tr></tbody></table>`,
			"table align=[left right center] header=1\n| A | B | C |\n| 1 | 2 | 3 |\n"},
		{"a first row of th is the header; colspan keeps the grid square",
			``, `<table><tr><th>A</th><th>B</th></tr><tr><td colspan="2">wide</td></tr><tr><td>x</td></tr></table>`,
			"table align=[ ] header=1\n| A | B |\n| wide |  |\n| x |  |\n"},
		{"a one-column table is layout: its cells are blocks",
			``, `<table><tr><td><p>first</p></td></tr><tr><td>second</td></tr></table>`,
			"p first\np second\n"},
		{"table caption becomes a paragraph before the table",
			``, `<table><caption>Costs</caption><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>`,
			"p Costs\ntable align=[ ] header=1\n| A | B |\n| 1 | 2 |\n"},
		{"figure: image source as written, alt, caption, credit element",
			``, `<figure><img src="./Page%20name_files/a.jpg" alt="Boats"><figcaption>Boats at the quay. <span class="credit">Photo: Jane Doe</span></figcaption></figure>`,
			"figure src=\"./Page%20name_files/a.jpg\" alt=\"Boats\" caption=\"Boats at the quay.\" credit=\"Jane Doe\"\n"},
		{"figure: a trailing credit label in the caption text",
			``, `<figure><img src="a_files/a.jpg"><figcaption>Delegates arrive. Photograph: Jane Doe</figcaption></figure>`,
			"figure src=\"a_files/a.jpg\" alt=\"\" caption=\"Delegates arrive.\" credit=\"Jane Doe\"\n"},
		{"figure: a Russian credit label",
			``, `<figure><img src="a.jpg"><figcaption>Делегаты на встрече. Фото: Иван Петров</figcaption></figure>`,
			"figure src=\"a.jpg\" alt=\"\" caption=\"Делегаты на встрече.\" credit=\"Иван Петров\"\n"},
		{"figure without an image keeps its caption",
			``, `<figure><figcaption>The lost photo's caption</figcaption></figure>`,
			"figure src=\"\" alt=\"\" caption=\"The lost photo's caption\" credit=\"\"\n"},
		{"figure around a quote is the quote",
			``, `<figure><blockquote><p>words</p></blockquote><figcaption>— Someone</figcaption></figure>`,
			"quote\n> p words\np — Someone\n"},
		{"lazy image: data-src replaces a placeholder",
			``, `<figure><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="b_files/real.jpg" alt="x"></figure>`,
			"figure src=\"b_files/real.jpg\" alt=\"x\" caption=\"\" credit=\"\"\n"},
		{"a paragraph that is only an image (even linked) is a figure",
			``, `<p><a href="big.jpg"><img src="small.jpg" alt="A map"></a></p>`,
			"figure src=\"small.jpg\" alt=\"A map\" caption=\"\" credit=\"\"\n"},
		{"an image inside text stays inline; tracking pixels go",
			``, `<p>See <img src="icon.png" alt="icon"> here<img src="px.gif" width="1" height="1"></p>`,
			"p See ![icon](icon.png) here\n"},
		{"hr, br and two br making a new paragraph",
			``, `<p>one<br>two</p><hr><div>three<br><br>four</div>`,
			"p one\\ntwo\nhr\np three\np four\n"},
		{"definition list, with a div wrapper",
			``, `<dl><dt>Term</dt><dd>Def one</dd><div><dt>Other</dt><dd><p>Def two</p></dd></div></dl>`,
			"dl\ndt Term\ndd p Def one\ndt Other\ndd p Def two\n"},
		{"scripts, styles, iframes, forms, buttons and hidden elements are dropped",
			``, `<p>kept</p><script>bad()</script><style>p{}</style><iframe src="x"></iframe><form><input value="v"><button>Go</button></form><p hidden>h</p><p style="display:none">n</p><p aria-hidden="true">a</p>`,
			"p kept\n"},
		{"kept boilerplate: nav, aside and footer stay",
			``, `<nav><a href="/">Home</a></nav><p>text</p><aside>side</aside><footer>foot</footer>`,
			"p [Home](/)\np text\np side\np foot\n"},
		{"a div mixing text and blocks makes paragraphs around the blocks",
			``, `<div>loose text<p>para</p>tail <b>bold</b></div>`,
			"p loose text\np para\np tail *bold*\n"},
		{"a link around blocks (a card) is read as its blocks",
			``, `<a href="/x"><h3>Card title</h3><p>Card text</p></a>`,
			"h3# Card title\np Card text\n"},
		{"q gets quotation marks",
			``, `<p>He said <q>yes</q>.</p>`,
			"p He said “yes”.\n"},
		{"entities and no-break spaces are kept as characters",
			``, `<p>5&nbsp;km &amp; 3&#8239;m &lt;ok&gt;</p>`,
			"p 5\u00a0km & 3\u202fm <ok>\n"},
		{"svg is dropped, math is shown as text",
			``, `<p>a<svg><text>svg text</text></svg> b<math><mi>x</mi></math></p>`,
			"p a b`x`\n"},
		{"a heading's permalink mark is left out, a link to a place with words is kept",
			``, `<h2 id="setup">Setup<a class="headerlink" href="#setup" title="Permalink">¶</a></h2><p>See <a href="#setup">the setup</a> and <a href="#n1">#</a> <a href="/x">¶</a>.</p>`,
			"h2#setup Setup\np See [the setup](#setup) and [¶](/x).\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "<html><head>" + tt.head + "</head><body>" + tt.body + "</body></html>"
			d, _ := read(t, src, Options{KeepBoilerplate: true})
			if got := render(d.Blocks); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestExtraction(t *testing.T) {
	t.Run("site furniture around the article is dropped", func(t *testing.T) {
		src := page(``, `<h2>Background</h2>`+filler+`<aside class="related"><h3>Related</h3><ul><li><a href="/o">Other story</a></li></ul></aside>`+
			`<div class="share"><a href="https://share.example/x">Share on X</a></div>`)
		src = strings.Replace(src, "<body>", `<body><div class="cookie-banner"><p>We use cookies. Accept all?</p><button>OK</button></div>`, 1)
		d, ws := read(t, src, Options{})
		got := render(d.Blocks)
		for _, junk := range []string{"Home", "cookies", "Related", "Other story", "Share on", "All rights"} {
			if strings.Contains(got, junk) {
				t.Errorf("%q left in the body:\n%s", junk, got)
			}
		}
		if !strings.Contains(got, "h2# Background") || strings.Count(got, "\np ") < 2 {
			t.Errorf("article text missing:\n%s", got)
		}
		for _, w := range ws {
			if w.Code != "content-dropped" {
				t.Errorf("warning %v", w)
			}
		}
	})
	t.Run("an Advertisement label left in the article is dropped", func(t *testing.T) {
		d, _ := read(t, page(``, filler+`<div class="slot"><span>Advertisement</span></div>`+filler), Options{})
		if got := render(d.Blocks); strings.Contains(got, "Advertisement") {
			t.Errorf("advertisement label kept:\n%s", got)
		}
	})
	t.Run("a lead figure beside the extracted body is kept", func(t *testing.T) {
		art := `<header><h1>Headline</h1><figure><img src="p_files/lead.jpg" alt="Lead"><figcaption>At the quay. <span class="credit">Photo: A. Photographer</span></figcaption></figure></header>` +
			`<div class="body">` + filler + filler + `</div>`
		d, _ := read(t, page(``, art), Options{})
		got := render(d.Blocks)
		if !strings.HasPrefix(got, `figure src="p_files/lead.jpg" alt="Lead" caption="At the quay." credit="A. Photographer"`) {
			t.Errorf("no lead figure first:\n%s", got)
		}
	})
	t.Run("when extraction finds nothing the body is read, without furniture, with a warning", func(t *testing.T) {
		src := `<html><body><nav><a href="/">Home</a></nav><div class="cookie-notice">We use cookies</div><div><span>Short note.</span></div><footer>Foot</footer></body></html>`
		d, ws := read(t, src, Options{})
		got := render(d.Blocks)
		if got != "p Short note.\n" {
			t.Errorf("body read as:\n%s", got)
		}
		if len(ws) != 1 || ws[0].Code != "extraction-failed" || ws[0].Pos.Line != 1 {
			t.Errorf("warnings %v, want one extraction-failed at line 1", ws)
		}
	})
	t.Run("an empty page gives an empty document and no warning", func(t *testing.T) {
		for _, src := range []string{"", "<html><head><title>T</title></head><body>  </body></html>", "<!-- only a comment -->"} {
			d, ws := read(t, src, Options{})
			if len(d.Blocks) != 0 || len(ws) != 0 {
				t.Errorf("%q: blocks %v, warnings %v", src, render(d.Blocks), ws)
			}
		}
	})
}

func TestCharset(t *testing.T) {
	tests := []struct {
		name, head, body string
		warn             bool
	}{
		{"declared windows-1251, UTF-8 bytes", `<meta charset="windows-1251">`, "<p>Привет</p>", true},
		{"declared in http-equiv", `<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">`, "<p>café</p>", true},
		{"declared latin-1 but all ASCII", `<meta charset="iso-8859-1">`, "<p>plain</p>", false},
		{"declared UTF-8", `<meta charset="UTF-8">`, "<p>Привет</p>", false},
		{"nothing declared", ``, "<p>Привет</p>", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "<html><head>\n" + tt.head + "\n</head><body>" + tt.body + "</body></html>"
			d, ws, err := New(Options{KeepBoilerplate: true}).Read([]byte(src), "in.html")
			if err != nil {
				t.Fatal(err)
			}
			got := false
			for _, w := range ws {
				if w.Code == "charset-ignored" {
					got = true
					want(t, "warning line", w.Pos.Line, 2)
				}
			}
			want(t, "charset-ignored warning", got, tt.warn)
			want(t, "text", render(d.Blocks), "p "+strings.TrimSuffix(strings.TrimPrefix(tt.body, "<p>"), "</p>")+"\n")
		})
	}
}

func TestCharsetDecoding(t *testing.T) {
	tests := []struct {
		name string
		src  []byte
		want string
	}{
		{"windows-1251 bytes declared in meta charset",
			append([]byte("<html><head>\n<meta charset=\"windows-1251\">\n</head><body><p>"), append([]byte{0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2}, "</p></body></html>"...)...),
			"p Привет\n"},
		{"latin-1 bytes declared in http-equiv",
			append([]byte("<html><head>\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">\n</head><body><p>caf"), append([]byte{0xE9}, "</p></body></html>"...)...),
			"p café\n"},
		{"undeclared 8-bit bytes are read as windows-1252, as browsers do",
			append([]byte("<html><body><p>"), append([]byte{0x93, 'q', 0x94}, "</p></body></html>"...)...),
			"p \u201cq\u201d\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, ws, err := New(Options{KeepBoilerplate: true}).Read(tt.src, "in.html")
			if err != nil {
				t.Fatal(err)
			}
			want(t, "text", render(d.Blocks), tt.want)
			if len(ws) != 1 || ws[0].Code != "charset-converted" {
				t.Errorf("warnings %v, want one charset-converted", ws)
			}
		})
	}
}

// TestReadDecodedTrustsTheDecoder: a page Decode converted still declares
// the charset it came from; ReadDecoded, told so, does not call that a lie,
// and Read gives the converted page the same tree with one warning.
func TestReadDecodedTrustsTheDecoder(t *testing.T) {
	raw := append([]byte("<html><head>\n<meta charset=\"windows-1251\">\n</head><body><p>"), append([]byte{0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2}, "</p></body></html>"...)...)
	src, from, w := Decode(raw, "in.html")
	want(t, "from", from, "windows-1251")
	if w == nil || w.Code != "charset-converted" {
		t.Fatalf("Decode warning %v", w)
	}
	r := New(Options{KeepBoilerplate: true})
	d, ws, err := r.ReadDecoded(src, "in.html", from)
	if err != nil {
		t.Fatal(err)
	}
	want(t, "text", render(d.Blocks), "p Привет\n")
	want(t, "warnings", len(ws), 0)
	// The same UTF-8 bytes as the page's own: the declaration lies.
	_, ws, err = r.ReadDecoded(src, "in.html", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(ws) != 1 || ws[0].Code != "charset-ignored" {
		t.Errorf("warnings %v, want one charset-ignored", ws)
	}
}

// A section whose id is made from its heading, with prose under it (in
// its subsections too), is part of the article whatever words the heading
// has ("Sharing photos" in a family's notes, Sphinx's
// "sharing-with-a-single-developer"); a
// share bar, or a comment thread under a one-word heading, is not.
func TestSectionNamedLikeFurniture(t *testing.T) {
	para := func(s string) string {
		return "<p>" + s + " The rest of this sentence is here to make it a real paragraph of running text.</p>"
	}
	src := page("<title>Family photo albums</title>", "<h1>Family photo albums</h1>\n"+
		para("Our family keeps its photo albums on a small home server.")+"\n"+
		`<div class="section" id="sorting-photos"><h2>Sorting photos</h2>`+para("Every picture goes into a folder named after the month.")+"</div>\n"+
		`<div class="section" id="sharing-photos"><h2>Sharing photos¶</h2>`+para("Grandparents get a weekly e-mail with a link to the new pictures.")+para("Cousins abroad download a whole month at once.")+"</div>\n"+
		`<div class="section" id="sharing-with-neighbours"><h2>Sharing with neighbours</h2><div class="section" id="lending-prints"><h3>Lending prints</h3>`+para("Neighbours borrow the printed albums for a week at a time.")+para("They bring them back with notes on who is in the pictures.")+"</div></div>\n"+
		`<div id="share-this"><h3>Share this</h3><a href="https://social.example/share">Post</a> <a href="mailto:?body=x">Mail</a></div>`+"\n"+
		`<div id="comments"><h2>Comments</h2>`+para("Anna wrote that she loves the idea of a monthly archive for the cousins.")+"</div>\n"+
		para("A second disk in the cupboard receives a copy every night."))
	d, _ := read(t, src, Options{})
	text := render(d.Blocks)
	for _, w := range []string{"Sorting photos", "Sharing photos", "Grandparents", "Cousins abroad", "Sharing with neighbours", "Neighbours borrow", "second disk"} {
		if !strings.Contains(text, w) {
			t.Errorf("article lacks %q:\n%s", w, text)
		}
	}
	for _, w := range []string{"Share this", "Anna wrote"} {
		if strings.Contains(text, w) {
			t.Errorf("article keeps %q:\n%s", w, text)
		}
	}
}
