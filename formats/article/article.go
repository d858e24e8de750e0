// Package article reads plain text copied or scraped from a news web page
// and turns it into a clean doc.Document.
//
// Such text carries the page around the article: the page title, site
// navigation, a category breadcrumb, the headline said two or three times,
// a standfirst, bylines and dates, the lost lead photo's alt text and
// credit, "Advertisement" breaks, related-article lists and footers. The
// reader sorts every line with site-agnostic scores rather than rules for
// any one site:
//
//   - the headline is the first line before the body that recurs (page
//     title, headline, photo alt text), with a " | Site" suffix cut off and
//     kept as the publisher; without a repeat, the first headline-shaped
//     line. Every saying of it leaves the body;
//   - lines before the body are metadata (breadcrumb → tags and section,
//     byline → authors, date lines → date or updated, source lines →
//     publisher or source URL), the standfirst (the first paragraph after
//     the headline, when more page furniture follows it) or navigation;
//   - a credit line ("Credit:", "Photo:", "Фото:", "Source:" after a
//     caption) makes a figure with no image; a caption that only repeats
//     the headline becomes its alt text;
//   - boilerplate is scored per line (promo phrases, share rows, copyright
//     and reading-time lines, short link-box headings, newsletter and cookie
//     prompts, lists after a "Related" line, short lines after the last
//     paragraph); each removed line is reported as a boilerplate-removed
//     warning, or kept as a paragraph with Options.KeepBoilerplate;
//   - short lines between paragraphs are headings (level 2) when their
//     score (length, punctuation, numbering, capitals, surroundings) is high
//     enough; everything else is a paragraph whose text is kept exactly as
//     written, with bare http(s) URLs made into links.
//
// A dateline ("KYIV —") is recorded in Meta.Dateline and left in the first
// paragraph's text, which is never rewritten. The language is identified
// with whatlanggo when there is enough text and it is confident; "en"
// otherwise. Hard-wrapped text is recognised from its line lengths and its
// lines joined with spaces.
package article

import (
	"fmt"
	"slices"
	"strings"

	"folio/formats/internal/boiler"
	"folio/formats/internal/byline"
	"folio/formats/internal/langid"
	"folio/formats/internal/lazyre"
	"folio/formats/internal/salvage"
	"folio/formats/internal/sentence"
	"folio/formats/internal/textdate"
	"folio/pipeline/doc"
)

// Options are the article reader's switches.
type Options struct {
	// KeepBoilerplate keeps lines scored as site boilerplate, as
	// paragraphs, instead of removing them.
	KeepBoilerplate bool
}

// Reader reads scraped article text. It holds no state between calls and
// is safe for concurrent use.
type Reader struct {
	opts Options
	// lm is the line model; nil is the trained one (linemodel_weights.go).
	lm *lineModel
}

// New returns a Reader with the given options.
func New(opts Options) *Reader { return &Reader{opts: opts} }

// Read turns the text in src into a document. name goes into every
// position.
func (r *Reader) Read(src []byte, name string) (*doc.Document, []doc.Warning, error) {
	p := &parser{name: name, opts: r.opts, lm: r.lm}
	d, ws, err := p.run(string(src))
	if err != nil || r.opts.KeepBoilerplate {
		return d, ws, err
	}
	kept, prose := keptWords(d), p.proseWords()
	if salvage.Suspect(kept, prose) {
		// The filters left too little: read again keeping every line.
		q := &parser{name: name, opts: Options{KeepBoilerplate: true}, unfiltered: true, lm: r.lm}
		ud, uws, uerr := q.run(string(src))
		if uerr == nil && salvage.Better(kept, keptWords(ud), prose) {
			w := salvage.Warning(doc.Pos{File: name, Line: 1}, kept, prose, keptWhat(d), p.droppedWhat())
			return ud, append(uws, w), nil
		}
	}
	return d, ws, err
}

type role int

const (
	roleNone role = iota
	roleTitle
	// roleFigure emits a figure; roleFigurePart is its other line.
	roleFigure
	roleFigurePart
	roleMeta
	roleStandfirst
	roleBoiler
	roleHeading
	roleParagraph
)

