// Package webpage reads a web page saved from a browser ("Save Page As…,
// HTML only") and turns the article in it into a clean doc.Document, the
// same shape the article reader gives for copied text: the headline in
// Meta.Title (said once), byline, dates, publisher, section and tags in
// Meta, the standfirst as the subtitle, and a body of headings,
// paragraphs, lists, quotes, code, tables and figures without the site
// around it.
//
// The flow, and why:
//
//   - annotate tokenizes the input with x/net/html's tokenizer, counting
//     lines in the Raw() bytes of each token, and writes a copy in which
//     every start tag carries a data-folio-ix attribute: the index of that
//     tag in a side table holding its line and its attributes as written.
//     The parser copies the attribute onto the element, Readability keeps
//     it (even when it renames a div to a p, or clones the document for
//     another pass), so every block and inline element of the result knows
//     the line its tag starts on. Elements Readability creates itself (a p
//     around loose text) take the line of their first positioned content.
//     Text takes the line of its enclosing element plus the newlines of the
//     text before it, which is exact unless a tag or comment between them
//     spans lines.
//   - annotate also bounds nesting: start tags nested too deeply are
//     left out (their text stays, in the deepest element kept), with a
//     nesting-limit warning. A page of 10,000 nested divs reads in
//     milliseconds instead of the seconds the parser's and Readability's
//     ancestor scans would take; the converter's own recursion is bounded
//     by the same limit.
//   - metadata is read from the whole parsed page first (meta tags,
//     Open Graph, article:*, JSON-LD, <html lang>, <link rel=canonical>,
//     <time datetime>), then Readability (codeberg.org/readeck/
//     go-readability/v2) picks the article. It is given no URL: it never
//     fetches anything, and with no base it leaves relative links and image
//     paths as written. The reader resolves link hrefs against the
//     canonical URL itself and keeps image sources as written, since a
//     saved page's images live in its NAME_files/ folder, which the
//     pipeline's sandboxed resolver reads.
//   - when Readability finds nothing, or less than its own threshold of 500
//     characters (then it returns its best guess, often the cookie notice
//     and the navigation), or panics, the whole <body> is read instead, without navigation, asides, footers, forms and hidden
//     elements, and an extraction-failed warning says so.
//     Options.KeepBoilerplate skips Readability and reads the whole body,
//     navigation and footers included.
//   - the converter walks the x/net/html nodes itself into doc blocks and
//     inlines, collapsing white space as a browser does. Links resolve
//     against the canonical URL (fragments stay); heading ids are kept so
//     the page's own fragment links land; table alignment and code
//     languages come from the attributes as written (Readability strips
//     class, style and align).
//   - finish makes the body say each thing once: the lead figure Readability
//     left in the story header is put back first (or og:image stands in);
//     a heading or paragraph repeating the headline, a short "By …" line
//     (its names become the authors when nothing else gave them), the
//     section kicker, publication and reading-time lines, "Advertisement"
//     and "Read more:" lines leave the body; a first paragraph that is
//     the description or is styled as the standfirst becomes the subtitle,
//     else the description does unless it only repeats the lede; none
//     that only says the headline again is a subtitle.
//   - images keep every source the page gives (srcset candidates largest
//     first, lazy-loading attributes, src) as Src and Fallback; the
//     pipeline's resolver takes the first it can read, so a saved
//     NAME_files/ copy is used when larger remote candidates are not
//     fetched.
//   - what the page's body held and the document does not is reported in
//     content-dropped warnings, one per stretch left out (dropped.go).
//
// Metadata, in this order of trust (the first source that gives a value
// wins): JSON-LD NewsArticle/Article and kin (headline, author,
// datePublished, dateModified, publisher, keywords, articleSection,
// description, inLanguage), Open Graph and article:* tags, Dublin Core
// (DC.*, dcterms.*), then the plain author/description/keywords tags and
// what the page shows (rel=author/category/tag links, byline elements,
// <time pubdate>, the first <time datetime>, Readability's byline). The
// source URL is the canonical link (then og:url, JSON-LD url, the browser's
// saved-from comment); the language comes from the tags that name one, then
// <html lang>, then the text (whatlanggo, when confident); the title falls
// back to <title>, with a " | Site" part naming the site, host or section
// cut (a title whose first part is the <h1> becomes the <h1>, and the rest
// the publisher); a title that is only the site's name gives way to a
// <title> that says more, else to the one <h1> of the <article>, and so
// does a title of a few words that <h1> does not say (readPageMeta). A
// breadcrumb trail (nav[aria-label=breadcrumb], a
// breadcrumb class, schema.org BreadcrumbList in JSON-LD) gives a section
// and tags as in the article reader (formats/internal/crumbs), and leaves
// the body. og:image is the lead figure when the article shows none.
//
// Charset: one function, Decode, turns a page's bytes into UTF-8 from the
// charset the page declares (a BOM, <meta charset>, http-equiv, met
// anywhere in the head, not only in its first 1024 bytes), or
// windows-1252 when it declares none, as a browser would
// (golang.org/x/net/html/charset), with a charset-converted warning. The
// pipeline's load stage calls it and hands the reader UTF-8 through
// ReadDecoded, with the charset it converted from; Read is the way in for
// raw bytes and calls Decode itself. A saved page often still declares
// its original charset while its bytes are UTF-8 (some browsers save the
// decoded text but leave <meta charset=windows-1251>): then the bytes are
// trusted and a charset-ignored warning names the declaration, unless the
// bytes are UTF-8 because Decode converted them.
package webpage

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"

	"folio/formats/internal/htmltree"
	"folio/pipeline/doc"
)

