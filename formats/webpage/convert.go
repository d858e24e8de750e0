package webpage

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/net/html"

	"folio/formats/internal/htmltree"
	"folio/formats/internal/lazyre"
	"folio/pipeline/doc"
)

// converter adapts the shared HTML → tree converter (formats/internal/
// htmltree) to a saved page: positions and attributes as the page wrote
// them (annotate's table), site furniture left out, standfirst paragraphs
// noted.
type converter struct {
	file  string
	elems []elemInfo
	base  *url.URL
	lang  string
	mode  mode
	// line is the line the conversion starts on.
	line int
	t    *htmltree.Converter
	// standfirst holds paragraphs whose element is marked as a standfirst
	// (class "standfirst", "dek", …): finish may lift one into the subtitle.
	standfirst map[*doc.Paragraph]bool
	// inFurniture maps the indices of elements that were inside site
	// furniture in the page as parsed to the index of the outermost
	// furniture element they were in (furniture.go).
	inFurniture map[int]int
	// contentLen is the length of the text being converted.
	contentLen int
	// warnings are the shared converter's that a saved page's reader
	// passes on (keptWarnings); the others (every script and form left
	// out) would only be noise on a real page.
	warnings []doc.Warning
}

// keptWarnings are the codes of the shared converter's warnings the
// saved-page reader passes on.
var keptWarnings = set("math-as-text")

// tree is the shared converter, made on first use; it keeps the line
// being read from one call to the next.
func (c *converter) tree() *htmltree.Converter {
	if c.t == nil {
		c.t = &htmltree.Converter{File: c.file, Line: c.line, Targets: c.linkTargets(), Hooks: htmltree.Hooks{
			Lines: c.lines, Attr: c.orig, Drop: c.dropped, Paragraph: c.noteStandfirst,
			Warn: func(w doc.Warning) {
				if keptWarnings[w.Code] {
					c.warnings = append(c.warnings, w)
				}
			}}}
	}
	c.t.Base, c.t.Lang = c.base, c.lang
	return c.t
}

// linkTargets are the ids the page's own links name, read from the page as
// written (Readability keeps few ids), so that a citation's or a note's
// link lands where the page had it.
func (c *converter) linkTargets() map[string]bool {
	return htmltree.LinkTargets(func(yield func(string) bool) {
		for _, in := range c.elems {
			if h := attrOf(in.attrs, "href"); h != "" && !yield(h) {
				return
			}
		}
	})
}

func (c *converter) blocks(n *html.Node, _, _ int) []doc.Block { return c.tree().Blocks(n) }
func (c *converter) block(n *html.Node, _, _ int) []doc.Block  { return c.tree().Block(n) }
func (c *converter) imageSources(n *html.Node) []string        { return c.tree().ImageSources(n) }

func (c *converter) at(line int) doc.Pos { return c.tree().At(line) }

// pos is the line n's start tag is on, or the line being read.
func (c *converter) pos(n *html.Node) doc.Pos { return c.tree().Pos(n) }

// lines are where n's tag and content start, as annotate recorded them.
func (c *converter) lines(n *html.Node) (tag, content int, ok bool) {
	if in := c.info(n); in != nil {
		return in.line, in.contentLine, true
	}
	return 0, 0, false
}

// noteStandfirst marks the paragraph of a <p> styled as a standfirst.
func (c *converter) noteStandfirst(n *html.Node, p *doc.Paragraph) {
	if !standfirstClass.MatchString(c.orig(n, "class") + " " + c.orig(n, "itemprop")) {
		return
	}
	if c.standfirst == nil {
		c.standfirst = map[*doc.Paragraph]bool{}
	}
	c.standfirst[p] = true
}

var standfirstClass = lazyre.New(`(?i)(^|[-_\s])(standfirst|dek|sub-?title|subhead(ing|line)?|summary|description|abstract|lede|lead|lead-?in|intro)($|[-_\s])`)

// dropAlways and blockElements are the shared converter's.
var (
	dropAlways    = htmltree.DropAlways
	blockElements = htmltree.BlockElements
)

// info returns what annotate recorded for the tag n came from; nil for
// elements the parser or Readability made up.
func (c *converter) info(n *html.Node) *elemInfo {
	v := htmltree.Attr(n, ixAttr)
	if v == "" {
		return nil
	}
	i, err := strconv.Atoi(v)
	if err != nil || i < 0 || i >= len(c.elems) {
		return nil
	}
	return &c.elems[i]
}

