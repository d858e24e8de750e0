package article

import (
	"strings"
	"unicode"

	"folio/formats/internal/lazyre"
	"folio/formats/internal/sentence"
)

// reSiteSep finds the separator before a site name in a page title:
// "Headline | Site", "Headline – Site", "Headline :: Site".
var reSiteSep = lazyre.New(`\s+(?:\||–|—|-|::|·|•|«|»)\s+`)

// splitSite splits "Headline | Site Name" into the headline and the site.
// pipe reports a "|" separator, the one that is clear enough on its own.
func splitSite(s string) (head, site string, pipe bool, ok bool) {
	locs := reSiteSep.FindAllStringIndex(s, -1)
	if len(locs) == 0 {
		return "", "", false, false
	}
	loc := locs[len(locs)-1]
	head = strings.TrimSpace(s[:loc[0]])
	site = strings.TrimSpace(s[loc[1]:])
	sw := words(site)
	if len(sw) == 0 || len(sw) > 5 || runeLen(site) > 40 || sentence.Ends(site) || len(words(head)) < 2 {
		return "", "", false, false
	}
	return head, site, strings.Contains(s[loc[0]:loc[1]], "|"), true
}

// headlineShaped reports a line that could be a headline: a few words, not
// a sentence-ending period, not a label line.
func headlineShaped(s string) bool {
	n := wordCount(s)
	if n < 2 || n > 30 || runeLen(s) > 220 {
		return false
	}
	switch sentence.LastPunct(s) {
	case '.', ',', ';', ':', '。', '，', '；', '：':
		return false
	}
	return true
}

// bodyText reports running text that cannot be a headline, which ends the
// search for one.
func bodyText(s string) bool {
	return isProse(s) && (!headlineShaped(s) || len(words(s)) > 25)
}

// titleChoice is the outcome of headline detection.
type titleChoice struct {
	title     string
	publisher string
	// at lists the units that say the headline (page title, headline,
	// repeated alt text): they leave the body.
	at map[int]bool
}

// findTitle picks the headline (chooseTitle) and cuts a " | Site" suffix
// off it, kept as the publisher, when the page also says the headline
// without it or the separator is a pipe. Every saying of the headline
// leaves the body.
func (p *parser) findTitle() titleChoice {
	var c titleChoice
	keys := map[string]int{}
	for _, u := range p.units {
		keys[key(u.text)]++
	}
	i := -1
	if len(p.units) < minModelUnits {
		i = p.ruleTitle(p.bodyStart(p.keep), keys)
	} else {
		i = p.chooseTitle(p.mainStart(p.keep), &headlineModel)
	}
	if i < 0 {
		return c
	}
	c.title, c.publisher = p.titleAt(i, keys)
	c.at = map[int]bool{}
	tk := key(c.title)
	for i, u := range p.units {
		if key(u.text) == tk {
			c.at[i] = true
		} else if head, site, _, ok := splitSite(u.text); ok && key(head) == tk {
			c.at[i] = true
			if c.publisher == "" {
				c.publisher = site
			}
		}
	}
	return c
}

// titleAt is the headline said by unit i, with a " | Site" suffix cut off
// (and returned as the site) when the page also says the headline without
// it or the separator is a pipe. keys counts the page's lines by key.
func (p *parser) titleAt(i int, keys map[string]int) (title, site string) {
	title = p.units[i].text
	if head, s, pipe, ok := splitSite(title); ok && (pipe || keys[key(head)] > 0) {
		return head, s
	}
	return title, ""
}

// ruleTitle is the headline of a short text: the first headline-shaped
// line before the body that the text says again (directly or as "Headline
// | Site"), else the first headline-shaped line; -1 without one.
func (p *parser) ruleTitle(start int, keys map[string]int) int {
	first := -1
	for i := 0; i < start; i++ {
		t := p.units[i].text
		if !headlineShaped(t) || p.isBoiler(i) || p.isMetaLine(i) {
			continue
		}
		if first < 0 {
			first = i
		}
		if keys[key(t)] > 1 {
			return i
		}
		if head, _, _, ok := splitSite(t); ok && keys[key(head)] > 0 {
			return i
		}
	}
	return first
}

// headingScore scores a short line standing between paragraphs as a section
// heading: length, ending punctuation, numbering, capitalisation and blank
// lines around it count.
func headingScore(u *unit, prevProse bool) int {
	s := u.text
	ws := words(s)
	n := len(ws)
	if n == 0 || n > 16 || runeLen(s) > 120 || u.lines > 1 {
		return -10
	}
	score := 0
	switch sentence.LastPunct(s) {
	case '.', '…':
		if !reNumbered.MatchString(s) || strings.Count(s, ".") > 1 {
			score -= 3
		}
	case ',', ';':
		score -= 4
	case ':':
		score -= 2
	case '?', '؟':
		// "What next?" is a common heading: neither bonus nor penalty.
	case '!':
		score--
	default:
		score++
	}
	switch {
	case n <= 10:
		score += 2
	default:
		score++
	}
	if reNumbered.MatchString(s) {
		score += 2
	}
	if strings.ContainsAny(s, ";") {
		score -= 3
	}
	if allCaps(s) {
		score += 2
	} else if titleCase(ws) {
		score++
	}
	r := []rune(s)[0]
	if unicode.IsLower(r) {
		score -= 3
	}
	if u.gapBefore {
		score++
	}
	if prevProse {
		score++
	}
	return score
}

var reNumbered = lazyre.New(`^(?:\d{1,2}|[IVXLC]{1,5})[.)]\s+\S`)

func allCaps(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			letters++
		}
	}
	return letters >= 3
}

// titleCase reports whether most words longer than three letters are
// capitalised.
func titleCase(ws []string) bool {
	long, caps := 0, 0
	for _, w := range ws {
		rs := []rune(strings.TrimLeft(w, "\"'“‘«("))
		if len(rs) <= 3 {
			continue
		}
		long++
		if unicode.IsUpper(rs[0]) {
			caps++
		}
	}
	return long >= 2 && caps*10 >= long*7
}