// Options are the webpage reader's switches.
type Options struct {
	// KeepBoilerplate reads the whole <body> (navigation, asides, footers
	// included) instead of the article Readability picks.
	KeepBoilerplate bool
}

// Reader reads saved web pages. It holds no state between calls and is safe
// for concurrent use.
type Reader struct{ opts Options }

// New returns a Reader with the given options.
func New(opts Options) *Reader { return &Reader{opts: opts} }

// Read turns the HTML page in src, raw bytes in whatever charset the page
// declares, into a document: Decode, then ReadDecoded. It is the way in
// for callers that hold a file's bytes (tests, fuzzers, tools); the
// pipeline decodes in its load stage and calls ReadDecoded. name goes into
// every position.
func (r *Reader) Read(src []byte, name string) (*doc.Document, []doc.Warning, error) {
	src, from, converted := Decode(src, name)
	d, ws, err := r.ReadDecoded(src, name, from)
	if err != nil {
		return nil, nil, err
	}
	if converted != nil {
		ws = append([]doc.Warning{*converted}, ws...)
	}
	return d, ws, nil
}

// ReadDecoded turns a page already in UTF-8 into a document. from is the
// charset Decode converted src from, "" when src is the page's own bytes:
// only then does a declaration of another charset earn a charset-ignored
// warning (a converted page still declares what it was converted from).
func (r *Reader) ReadDecoded(src []byte, name, from string) (*doc.Document, []doc.Warning, error) {
	s, root, err := parse(src)
	if err != nil {
		return nil, nil, &doc.Error{Pos: doc.Pos{File: name, Line: max(s.flattenedAt, 1)}, Code: "nesting-limit",
			Msg: "the page nests elements too deeply to read, even flattened", Err: err}
	}
	c := &converter{file: name, elems: s.elems, line: 1}
	var ws []doc.Warning
	if s.flattenedAt > 0 {
		ws = append(ws, doc.Warning{Pos: c.at(s.flattenedAt), Code: "nesting-limit",
			Message: fmt.Sprintf("elements nested more than about %d deep, or more than %d formatting elements left open, were flattened from here on",
				s.lim.depth, s.lim.formatting)})
	}
	if w, ok := charsetWarning(s, src, name); ok && from == "" {
		ws = append(ws, w)
	}
	pm := readPageMeta(c, root)
	c.base = pm.base
	c.lang = pm.meta.Lang

	if !r.opts.KeepBoilerplate {
		c.markFurniture(root)
	}
	content, mode, w := r.content(c, root, pm)
	if w != nil {
		ws = append(ws, *w)
	}
	d := c.document(root, content, mode, pm)
	if mode == modeArticle && voteWanted(d) {
		applyVote(d, secondOpinion(src))
	}
	if mode != modeKeep {
		if alt, ac, w, ok := salvageArticle(c, root, content, mode, pm, d); ok {
			d, c = alt, ac
			ws = append(ws, w)
		}
		ws = append(ws, c.droppedWarnings(root, d)...)
		ws = append(ws, c.unlinkDropped(d)...)
	}
	ws = append(ws, c.warnings...)
	if d.Meta.Lang == "" {
		d.Meta.Lang = detectLang(d)
	}
	return d, ws, nil
}

// parse annotates and parses the page, with stricter nesting limits when
// the parser refuses the first try (its stack of open elements is bounded).
func parse(src []byte) (*source, *html.Node, error) {
	var err error
	var s *source
	for _, lim := range []limits{defaultLimits, strictLimits} {
		s = annotate(src, lim)
		var root *html.Node
		if root, err = html.Parse(bytes.NewReader(s.annotated)); err == nil {
			return s, root, nil
		}
	}
	return s, nil, err
}

// mode says how much of the page the converter reads.
type mode int

