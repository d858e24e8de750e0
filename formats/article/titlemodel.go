package article

import (
	"math"
	"strings"
	"unicode"

	"folio/formats/internal/crumbs"
	"folio/formats/internal/lazyre"
	"folio/formats/internal/sentence"
	"folio/formats/internal/textdate"
	"folio/internal/quality"
)

// The headline is chosen among the lines above the article body by a
// linear score trained on real pages (train_test.go, weights in
// linemodel_weights.go) as a choice among a page's candidates (a softmax
// over them): its shape (words, length, ending, capitals, byline and date
// shapes, caption shapes), how often the page says it (page title,
// headline, photo alt text, "Headline | Site"; exactly or most of its
// words), how near it stands above the body and how many headline-shaped
// lines lie between, whether a byline, date or breadcrumb stands next to it,
// how many of its words the lead and the body use, and the line model's
// view of it.

// titleCandidates are the units that may be the headline: those before the
// first unit of the body, at most maxTitleCandidates of them nearest to it,
// and the first unit of the text.
func (p *parser) titleCandidates(start int) []int {
	var out []int
	from := max(0, start-maxTitleCandidates)
	if from > 0 {
		out = append(out, 0)
	}
	for i := from; i < start; i++ {
		if !headlineShaped(p.units[i].text) && len(words(p.units[i].text)) > 40 || p.captionOfCredit(i) || isCredit(p.units[i].text) || !p.isMetaLine(i) && neverHeadline(p.units[i].text) {
			continue
		}
		out = append(out, i)
	}
	return out
}

const maxTitleCandidates = 60

// reNeverHeadline is a rating that opens its line ("4,0 bei 4
// Bewertungen", "205669 Bewertungen zu …") and a forum's quote header, a
// line of its own ("Zitat von Anna", "--- Zitat ---", "Quote from Anna").
var reNeverHeadline = lazyre.New(`(?i)^\d[\d.,]*\s*(?:bei\s+\d+\s+)?(?:bewertungen|ratings|reviews|rezensionen|avis|valoraciones)\b|\bbewertungen\s*\(\d+\)|^(?:zitat|quote)\s+(?:von|from)\s+\S+(?:\s+\S+)?\s*:?$|^-+\s*(?:zitat|quote)\s*-+$`)

// reBulleted is a line led by a list item's bullet ("* ", "+ ", "• "):
// none of the 1,000 expected titles of the two development sets is one,
// while a copied page's change log or list is full of them.
var reBulleted = lazyre.New(`^[*+•·\-–—]\s`)

// reTrail is a breadcrumb trail of three items or more between spaced
// arrows ("Startseite > News > Topthemen > Headline", "A la Carte › News
// › Reisen › …", "Accueil » Sport » …" where no « opens a French
// quotation; an itinerary's → is a headline's): none of the 1,117
// expected titles of the two sets is one, while a trail that ends in the
// headline was picked over the headline on the line after it.
var reTrail = lazyre.New(`[\s\p{Zs}][>›]\s.*[\s\p{Zs}][>›]\s|^[^«]*[\s\p{Zs}]»\s[^«]*[\s\p{Zs}]»\s[^«]*$`)

// reRootTrail is a trail of two that starts at the front page ("Home >
// Pressemitteilung: …", "Durchsuchen: Home » Unbefriedigt", "Sie sind
// hier: Startseite » …"), the first item in its group.
var reRootTrail = lazyre.New(`^(?i:(?:sie sind hier|you are here|vous êtes ici|durchsuchen|browse|estás en)\s*:\s*)?([^>›»]+?)[\s\p{Zs}]+[>›»]\s`)

// reNavArrow is a line led or ended by an arrow or a single guillemet
// pointing out of the page ("← 2 Jahre CryptoParty Graz", "Das F-Wort –
// Teil 2 →", "‹ Zurück", "Next ›"), or a previous post's title after "« "
// with no closing mark (a French headline in « » stays).
var reNavArrow = lazyre.New(`^[←→‹]|[←→›]$|^«[^»]*$`)

