package article

import (
	"fmt"
	"strings"

	"folio/pipeline/doc"
)

// suspectShare is the share of the text's prose below which a kept body is
// suspect: the filters more likely threw the article away than found it.
const suspectShare = 0.15

// suspect reports a body that is empty or a small fraction of the text's
// prose, with a message naming what was kept and what was dropped.
func (p *parser) suspect(d *doc.Document) (string, bool) {
	kept := 0
	for _, b := range d.Blocks {
		switch b := b.(type) {
		case *doc.Paragraph:
			kept += len(words(doc.PlainText(b.Content)))
		case *doc.Heading:
			kept += len(words(doc.PlainText(b.Content)))
		}
	}
	prose, lines, dropped := 0, 0, 0
	first := ""
	for i, u := range p.units {
		if p.roles[i] == roleBoiler {
			dropped++
		}
		if !isProse(u.text) {
			continue
		}
		prose += u.nwords
		if p.roles[i] == roleBoiler {
			lines++
			if first == "" {
				first = u.text
			}
		}
	}
	switch {
	case kept == 0 && dropped > 0:
	case lines > 0 && float64(kept) < suspectShare*float64(prose):
	default:
		return "", false
	}
	if r := []rune(first); len(r) > 60 {
		first = string(r[:60]) + "…"
	}
	return fmt.Sprintf("the article kept %d words of the text's %d words of prose; %d prose lines were dropped as page furniture (the first: %q); every line is kept instead, check the result",
		kept, prose, lines, strings.TrimSpace(first)), true
}
