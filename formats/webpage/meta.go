package webpage

import (
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"

	"folio/formats/internal/byline"
	"folio/formats/internal/crumbs"
	"folio/formats/internal/htmltree"
	"folio/formats/internal/lazyre"
	"folio/formats/internal/textdate"
	"folio/pipeline/doc"
)

// pageMeta is what the page says about its article, read before
// Readability touches the page.
type pageMeta struct {
	meta doc.Meta
	// base is the canonical URL relative links resolve against; nil when
	// the page names none.
	base *url.URL
	// description is the page's description (JSON-LD, og:description,
	// DC, description), a standfirst candidate.
	description string
	// image and imageAlt are the page's share image (og:image), the lead
	// figure when the article shows none; imagePos is its <meta> tag's.
	image, imageAlt string
	imagePos        doc.Pos
}

// pageFacts are the raw facts gathered in one walk over the page.
type pageFacts struct {
	metas     map[string][]string // meta name/property/itemprop → contents, in order
	metaLine  map[string]int      // the line of the <meta> giving each key's first content
	title     string              // <title>
	htmlLang  string
	htmlLine  int
	canonical string
	savedFrom string // the URL in a "<!-- saved from url=(0042)… -->" comment
	relAuthor []string
	byline    string   // the text of the first byline element
	relTag    []string // rel=tag links in the article
	relCat    []string // rel=category links in the article
	timePub   string   // <time pubdate> or itemprop=datePublished
	timeFirst string   // the first <time datetime> inside <article>, else in the page
	h1        []string
	// head is the first post title's element and h1s the h1 elements,
	// in the order of h1; the headline is head, else the h1 that says the
	// title (headH1; nil when the page has neither).
	head *html.Node
	h1s  []*html.Node
	// subs are the h2 and h3 elements, subText their text: a page
	// without an h1 may set its headline in one.
	subs    []*html.Node
	subText []string
	// postTitles are headings marked as the post's title; they come
	// before the h1s as headline candidates.
	postTitles []string
	jsonld     []map[string]any
	crumbs     []string // the items of the first breadcrumb trail
	// articleH1 holds the h1s' text in each <article> element that has
	// any (a post title's h1 too; not one that links home).
	articleH1 map[*html.Node][]string
}

func gatherFacts(c *converter, root *html.Node) *pageFacts {
	f := &pageFacts{metas: map[string][]string{}, metaLine: map[string]int{}, savedFrom: savedFrom(root)}
	propLine := map[string]int{}
	inArticleTime := false
	props := map[string][]string{}
	walkElements(root, func(n *html.Node) bool {
		if f.crumbs == nil && isBreadcrumb(c, n) {
			f.crumbs = htmlCrumbs(n)
		}
		if f.byline == "" && isByline(c, n) {
			f.byline = bylineText(c, n)
		}
		switch n.Data {
		case "html":
			if f.htmlLine == 0 {
				f.htmlLang = htmltree.Attr(n, "lang")
				if f.htmlLang == "" {
					f.htmlLang = htmltree.Attr(n, "xml:lang")
				}
				f.htmlLine = c.pos(n).Line
			}
		case "title":
			if f.title == "" && !insideSVG(n) {
				f.title = clean(htmltree.TextContent(n))
			}
		case "meta":
			content := clean(htmltree.Attr(n, "content"))
			if content == "" {
				return true
			}
			// RDFa lets one property attribute name several properties
			// ("dc:title og:title"); a property counts before a name
			// (property="dc:title" before name="DC.title"), as in
			// Readability.
			for _, k := range []string{"property", "name", "itemprop", "http-equiv"} {
				for _, key := range strings.Fields(strings.ToLower(htmltree.Attr(n, k))) {
					key = metaKey(key)
					lines := f.metaLine
					if k == "property" {
						props[key] = append(props[key], content)
						lines = propLine
					} else {
						f.metas[key] = append(f.metas[key], content)
					}
					if lines[key] == 0 {
						lines[key] = c.pos(n).Line
					}
				}
			}
		case "link":
			rels := strings.Fields(strings.ToLower(htmltree.Attr(n, "rel")))
			if hasWord(rels, "canonical") && f.canonical == "" {
				f.canonical = strings.TrimSpace(htmltree.Attr(n, "href"))
			}
		case "a":
			rels := strings.Fields(strings.ToLower(htmltree.Attr(n, "rel")))
			text := clean(htmltree.TextContent(n))
			if text == "" || len(text) > 80 {
				return true
			}
			switch {
			case hasWord(rels, "author"):
				f.relAuthor = append(f.relAuthor, text)
			case !hasAncestor(n, "article") || hasAncestor(n, "aside"):
				// Tag clouds in sidebars use rel=tag too.
			case hasWord(rels, "category"):
				f.relCat = append(f.relCat, text)
			case hasWord(rels, "tag"):
				f.relTag = append(f.relTag, text)
			}
		case "h1", "h2", "h3":
			// The page's headline: an h1, or a post title (blogs give the
			// h1 to the blog's name). An h1 that only links to the home
			// page is the site's name.
			t := clean(htmltree.TextContent(n))
			if n.Data == "h1" && t != "" && !homeLink(n) {
				if a := ancestor(n, "article"); a != nil {
					if f.articleH1 == nil {
						f.articleH1 = map[*html.Node][]string{}
					}
					f.articleH1[a] = append(f.articleH1[a], t)
				}
			}
			switch {
			case t == "" || homeLink(n):
			case postTitleClass.MatchString(c.orig(n, "class")) || bookmarkHeading(n):
				f.postTitles = append(f.postTitles, t)
				if f.head == nil {
					f.head = n
				}
			case n.Data == "h1":
				f.h1 = append(f.h1, t)
				f.h1s = append(f.h1s, n)
			default:
				f.subs = append(f.subs, n)
				f.subText = append(f.subText, t)
			}
		case "time":
			dt := strings.TrimSpace(htmltree.Attr(n, "datetime"))
			if dt == "" {
				return true
			}
			_, pubdate := htmltree.AttrOK(n, "pubdate")
			if f.timePub == "" && (pubdate || strings.EqualFold(htmltree.Attr(n, "itemprop"), "datePublished")) {
				f.timePub = dt
			}
			if hasAncestor(n, "article") && !inArticleTime {
				f.timeFirst, inArticleTime = dt, true
			} else if f.timeFirst == "" {
				f.timeFirst = dt
			}
		case "script":
			if strings.EqualFold(strings.TrimSpace(htmltree.Attr(n, "type")), "application/ld+json") {
				f.jsonld = append(f.jsonld, parseJSONLD(htmltree.TextContent(n))...)
			}
			return true
		}
		return true
	})
	for k, v := range props {
		f.metas[k] = append(v, f.metas[k]...)
		f.metaLine[k] = propLine[k]
	}
	if items := ldCrumbs(f.jsonld); len(items) > 0 {
		f.crumbs = items
	}
	return f
}