// neverHeadline reports a line no page's headline looks like (none of the
// 1,000 headlines of the two development sets does): a row of a table
// copied with its tabs ("13\tPiotr Roe\t3\t3"), a link to the previous or
// next post ("← 2 Jahre CryptoParty Graz"), a line of several words with
// more digits than letters ("2:1 (1:0)"), one with neither ("..."), a
// list item led by its bullet (reBulleted), a breadcrumb trail (reTrail,
// reRootTrail) and a link out of the page by its arrow (reNavArrow).
// A date line stays a candidate: the ranks among the candidates read where
// the first one stands (bestTitle passes it over).
func neverHeadline(s string) bool {
	if strings.ContainsRune(s, '\t') {
		return true
	}
	t := strings.TrimSpace(s)
	if reNeverHeadline.MatchString(t) || reBulleted.MatchString(t) || reTrail.MatchString(t) || reNavArrow.MatchString(t) {
		return true
	}
	if m := reRootTrail.FindStringSubmatch(t); m != nil && crumbs.IsRoot(m[1]) {
		return true
	}
	if reBylineStart.MatchString(t) {
		if _, _, ok := textdate.Find(t); ok {
			return true
		}
	}
	letters, digits := 0, 0
	for _, r := range t {
		switch {
		case unicode.IsLetter(r):
			letters++
		case unicode.IsDigit(r):
			digits++
		}
	}
	// One token may be a headline of figures ("1984", "5G"); a line of
	// several with more digits than letters is a score or a table row.
	return letters == 0 && digits == 0 || digits > letters && len(strings.Fields(t)) > 1
}

// isCredit reports a photo's credit line ("Foto: Anita Roe") or a caption
// that ends in its credit ("Whale expert Hori Roe. Photograph: Adrian
// Roe", "… following his party's victory. (Thomas Roe/AFP/Getty
// Images)", "… el 11 de febrero pasado. EFE"): never the headline.
func isCredit(s string) bool {
	if _, _, ok := creditLabel(s); ok {
		return true
	}
	if _, _, ok := inlineCredit(s); ok {
		return true
	}
	return reAgencyCredit.MatchString(strings.TrimSpace(s))
}

// reAgencyCredit is a line that ends in a picture agency's name: in
// parentheses, after a slash or the caption's last full stop, or as
// Getty's own "… via Getty Images". None of the 1,117 expected titles
// does; 77 lines of the two sets' copied texts do, every one a caption
// or a credit.
var reAgencyCredit = lazyre.New(`(?:\((?:[^()]*[/,]\s*)?(?:AFP|AP|Reuters|Getty Images|EPA|dpa|EFE|Keystone|picture alliance|Shutterstock|iStock|AP Photo)(?:\s*/[^()]*)?\)|\.\s+(?:AFP|AP|Reuters|EPA|dpa|EFE|Keystone)|Getty Images)$`)

// bodyStart is the first unit of running article text.
func (p *parser) bodyStart(keep []bool) int {
	for i, u := range p.units {
		if keep[i] && bodyText(u.text) && !p.isMetaLine(i) && !p.isBoiler(i) {
			return i
		}
	}
	return len(p.units)
}

// mainStart is the first unit of running text in the first stretch the
// line model keeps that weighs at least startShare of the heaviest: a
// cookie notice or a teaser kept before the article does not end the
// search for the headline.
func (p *parser) mainStart(keep []bool) int {
	best, bestAt := 0.0, -1
	cur, curAt := 0.0, -1
	type run struct {
		at int
		w  float64
	}
	var runs []run
	for i, u := range p.units {
		if !keep[i] {
			if curAt >= 0 {
				runs = append(runs, run{curAt, cur})
			}
			cur, curAt = 0, -1
			continue
		}
		if bodyText(u.text) && !p.isMetaLine(i) && !p.isBoiler(i) {
			if curAt < 0 {
				curAt = i
			}
			cur += lineWeight(u)
			if cur > best {
				best, bestAt = cur, curAt
			}
		}
	}
	if curAt >= 0 {
		runs = append(runs, run{curAt, cur})
	}
	if bestAt < 0 {
		return p.bodyStart(keep)
	}
	for _, r := range runs {
		if r.w >= startShare*best {
			return r.at
		}
	}
	return bestAt
}

