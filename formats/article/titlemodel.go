package article

import (
	"math"
	"strings"

	"folio/internal/quality"
)

// The headline is chosen among the lines above the article body by a
// logistic score trained on real pages (train_test.go, weights in
// linemodel_weights.go): its shape (words, length, ending, capitals), how
// often the page says it (page title, headline, photo alt text, "Headline |
// Site"), how near it stands above the body, whether a byline, date or
// breadcrumb stands next to it, how many of its words the body uses, and the
// line model's view of it.

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
		if !headlineShaped(p.units[i].text) && len(words(p.units[i].text)) > 40 || p.captionOfCredit(i) {
			continue
		}
		out = append(out, i)
	}
	return out
}

const maxTitleCandidates = 60

// bodyStart is the first unit of running article text.
func (p *parser) bodyStart(keep []bool) int {
	for i, u := range p.units {
		if keep[i] && bodyText(u.text) && !p.isMetaLine(i) && !p.isBoiler(i) {
			return i
		}
	}
	return len(p.units)
}

// titleContext is what the title features need about the whole page.
type titleContext struct {
	start   int
	repeats map[string]int
	body    map[string]bool
	// shaped[j] counts the headline-shaped lines of four words or more
	// before unit j.
	shaped []int
}

func (p *parser) newTitleContext(start int, keep []bool) *titleContext {
	c := &titleContext{start: start, repeats: map[string]int{}, body: map[string]bool{},
		shaped: make([]int, start+1)}
	for _, u := range p.units {
		c.repeats[key(u.text)]++
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
				n++
			}
		}
	}
	return c
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
	rep := c.repeats[key(s)]
	head, _, pipe, split := splitSite(s)
	if split && c.repeats[key(head)] > 0 {
		rep += c.repeats[key(head)]
	}
	toks := quality.Tokens(s)
	inBody := 0
	for _, t := range toks {
		if c.body[t] {
			inBody++
		}
	}
	metaNear := false
	for j := max(0, i-2); j <= min(len(p.units)-1, i+3); j++ {
		if j != i && p.isMetaLine(j) {
			metaNear = true
		}
	}
	shapedBetween := c.shaped[c.start] - c.shaped[i+1]
	d := c.start - i
	return []float64{
		b(headlineShaped(s)),
		math.Log1p(float64(len(ws))),
		b(len(ws) >= 4 && len(ws) <= 20),
		b(len(ws) <= 2),
		b(endsSentence(s)),
		b(endPunct(s) == ':'),
		b(rep > 1),
		b(split),
		b(split && pipe),
		math.Log1p(float64(d)),
		b(d <= 3),
		math.Log1p(float64(shapedBetween)),
		b(i == 0),
		b(metaNear),
		b(p.isMetaLine(i)),
		math.Max(-2, math.Min(2, float64(p.scores[i])/4)),
		float64(inBody) / float64(max(1, len(toks))),
		b(titleCase(ws)),
		b(allCaps(s)),
		p.content[i],
		b(strings.ContainsAny(s, "<>{}=")),
		b(urlish(s)),
	}
}

// chooseTitle returns the unit scored most likely to be the headline, or -1.
func (p *parser) chooseTitle(start int) int {
	c := p.newTitleContext(start, p.keep)
	best, at := math.Inf(-1), -1
	for _, i := range p.titleCandidates(start) {
		if s := logistic(titleWeights[:], p.titleFeatures(i, c)); s > best {
			best, at = s, i
		}
	}
	if best < titleMinScore {
		return -1
	}
	return at
}

// titleMinScore is the score below which no line is taken as the headline.
const titleMinScore = 0.05

// captionOfCredit reports a line directly above a photo credit: a caption,
// not the headline.
func (p *parser) captionOfCredit(i int) bool {
	if i+1 >= len(p.units) || p.units[i+1].gapBefore {
		return false
	}
	_, isSource, ok := creditLabel(p.units[i+1].text)
	return ok && !isSource
}
