package webpage

import (
	"path"
	"strconv"
	"strings"

	"golang.org/x/net/html"

	"folio/formats/internal/htmltree"
	"folio/formats/internal/lazyre"
	"folio/pipeline/doc"
)

// leadFigure finds the article's lead picture when Readability left it
// out: news pages put it in the story header beside the body Readability
// keeps. It is the first <figure> with an image inside the <article> (or
// <main>) that holds the extracted text, before that text, outside site
// furniture, and not already in the extract. A page with neither looks
// between the headline (<h1>) and the text.
// It returns the figure, the element that scoped the search and the index
// of the extract's first element.
func (c *converter) leadFigure(root, content *html.Node) (*html.Node, *html.Node, int) {
	in := map[int]bool{}
	first := -1
	walkElements(content, func(n *html.Node) bool {
		if i, ok := c.index(n); ok {
			in[i] = true
			if first < 0 || i < first {
				first = i
			}
		}
		return true
	})
	if first < 0 {
		return nil, nil, 0
	}
	var start *html.Node
	walkElements(root, func(n *html.Node) bool {
		if i, ok := c.index(n); ok && i == first {
			start = n
			return false
		}
		return true
	})
	var scope *html.Node
	for p := start; p != nil && scope == nil; p = p.Parent {
		if p.Type == html.ElementNode && (p.Data == "article" || p.Data == "main") {
			scope = p
		}
	}
	// A page with no <article> or <main>: the story header is the nearest
	// element around the extract that holds the headline, and the lead
	// figure must come after the headline (a figure above it is the
	// site's, not the story's).
	afterH1 := false
	for p := start; p != nil && scope == nil; p = p.Parent {
		if p.Type == html.ElementNode && findElement(p, "h1") != nil {
			scope, afterH1 = p, true
		}
	}
	if scope == nil {
		return nil, nil, 0
	}
	seenH1 := !afterH1
	var lead *html.Node
	htmltree.WalkNodes(scope, func(n *html.Node) htmltree.Walk {
		if n.Type != html.ElementNode {
			return htmltree.WalkSkip
		}
		i, ok := c.index(n)
		if ok && i >= first {
			return htmltree.WalkStop
		}
		if n.Data == "h1" {
			seenH1 = true
			return htmltree.WalkSkip
		}
		if c.dropped(n) {
			return htmltree.WalkSkip
		}
		if seenH1 && n.Data == "figure" && !in[i] && findElement(n, "img") != nil {
			lead = n
			return htmltree.WalkStop
		}
		return htmltree.WalkIn
	})
	return lead, scope, first
}

// leadFigureBlocks converts the lead figure found outside the extract. A credit
// (or caption) the page puts beside the figure rather than in its
// figcaption — a "Photo: …" line between the picture and the story's body
// container — is taken into the figure.
func (c *converter) leadFigureBlocks(root, content *html.Node) []doc.Block {
	lead, scope, first := c.leadFigure(root, content)
	if lead == nil {
		return nil
	}
	bs := c.block(lead, 0, 0)
	if len(bs) == 0 {
		return nil
	}
	f, ok := bs[0].(*doc.Figure)
	if !ok || (f.Credit != "" && len(f.Caption) > 0) {
		return bs
	}
	after := false
	htmltree.WalkNodes(scope, func(n *html.Node) htmltree.Walk {
		if n.Type != html.ElementNode {
			return htmltree.WalkSkip
		}
		if n == lead {
			// A credit can sit inside the figure but outside its
			// figcaption (<small class="credit">), which the figure's
			// conversion has read already.
			after = true
			return htmltree.WalkIn
		}
		if n.Data == "figcaption" && n.Parent == lead {
			return htmltree.WalkSkip
		}
		if i, ok := c.index(n); ok && i >= first {
			return htmltree.WalkStop
		}
		if !after || c.dropped(n) {
			return htmltree.WalkIn
		}
		text := clean(htmltree.TextContent(n))
		if text == "" || len(text) > maxLeadNote {
			return htmltree.WalkIn
		}
		cls := c.orig(n, "class") + " " + c.orig(n, "itemprop")
		if f.Credit == "" {
			if credit, ok := htmltree.LabelledCredit(text); ok {
				f.Credit = credit
				return htmltree.WalkSkip
			}
			if htmltree.CreditClass(cls) {
				f.Credit = text
				return htmltree.WalkSkip
			}
		}
		if len(f.Caption) == 0 && captionClass.MatchString(cls) {
			f.Caption = []doc.Inline{&doc.Text{Value: text, Pos: c.pos(n)}}
			return htmltree.WalkSkip
		}
		return htmltree.WalkIn
	})
	return bs
}

// maxLeadNote is the longest text (in bytes) taken for a credit or caption
// found beside the lead figure.
const maxLeadNote = 300

var captionClass = lazyre.New(`(?i)(^|[-_\s])(caption|wp-caption-text|image-caption|photo-caption)($|[-_\s])`)

// index is the annotate index an element carries.
func (c *converter) index(n *html.Node) (int, bool) {
	v := htmltree.Attr(n, ixAttr)
	if v == "" {
		return 0, false
	}
	i, err := strconv.Atoi(v)
	return i, err == nil
}

// shareImage is the lead figure made from the page's og:image when the
// article shows no picture of its own near the top and nowhere else shows
// the same file: the picture the site chose to stand for the story. Its
// alt text is og:image:alt. It is usually a remote URL, fetched only with
// --allow-remote like any other.
func shareImage(pm *pageMeta, blocks []doc.Block) *doc.Figure {
	src := strings.TrimSpace(pm.image)
	if src == "" || strings.HasPrefix(strings.ToLower(src), "data:") {
		return nil
	}
	base := imageBase(src)
	shown := false
	for _, b := range blocks {
		doc.Walk(&doc.Document{Blocks: []doc.Block{b}}, func(n doc.Node, entering bool) doc.WalkStatus {
			switch n := n.(type) {
			case *doc.Figure:
				shown = shown || imageBase(n.Src) == base
			case *doc.Image:
				shown = shown || imageBase(n.Src) == base
			}
			return doc.WalkContinue
		})
	}
	if shown {
		return nil
	}
	return &doc.Figure{Src: src, Alt: pm.imageAlt, Pos: pm.imagePos}
}

// imageBase is the file name of an image reference, without query or
// fragment, to tell whether two references show the same picture.
func imageBase(src string) string {
	if i := strings.IndexAny(src, "?#"); i >= 0 {
		src = src[:i]
	}
	return strings.ToLower(path.Base(src))
}
