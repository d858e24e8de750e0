package webpage

import (
	"bytes"
	"strings"
	"unicode"

	distiller "github.com/markusmobius/go-domdistiller"

	"folio/pipeline/doc"
)

// A second opinion on the article. Readability keeps whole containers,
// and a container that holds the article often holds its furniture too:
// "Mehr zum Thema", share prompts, a donation box, a related-articles list,
// a copyright line. DOM Distiller (Chrome's reader mode, in Go) reads the
// same page with different rules, and where it found a comparable article,
// these blocks of Folio's article are dropped:
//
//   - a paragraph (not a heading) of fewer than voteShort words that
//     Distiller left out: a label such as "Kontakt:", a prompt, a credit
//     line, a back link;
//   - after the last paragraph of prose (voteShort words or more, under
//     half of them link text), a block of at most voteLabel words or
//     mostly link text, whatever Distiller made of it, and a heading
//     whose section went that way ("Mehr zum Thema" and its list);
//   - before the first paragraph of prose, such a block unless it is a
//     heading (an article may open on a section heading).
//
// Figures are never dropped by the vote (the lead figure with its caption
// and credit is Folio's to keep), nor is a "By …" line naming people.
// What the vote drops is reported by the content-dropped summary like
// anything else left out, and the safety net (salvage.go) still restores
// an article cut to a small part of the page's prose.
//
// Measured with the quality harness (5 December 2026, same run), the
// variants before choosing, with Distiller's and with go-trafilatura's
// opinion, as snippet precision/recall on Trafilatura's evaluation set and
// body F1 on Mozilla's pages (Readability's output is the expected text
// there, so any second opinion costs):
//
//	no vote                                        .858/.904  .980
//	trafilatura: drop all it left out              .900/.892  .966
//	trafilatura: edges, links, <= 8 words          .896/.895  .969
//	distiller: drop all it left out                .896/.870  .955
//	distiller: < 15 words it left out              .890/.898  .973
//	distiller: that, and both edges for any block  .903/.889  .964
//	distiller: as above, headings spared           .899/.891  .966
//
// and then through the reader (the harness's text of the document, with
// its standfirst; voteShort/voteLabel):
//
//	15/8                                           .895/.893  .969
//	15/10                                          .896/.890  .968
//	20/8 (chosen)                                  .898/.891  .967
//	go-trafilatura itself, with fallbacks          .896/.887  .945
//
// Two thresholds fitted on one set can flatter it; the Mozilla figure is
// the check on the other.
//
// Folio's own copied-text reader as the opinion (its article read from the
// page's text, 6 December 2026, after furniture paragraphs were dropped by
// their words; dev and check halves of Trafilatura's set, then Mozilla):
//
//	distiller (kept)                               .906  .913  .968
//	the copied-text reader instead                 .904  .908  .967
//	distiller, then the copied-text reader         .903  .908  .962
//	a block kept if either kept it                 .907  .911  .969
//
// None is better on both sets, and each costs a second reading of the
// page (about 17 ms).
//
// go-trafilatura is not used: importing it costs every Folio process
// 0.5 s and 50 MB at start (go-dateparser's tables, through go-htmldate),
// markdown exports included. Distiller's package start is about 10 ms.
const (
	// voteMinWords is the least article Distiller must find, in words,
	// for its opinion to count; it must also find at least half as many
	// words as Folio's article holds.
	voteMinWords = 50
	// voteShort is the length, in words, under which a block Distiller
	// left out is dropped, and from which a paragraph counts as prose.
	voteShort = 20
	// voteLabel is the longest block, in words, dropped at the edges.
	voteLabel = 8
	// voteMaxWords bounds the article the vote is asked about: a second
	// reading of a page costs as much as the first, and a page whose
	// article runs past this (2 MB of paragraphs, say) is not furniture's
	// problem.
	voteMaxWords = 30000
	// votePresent is the share of a block's four-word runs that must be
	// in Distiller's text for the block to count as kept by it.
	votePresent = 0.5
)

// voteWanted reports whether the article is short enough to ask for a
// second opinion.
func voteWanted(d *doc.Document) bool {
	var leaves []voteBlock
	collectVoteLeaves(d.Blocks, &leaves)
	n := 0
	for _, l := range leaves {
		n += l.words
	}
	return n <= voteMaxWords
}