// readPageMeta reads the page's metadata into doc.Meta. Where sources
// disagree the most deliberate one wins, in this order: JSON-LD
// (NewsArticle, Article, …), Open Graph and article:* tags, Dublin Core
// (DC.*, dcterms.*), then the plain name=author|description|keywords tags
// and what the page shows (rel links, bylines, <time>); the canonical link
// is the source URL, <html lang> comes after the tags that name a language,
// and <title> (its site suffix cut) is the last resort for the title. A
// breadcrumb trail adds a section and tags as in the article reader.
func readPageMeta(c *converter, root *html.Node) *pageMeta {
	f := gatherFacts(c, root)
	ld := pickArticle(f.jsonld)
	first := func(keys ...string) string {
		for _, k := range keys {
			if v := f.metas[k]; len(v) > 0 {
				return v[0]
			}
		}
		return ""
	}
	pm := &pageMeta{}
	m := &pm.meta
	m.Pos = doc.Pos{File: c.file, Line: max(f.htmlLine, 1)}

	m.Source = firstNonEmpty(absoluteURL(f.canonical), absoluteURL(first("og:url")), absoluteURL(ldString(ld, "url")),
		absoluteURL(ldString(ld, "mainEntityOfPage")), absoluteURL(first("dc.identifier", "dcterms.identifier")), absoluteURL(f.savedFrom))
	if m.Source != "" {
		pm.base, _ = url.Parse(m.Source)
	}
	m.Publisher = firstNonEmpty(ldName(ld["publisher"]), first("og:site_name"), first("dc.publisher", "dcterms.publisher"),
		first("application-name", "publisher"))
	crumbSection, crumbTags := crumbs.Split(f.crumbs)
	crumbTags = slices.DeleteFunc(slices.Clone(crumbTags), func(t string) bool {
		return sameText(t, ldString(ld, "headline")) || sameText(t, first("og:title")) || slices.ContainsFunc(append(slices.Clone(f.postTitles), f.h1...), func(h string) bool { return sameText(h, t) })
	})
	m.Section = firstNonEmpty(firstOf(ldStrings(ld["articleSection"])), first("article:section"), first("section"), firstOf(f.relCat), crumbSection)
	host := ""
	if pm.base != nil {
		host = pm.base.Hostname()
	}
	titleFromPage := false
	m.Title = firstNonEmpty(ldTitle(ld, f.title), first("og:title"), first("twitter:title"), first("dc.title", "dcterms.title"),
		first("headline"), first("parsely-title"))
	if m.Title == "" {
		m.Title = f.title
		titleFromPage = true
	}
	var site string
	heads := append(slices.Clone(f.postTitles), f.h1...)
	raw := m.Title
	m.Title, site = cleanTitle(m.Title, m.Publisher, m.Section, host, heads, titleFromPage)
	if m.Publisher == "" {
		m.Publisher = site
	}
	// A title that is only the site's name (og:site_name, the JSON-LD
	// publisher's, the host) gives way to the <title>, when that says
	// something else, else to the article's headline; a title of a few
	// words that is not the article's headline, to that headline, when
	// the <title> says no more than the title or says the headline.
	siteNames := []string{ldName(ld["publisher"]), first("og:site_name"), host, strings.TrimPrefix(host, "www.")}
	h := f.articleHeadline()
	switch {
	case namesSite(m.Title, siteNames):
		if t, s := cleanTitle(f.title, m.Publisher, m.Section, host, heads, true); t != "" && !namesSite(t, siteNames) && !saysName(t, siteNames) {
			m.Title = t
			if m.Publisher == "" {
				m.Publisher = s
			}
		} else if h != "" && !namesSite(h, siteNames) {
			m.Title = h
		}
	case h != "" && shortOfHeadline(m.Title, h) &&
		(titleFromPage || sameText(raw, f.title) || wordRun(words(f.title), words(h))):
		m.Title = h
	}

	m.Authors = authors(f, ld, func(n string) bool { return siteOwn(n, m.Publisher, host) })
	m.Date = firstDate(ldString(ld, "datePublished"), first("article:published_time", "og:published_time"),
		first("dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date", "dcterms.created", "dc.date.created"),
		first("datepublished"), first("date", "pubdate", "publish-date", "sailthru.date", "parsely-pub-date"), f.timePub, f.timeFirst,
		pageLD(f.jsonld, "datePublished"), anyLD(f.jsonld, "datePublished"))
	m.Updated = firstDate(ldString(ld, "dateModified"), first("article:modified_time", "og:updated_time"), pageLD(f.jsonld, "dateModified"),
		first("dcterms.modified", "dc.date.modified"), first("datemodified", "last-modified"))
	// The headline's element, and the runs of text by it, found once
	// when needed.
	head := f.head
	if head == nil {
		head = f.headH1(m.Title)
	}
	var runs []string
	at, near := -1, false
	nearHeadline := func() ([]string, int) {
		if !near {
			runs, at = nearHead(root, head)
			near = true
		}
		return runs, at
	}
	if localDay(m.Date) {
		// A time in UTC names the day in Greenwich; the page prints the
		// day where it was published, which a reader goes by.
		for _, d := range printedDays(c, root, nearHeadline, m.Source) {
			if dayApart(d, m.Date) {
				m.Date = d
				break
			}
		}
	}
	if m.Date == "" {
		// The date the page prints in an element marked as one.
		switch iso, updated := shownDate(c, root); {
		case !updated:
			m.Date = iso
		case m.Updated == "":
			m.Updated = iso
		}
	}
	if m.Date == "" || len(m.Authors) == 0 {
		// What the page prints by its headline, when its metadata is
		// silent; for the date, then a labelled date anywhere in the post
		// ("Datum: …") and the day in the page's address.
		runs, at := nearHeadline()
		if len(m.Authors) == 0 {
			m.Authors = bylineNearHead(runs, at)
		}
		if m.Date == "" {
			date, changed := "", ""
			switch iso, updated := dateNearHead(runs, at); {
			case iso == "":
				if date = bylineDate(c, root); date == "" {
					date, changed = labelledDate(c, root)
				}
			case updated:
				changed = iso
			default:
				date = iso
			}
			if date == "" {
				date = urlDate(m.Source)
			}
			m.Date = date
			if m.Updated == "" {
				m.Updated = changed
			}
		}
	}
	if m.Updated == m.Date {
		m.Updated = ""
	}
	m.Tags = dedupe(append(tags(f, ld), crumbTags...))
	if m.Section != "" {
		m.Tags = slices.DeleteFunc(m.Tags, func(t string) bool { return sameText(t, m.Section) })
	}
	m.Lang = langTag(firstNonEmpty(ldString(ld, "inLanguage"), first("og:locale"), first("dc.language", "dcterms.language"),
		f.htmlLang, first("content-language", "language")))
	m.Rights = firstNonEmpty(first("dc.rights", "dcterms.rights"), first("copyright", "rights"))
	descs := []string{ldString(ld, "description"), first("og:description"),
		first("dc.description", "dcterms.description", "dcterms.abstract"), first("description"), first("twitter:description")}
	pm.description = firstNonEmpty(descs...)
	if saysTitle(pm.description, m.Title) {
		// A description that only says the headline again gives way to
		// one that says more (og:description "VIP" to the description
		// tag's sentences); liftStandfirst prints none that says it.
		for _, s := range descs {
			if s != "" && !saysTitle(s, m.Title) {
				pm.description = s
				break
			}
		}
	}
	m.Summary = pm.description
	// The share image, from the first key that gives one, and the line
	// of the <meta> that does.
	for _, k := range []string{"og:image", "og:image:url", "og:image:secure_url", "twitter:image"} {
		if v := first(k); v != "" {
			pm.image, pm.imagePos = v, m.Pos
			pm.imagePos.Line = max(f.metaLine[k], 1)
			break
		}
	}
	pm.imageAlt = firstNonEmpty(first("og:image:alt"), first("twitter:image:alt"))
	return pm
}