type parser struct {
	name    string
	opts    Options
	units   []*unit
	roles   []role
	figures map[int]*doc.Figure
	// scores and metas cache each unit's boilerplate score and metadata.
	scores   []int
	metas    []*metaLine
	meta     doc.Meta
	warnings []doc.Warning
	title    titleChoice
	// content is each unit's line-model probability of being article text;
	// keep is the line model's decision after smoothing.
	content []float64
	keep    []bool
	// unfiltered turns the line model off (the safety net's second read).
	unfiltered bool
	// lm is the line model (nil: the trained one).
	lm *lineModel
}

func (p *parser) pos(line int) doc.Pos { return doc.Pos{File: p.name, Line: line} }

// prepare splits src into units and scores each one on its own.
func (p *parser) prepare(src string) {
	if i := strings.IndexByte(src, 0); i >= 0 {
		line := strings.Count(src[:i], "\n") + 1
		p.warn(line, "nul-replaced", "NUL bytes replaced with U+FFFD")
		src = strings.ReplaceAll(src, "\x00", "\uFFFD")
	}
	p.units = buildUnits(splitLines(src))
	p.roles = make([]role, len(p.units))
	p.scores = make([]int, len(p.units))
	p.metas = make([]*metaLine, len(p.units))
	for i, u := range p.units {
		u.nwords = wordCount(u.text)
		p.scores[i] = boiler.Score(u.text)
		if m, ok := parseMeta(u.text); ok {
			p.metas[i] = &m
		}
	}
	p.figures = map[int]*doc.Figure{}
}

func (p *parser) run(src string) (*doc.Document, []doc.Warning, error) {
	p.prepare(src)
	d := &doc.Document{}
	if len(p.units) == 0 {
		// An empty document is reported once, by the normalize pass that
		// decides what to write for it (empty-document).
		d.Meta.Lang = "en"
		return d, p.warnings, nil
	}
	lm := p.lm
	if lm == nil {
		lm = &trainedLineModel
	}
	p.content = p.contentScores(lm.w1, lm.m2)
	if p.unfiltered || len(p.units) < minModelUnits {
		p.keep = make([]bool, len(p.units))
		for i := range p.keep {
			p.keep[i] = true
		}
	} else {
		p.keep = smooth(p.units, p.content, smoothPenalty)
	}

	p.title = p.findTitle()
	if p.title.title != "" {
		p.meta.Title = p.title.title
		p.meta.Publisher = p.title.publisher
		first := -1
		for i := range p.units {
			if p.title.at[i] {
				p.roles[i] = roleTitle
				if first < 0 {
					first = i
				}
			}
		}
		p.meta.Pos = p.pos(p.units[first].line)
		if p.unfiltered && len(p.title.at) == len(p.units) {
			// The safety net's reading of a text that is one line said
			// once or more: it is the headline and the body too, never
			// an empty article.
			p.roles[first] = roleNone
		}
	}
	p.findFigures()
	start := p.readHead()
	last := p.lastProse(start)
	p.readBody(start, last)
	p.readTail(last + 1)
	p.nearDate()
	p.nearAuthor()

	d.Blocks = p.blocks()
	p.meta.Lang = langid.Detect(p.langSample(d))
	if p.meta.Lang == "" {
		p.meta.Lang = "en"
	}
	p.slashedDate()
	d.Meta = p.meta
	return d, p.warnings, nil
}

func (p *parser) warn(line int, code, msg string) {
	p.warnings = append(p.warnings, doc.Warning{Pos: p.pos(line), Code: code, Message: msg})
}

// boiler marks unit i as boilerplate: removed with a warning, or kept as a
// paragraph when the options say so.
func (p *parser) boiler(i int, why string) {
	if p.opts.KeepBoilerplate {
		p.roles[i] = roleParagraph
		return
	}
	p.roles[i] = roleBoiler
	u := p.units[i]
	p.warn(u.line, "boilerplate-removed", fmt.Sprintf("line %d removed as site boilerplate (%s): %q", u.line, why, u.text))
}

// article reports a unit the line model scores as article text.
func (p *parser) article(i int) bool { return p.keep[i] }

// minModelUnits is the size from which the line model removes lines: a
// shorter text is an article already cut out of its page, read by the
// rules alone.
const minModelUnits = 12

// smoothPenalty is what a change between article and furniture costs in
// the line model's smoothing, in weighted log-odds.
const smoothPenalty = 2

// isBoiler reports a unit whose own text scores as boilerplate.
func (p *parser) isBoiler(i int) bool { return p.scores[i] >= boiler.Threshold }