// secondOpinion returns the words of the article DOM Distiller extracts
// from the page, or nil when it fails or finds nothing. It never fetches
// (no URL is given, pagination is skipped); a panic inside it is a
// failure, not a crash.
func secondOpinion(src []byte) (words []string) {
	defer func() {
		if recover() != nil {
			words = nil
		}
	}()
	res, err := distiller.ApplyForReader(bytes.NewReader(src), &distiller.Options{SkipPagination: true})
	if err != nil || res == nil || res.Node == nil {
		return nil
	}
	return voteWords(spacedText(res.Node))
}

// voteWords splits text into lower-case runs of letters and digits (the
// quality harness's tokens).
func voteWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' && !unicode.Is(unicode.Mn, r)
	})
}

// voteBlock is one leaf block of the article, in reading order.
type voteBlock struct {
	b     doc.Block
	words int
	links float64 // share of the words that are link text
	kept  bool    // Distiller kept it
}

// isBylineBlock reports a "By …" line naming people, which liftByline
// leaves in the body when it names someone other than the page's author.
func isBylineBlock(b doc.Block) bool {
	p, ok := b.(*doc.Paragraph)
	if !ok {
		return false
	}
	text := clean(doc.PlainText(p.Content))
	return byPrefix.MatchString(text) && allNames(splitNames(text))
}