// startShare is the least weight, as a share of the heaviest stretch's, of
// a kept stretch that starts the article: the first one that weighs as
// much. A story cut by an inline teaser or a photo block is more than one
// stretch, and its headline stands above the first. Measured as 0.1, 0.15,
// 0.25, 0.5 and 1 (the heaviest alone): the headline right on 286, 291,
// 288, 281 and 274 of the 415 held-out pages where it is a line.
var startShare = 0.15

// titleContext is what the title features need about the whole page.
type titleContext struct {
	start   int
	repeats map[string]int
	body    map[string]bool
	lead    map[string]bool
	// shaped[j] counts the headline-shaped lines of four words or more
	// before unit j.
	shaped []int
	// others are the token sets of the page's headline-shaped lines, by
	// unit, for near repeats.
	others map[int]map[string]bool
}

func (p *parser) newTitleContext(start int, keep []bool) *titleContext {
	c := &titleContext{start: start, repeats: map[string]int{}, body: map[string]bool{},
		lead: map[string]bool{}, shaped: make([]int, start+1), others: map[int]map[string]bool{}}
	for i, u := range p.units {
		c.repeats[key(u.text)]++
		if u.nwords >= 2 && u.nwords <= 30 && headlineShaped(u.text) {
			set := map[string]bool{}
			for _, t := range quality.Tokens(u.text) {
				set[t] = true
			}
			c.others[i] = set
		}
	}
	for j := 0; j < start; j++ {
		c.shaped[j+1] = c.shaped[j]
		if p.units[j].nwords >= 4 && headlineShaped(p.units[j].text) && !p.isBoiler(j) && !p.isMetaLine(j) {
			c.shaped[j+1]++
		}
	}
	n := 0
	for i := start; i < len(p.units) && n < 2000; i++ {
		if keep[i] {
			for _, t := range quality.Tokens(p.units[i].text) {
				c.body[t] = true
				if n < leadTokens {
					c.lead[t] = true
				}
				n++
			}
		}
	}
	return c
}

// leadTokens is how much of the body counts as its lead.
const leadTokens = 150

var (
	reBylineStart = lazyre.New(`(?i)^(?:by|von|par|por|di|door|av|от|autor|author|posted|published|veröffentlicht|geschrieben|publié|publicado|pubblicato|written|ein artikel von|text:|texto:)\b`)
	reYear        = lazyre.New(`\b(?:19|20)\d\d\b`)
	reCaptionish  = lazyre.New(`(?i)\b(?:photo|foto|getty|images|reuters|afp|ap photo|credit|source|bild|caption|dpa|imago|shutterstock|istock)\b|\)$`)
)

// nearRepeat is the largest share of unit i's words that another
// headline-shaped line of the page, not the same line, also says.
func (c *titleContext) nearRepeat(i int, toks []string, k string, p *parser) float64 {
	if len(toks) == 0 {
		return 0
	}
	best := 0.0
	for j, set := range c.others {
		if j == i || key(p.units[j].text) == k {
			continue
		}
		in := 0
		for _, t := range toks {
			if set[t] {
				in++
			}
		}
		// Dice over the two lines, so that a long line holding a short
		// one's words does not count fully.
		if d := 2 * float64(in) / float64(len(toks)+len(set)); d > best {
			best = d
		}
	}
	return best
}