// metaKey writes Dublin Core keys one way: "dc:title" and "DC.title" are
// both "dc.title", "dcterm:…" is "dcterms.…".
func metaKey(k string) string {
	for _, p := range []string{"dcterms:", "dcterm:", "dcterm."} {
		if rest, ok := strings.CutPrefix(k, p); ok {
			return "dcterms." + rest
		}
	}
	if rest, ok := strings.CutPrefix(k, "dc:"); ok {
		return "dc." + rest
	}
	return k
}

// ldTitle is the JSON-LD article's headline. When its name differs (some
// sites put a short description in headline, others their own name in
// name), the one closer to the page's <title> wins, the headline on a tie.
func ldTitle(ld map[string]any, title string) string {
	head, name := ldString(ld, "headline"), ldString(ld, "name")
	if head == "" || name == "" || sameText(head, name) {
		return firstNonEmpty(head, name)
	}
	if similarity(name, title) > similarity(head, title) {
		return name
	}
	return head
}

// headH1 is the h1 that says the title most, the first on a tie (a page
// may open with an h1 for a skip link or the site's name), unless an h2
// or h3 says it and no h1 does; nil without any.
func (f *pageFacts) headH1(title string) *html.Node {
	var best *html.Node
	top := -1.0
	for i, n := range f.h1s {
		if s := similarity(f.h1[i], title); s > top {
			best, top = n, s
		}
	}
	if top >= subTitleShare {
		return best
	}
	// No h1, or only one that says little of the title (the site's name,
	// "L-Mag", over the story's h2): the first h2 or h3 that says most of
	// the title.
	for i, n := range f.subs {
		if similarity(f.subText[i], title) >= subTitleShare {
			return n
		}
	}
	return best
}

// articleHeadline is the article's own headline: the one h1 of the one
// <article> element that has any; "" when there is none, or more than one
// (a list of stories, or a page of many).
func (f *pageFacts) articleHeadline() string {
	if len(f.articleH1) != 1 {
		return ""
	}
	for _, hs := range f.articleH1 {
		if len(hs) == 1 {
			return hs[0]
		}
	}
	return ""
}

// saysName reports whether s says one of names.
func saysName(s string, names []string) bool {
	sw := words(s)
	for _, n := range names {
		if wordRun(sw, words(n)) {
			return true
		}
	}
	return false
}

// maxSiteNameWords is the most words a title may have to be taken for a
// site's or a section's name when the article's headline does not say it.
const maxSiteNameWords = 4

// shortOfHeadline reports whether a title may be a name standing for the
// article's headline h1 rather than the headline ("Example Gazette" over
// "Library hours extended for winter", "Pressemitteilungen" over the
// release's headline): a few words, fewer than the headline's, that the
// headline does not say.
func shortOfHeadline(title, h1 string) bool {
	tw, hw := words(title), words(h1)
	return len(tw) > 0 && len(tw) <= maxSiteNameWords && len(hw) > len(tw) && !wordRun(hw, tw)
}

// subTitleShare is how much of the title an h2 or h3 must say to be the
// headline of a page whose h1 says less of it, or that has none.
const subTitleShare = 0.6

// similarity is how much of b's text (by the length of its words) is made
// of words that are in a, from 0 to 1: Readability's textSimilarity.
func similarity(a, b string) float64 {
	in := map[string]bool{}
	for _, w := range words(a) {
		in[w] = true
	}
	all, miss := 0, 0
	for _, w := range words(b) {
		all += len(w) + 1
		if !in[w] {
			miss += len(w) + 1
		}
	}
	if all == 0 {
		return 0
	}
	return 1 - float64(miss)/float64(all)
}