// free reports a unit no earlier step has claimed.
func (p *parser) free(i int) bool { return p.roles[i] == roleNone }

// findFigures turns credit lines into figures, with the line just above as
// caption (or, when it repeats the headline, as alt text).
func (p *parser) findFigures() {
	// seen holds each figure's caption and credit: a page that says a
	// photo's caption twice (a share preview, then the photo) shows one
	// photo.
	seen := map[string]bool{}
	for i, u := range p.units {
		if !p.free(i) {
			continue
		}
		credit, isSource, ok := creditLabel(u.text)
		if !ok {
			if capt, cred, ok := inlineCredit(u.text); ok {
				if k := key(capt) + "\x00" + key(cred); seen[k] {
					p.boiler(i, "a photo caption said again")
				} else {
					seen[k] = true
					p.roles[i] = roleFigure
					p.figures[i] = &doc.Figure{Credit: cred, Pos: p.pos(u.line),
						Caption: []doc.Inline{&doc.Text{Value: capt, Pos: p.pos(u.line)}}}
					p.imageLabel(i)
				}
			}
			continue
		}
		c := i - 1
		label := p.labelAbove(i)
		if label {
			c = -1
		}
		hasCaption := c >= 0 && !u.gapBefore && (p.roles[c] == roleTitle || p.free(c) && p.captionShaped(c))
		if isSource && !hasCaption && !label {
			continue
		}
		if label {
			p.imageLabel(i)
		}
		capt := ""
		if hasCaption && p.roles[c] != roleTitle {
			capt = p.units[c].text
		}
		// Two photos may share a credit ("Foto: dpa"); only a caption
		// said again is the same photo.
		k := key(capt) + "\x00" + key(credit)
		if capt != "" && seen[k] {
			p.boiler(i, "a photo credit said again")
			p.boiler(c, "a photo caption said again")
			continue
		}
		seen[k] = true
		fig := &doc.Figure{Credit: credit, Pos: p.pos(u.line)}
		at := i
		if hasCaption {
			at = c
			fig.Pos = p.pos(p.units[c].line)
			if p.roles[c] == roleTitle {
				fig.Alt = p.meta.Title
			} else {
				fig.Caption = []doc.Inline{&doc.Text{Value: p.units[c].text, Pos: fig.Pos}}
			}
			p.roles[i] = roleFigurePart
		}
		p.roles[at] = roleFigure
		p.figures[at] = fig
		if hasCaption {
			p.imageLabel(at)
		}
	}
}

// imageLabel makes the line just above a figure's first line part of the
// figure when it only says "Image" or "Photo" (a label for screen readers
// that a copy keeps).
func (p *parser) imageLabel(i int) {
	if p.labelAbove(i) {
		p.roles[i-1] = roleFigurePart
	}
}

// labelAbove reports an image label ("Image", "Photo") just above unit i.
func (p *parser) labelAbove(i int) bool {
	return i > 0 && !p.units[i].gapBefore && p.free(i-1) && reImageLabel.MatchString(strings.TrimSpace(p.units[i-1].text))
}

// captionShaped reports whether unit i can be a photo caption: short, and
// not a metadata line.
func (p *parser) captionShaped(i int) bool {
	s := p.units[i].text
	if runeLen(s) > 250 || p.isMetaLine(i) || p.isBoiler(i) {
		return false
	}
	_, _, ok := creditLabel(s)
	return !ok
}

// isMetaLine reports a byline, date, source, tags or breadcrumb line.
func (p *parser) isMetaLine(i int) bool {
	return p.metas[i] != nil
}