const (
	modeArticle  mode = iota // what Readability kept
	modeFallback             // the body, without site furniture
	modeKeep                 // the whole body
	// modeUnfiltered reads what Readability kept without the reader's own
	// furniture rules: the safety net's second reading (salvage.go).
	modeUnfiltered
)

// content picks the element to convert: Readability's article, or the body.
func (r *Reader) content(c *converter, root *html.Node, pm *pageMeta) (*html.Node, mode, *doc.Warning) {
	body := findElement(root, "body")
	if r.opts.KeepBoilerplate {
		return body, modeKeep, nil
	}
	art, why := extract(root)
	node := art.Node
	// Readability finds bylines by class ("byline", "author vcard") where
	// the page has no metadata naming the author.
	if len(pm.meta.Authors) == 0 {
		pm.meta.Authors = dedupe(people(splitNames(art.Byline())))
	}
	n := 0
	if node != nil {
		n = utf8.RuneCountInString(clean(htmltree.TextContent(node)))
	}
	if n >= minArticle {
		return node, modeArticle, nil
	}
	if why == "" && n > 0 {
		why = fmt.Sprintf("it found only %d characters of article text", n)
	}
	// Readability works on copies and has mutated only the page's scripts,
	// styles and <br> runs by now, so the body is still the page.
	body = findElement(root, "body")
	if body == nil || !hasText(body) {
		return nil, modeFallback, nil
	}
	if why == "" {
		why = "it found no article text"
	}
	return body, modeFallback, &doc.Warning{Pos: c.pos(body), Code: "extraction-failed",
		Message: "article extraction failed (" + why + "); the whole page body was read instead, without navigation, asides and footers"}
}

// minArticle is the article length (in characters) below which
// Readability's answer is its best guess on a failed search rather than an
// article: its own threshold for a successful pass.
const minArticle = 500

// extract runs Readability over the page, mutating it. A panic inside
// Readability is turned into a failure so one odd page cannot take a batch
// down.
func extract(root *html.Node) (art readability.Article, why string) {
	defer func() {
		if p := recover(); p != nil {
			art, why = readability.Article{}, fmt.Sprintf("the extractor failed: %v", p)
		}
	}()
	p := readability.NewParser()
	// No URL: Readability must not make links absolute (image paths into
	// the page's _files folder stay relative) and must never fetch.
	art, err := p.ParseAndMutate(root, nil)
	if err != nil {
		return readability.Article{}, err.Error()
	}
	return art, ""
}

// charsetWarning reports a page that declares a charset other than UTF-8
// while its bytes are UTF-8 (Decode or the pipeline has checked): the
// bytes win.
// Pure ASCII is the same in every charset a page could declare, so it gets
// no warning.
func charsetWarning(s *source, src []byte, name string) (doc.Warning, bool) {
	switch s.charset {
	case "", "utf-8", "utf8", "unicode-1-1-utf-8", "us-ascii", "ascii":
		return doc.Warning{}, false
	}
	ascii := true
	for _, b := range src {
		if b >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return doc.Warning{}, false
	}
	return doc.Warning{Pos: doc.Pos{File: name, Line: s.charsetLine}, Code: "charset-ignored",
		Message: "the page declares charset " + s.charset + " but its bytes are UTF-8; read as UTF-8"}, true
}

// hasLeadFigure reports whether the body opens with a figure.
func hasLeadFigure(bs []doc.Block) bool {
	for i := 0; i < len(bs) && i < leadBlocks; i++ {
		if _, ok := bs[i].(*doc.Figure); ok {
			return true
		}
	}
	return false
}

// findElement returns the first element called name, depth first.
func findElement(root *html.Node, name string) *html.Node {
	var found *html.Node
	walkElements(root, func(n *html.Node) bool {
		if n.Data == name {
			found = n
			return false
		}
		return true
	})
	return found
}

// walkElements visits the elements below root in document order without
// recursion, until fn returns false.
func walkElements(root *html.Node, fn func(*html.Node) bool) {
	htmltree.WalkNodes(root, func(n *html.Node) htmltree.Walk {
		if n.Type == html.ElementNode && !fn(n) {
			return htmltree.WalkStop
		}
		return htmltree.WalkIn
	})
}

// hasText reports whether any text that is not white space is below n
// (outside scripts and styles).
func hasText(n *html.Node) bool {
	found := false
	htmltree.WalkNodes(n, func(m *html.Node) htmltree.Walk {
		if m.Type == html.ElementNode && (m.Data == "script" || m.Data == "style" || m.Data == "template") {
			return htmltree.WalkSkip
		}
		if m.Type == html.TextNode && strings.TrimSpace(m.Data) != "" {
			found = true
			return htmltree.WalkStop
		}
		return htmltree.WalkIn
	})
	return found
}