// titleFeatures scores unit i as the headline.
func (p *parser) titleFeatures(i int, c *titleContext) []float64 {
	s := p.units[i].text
	ws := words(s)
	b := func(v bool) float64 {
		if v {
			return 1
		}
		return 0
	}
	k := key(s)
	rep := c.repeats[k]
	head, _, pipe, split := splitSite(s)
	if split && c.repeats[key(head)] > 0 {
		rep += c.repeats[key(head)]
	}
	toks := quality.Tokens(s)
	inBody, inLead := 0, 0
	for _, t := range toks {
		if c.body[t] {
			inBody++
		}
		if c.lead[t] {
			inLead++
		}
	}
	metaBefore, metaAfter := false, false
	for j := max(0, i-2); j <= min(len(p.units)-1, i+3); j++ {
		if j != i && p.isMetaLine(j) {
			if j < i {
				metaBefore = true
			} else {
				metaAfter = true
			}
		}
	}
	lower := 0
	for _, w := range ws {
		if r, _ := firstRune(w); unicode.IsLower(r) {
			lower++
		}
	}
	first, _ := firstRune(s)
	shapedBetween := c.shaped[c.start] - c.shaped[i+1]
	content := 0
	for _, t := range toks {
		if len([]rune(t)) >= 4 && c.lead[t] {
			content++
		}
	}
	shapedAt := func(j int) bool {
		return j >= 0 && j < len(p.units) && p.units[j].nwords >= 4 && headlineShaped(p.units[j].text) &&
			!p.isMetaLine(j) && !p.isBoiler(j)
	}
	longer := func(j int) bool {
		return j >= 0 && j < len(p.units) && p.units[j].nwords > p.units[i].nwords
	}
	d := c.start - i
	nt := float64(max(1, len(toks)))
	return []float64{
		b(headlineShaped(s)),
		math.Log1p(float64(len(ws))),
		b(len(ws) >= 4 && len(ws) <= 20),
		b(len(ws) <= 2),
		b(sentence.Ends(s)),
		b(sentence.LastPunct(s) == ':'),
		b(rep > 1),
		b(split),
		b(split && pipe),
		math.Log1p(float64(d)),
		b(d <= 3),
		math.Log1p(float64(shapedBetween)),
		b(i == 0),
		b(metaBefore),
		b(metaAfter),
		b(p.isMetaLine(i)),
		math.Max(-2, math.Min(2, float64(p.scores[i])/4)),
		float64(inBody) / nt,
		float64(inLead) / nt,
		b(titleCase(ws)),
		b(allCaps(s)),
		p.content[i],
		b(strings.ContainsAny(s, "<>{}=")),
		b(urlish(s)),
		b(reBylineStart.MatchString(s)),
		b(reYear.MatchString(s)),
		b(unicode.IsLower(first)),
		float64(lower) / float64(max(1, len(ws))),
		c.nearRepeat(i, toks, k, p),
		b(reCaptionish.MatchString(s)),
		b(strings.ContainsAny(s, "»›>") || strings.Contains(s, " / ")),
		b(len(ws) > 20),
		float64(content) / nt,
		b(shapedAt(i - 1)),
		b(shapedAt(i + 1)),
		b(longer(i - 1)),
		b(longer(i + 1)),
		b(d <= 3 && headlineShaped(s)),
		b(sentence.Ends(s) && len(ws) > 12),
		b(i+1 < len(p.units) && isProse(p.units[i+1].text)),
	}
}

// smallNet scores a feature vector: a linear part plus a small layer of
// tanh units over the standardised features, so that a signal can count
// differently with the line's shape (a line near the body is the headline
// when it looks like one, a caption when it does not).
type smallNet struct {
	mean, sd []float64 // standardisation of the features
	w1       []float64 // hidden × features, row by row
	b1, w2   []float64 // hidden biases and output weights
	v        []float64 // linear weights on the standardised features
	bias     float64
}

// score is the net's output for the features f: for the headline, the
// choice is the candidate with the highest score; for the line model, it
// is the log-odds of article text.
func (m *smallNet) score(f []float64) float64 {
	d := len(m.mean)
	z := make([]float64, d)
	out := m.bias
	for k := range z {
		z[k] = (f[k] - m.mean[k]) / m.sd[k]
		out += m.v[k] * z[k]
	}
	for h := range m.b1 {
		a := m.b1[h]
		for k, x := range z {
			a += m.w1[h*d+k] * x
		}
		out += m.w2[h] * math.Tanh(a)
	}
	return out
}