// readHead reads the lines before the body into metadata and returns the
// index of the first body unit.
func (p *parser) readHead() int {
	first, last := -1, -1
	for i := range p.units {
		if p.roles[i] == roleTitle || p.roles[i] == roleFigure && p.figures[i].Alt != "" {
			if first < 0 {
				first = i
			}
			last = i
		}
		if bodyText(p.units[i].text) && p.free(i) && !p.isMetaLine(i) {
			break
		}
	}
	// head is the headline's first unit, wherever it stands.
	head := slices.Index(p.roles, roleTitle)
	i := 0
	for ; i < len(p.units); i++ {
		u := p.units[i]
		if !p.free(i) {
			continue
		}
		if m := p.metas[i]; m != nil && !(head >= 0 && i < head-dateReach && m.onlyDate()) {
			p.applyMeta(*m, true)
			p.roles[i] = roleMeta
			continue
		}
		if p.isBoiler(i) {
			p.boiler(i, "navigation or promotion")
			continue
		}
		if first >= 0 && i < first {
			p.boiler(i, "site chrome before the headline")
			continue
		}
		if isProse(u.text) && !p.article(i) {
			p.boiler(i, "page furniture by the line model")
			continue
		}
		if isProse(u.text) {
			if first >= 0 && p.meta.Subtitle == "" && p.isStandfirst(i) {
				p.roles[i] = roleStandfirst
				p.meta.Subtitle = u.text
				continue
			}
			break
		}
		if i < last {
			p.boiler(i, "navigation between page title and headline")
			continue
		}
		if j := p.nextProse(i); j >= 0 {
			if first >= 0 && p.meta.Subtitle == "" && p.isStandfirst(j) {
				p.boiler(i, "navigation after the headline")
				continue
			}
			if headingScore(u, true) >= headingThreshold {
				break
			}
		}
		p.boiler(i, "navigation after the headline")
	}
	return i
}

// dateReach is how far above the headline, in units, a line that is only
// a date is still the article's: further up it is the site's header
// ("Mittwoch, 8. Juli 2020" above the menu is today's date).
var dateReach = 6

// isStandfirst reports whether the paragraph at i is a standfirst: more
// page furniture (byline, date, photo, headline again) follows it before
// the next paragraph.
func (p *parser) isStandfirst(i int) bool {
	u := p.units[i]
	if runeLen(u.text) > 600 {
		return false
	}
	if _, ok := dateline(u.text); ok {
		return false
	}
	for j := i + 1; j < len(p.units) && j <= i+8; j++ {
		switch p.roles[j] {
		case roleTitle, roleFigure, roleFigurePart:
			return true
		}
		s := p.units[j].text
		if p.isMetaLine(j) {
			return true
		}
		if p.isBoiler(j) {
			continue
		}
		if isProse(s) {
			return false
		}
	}
	return false
}

// nextProse returns the index of the next unit after i that is body text,
// skipping figures, headline repeats and boilerplate, or -1 when the next
// such unit is not prose.
func (p *parser) nextProse(i int) int {
	for j := i + 1; j < len(p.units) && j <= i+nextProseLimit; j++ {
		switch p.roles[j] {
		case roleTitle, roleFigure, roleFigurePart, roleBoiler, roleMeta:
			continue
		}
		if p.roles[j] == roleNone && p.isBoiler(j) {
			continue
		}
		if isProse(p.units[j].text) {
			return j
		}
		return -1
	}
	return -1
}

// nextProseLimit bounds the look-ahead so that a long run of boilerplate
// lines cannot make reading quadratic.
const nextProseLimit = 50

// lastProse is the last paragraph of running text; what follows it is
// footer unless it is metadata or a figure.
func (p *parser) lastProse(start int) int {
	for i := len(p.units) - 1; i >= start; i-- {
		s := p.units[i].text
		if p.free(i) && isProse(s) && !p.isBoiler(i) && p.article(i) {
			return i
		}
	}
	return start - 1
}

const headingThreshold = 4

// readBody sorts the body's units into headings, paragraphs and
// boilerplate, following lists of related articles.
func (p *parser) readBody(start, last int) {
	related, adjacent, items := false, false, 0
	prevProse := true
	datelineDone := false
	paras := 0
	for i := start; i <= last; i++ {
		if !p.free(i) {
			continue
		}
		u := p.units[i]
		if m := p.metas[i]; m != nil && paras < metaParas && !(paras > 0 && m.onlyDate() && p.datedAbove(i)) {
			// A byline or date line below a teaser or a photo, in the
			// first paragraphs: metadata, as above the body; a date
			// alone after a paragraph is not, when the headline has a
			// date by it ("31. Jan. 2022 in Köln" by the headline, then
			// "Donnerstag, 03. Februar 2022" over a day's schedule).
			p.applyMeta(*m, false)
			p.roles[i] = roleMeta
			continue
		}
		if related {
			// The list runs on over adjacent lines; past a blank line an
			// item must not lead into a paragraph (then it is a heading).
			if relatedItem(u.text) && (items == 0 || !u.gapBefore || !adjacent && p.nextProse(i) < 0) {
				p.boiler(i, "related-article list")
				items++
				continue
			}
			related = false
		}
		if p.isBoiler(i) {
			p.boiler(i, "navigation or promotion")
			if boiler.RelatedMarker(u.text) {
				related, items = true, 0
				adjacent = i+1 < len(p.units) && !p.units[i+1].gapBefore
			}
			continue
		}
		prose := isProse(u.text)
		if !p.article(i) && !p.headingBetween(i, prose, prevProse) {
			p.boiler(i, "page furniture by the line model")
			continue
		}
		if !prose && p.nextProse(i) >= 0 && headingScore(u, prevProse) >= headingThreshold {
			p.roles[i] = roleHeading
			prevProse = false
			continue
		}
		p.roles[i] = roleParagraph
		if prose {
			paras++
		}
		if prose && !datelineDone {
			datelineDone = true
			if d, ok := dateline(u.text); ok {
				p.meta.Dateline = d
			}
		}
		prevProse = prose
	}
}