func notWord(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

// homeLink reports a heading whose only content is a link to the site's
// home page ("/", "index.html").
func homeLink(n *html.Node) bool {
	a := findElement(n, "a")
	if a == nil || clean(htmltree.TextContent(a)) != clean(htmltree.TextContent(n)) {
		return false
	}
	href := strings.TrimSpace(htmltree.Attr(a, "href"))
	switch href {
	case "/", "./", "index.html", "./index.html", "../index.html":
		return true
	}
	// An address of a site's root: "https://example.org", "…/".
	u, err := url.Parse(href)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" &&
		(u.Path == "" || u.Path == "/") && u.RawQuery == "" && u.Fragment == ""
}

// bookmarkHeading reports a heading that is one link to the post's
// permanent address (rel="bookmark", as blogs mark a post's title: the
// microformats' hAtom and WordPress's themes).
func bookmarkHeading(n *html.Node) bool {
	a := findElement(n, "a")
	return a != nil && hasWord(strings.Fields(strings.ToLower(htmltree.Attr(a, "rel"))), "bookmark") &&
		clean(htmltree.TextContent(a)) == clean(htmltree.TextContent(n))
}

var postTitleClass = lazyre.New(`(?i)(^|[-_\s])(post|entry|article|story)[-_]?(title|headline)($|[-_\s])`)

var savedFromURL = lazyre.New(`^\s*saved from url=\(\d+\)(\S+)\s*$`)

// savedFrom reads the comment browsers put at the top of a saved page
// naming where it came from.
func savedFrom(root *html.Node) string {
	for _, parent := range []*html.Node{root, findElement(root, "html"), findElement(root, "head")} {
		if parent == nil {
			continue
		}
		for n := parent.FirstChild; n != nil; n = n.NextSibling {
			if n.Type == html.CommentNode {
				if m := savedFromURL.FindStringSubmatch(n.Data); m != nil {
					return m[1]
				}
			}
		}
	}
	return ""
}

// authors takes the first source that names anyone: JSON-LD,
// article:author (when it is a name, not a profile URL), Dublin Core, meta
// author, rel=author links, byline elements. A name site reports as the
// site's own gives way to any later source that names someone else; where
// none does, the first source that named anyone stands (a personal site).
func authors(f *pageFacts, ld map[string]any, site func(string) bool) []string {
	var first []string
	// people tidies a source's names, keeps the first source's that
	// names anyone, and leaves out the site's own.
	people := func(names []string) []string {
		names = people(names)
		if first == nil && len(names) > 0 {
			first = names
		}
		return slices.DeleteFunc(slices.Clone(names), site)
	}
	if names := people(ldNames(ld["author"])); len(names) > 0 {
		return dedupe(names)
	}
	for _, keys := range [][]string{{"article:author"}, {"dc.creator"}, {"dcterms.creator"}, {"author"}, {"parsely-author", "sailthru.author", "byl"}} {
		var names []string
		for _, k := range keys {
			for _, v := range f.metas[k] {
				if isURL(v) {
					continue
				}
				names = append(names, textNames(v)...)
			}
		}
		if names = people(names); len(names) > 0 {
			return dedupe(names)
		}
	}
	var names []string
	for _, a := range f.relAuthor {
		names = append(names, textNames(a)...)
	}
	if names = people(names); len(names) > 0 {
		return dedupe(names)
	}
	if names := people(textNames(f.byline)); len(names) > 0 {
		return dedupe(names)
	}
	return dedupe(first)
}

// siteOwn reports an author field that names the site itself, its
// publisher or its address ("Makronom", "finanztreff.de", "ORF.at"): many
// CMSs fill it so, and the page's byline often names the writer.
func siteOwn(name, publisher, host string) bool {
	// "The Honest SorcererOct 19": the name with a date glued on.
	if publisher != "" && (sameText(name, publisher) || glued(name, publisher)) {
		return true
	}
	n := strings.ToLower(name)
	return host != "" && (n == host || n == strings.TrimPrefix(host, "www.")) || reDomainName.MatchString(n)
}

// glued reports a name that is prefix with more glued on, no space
// between.
func glued(name, prefix string) bool {
	rest, ok := strings.CutPrefix(name, prefix)
	r, _ := utf8.DecodeRuneInString(rest)
	return ok && rest != "" && !unicode.IsSpace(r)
}

// reDomainName is a name that is a web address.
var reDomainName = lazyre.New(`^(?:www\.)?[\pL\d-]+(?:\.[\pL\d-]+)*\.(?:com|net|org|de|at|ch|fr|it|es|uk|eu|info|world|news|io)$`)

// people tidies the names a source gave: a label before a name goes
// ("Auteur: Anna Roe"), and so does a link's text after it ("Johanna Roe
// Alle Artikel"); labels alone ("By", "Publiziert am"), links alone
// ("View my complete profile", "Weitere Artikel") and the names a CMS
// writes when nobody filled the field in ("publisher", "admin") are no
// names, so that the next source is asked when none is left.
func people(names []string) []string {
	var out []string
	for _, n := range names {
		n = reLinkAfterName.ReplaceAllString(byline.CutLabel(clean(n)), "")
		k := strings.ToLower(n)
		if n == "" || onlyLabels(n) || placeholderNames[k] || reNameLink.MatchString(k) || reCounter.MatchString(n) {
			continue
		}
		out = append(out, n)
	}
	return out
}

var (
	// reNameLink is the text of a link by a byline that is not a name.
	// A time ago or a count of followers beside one is not either.
	reNameLink = lazyre.New(`^(?:view (?:my complete )?profile|afficher mon profil complet|(?:alle|weitere) (?:artikel|beiträge)|weiter|mehr|more|follow|folgen|profil|profile|vor \d+ \pL+|\d+ (?:followers?|abonnenten))$`)
	// reCounter is a count a page prints by a name's place, not a
	// name: "人氣(23925)", "Comments (12)".
	reCounter = lazyre.New(`^\PN*\(\d+\)$`)
	// reLinkAfterName is such a link's text after a name.
	reLinkAfterName = lazyre.New(`(?i)\s+(?:alle|weitere) (?:artikel|beiträge)$`)
)

// placeholderNames are those names. ("Redaktion", "Staff" and "Unknown"
// stay: Trafilatura's annotators count them as bylines.)
var placeholderNames = map[string]bool{
	"publisher": true, "admin": true, "administrator": true, "webmaster": true, "user": true,
	"guest": true, "null": true, "undefined": true, "none": true, "n/a": true, "author": true,
}

// textNames reads names from the text of a byline element or an author
// link, as a page prints it: a byline ("By …", "Von …"; the shared
// parser), a link's "all posts by …", or bare names; a date printed with
// them and the words around it go ("Jane Roe, 07 Dezember 2022", "VON
// JANE ROE am 21. April 2020"), and so do labels left alone ("Posted",
// "von").
func textNames(s string) []string {
	s = clean(s)
	if names, ok := bylineOf(s); ok {
		return names
	}
	if s = withoutDate(s); s == "" {
		return nil
	}
	if name, ok := byline.LinkName(s); ok {
		// "… by Jane Roe" inside a longer text; a text that starts with
		// the word and did not parse as a byline is no name.
		s = name
	}
	s = byline.CutLabel(s)
	var out []string
	for _, n := range splitNames(s) {
		if !onlyLabels(n) {
			out = append(out, n)
		}
	}
	return out
}

// onlyLabels reports a name with no word that is not a label ("Posted",
// "Von -").
func onlyLabels(n string) bool {
	for _, w := range strings.Fields(n) {
		w = strings.Trim(w, " :.,")
		if strings.IndexFunc(w, unicode.IsLetter) >= 0 && !byline.IsLeadWord(w) && !textdate.IsLabelWord(w) {
			return false
		}
	}
	return true
}

// withoutDate cuts a written date out of s with the clock time and the
// words around it ("on", "am", "Posted").
func withoutDate(s string) string {
	if _, rest, ok := textdate.Find(s); ok {
		return textdate.TrimLabels(rest)
	}
	return s
}

// bylineOf reads s as a byline, a date printed with it left out (and
// vouching for it: byline.ParseDated).
func bylineOf(s string) ([]string, bool) {
	if _, rest, ok := textdate.Find(s); ok {
		b, ok := byline.ParseDated(textdate.TrimLabels(byline.CutNoise(rest)))
		return b.Authors, ok
	}
	b, ok := byline.Parse(s)
	return b.Authors, ok
}

var bylineClass = lazyre.New(`(?i)(^|[-_\s])(byline|byl|author|authors|author-?name|writer|fn)($|[-_\s])`)

// isByline reports an element marked as the article's byline, in the page
// body but outside site furniture.
func isByline(c *converter, n *html.Node) bool {
	if n.Data == "body" || n.Data == "html" || n.Data == "article" || n.Data == "meta" || n.Data == "link" {
		return false
	}
	if !strings.Contains(strings.ToLower(htmltree.Attr(n, "itemprop")), "author") &&
		!bylineClass.MatchString(c.orig(n, "class")+" "+c.orig(n, "id")) {
		return false
	}
	return !besidePost(c, n, commentsClass)
}

// besidePost reports an element in the page's furniture beside the post
// (an aside, nav or footer, the head) or in an element whose class or id
// the pattern beside matches (the comments), whose bylines and dates are
// not the post's. The classes of <body> and <html> describe the page's
// layout ("no-sidebars", "comments-open"), not a part of it, and do not
// count.
func besidePost(c *converter, n *html.Node, beside *lazyre.RE) bool {
	for p := n; p != nil && p.Data != "body" && p.Data != "html"; p = p.Parent {
		if p.Type == html.ElementNode && (p.Data == "aside" || p.Data == "nav" || p.Data == "footer" || p.Data == "head" ||
			besideRoles[strings.ToLower(htmltree.Attr(p, "role"))] ||
			beside.MatchString(c.orig(p, "class")+" "+c.orig(p, "id"))) {
			return true
		}
	}
	return false
}

// besideRoles are the ARIA roles of the elements an aside, a nav and a
// footer stand for: a sidebar written as <div role="complementary">
// holds other stories' authors ("follow Jane Roe").
var besideRoles = set("complementary", "navigation", "contentinfo", "banner")

// commentsNames are the classes of a comment thread.
const commentsNames = `comment|respond|reply`

var (
	commentsClass = lazyre.New(`(?i)` + commentsNames)
	// teasersClass adds the teasers and sidebars, whose dates are other
	// posts', and the site's header, whose date is today's ("Tuesday, 03
	// May 2022" in the bar over the menu). (Not "widget": Blogger sets the
	// whole post in one.)
	teasersClass = lazyre.New(`(?i)` + commentsNames + `|teaser|sidebar|masthead|top-?bar|sub-?header|site-header|header-(?:wrap|bar|top)`)
)

// findMarked returns the first element below n for which marked is true.
func findMarked(n *html.Node, marked func(*html.Node) bool) *html.Node {
	var found *html.Node
	walkElements(n, func(m *html.Node) bool {
		if marked(m) {
			found = m
			return false
		}
		return true
	})
	return found
}

// bylineText is the names in a byline element: the innermost parts marked
// as a name or author (joined when there are several), cut before any date
// or role.
func bylineText(c *converter, n *html.Node) string {
	marked := func(m *html.Node) bool {
		return strings.Contains(strings.ToLower(htmltree.Attr(m, "itemprop")), "name") || bylineClass.MatchString(c.orig(m, "class"))
	}
	var leaves []string
	walkElements(n, func(m *html.Node) bool {
		if marked(m) && findMarked(m, marked) == nil {
			leaves = append(leaves, clean(htmltree.TextContent(m)))
		}
		return true
	})
	if len(leaves) > 1 {
		return strings.Join(leaves, ", ")
	}
	inner := n
	if len(leaves) == 1 {
		inner = findMarked(n, func(m *html.Node) bool { return marked(m) && findMarked(m, marked) == nil })
	}
	text := clean(htmltree.TextContent(inner))
	if i := strings.IndexAny(text, "|·•—\n"); i >= 0 {
		text = text[:i]
	}
	if len(text) > 100 {
		return ""
	}
	return text
}

var (
	byPrefix  = lazyre.New(`(?i)^(by|written by|от|автор[ы]?:?|بقلم|كتب)\s+`)
	nameSplit = lazyre.New(`\s*(?:,|،|;|\s&\s|\sand\s|\sи\s)\s*`)
)

// splitNames splits "By Jane Doe, John Roe and Ann Poe" into names.
func splitNames(s string) []string {
	s = byPrefix.ReplaceAllString(clean(s), "")
	var out []string
	for _, n := range nameSplit.Split(s, -1) {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// tags takes JSON-LD keywords, else article:tag, else Dublin Core
// subjects, else the keywords meta, else rel=tag links in the article.
func tags(f *pageFacts, ld map[string]any) []string {
	var out []string
	for _, v := range ldStrings(ld["keywords"]) {
		out = append(out, splitList(v)...)
	}
	out = topics(out)
	for _, keys := range [][]string{{"article:tag"}, {"dc.subject", "dcterms.subject"}, {"news_keywords", "keywords"}} {
		if len(out) > 0 {
			break
		}
		for _, k := range keys {
			for _, v := range f.metas[k] {
				out = append(out, splitList(v)...)
			}
		}
		out = topics(out)
	}
	if len(out) > 0 {
		return dedupe(out)
	}
	return dedupe(f.relTag)
}

// topics leaves out of a tag list a CMS's facets ("Day: Wednesday", "Page
// Type: Article", "WC: 2000-2999", "Partner: Factiva"), where it holds
// three or more: they describe the page to the site, not the story to a
// reader. A list that is mostly facets is dropped whole, so that the next
// source is asked. (One "Star Wars: The Last Jedi" is a topic.)
func topics(list []string) []string {
	facets := 0
	for _, t := range list {
		if reFacet.MatchString(t) {
			facets++
		}
	}
	if facets < 3 {
		return list
	}
	if 2*facets > len(list) {
		return nil
	}
	return slices.DeleteFunc(list, reFacet.MatchString)
}

// reFacet is a "Label: value" tag with a short label.
var reFacet = lazyre.New(`^[^:]{1,24}:\s+\S`)

func splitList(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '،' || r == ';' }) {
		if p = clean(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// titleSeps are the separators sites put between a headline and their name.
var titleSeps = []string{" | ", " — ", " – ", " - ", " · ", " :: ", " » ", " // ", " ‹ ", " › "}

// cleanTitle removes a " | Site" suffix (or a "Site | " prefix) when the
// part cut off names the site, its host or the section; and, for a title
// from <title>, when the rest is the page's <h1>: then the suffix is
// returned as the site's name.
func cleanTitle(title, site, section, host string, h1 []string, fromPage bool) (string, string) {
	title = clean(title)
	names := []string{site, section, host, strings.TrimPrefix(host, "www.")}
	if i := strings.LastIndexByte(host, '.'); i > 0 {
		names = append(names, strings.TrimPrefix(host[:i], "www."))
	}
	for range 3 {
		cut := false
		for _, sep := range titleSeps {
			if i := strings.LastIndex(title, sep); i > 0 && namesSite(title[i+len(sep):], names) {
				title, cut = strings.TrimSpace(title[:i]), true
				break
			}
			if i := strings.Index(title, sep); i > 0 && namesSite(title[:i], names) {
				title, cut = strings.TrimSpace(title[i+len(sep):]), true
				break
			}
		}
		if !cut {
			break
		}
	}
	if fromPage {
		// "Headline | Site", or a blog's "Blog name: Post title".
		for _, sep := range append(titleSeps, ": ") {
			for _, h := range h1 {
				if rest, ok := cutFold(title, h+sep, true); ok {
					return h, siteName(rest)
				}
				if rest, ok := cutFold(title, sep+h, false); ok {
					return h, siteName(rest)
				}
			}
		}
	}
	return title, ""
}

// cutFold cuts part from the start (or the end) of s, ignoring case and
// white space, and returns the rest.
func cutFold(s, part string, prefix bool) (string, bool) {
	s, part = clean(s), clean(part)
	if len(part) >= len(s) {
		return "", false
	}
	if prefix && strings.EqualFold(s[:len(part)], part) {
		return s[len(part):], true
	}
	if !prefix && strings.EqualFold(s[len(s)-len(part):], part) {
		return s[:len(s)-len(part)], true
	}
	return "", false
}

// siteName is the part of a page title after the headline when it looks
// like a name: short and without another separator.
func siteName(s string) string {
	s = clean(s)
	if len(s) > 60 {
		return ""
	}
	for _, sep := range titleSeps {
		if strings.Contains(s, sep) {
			return ""
		}
	}
	return s
}

func namesSite(part string, names []string) bool {
	p := loose(part)
	if p == "" {
		return false
	}
	for _, n := range names {
		if n = loose(n); n != "" && (p == n || strings.ReplaceAll(p, " ", "") == strings.ReplaceAll(n, " ", "")) {
			return true
		}
	}
	return false
}

// loose lower-cases s and drops a leading "the " for comparing site names.
func loose(s string) string {
	s = strings.ToLower(clean(s))
	return strings.TrimPrefix(s, "the ")
}

// dateMark is a class, id or itemprop that marks an element holding a
// date: "date", "post-date", "datum", "time-rubric", "publishdate",
// "post-created", "authored", "updated".
var dateMark = lazyre.New(`(?i)date|datum|(?:^|[-_\s])(?:h-)?time(?:stamp)?(?:$|[-_\s])|publish|posted|created|authored|updated|modified`)

// localDay reports whether date is a time in UTC ("…T00:53:29Z",
// "…+00:00"): many sites write their metadata so, while the page prints
// the day where the story was published.
func localDay(date string) bool {
	t, prec, ok := doc.ParseDate(date)
	if !ok || prec != doc.TimePrecision {
		return false
	}
	_, off := t.Zone()
	return off == 0
}

// printedDays is the day the page prints as its date: in an element
// marked as one (shownDate), else by the headline (runs gives the text
// there), else written with slashes in a marked element, which gives both
// of its readings ("03/05/2022": 3 May or 5 March), else the day in the
// page's address src, which news sites file stories under. None when
// the first of these that names a day names a change's.
func printedDays(c *converter, root *html.Node, runs func() ([]string, int), src string) []string {
	if iso, updated := shownDate(c, root); iso != "" {
		if updated {
			return nil
		}
		return []string{iso}
	}
	if iso, updated := dateNearHead(runs()); iso != "" {
		if updated {
			return nil
		}
		return []string{iso}
	}
	if days := shownSlashed(c, root); days != nil {
		return days
	}
	if d := urlDate(src); d != "" {
		return []string{d}
	}
	return nil
}

// shownSlashed is both readings of the first date written with slashes
// (textdate.Slashed) in an element marked as a date, unless it is marked
// as a change's.
func shownSlashed(c *converter, root *html.Node) (days []string) {
	walkElements(root, func(n *html.Node) bool {
		t, ok := markedDateText(c, n)
		if ok && !besidePost(c, n, teasersClass) {
			if days = textdate.Slashed(t); days != nil && (reUpdatedMark.MatchString(c.orig(n, "class")) || textdate.Updated.MatchString(t)) {
				days = nil
				return false
			}
		}
		return days == nil
	})
	return days
}

// dayApart reports whether day, a date a page prints, is the day before or
// after the UTC time utc, as a zone could make it: from UTC−12 the day
// before for a time before noon, from UTC+14 the day after for a time from
// 10:00.
func dayApart(day, utc string) bool {
	d, prec, ok := doc.ParseDate(day)
	t, _, ok2 := doc.ParseDate(utc)
	if !ok || !ok2 || prec != doc.DayPrecision {
		return false
	}
	t = t.UTC()
	same := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	switch {
	case d.Equal(same.AddDate(0, 0, -1)):
		return t.Hour() < 12
	case d.Equal(same.AddDate(0, 0, 1)):
		return t.Hour() >= 10
	}
	return false
}

// shownDate is the first date the page prints in an element its class,
// id or itemprop marks as a date (<span class="date">, itemprop=
// datePublished); updated reports one marked as a change. "" when there is
// none.
func shownDate(c *converter, root *html.Node) (iso string, updated bool) {
	walkElements(root, func(n *html.Node) bool {
		iso, updated = elementDate(c, n)
		return iso == ""
	})
	return iso, updated
}

// elementDate is the date element n prints when its class, id or itemprop
// marks it as one and its text is short (a wrapper holding the whole post
// is not one); updated reports a change's date. "" when n is not one.
func elementDate(c *converter, n *html.Node) (iso string, updated bool) {
	t, ok := markedDateText(c, n)
	if !ok {
		return "", false
	}
	iso, _, found := textdate.FindLoose(t)
	if !found || besidePost(c, n, teasersClass) {
		return "", false
	}
	class, id, prop := c.orig(n, "class"), htmltree.Attr(n, "id"), htmltree.Attr(n, "itemprop")
	// "Written: 2023-11-07 / Updated: 2023-11-07": the label before the
	// first date says which it is.
	return iso, reUpdatedMark.MatchString(class+" "+id+" "+prop) || textdate.IsUpdated(t)
}

// markedDateText is the short text of n when its class, id or itemprop
// marks it as a date; ok is false for any other element.
func markedDateText(c *converter, n *html.Node) (text string, ok bool) {
	switch n.Data {
	case "meta", "time", "script", "style", "html", "body", "head":
		return "", false
	}
	class, id, prop := c.orig(n, "class"), htmltree.Attr(n, "id"), htmltree.Attr(n, "itemprop")
	if !dateMark.MatchString(class) && !dateMark.MatchString(id) && !dateMark.MatchString(prop) {
		return "", false
	}
	return shownText(n)
}

// shownText is the text below n, tidied, when it is short enough to be a
// date or a byline a page prints (shownBytes, shownWords); ok is false
// when it is longer or empty.
func shownText(n *html.Node) (text string, ok bool) {
	t, ok := shortText(n, shownBytes)
	if t = clean(t); !ok || t == "" || len(strings.Fields(t)) > shownWords {
		return "", false
	}
	return t, true
}

// bylineDate is the date printed in the first byline element (isByline)
// that prints one, "Author: Jan Roe am 29.12.2010, 13:36 Uhr", unless it
// is labelled as a change's; "" when none does.
func bylineDate(c *converter, root *html.Node) (iso string) {
	walkElements(root, func(n *html.Node) bool {
		if !isByline(c, n) {
			return true
		}
		t, ok := shownText(n)
		if !ok {
			return true
		}
		if d, _, found := textdate.FindLoose(t); found && !textdate.IsUpdated(t) {
			iso = d
		}
		return iso == ""
	})
	return iso
}

// shortText is the text below n when it is at most limit bytes; ok is
// false, and the walk stopped early, when there is more (a wrapper whose
// class names a date may hold the whole post).
func shortText(n *html.Node, limit int) (text string, ok bool) {
	var b strings.Builder
	ok = true
	htmltree.WalkNodes(n, func(m *html.Node) htmltree.Walk {
		if m.Type == html.TextNode {
			if b.Len()+len(m.Data) > limit {
				ok = false
				return htmltree.WalkStop
			}
			b.WriteString(m.Data)
		}
		return htmltree.WalkIn
	})
	return b.String(), ok
}

// labelledDate is the first date the page prints after a label that names
// it ("Datum: 26. Januar 2022", "Stand 27.01.2022", "Pressemitteilung vom
// 25. Januar 2022"), in a short run of text outside the furniture beside
// the post (besidePost), and the first after a label that names a change
// ("Last updated", "Letzte Änderung"); "" where there is none.
func labelledDate(c *converter, root *html.Node) (date, updated string) {
	var run strings.Builder
	var block *html.Node
	// try reads the run gathered so far and reports when the date is
	// found.
	try := func() bool {
		t := run.String()
		run.Reset()
		loc := textdate.Lead.FindStringIndex(t)
		if loc == nil || len(strings.Fields(t)) > shownWords {
			return false
		}
		after := t[loc[1]:]
		if w := textdate.Weekday.FindStringIndex(after); w != nil && w[0] == 0 {
			after = strings.TrimLeft(after[w[1]:], " ,")
		}
		// The date must follow the label ("Datum: Montag, 26. Januar
		// 2022"), not stand later in a sentence.
		d, before, ok := textdate.FindLoose(after)
		if !ok || before != "" {
			return false
		}
		if !textdate.Updated.MatchString(t[:loc[1]]) {
			date = d
			return true
		}
		if updated == "" {
			updated = d
		}
		return false
	}
	htmltree.WalkNodes(root, func(n *html.Node) htmltree.Walk {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "style", "template", "noscript", "svg", "head", "aside", "nav", "footer":
				return htmltree.WalkSkip
			case "br":
				// "Letzte Änderung: …<br>Erschienen am: …": a line
				// break ends a run.
				if try() {
					return htmltree.WalkStop
				}
			}
			if teasersClass.MatchString(c.orig(n, "class") + " " + htmltree.Attr(n, "id")) {
				return htmltree.WalkSkip
			}
			return htmltree.WalkIn
		}
		if n.Type != html.TextNode {
			return htmltree.WalkIn
		}
		t := clean(n.Data)
		if t == "" {
			return htmltree.WalkIn
		}
		if b := blockOf(n); b != block {
			if try() {
				return htmltree.WalkStop
			}
			block = b
		}
		if run.Len() > 0 {
			run.WriteByte(' ')
		}
		run.WriteString(t)
		return htmltree.WalkIn
	})
	if date == "" {
		try()
	}
	return date, updated
}

// shownWords is the most words an element marked as a date may hold, and
// shownBytes the most bytes, white space and all, of its text.
const (
	shownWords = 12
	shownBytes = 400
)

var reUpdatedMark = lazyre.New(`(?i)updated|modified`)

// reDayFirst is a machine-readable date whose time is malformed
// ("2022-01-10T22:06:08:684Z", "2022-05-05T22:12:00 UTC"): its day counts.
var reDayFirst = lazyre.New(`^(\d{4}-\d{2}-\d{2})(?:[T\s-]|$)`)

// isoDate rewrites a machine-readable date as the tree carries it (a
// day, or an RFC 3339 time); "" when it is not one, or names only a month
// or a year (a later candidate may name the day).
func isoDate(s string) string {
	d, prec, ok := doc.NormalizeDate(s)
	if !ok {
		if m := reDayFirst.FindStringSubmatch(strings.TrimSpace(s)); m != nil {
			d, prec, ok = doc.NormalizeDate(m[1])
		}
	}
	if !ok || prec < doc.DayPrecision {
		return ""
	}
	return d
}

func firstDate(candidates ...string) string {
	for _, c := range candidates {
		if d := isoDate(c); d != "" {
			return d
		}
	}
	return ""
}

// langTag turns "ru", "en-GB", "ru_RU" (og:locale) into a BCP 47 tag; ""
// when the value is not shaped like one.
func langTag(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, ','); i >= 0 {
		s = s[:i]
	}
	tag, _ := doc.LangTag(s)
	return tag
}

func absoluteURL(s string) string {
	s = strings.TrimSpace(s)
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return s
}

func isURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "//")
}

