package article

import (
	"slices"
	"strings"

	"folio/formats/internal/boiler"
	"folio/formats/internal/byline"
	"folio/formats/internal/lazyre"
	"folio/formats/internal/sentence"
	"folio/formats/internal/textdate"
)

// metaLine is what one metadata line says.
type metaLine struct {
	authors   []string
	publisher string
	source    string
	// bare reports a line that is nothing but an address (the source
	// only where it stands by the article).
	bare    bool
	date    string
	updated string
	tags    []string
	crumbs  []string
}

// reMetaSep separates the parts of a combined line: "By Jane Doe | March 5,
// 2024 | 4 min read".
var reMetaSep = lazyre.New(`\s+(?:[|·•]|—|–)\s+`)

// reDateBy splits "Posted on 12 February 2024 by Jane Doe".
var reDateBy = lazyre.New(`^(.+?\d)\s+((?i:by)\s+.+)$`)

// parseMeta reads a breadcrumb, byline, date, source or tags line, or a
// line made of several of them.
func parseMeta(s string) (metaLine, bool) {
	if items, ok := breadcrumb(s); ok {
		return metaLine{crumbs: items}, true
	}
	if m, ok := metaPart(s); ok {
		return m, true
	}
	if m := reDateBy.FindStringSubmatch(s); m != nil {
		d, okd := metaPart(m[1])
		b, okb := byline.Parse(m[2])
		if okd && okb && (d.date != "" || d.updated != "") {
			d.authors, d.publisher = b.Authors, b.Publisher
			return d, true
		}
	}
	if m, ok := bylineWithDate(s); ok {
		return m, true
	}
	parts := reMetaSep.Split(s, -1)
	if len(parts) < 2 {
		return metaLine{}, false
	}
	var m metaLine
	found, loose := false, false
	for _, part := range parts {
		pm, ok := metaPart(part)
		if !ok {
			if boiler.Is(part) {
				continue
			}
			if len(words(part)) <= 3 && !sentence.Ends(part) {
				// "Comments closed", an e-mail address: passed over on
				// a line that has a byline.
				loose = true
				continue
			}
			return metaLine{}, false
		}
		found = true
		m.merge(pm)
	}
	if loose && len(m.authors) == 0 {
		return metaLine{}, false
	}
	return m, found
}

func metaPart(s string) (metaLine, bool) {
	s = strings.TrimSpace(s)
	// "von Gesponserte Inhalte": a forum's advertisement, not a post's
	// author.
	if b, ok := byline.Parse(s); ok && !slices.ContainsFunc(b.Authors, boiler.Is) {
		return metaLine{authors: b.Authors, publisher: b.Publisher}, true
	}
	if iso, upd, ok := dateLine(s); ok {
		if upd {
			return metaLine{updated: iso}, true
		}
		return metaLine{date: iso}, true
	}
	if tags, ok := tagsLabel(s); ok {
		return metaLine{tags: tags}, true
	}
	if v, ok := sourceLabel(s); ok {
		if reURL.MatchString(v) {
			return metaLine{source: trimURL(reURL.FindString(v))}, true
		}
		return metaLine{publisher: v}, true
	}
	if u := reURL.FindString(s); u != "" && u == s {
		return metaLine{source: trimURL(u), bare: true}, true
	}
	return metaLine{}, false
}

func (m *metaLine) merge(o metaLine) {
	m.authors = append(m.authors, o.authors...)
	m.tags = append(m.tags, o.tags...)
	m.crumbs = append(m.crumbs, o.crumbs...)
	for _, f := range []struct {
		dst *string
		v   string
	}{
		{&m.publisher, o.publisher}, {&m.source, o.source}, {&m.date, o.date}, {&m.updated, o.updated},
	} {
		if *f.dst == "" {
			*f.dst = f.v
		}
	}
}

// applyMeta records a metadata line. The first value of each field wins;
// a breadcrumb's section counts only before the body.
func (p *parser) applyMeta(m metaLine, head bool) {
	md := &p.meta
	if len(m.crumbs) > 0 {
		items := m.crumbs
		if sec, ok := section(items); ok && head && md.Section == "" {
			md.Section = sec
			items = items[1:]
		}
		md.Tags = addUnique(md.Tags, items...)
	}
	md.Tags = addUnique(md.Tags, m.tags...)
	if head || len(md.Authors) == 0 {
		md.Authors = addUnique(md.Authors, m.authors...)
	}
	for _, f := range []struct {
		dst *string
		v   string
	}{
		{&md.Publisher, m.publisher}, {&md.Source, m.source}, {&md.Date, m.date}, {&md.Updated, m.updated},
	} {
		if *f.dst == "" {
			*f.dst = f.v
		}
	}
}

// onlyDate reports a metadata line that says nothing but a date.
func (m *metaLine) onlyDate() bool {
	return (m.date != "" || m.updated != "") && len(m.authors) == 0 && len(m.tags) == 0 && len(m.crumbs) == 0 &&
		m.publisher == "" && m.source == ""
}

func addUnique(list []string, items ...string) []string {
	for _, it := range items {
		dup := false
		for _, have := range list {
			if strings.EqualFold(have, it) {
				dup = true
				break
			}
		}
		if !dup && it != "" {
			list = append(list, it)
		}
	}
	return list
}

// bylineWithDate reads a line that is a byline and a date in any order:
// "By Jane Doe, March 5, 2024 2:30 pm", "par Jean Roy, 21 juin 2018",
// "Geschrieben von Jan Roe am 25.08.2015 22:30".
func bylineWithDate(s string) (metaLine, bool) {
	if runeLen(s) > 160 {
		return metaLine{}, false
	}
	iso, rest, ok := textdate.Find(s)
	if !ok {
		return metaLine{}, false
	}
	if _, r2, ok := textdate.Find(rest); ok {
		// "Veröffentlicht am 10. Februar 2019 9. Februar 2019 von
		// Heiko": a second date (a change's) goes too.
		rest = r2
	}
	b, ok := byline.ParseDated(textdate.TrimLabels(byline.CutNoise(rest)))
	if !ok {
		return metaLine{}, false
	}
	return metaLine{authors: b.Authors, publisher: b.Publisher, date: iso}, true
}