// nearDate fills the date, when no metadata line gave one, from the first
// short line near the headline that holds a date: "3. August 2015 · Filed
// under …", "Christian Roe, 03.11.2023 15:32 Uhr", "July 24, 2019 by Amy
// Roe 5 Comments". Only the date is taken; the line stays what it was.
func (p *parser) nearDate() {
	if p.meta.Date != "" || p.meta.Updated != "" {
		return
	}
	i, iso, _ := p.datedNearHeadline()
	switch {
	case i < 0:
	case textdate.IsUpdated(p.units[i].text):
		p.meta.Updated = iso
	default:
		p.meta.Date = iso
	}
}

// slashedDate fills the date, when nothing else gave one, from the first
// short line near the headline with a date written with slashes that the
// text's language reads one way (textdate.SlashedDay): "Veröffentlicht am
// 15/07/2014 von Guido Roe", "Redacción EC / 07/05/2022 20H06". It runs
// once the language is known.
func (p *parser) slashedDate() {
	if p.meta.Date != "" || p.meta.Updated != "" {
		return
	}
	from, to := p.nearHeadline()
	for i := from; i < to; i++ {
		t := p.units[i].text
		if p.roles[i] == roleTitle || textdate.Paragraph(t) {
			continue
		}
		if iso, updated, ok := textdate.SlashedDay(t, p.meta.Lang); ok {
			if updated {
				p.meta.Updated = iso
			} else {
				p.meta.Date = iso
			}
			return
		}
	}
}

// datedNearHeadline returns the first line near the headline
// (nearHeadline) that textdate.NearHeadline reads a date in, with the date
// and the rest of the line (a short dated line, "November 8 2023, 3:18
// p.m." among them, or a paragraph that opens with its date); i is -1
// when there is none.
func (p *parser) datedNearHeadline() (i int, iso, rest string) {
	from, to := p.nearHeadline()
	for i := from; i < to; i++ {
		if p.roles[i] == roleTitle {
			continue
		}
		if iso, rest, ok := textdate.NearHeadline(p.units[i].text); ok {
			return i, iso, rest
		}
	}
	return -1, "", ""
}

// datedAbove reports a date by the headline (datedNearHeadline) above
// unit i.
func (p *parser) datedAbove(i int) bool {
	j, _, _ := p.datedNearHeadline()
	return j >= 0 && j < i
}

// nearHeadline is the span of units searched for a date or a byline by the
// headline: from nearDateBefore above its first unit to nearDateAfter
// below it; empty without a headline.
func (p *parser) nearHeadline() (from, to int) {
	t := slices.Index(p.roles, roleTitle)
	if t < 0 {
		return 0, 0
	}
	return max(0, t-nearDateBefore), min(len(p.units), t+nearDateAfter+1)
}

// reNameSep separates a name from a date on a dated line: "Jane Roe,
// 03.11.2023", "30. Oktober 2019 | Jane Roe", "Jane Roe / 22.04.2020".
var reNameSep = lazyre.New(`\s*(?:[|/·•,]|//|\s[-–—]\s)\s*`)