// clean collapses white space and trims.
func clean(s string) string { return strings.Join(strings.Fields(s), " ") }

// sameText compares two texts ignoring case and white space.
func sameText(a, b string) bool { return strings.EqualFold(clean(a), clean(b)) }

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = clean(s); s != "" {
			return s
		}
	}
	return ""
}

func firstOf(ss []string) string {
	if len(ss) == 0 {
		return ""
	}
	return ss[0]
}

func dedupe(ss []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range ss {
		s = clean(s)
		k := strings.ToLower(s)
		if s == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, s)
	}
	return out
}

func hasWord(words []string, w string) bool {
	for _, x := range words {
		if x == w {
			return true
		}
	}
	return false
}

func hasAncestor(n *html.Node, name string) bool { return ancestor(n, name) != nil }

// ancestor is the nearest element above n named name, nil when none.
func ancestor(n *html.Node, name string) *html.Node {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && p.Data == name {
			return p
		}
	}
	return nil
}

func insideSVG(n *html.Node) bool { return n.Namespace != "" }

// nearHead returns the runs of text around the headline's element, as a
// reader sees them: the text of each block element (p, div, li, …) joined,
// up to dateBeforeHead runs before the headline and dateAfterHead after
// it; at is the headline's own place (an empty run), -1 without one.
func nearHead(root, head *html.Node) (runs []string, at int) {
	at = -1
	if head == nil {
		return nil, -1
	}
	var last *html.Node
	htmltree.WalkNodes(root, func(n *html.Node) htmltree.Walk {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "style", "template", "noscript", "svg":
				return htmltree.WalkSkip
			}
			if n == head {
				at, last = len(runs), head
				runs = append(runs, "")
				// A date set small inside the headline's element
				// ("<h1>Title<br><small>02.02.2022</small></h1>", as
				// Bootstrap sets a subtitle) is a run after it.
				walkElements(head, func(m *html.Node) bool {
					if m.Data == "small" || m.Data == "time" {
						if t := clean(htmltree.TextContent(m)); t != "" {
							runs = append(runs, t)
						}
					}
					return true
				})
				return htmltree.WalkSkip
			}
		}
		if n.Type == html.TextNode {
			if t := clean(n.Data); t != "" {
				b := blockOf(n)
				if b == last && len(runs) > 0 && at != len(runs)-1 {
					runs[len(runs)-1] += " " + t
				} else {
					runs = append(runs, t)
					last = b
				}
			}
		}
		if at >= 0 && len(runs) > at+dateAfterHead+1 {
			return htmltree.WalkStop
		}
		return htmltree.WalkIn
	})
	if at < 0 {
		return nil, -1
	}
	from := max(0, at-dateBeforeHead)
	runs = runs[from:min(len(runs), at+dateAfterHead+1)]
	return runs, at - from
}