// applyVote drops the blocks of d that the second opinion (the words of
// Distiller's article) and the article's own shape say are not article, as
// described above. It reports whether anything was dropped.
func applyVote(d *doc.Document, theirs []string) bool {
	var leaves []voteBlock
	collectVoteLeaves(d.Blocks, &leaves)
	ours := 0
	for _, l := range leaves {
		ours += l.words
	}
	if len(theirs) < voteMinWords || 2*len(theirs) < ours {
		return false
	}
	runs := make(map[string]bool, len(theirs))
	for i := 0; i+4 <= len(theirs); i++ {
		runs[strings.Join(theirs[i:i+4], " ")] = true
	}
	joined := " " + strings.Join(theirs, " ") + " "
	first, last := -1, -1
	for i := range leaves {
		leaves[i].kept = keptBy(leaves[i].b, runs, joined)
		if leaves[i].words >= voteShort && leaves[i].links < 0.5 {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	cited := citedLeaves(leaves)
	drop := map[doc.Block]bool{}
	for i, l := range leaves {
		_, heading := l.b.(*doc.Heading)
		label := l.words <= voteLabel || l.links > 0.5
		switch {
		case l.words == 0 || isBylineBlock(l.b) || cited[l.b]:
		case !l.kept && l.words < voteShort && !heading:
			drop[l.b] = true
		case first >= 0 && i > last && label && !heading:
			drop[l.b] = true
		case first >= 0 && i < first && label && !heading:
			drop[l.b] = true
		}
	}
	// A heading after the prose goes when what follows it went (or
	// nothing does): "Mehr zum Thema" over its list, not a last section.
	for i := len(leaves) - 1; first >= 0 && i > last; i-- {
		l := leaves[i]
		if _, heading := l.b.(*doc.Heading); heading && l.words > 0 && (l.words <= voteLabel || l.links > 0.5) &&
			(i == len(leaves)-1 || drop[leaves[i+1].b]) {
			drop[l.b] = true
		}
	}
	if len(drop) == 0 {
		return false
	}
	d.Blocks = pruneBlocks(d.Blocks, drop)
	return true
}

// citedLeaves are the blocks a link in the article's prose goes to (they
// hold its anchor): the entries of a reference list or the notes that the
// text's citation marks point at. Mostly link text and after the last
// paragraph of prose, they look like a box of links to the vote, but the
// article cites them (on Wikipedia's pages the vote took 178 of 379
// references). A link from anything but prose (a "skip to content" link,
// "back to top") vouches for nothing.
func citedLeaves(leaves []voteBlock) map[doc.Block]bool {
	named := map[string]bool{}
	for _, l := range leaves {
		if p, ok := l.b.(*doc.Paragraph); ok && l.words >= voteShort && l.links < 0.5 {
			doc.WalkInlines(p.Content, func(n doc.Node, entering bool) doc.WalkStatus {
				if k, ok := n.(*doc.Link); ok && entering {
					if frag, ok := doc.Fragment(k.URL); ok {
						named[frag] = true
					}
				}
				return doc.WalkContinue
			})
		}
	}
	if len(named) == 0 {
		return nil
	}
	cited := map[doc.Block]bool{}
	for _, l := range leaves {
		p, ok := l.b.(*doc.Paragraph)
		if !ok {
			continue
		}
		doc.WalkInlines(p.Content, func(n doc.Node, entering bool) doc.WalkStatus {
			if a, ok := n.(*doc.Anchor); ok && named[a.ID] {
				cited[l.b] = true
				return doc.WalkStop
			}
			return doc.WalkContinue
		})
	}
	return cited
}

// collectVoteLeaves lists the blocks the vote judges: paragraphs, headings,
// code blocks and tables; lists and quotes are looked into; figures,
// definition lists and the rest are listed with no words (never dropped).
func collectVoteLeaves(bs []doc.Block, out *[]voteBlock) {
	for _, b := range bs {
		switch b := b.(type) {
		case *doc.Paragraph:
			*out = append(*out, leafOf(b, b.Content))
		case *doc.Heading:
			*out = append(*out, leafOf(b, b.Content))
		case *doc.CodeBlock:
			*out = append(*out, voteBlock{b: b, words: len(voteWords(b.Text))})
		case *doc.Table:
			*out = append(*out, voteBlock{b: b, words: len(voteWords(tableText(b)))})
		case *doc.List:
			for _, it := range b.Items {
				collectVoteLeaves(it.Blocks, out)
			}
		case *doc.BlockQuote:
			collectVoteLeaves(b.Blocks, out)
		default:
			// Figures, definition lists, rules: never dropped, but they
			// keep their place (a heading before one is not left at the
			// end).
			*out = append(*out, voteBlock{b: b})
		}
	}
}

func leafOf(b doc.Block, is []doc.Inline) voteBlock {
	all := len(voteWords(doc.PlainText(is)))
	linked := 0
	doc.WalkInlines(is, func(n doc.Node, entering bool) doc.WalkStatus {
		if l, ok := n.(*doc.Link); ok && entering {
			linked += len(voteWords(doc.PlainText(l.Content)))
			return doc.WalkSkipChildren
		}
		return doc.WalkContinue
	})
	v := voteBlock{b: b, words: all}
	if all > 0 {
		v.links = float64(linked) / float64(all)
	}
	return v
}

// keptBy reports whether the block's words are in the other reader's text:
// half its four-word runs, or, for a block under four words, the words in
// a row.
func keptBy(b doc.Block, runs map[string]bool, joined string) bool {
	var text string
	switch b := b.(type) {
	case *doc.Paragraph:
		text = doc.PlainText(b.Content)
	case *doc.Heading:
		text = doc.PlainText(b.Content)
	case *doc.CodeBlock:
		text = b.Text
	case *doc.Table:
		text = tableText(b)
	}
	w := voteWords(text)
	if len(w) == 0 {
		return true
	}
	if len(w) < 4 {
		return strings.Contains(joined, " "+strings.Join(w, " ")+" ")
	}
	hit := 0
	for i := 0; i+4 <= len(w); i++ {
		if runs[strings.Join(w[i:i+4], " ")] {
			hit++
		}
	}
	return float64(hit) >= votePresent*float64(len(w)-3)
}

// pruneBlocks removes the dropped blocks, then any list item, list or
// quote left empty by it.
func pruneBlocks(bs []doc.Block, drop map[doc.Block]bool) []doc.Block {
	out := bs[:0]
	for _, b := range bs {
		if drop[b] {
			continue
		}
		switch b := b.(type) {
		case *doc.List:
			items := b.Items[:0]
			for _, it := range b.Items {
				it.Blocks = pruneBlocks(it.Blocks, drop)
				if len(it.Blocks) > 0 {
					items = append(items, it)
				}
			}
			b.Items = items
			if len(items) == 0 {
				continue
			}
		case *doc.BlockQuote:
			b.Blocks = pruneBlocks(b.Blocks, drop)
			if len(b.Blocks) == 0 {
				continue
			}
		}
		out = append(out, b)
	}
	return out
}