// nearAuthor fills the author, when no byline gave one, from a dated line
// near the headline where a name stands apart from the date: two or three
// capitalised words between separators ("30. Oktober 2019 | Jane Roe").
func (p *parser) nearAuthor() {
	if len(p.meta.Authors) > 0 {
		return
	}
	if p.leadAlone() {
		return
	}
	i, _, rest := p.datedNearHeadline()
	if i < 0 {
		return
	}
	rest = textdate.Clock.ReplaceAllString(rest, " ")
	for _, part := range reNameSep.Split(rest, -1) {
		// A count after the date is the comments' ("Jane Roe March 9,
		// 2017 13"), and so is a prompt to comment ("Jane Roe Schreibe
		// einen Kommentar").
		part = byline.CutNoise(part)
		ws := words(strings.TrimSpace(part))
		if nameWords(ws) && !p.isBoiler(i) && !boiler.Is(part) {
			p.meta.Authors = []string{strings.Join(ws, " ")}
			return
		}
	}
	// The names on a line of their own just above the dated line: "Ibtisam
	// Roe, Ruwaida Kamal Roe" over "November 8 2023, 3:18 p.m.".
	if j := i - 1; j >= 0 && p.roles[j] != roleTitle && p.roles[j] != roleMeta {
		if names := nameList(p.units[j].text); names != nil && !p.isBoiler(j) {
			p.meta.Authors = names
			p.roles[j] = roleMeta
		}
	}
}

// leadAlone reads a byline whose lead word stands on a line of its own by
// the headline, the names on the next line ("Von" / "Dieter Roe",
// "10.12.2022 18:27 von" / "Hinrich Roe", "by" / "delta"); it reports
// whether it found one.
func (p *parser) leadAlone() bool {
	from, to := p.nearHeadline()
	// The span goes on through a block of short lines it ends in: a
	// page's metadata block ("Datum:" / "03.11.2021" / "Autor:" / "Jane
	// Roe" / "Lesezeit:" / "5 min").
	for to > from && to < len(p.units) && p.units[to].nwords <= 4 && p.units[to-1].nwords <= 4 {
		to++
	}
	for i := from; i < to && i+1 < len(p.units); i++ {
		if p.roles[i] == roleTitle || p.units[i].nwords > 8 {
			continue
		}
		s := strings.TrimSpace(p.units[i].text)
		if _, rest, ok := textdate.Find(s); ok {
			s = textdate.TrimLabels(rest)
		}
		ws := words(strings.TrimRight(s, " :"))
		if len(ws) != 1 || !reLoneLead.MatchString(ws[0]) {
			continue
		}
		next := strings.TrimSpace(p.units[i+1].text)
		if b, ok := byline.ParseDated("By " + next); ok && p.roles[i+1] != roleTitle {
			p.meta.Authors = b.Authors
			p.roles[i], p.roles[i+1] = roleMeta, roleMeta
			return true
		}
	}
	return false
}

// reLoneLead is a byline's lead word alone.
var reLoneLead = lazyre.New(`^(?i:by|von|par|por|door|autor|autorin|auteur|auteur\(s\)|author|authors)$`)

// nameList reads a line that is only names: one to four of two or three
// capitalised words each, separated by commas or "and" ("Jane Roe",
// "Ibtisam Roe, Ruwaida Kamal Roe", "Anna Roe und Jan Poe"); nil when
// it is anything else.
func nameList(s string) []string {
	if runeLen(s) > 100 || boiler.Is(s) {
		return nil
	}
	var out []string
	for _, part := range reNameList.Split(strings.TrimSpace(s), -1) {
		ws := words(part)
		if !nameWords(ws) {
			return nil
		}
		out = append(out, strings.Join(ws, " "))
	}
	if len(out) == 0 || len(out) > 4 {
		return nil
	}
	return out
}

// reNameList separates the names of a list of names.
var reNameList = lazyre.New(`\s*(?:,|&|\s(?:and|und|et|y|e|en)\s)\s*`)

// nameWords reports one name: two or three words that read as a name
// (byline.NameLike) with no label in them (plainName).
func nameWords(ws []string) bool {
	return len(ws) >= 2 && len(ws) <= 3 && byline.NameLike(ws) && plainName(ws)
}

// plainName reports name words with no label in them ("Tags:",
// "Published:"), no word of a date line ("Uhr", "GMT") and no function
// word first ("Im Wortlaut", "IT Weekly").
func plainName(ws []string) bool {
	if stopWords[strings.ToLower(ws[0])] {
		return false
	}
	for _, w := range ws {
		lw := strings.ToLower(w)
		if strings.ContainsAny(w, ":@#") || textdate.IsLabelWord(lw) || lw == "gmt" || lw == "utc" || lw == "uhr" {
			return false
		}
	}
	return true
}

