package webpage

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"folio/formats/internal/boiler"
	"folio/formats/internal/lazyre"
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
		d.Blocks = dropFurnitureLines(d.Blocks)
		d.Blocks = dropPromoLines(d.Blocks)
		dropKickers(d)
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
// A standfirst that only says the headline again (saysTitle: sites often
// describe a story by its headline) is no subtitle, and leaves the body
// all the same.
func liftStandfirst(d *doc.Document, desc string, c *converter) {
	m := &d.Meta
	i, p := firstParagraph(d.Blocks)
	if p != nil {
		text := clean(doc.PlainText(p.Content))
		if (desc != "" && sameText(text, desc)) || (c.standfirst[p] && utf8.RuneCountInString(text) <= maxStandfirst) {
			if !saysTitle(text, m.Title) {
				m.Subtitle = text
			}
			d.Blocks = append(d.Blocks[:i:i], d.Blocks[i+1:]...)
			return
		}
	}
	if saysTitle(desc, m.Title) {
		return
	}
	// A description that repeats the start of a paragraph of the lead is
	// the lede again, not a standfirst; the first paragraph may be a
	// metadata box ("Ort Saarbrücken Datum 28.01.2022") that leaves later.
	for j := 0; desc != "" && j < len(d.Blocks) && j < leadBlocks; j++ {
		if q, ok := d.Blocks[j].(*doc.Paragraph); ok && repeats(desc, clean(doc.PlainText(q.Content))) {
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

// promoLine is a paragraph that points to another story: "Read more:
// <link>".
var promoLine = lazyre.New(`(?i)^\W*(read more|read also|also read|more on this( story)?|related|see also|recommended|watch|listen|читайте также|по теме|اقرأ أيضا|اقرأ أيضاً|اقرأ المزيد)\s*[:：]`)

// dropPromoLines removes short paragraphs that only point to other
// stories: a "Read more:" label and a link that is most of the line.
func dropPromoLines(bs []doc.Block) []doc.Block {
	out := bs[:0]
	for _, b := range bs {
		if p, ok := b.(*doc.Paragraph); ok {
			text := clean(doc.PlainText(p.Content))
			if promoLine.MatchString(text) && len(text) < 240 && 2*linkText(p.Content) >= len(text) {
				continue
			}
		}
		out = append(out, b)
	}
	return out
}

// linkText is how many bytes of text are inside links.
func linkText(is []doc.Inline) int {
	n := 0
	for _, in := range is {
		switch in := in.(type) {
		case *doc.Link:
			n += len(doc.PlainText(in.Content))
		default:
			if kids := doc.Children(in); kids != nil {
				n += linkText(kids)
			}
		}
	}
	return n
}

// datelineLine is a story header's publication line.
var datelineLine = lazyre.New(`(?i)^(published|updated|posted|last updated|first published|опубликовано|обновлено|نُشر|نشر في|تم النشر)\b.*\d`)

// readingTime is a "6 min read" line.
var readingTime = lazyre.New(`(?i)^(reading time:?\s*)?\d+\s*-?\s*(min|mins|minute|minutes|мин|минут[аы]?|دقائق|دقيقة)\.?\s*(read|reading|de lecture|lesezeit|чтения|на чтение|للقراءة|قراءة)?$`)

// dropKickers removes what a story header shows above the text and the
// metadata already holds: the section's name as a kicker, the
// "Published … · Updated …" line, a reading time.
func dropKickers(d *doc.Document) {
	for i := 0; i < len(d.Blocks) && i < leadBlocks; {
		p, ok := d.Blocks[i].(*doc.Paragraph)
		if !ok {
			i++
			continue
		}
		text := clean(doc.PlainText(p.Content))
		if (d.Meta.Section != "" && sameText(text, d.Meta.Section)) || (len(text) < 120 && (datelineLine.MatchString(text) || readingTime.MatchString(text))) {
			d.Blocks = append(d.Blocks[:i:i], d.Blocks[i+1:]...)
			continue
		}
		i++
	}
}

// dropFurnitureLines removes the paragraphs whose words say they are site
// furniture (boiler.Is): an advertising slot's label, "Lesen Sie auch:
// …", a share row, a newsletter or cookie prompt, a comment form's
// notice; and such a heading after the last paragraph of prose ("Siehe
// auch", "Neueste Artikel" over a box of links; inside the article a
// heading such as "More ways to customize" stays). The copied-text reader
// scores its lines with the same words.
func dropFurnitureLines(bs []doc.Block) []doc.Block {
	lastProse := -1
	for i, b := range bs {
		if p, ok := b.(*doc.Paragraph); ok && len(voteWords(doc.PlainText(p.Content))) >= voteShort {
			lastProse = i
		}
	}
	out := bs[:0]
	for i, b := range bs {
		switch b := b.(type) {
		case *doc.Paragraph:
			if boiler.Is(doc.PlainText(b.Content)) {
				continue
			}
		case *doc.Heading:
			if i > lastProse && boiler.Is(doc.PlainText(b.Content)) {
				continue
			}
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

// saysTitle reports whether a standfirst only says the title again: the
// same words (case, white space and punctuation aside: "Headline…",
// “Headline”), a run of the title's words (its first half, the
// part before a colon), or all but a few letters of them (near-equal,
// nearTitle).
func saysTitle(s, title string) bool {
	sw, tw := words(s), words(title)
	if len(sw) == 0 || len(tw) == 0 {
		return false
	}
	return wordRun(tw, sw) || (similarity(title, s) >= nearTitle && similarity(s, title) >= nearTitle)
}

// wordRun reports whether run is a run of words in ws.
func wordRun(ws, run []string) bool {
	if len(run) == 0 {
		return false
	}
	for i := 0; i+len(run) <= len(ws); i++ {
		if slices.Equal(run, ws[i:i+len(run)]) {
			return true
		}
	}
	return false
}

// nearTitle is how much of each other's text (by the length of its words)
// a standfirst and the title must share to be the same line written twice
// ("Werkzeuge des Neandertalers" and "Die Werkzeuge des Neandertalers").
const nearTitle = 0.85

// words are the lower-cased words of s, without punctuation.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), notWord)
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