// blockOf is the nearest block element above n.
func blockOf(n *html.Node) *html.Node {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && blockElements[p.Data] {
			return p
		}
	}
	return nil
}

// dateNearHead finds the date a page prints by its headline when its
// metadata names none: the first run of text near the headline (nearHead)
// that textdate.NearHeadline reads a date in. updated reports a date
// labelled as a change ("Updated …").
func dateNearHead(runs []string, at int) (iso string, updated bool) {
	for i, t := range runs {
		if i == at {
			continue
		}
		if iso, _, ok := textdate.NearHeadline(t); ok {
			// The label may be a run of its own: "Updated" <div><time>…
			label := t
			if i > 0 {
				label = runs[i-1] + " " + t
			}
			return iso, textdate.IsUpdated(label)
		}
	}
	return "", false
}

// bylineNearHead finds the byline a page prints by its headline when
// nothing marks one: the first short run of text near the headline that
// reads as a byline ("Von Anna Roe", "By Jane Roe | 5 March 2024").
func bylineNearHead(runs []string, at int) []string {
	for i, t := range runs {
		if i == at || len(strings.Fields(t)) > 16 {
			continue
		}
		if names, ok := bylineOf(t); ok {
			return names
		}
	}
	return nil
}

// reURLDate is a day in a page address's path: "/2021/11/01/",
// "/2021-11-01-", "/20211101/".
var reURLDate = lazyre.New(`/((?:19|20)\d\d)([/-]?)(\d\d)([/-]?)(\d\d)(?:[/-]|$)`)

// urlDate is the day a page's address names, the last resort for its
// date (news sites file stories under it); "" when it names none.
func urlDate(u string) string {
	m := reURLDate.FindStringSubmatch(u)
	if m == nil || m[2] != m[4] {
		return ""
	}
	return isoDate(m[1] + "-" + m[3] + "-" + m[5])
}

// The runs of text searched by dateNearHead: dateBeforeHead before the
// headline's element, dateAfterHead after it.
const (
	dateBeforeHead = 3
	dateAfterHead  = 12
)