// The lines searched for a date by nearDate: from nearDateBefore above the
// headline to nearDateAfter below it.
const (
	nearDateBefore = 3
	nearDateAfter  = 6
)

// metaParas is how many paragraphs of the body may come before a byline
// or date line that is still read as the article's metadata.
const metaParas = 3

// headingBetween reports a short line the line model drops that reads as a
// section heading of the article: heading-shaped, with article paragraphs
// on both sides (the one before at most three lines up).
func (p *parser) headingBetween(i int, prose, prevProse bool) bool {
	if prose || headingScore(p.units[i], prevProse) < headingThreshold {
		return false
	}
	j := p.nextProse(i)
	if j < 0 || !p.article(j) {
		return false
	}
	for k := i - 1; k >= max(0, i-3); k-- {
		if isProse(p.units[k].text) {
			return p.article(k)
		}
	}
	return false
}

// relatedItem reports a line that can be the headline of another article
// in a related list.
func relatedItem(s string) bool {
	if runeLen(s) > 200 || len(words(s)) > 30 {
		return false
	}
	return sentence.LastPunct(s) != '.' || len(words(s)) <= 3
}

// readTail reads what follows the last paragraph: metadata lines are kept
// as metadata, figures stay, the rest is footer.
func (p *parser) readTail(from int) {
	for i := from; i < len(p.units); i++ {
		if !p.free(i) {
			continue
		}
		if m := p.metas[i]; m != nil && !(m.bare && i-from >= bareReach && !p.ownAddress(m.source)) {
			p.applyMeta(*m, false)
			p.roles[i] = roleMeta
			continue
		}
		if i == from && reStoryCredit.MatchString(p.units[i].text) {
			// "Reporting by …; Editing by …" closes the story itself.
			p.roles[i] = roleParagraph
			continue
		}
		p.boiler(i, "footer after the last paragraph")
	}
}

// bareReach is how far after the last paragraph, in units, a line that
// is nothing but an address still names the article's source: further
// down it is a link in the comments or the footer ("Die Artikel finden
// Sie unter den folgenden Links: https://…" in a reply).
const bareReach = 3

// ownAddress reports an address whose path says most of the headline's
// words ("…/tite-diz-que-errou-ao-levar-taca-…" under "Tite diz que errou
// ao levar taça …"): the article's own, wherever the page prints it.
func (p *parser) ownAddress(u string) bool {
	head := lexWords(p.meta.Title)
	if len(head) < 3 {
		return false
	}
	path := u
	if i := strings.Index(u, "://"); i >= 0 {
		path = u[i+3:]
	}
	if i := strings.IndexAny(path, "?#"); i >= 0 {
		path = path[:i]
	}
	i := strings.IndexByte(path, '/')
	if i < 0 {
		return false
	}
	in := map[string]bool{}
	for _, w := range lexWords(path[i:]) {
		in[w] = true
	}
	n := 0
	for _, w := range head {
		if in[w] {
			n++
		}
	}
	return 2*n >= len(head)
}

// reStoryCredit is a wire story's closing credit line.
var reStoryCredit = lazyre.New(`(?i)^(?:additional )?(?:reporting|writing|editing|compiled|translated|translation|research) by\s+\S`)

// blocks emits the body in input order.
func (p *parser) blocks() []doc.Block {
	var out []doc.Block
	for i, u := range p.units {
		pos := p.pos(u.line)
		switch p.roles[i] {
		case roleFigure:
			out = append(out, p.figures[i])
		case roleHeading:
			out = append(out, &doc.Heading{Level: 2, Content: []doc.Inline{&doc.Text{Value: u.text, Pos: pos}}, Pos: pos})
		case roleParagraph:
			out = append(out, &doc.Paragraph{Content: inlines(u.text, pos), Pos: pos})
		}
	}
	return out
}

// langSample is the text the language is identified from.
func (p *parser) langSample(d *doc.Document) string {
	var b strings.Builder
	b.WriteString(p.meta.Title)
	b.WriteString("\n")
	b.WriteString(p.meta.Subtitle)
	for _, bl := range d.Blocks {
		switch bl := bl.(type) {
		case *doc.Paragraph:
			b.WriteString("\n")
			b.WriteString(doc.PlainText(bl.Content))
		case *doc.Heading:
			b.WriteString("\n")
			b.WriteString(doc.PlainText(bl.Content))
		}
	}
	return b.String()
}