// titleFeatureSet returns the headline candidates above start with their
// features: each one's own (titleFeatures) and how it ranks among the
// others (the nearest repeated headline-shaped line to the body, the
// nearest above the first byline or date, the one the page says again in
// most words, the one whose words the lead uses most).
func (p *parser) titleFeatureSet(start int) ([]int, [][]float64) {
	c := p.newTitleContext(start, p.keep)
	cands := p.titleCandidates(start)
	x := make([][]float64, len(cands))
	for k, i := range cands {
		x[k] = p.titleFeatures(i, c)
	}
	firstMeta := -1
	for k, i := range cands {
		if p.isMetaLine(i) && start-i <= 15 {
			firstMeta = k
			break
		}
	}
	nearRep, aboveMeta, maxNear, maxLead := -1, -1, -1, -1
	for k, i := range cands {
		f := x[k]
		good := f[tfShaped] == 1 && f[tfEndsSentence] == 0 && p.units[i].nwords >= 3 && !p.isMetaLine(i) && !p.isBoiler(i)
		if !good {
			continue
		}
		if f[tfRepeat] == 1 {
			nearRep = k
		}
		if firstMeta < 0 || k < firstMeta {
			aboveMeta = k
		}
		if maxNear < 0 || f[tfNearRepeat] > x[maxNear][tfNearRepeat] {
			maxNear = k
		}
		if maxLead < 0 || f[tfLead] > x[maxLead][tfLead] {
			maxLead = k
		}
	}
	for k := range x {
		b := func(v bool) float64 {
			if v {
				return 1
			}
			return 0
		}
		x[k] = append(x[k], b(k == nearRep), b(k == aboveMeta && firstMeta >= 0), b(k == aboveMeta && firstMeta < 0),
			b(k == maxNear && x[k][tfNearRepeat] > 0.5), b(k == maxLead))
	}
	return cands, x
}

// Indices of titleFeatures used by the ranks.
const (
	tfShaped       = 0
	tfEndsSentence = 4
	tfRepeat       = 6
	tfLead         = 32
	tfNearRepeat   = 28
)

// chooseTitle returns the unit scored most likely to be the headline, or -1.
func (p *parser) chooseTitle(start int, m *smallNet) int {
	cands, x := p.titleFeatureSet(start)
	return p.bestTitle(cands, x, m)
}

// onlyDate reports a line that says a date and nothing more than its
// labels, weekday and time ("Dienstag, 1. Februar 2022", "Posted on March
// 3, 2024 at 10:32").
func onlyDate(s string) bool {
	_, rest, ok := textdate.Find(s)
	return ok && !strings.ContainsFunc(textdate.TrimLabels(rest), unicode.IsLetter)
}

// bestTitle returns the candidate m scores highest, or -1. A date line is
// a candidate, so that the ranks know where it stands, but never the
// headline when it is no more than that (onlyDate, neverHeadline).
func (p *parser) bestTitle(cands []int, x [][]float64, m *smallNet) int {
	best, at := math.Inf(-1), -1
	for k, i := range cands {
		if neverHeadline(p.units[i].text) || onlyDate(p.units[i].text) {
			continue
		}
		if s := m.score(x[k]); s > best {
			best, at = s, i
		}
	}
	if best < titleMinScore {
		return -1
	}
	return at
}

// titleMinScore is the score below which no line is taken as the headline.
const titleMinScore = -1e9

// captionOfCredit reports a line directly above a photo credit: a caption,
// not the headline.
func (p *parser) captionOfCredit(i int) bool {
	if i+1 >= len(p.units) || p.units[i+1].gapBefore {
		return false
	}
	_, isSource, ok := creditLabel(p.units[i+1].text)
	return ok && !isSource
}
