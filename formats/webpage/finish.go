package webpage

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"folio/pipeline/doc"
)

// leadBlocks is how far into the body finish looks for what repeats the
// page's metadata.
const leadBlocks = 4

// finish makes the body say each thing once: a heading or paragraph that
// repeats the headline leaves the body, and so do a "By …" line (into the
// authors) and a standfirst (into the subtitle).
func finish(d *doc.Document, pm *pageMeta, c *converter) {
	m := &d.Meta
	if c.mode != modeKeep {
		d.Blocks = dropAdLabels(d.Blocks)
	}
	if m.Title != "" {
		for i := 0; i < len(d.Blocks) && i < leadBlocks; i++ {
			if sameText(blockText(d.Blocks[i]), m.Title) {
				d.Blocks = append(d.Blocks[:i:i], d.Blocks[i+1:]...)
				break
			}
		}
	}
	liftByline(d)
	liftStandfirst(d, pm.description, c)
}

// maxStandfirst is the longest first paragraph (in characters) taken for
// a standfirst on the strength of its class alone.
const maxStandfirst = 600

// liftStandfirst makes the subtitle: a first paragraph that is the page's
// description, or is marked as the standfirst, leaves the body for it;
// otherwise the description is the subtitle, unless it only repeats the
// start of the first paragraph (sites often describe a story by its lede).
func liftStandfirst(d *doc.Document, desc string, c *converter) {
	m := &d.Meta
	i, p := firstParagraph(d.Blocks)
	if p != nil {
		text := clean(doc.PlainText(p.Content))
		if (desc != "" && sameText(text, desc)) || (c.standfirst[p] && utf8.RuneCountInString(text) <= maxStandfirst) {
			m.Subtitle = text
			d.Blocks = append(d.Blocks[:i:i], d.Blocks[i+1:]...)
			return
		}
		if desc != "" && repeats(desc, text) {
			return
		}
	}
	m.Subtitle = desc
}

// liftByline removes a short "By …" paragraph at the top of the body: the
// byline is metadata, and the writers print it from there. When the page
// named no author, the names come from this line.
func liftByline(d *doc.Document) {
	for i := 0; i < len(d.Blocks) && i < leadBlocks; i++ {
		p, ok := d.Blocks[i].(*doc.Paragraph)
		if !ok {
			continue
		}
		text := clean(doc.PlainText(p.Content))
		if len([]rune(text)) > 120 || !byPrefix.MatchString(text) {
			continue
		}
		names := splitNames(text)
		if len(names) > 0 {
			if j := strings.IndexAny(names[len(names)-1], "|·•—"); j >= 0 {
				names[len(names)-1] = strings.TrimSpace(names[len(names)-1][:j])
			}
		}
		if len(d.Meta.Authors) == 0 {
			if !allNames(names) {
				continue
			}
			d.Meta.Authors = dedupe(names)
		} else if !namesAny(text, d.Meta.Authors) {
			continue
		}
		d.Blocks = append(d.Blocks[:i:i], d.Blocks[i+1:]...)
		return
	}
}

// allNames reports whether every item looks like a person's name: one to
// four words, no sentence punctuation, starting with a capital (or a letter
// of a script without case), so that "By the end of the year" is not one.
func allNames(names []string) bool {
	if len(names) == 0 {
		return false
	}
	for _, n := range names {
		words := strings.Fields(n)
		if len(words) == 0 || len(words) > 4 || strings.ContainsAny(n, ".!?:;") {
			return false
		}
		r, _ := utf8.DecodeRuneInString(n)
		if unicode.IsLower(r) || !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

func namesAny(text string, names []string) bool {
	lower := strings.ToLower(text)
	for _, n := range names {
		if strings.Contains(lower, strings.ToLower(n)) {
			return true
		}
	}
	return false
}

// adLabel is the whole text of an advertising slot left in the article.
var adLabel = regexp.MustCompile(`(?i)^\W*(advertisement|advert|ad|ads|sponsored|sponsored content|promoted|реклама|إعلان|اعلان|publicité|anzeige|werbung|publicidad)\W*$`)

// dropAdLabels removes paragraphs that only say "Advertisement".
func dropAdLabels(bs []doc.Block) []doc.Block {
	out := bs[:0]
	for _, b := range bs {
		if p, ok := b.(*doc.Paragraph); ok && adLabel.MatchString(doc.PlainText(p.Content)) {
			continue
		}
		out = append(out, b)
	}
	return out
}

// firstParagraph is the first paragraph among the lead blocks.
func firstParagraph(bs []doc.Block) (int, *doc.Paragraph) {
	for i := 0; i < len(bs) && i < leadBlocks; i++ {
		if p, ok := bs[i].(*doc.Paragraph); ok {
			return i, p
		}
	}
	return -1, nil
}

// repeats reports whether a description is the paragraph, or its start
// cut short (often with an ellipsis), or the paragraph the description's
// start.
func repeats(desc, para string) bool {
	d := strings.ToLower(clean(desc))
	p := strings.ToLower(clean(para))
	d = strings.TrimRight(strings.TrimSuffix(strings.TrimSuffix(d, "…"), "..."), " ")
	if d == "" || p == "" {
		return false
	}
	return strings.HasPrefix(p, d) || (len(p) > 40 && strings.HasPrefix(d, p))
}

func blockText(b doc.Block) string {
	switch b := b.(type) {
	case *doc.Heading:
		return doc.PlainText(b.Content)
	case *doc.Paragraph:
		return doc.PlainText(b.Content)
	}
	return ""
}
