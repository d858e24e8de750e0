// Package salvage is the article readers' safety net. A reader that
// filters a page (the saved-page reader's extraction, the copied-text
// reader's boilerplate rules) can throw the article away with the site
// around it: on real pages a whole story can sit in a wrapper named like
// a share bar. When what a reader kept is empty, or a small fraction of
// the page's prose, it reads the page again without its filters and says
// so in a content-suspect warning naming what was kept and what was
// dropped. The decision lives here so both readers make it the same way.
package salvage

import (
	"fmt"
	"unicode"

	"folio/pipeline/doc"
)

const (
	// MinProse is the page prose, in words, below which a page is too
	// short to judge: a note of a few lines may well be all furniture.
	MinProse = 80
	// MinShare is the share of the page's prose below which the body
	// kept is suspect. Real articles fill a third or more of the prose
	// of their page; comment threads and link lists rarely outweigh them
	// four to one.
	MinShare = 0.2
	// MinKept is the body, in words, from which a small share is no
	// longer suspect: a body that long is what the filters chose, not
	// what they lost, and on real pages it is usually the better reading
	// (on the copied-text reader's suspect pages with this much kept, a
	// Japanese news page inside its portal and blog posts under comment
	// threads four times their length, the filtered body was the better
	// one on 7 of 8; the saved-page reader's figures did not move).
	MinKept = 60
)

// Suspect reports whether a body of kept words is too little of a page
// with prose words of prose: nothing at all while the page has text, or,
// under MinKept words, under MinShare of a page with at least MinProse
// words.
func Suspect(kept, prose int) bool {
	if kept == 0 {
		return prose > 0
	}
	return kept < MinKept && prose >= MinProse && float64(kept) < MinShare*float64(prose)
}

// Better reports whether an unfiltered reading of unfiltered words should
// replace a suspect body of kept words: only when it holds more.
func Better(kept, unfiltered, prose int) bool {
	return Suspect(kept, prose) && unfiltered > kept
}

// Words counts the words in s: runs of letters, digits and marks.
func Words(s string) int {
	n, in := 0, false
	for _, r := range s {
		w := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
		if w && !in {
			n++
		}
		in = w
	}
	return n
}

// Warning is the content-suspect warning: the reader's filters kept kept
// words (described by keptWhat) of a page of prose words, dropped what
// droppedWhat says, and the unfiltered reading was used instead.
func Warning(pos doc.Pos, kept, prose int, keptWhat, droppedWhat string) doc.Warning {
	if keptWhat == "" {
		keptWhat = "nothing"
	}
	return doc.Warning{Pos: pos, Code: "content-suspect", Message: fmt.Sprintf(
		"the article as filtered kept %d of the page's %d words (%s) and left out %s; the page was read again without the filters, so site furniture may remain",
		kept, prose, keptWhat, droppedWhat)}
}