// orig is an attribute as the page wrote it (Readability removes class,
// style and align from its result).
func (c *converter) orig(n *html.Node, key string) string {
	if in := c.info(n); in != nil {
		return attrOf(in.attrs, key)
	}
	return htmltree.Attr(n, key)
}

// furniture is site chrome dropped unless boilerplate is kept.
var furniture = set("nav", "aside", "footer")

// furnitureRoles and furnitureNames find site chrome by role, class or id
// when Readability failed and the whole body is read.
var (
	furnitureRoles = set("navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog", "search", "menu", "menubar")
	furnitureNames = lazyre.New(`(?i)(^|[-_\s])(cookies?|consent|gdpr|share|sharing|social|newsletter|subscribe|related|recent|most-?read|popular|trending|recommended|read-?next|more-?stories|outbrain|taboola|reading-?time|promo|advert|ads?|sponsor(ed)?|comments?|breadcrumbs?|menu|masthead|site-?header|site-?footer|popup|modal)($|[-_\s])`)
	hiddenStyle    = lazyre.New(`(?i)(display\s*:\s*none|visibility\s*:\s*hidden)`)
)

// dropped reports whether an element and everything in it is left out.
func (c *converter) dropped(n *html.Node) bool {
	if dropAlways[n.Data] || n.Namespace != "" {
		return true
	}
	if _, ok := htmltree.AttrOK(n, "hidden"); ok || strings.EqualFold(htmltree.Attr(n, "aria-hidden"), "true") || hiddenStyle.MatchString(c.orig(n, "style")) {
		return true
	}
	if c.mode == modeKeep || c.mode == modeUnfiltered {
		return false
	}
	if furniture[n.Data] || isBreadcrumb(c, n) {
		return true
	}
	// Readability's own cleaning misses much of what sites put inside the
	// article (newsletter boxes, inline promotions, share bars), so their
	// names count in the article too; and since it unwraps a div holding
	// one paragraph, what was inside such a box in the page counts as well.
	if isFurniture(c, n) && !c.holdsMostOf(n, c.contentLen) {
		return true
	}
	if i, ok := c.index(n); ok {
		if _, in := c.inFurniture[i]; in {
			return true
		}
	}
	return false
}

// isFurniture reports site furniture by role, class or id.
func isFurniture(c *converter, n *html.Node) bool {
	if furnitureRoles[strings.ToLower(htmltree.Attr(n, "role"))] {
		return true
	}
	if n.Data == "body" || n.Data == "main" || n.Data == "article" {
		return false
	}
	names := c.orig(n, "class")
	if id := c.orig(n, "id"); !sectionSlug(n, id) {
		names += " " + id
	}
	return furnitureNames.MatchString(names)
}

// sectionSlug reports an id made from the heading that opens the element
// and has prose under it: documentation tools name a section after its
// title ("sharing-with-a-single-developer" over "Sharing with a single
// developer"), and such an id says what the section is about, not that it
// is a share bar. A one-word heading is not enough ("Comments" over
// id="comments" is the comment thread).
func sectionSlug(n *html.Node, id string) bool {
	if id == "" {
		return false
	}
	h := firstElementChild(n)
	if h == nil || len(h.Data) != 2 || h.Data[0] != 'h' || h.Data[1] < '1' || h.Data[1] > '6' {
		return false
	}
	hw := slugWords(htmltree.TextContent(h))
	if len(hw) < 2 || !slices.Equal(hw, slugWords(id)) {
		return false
	}
	// Prose under the heading: a paragraph of running text after it, at
	// any depth (a section may open straight onto its subsections).
	prose := false
	walkElements(n, func(p *html.Node) bool {
		prose = p.Data == "p" && after(p, h) && len(strings.Fields(htmltree.TextContent(p))) >= 12
		return !prose
	})
	return prose
}

// after reports whether n comes after h in document order, h being a
// child of one of n's ancestors or n's own earlier sibling.
func after(n, h *html.Node) bool {
	for p := n; p != nil; p = p.Parent {
		for s := p.PrevSibling; s != nil; s = s.PrevSibling {
			if s == h {
				return true
			}
		}
	}
	return false
}

// slugWords are the words of a heading or of an id made from one: runs of
// letters and digits, lower-cased.
func slugWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

func firstElementChild(n *html.Node) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			return c
		}
	}
	return nil
}

// holdsMostOf reports an element with more than half of total bytes of
// text: a wrapper whose class happens to name furniture ("menu-open",
// "has-social") is not furniture when the article is inside it.
func (c *converter) holdsMostOf(n *html.Node, total int) bool {
	return total > 0 && 2*len(htmltree.TextContent(n)) > total
}
