package article

import (
	"fmt"
	"strings"

	"folio/formats/internal/salvage"
	"folio/pipeline/doc"
)

// The safety net is the one both readers share (formats/internal/salvage):
// when the body kept is empty or a small share of the text's prose, the
// text is read again keeping every line, and a content-suspect warning
// says what was kept and what was dropped.

// keptWords counts the words of the body kept: its paragraphs and
// headings.
func keptWords(d *doc.Document) int {
	kept := 0
	for _, b := range d.Blocks {
		switch b := b.(type) {
		case *doc.Paragraph:
			kept += salvage.Words(doc.PlainText(b.Content))
		case *doc.Heading:
			kept += salvage.Words(doc.PlainText(b.Content))
		}
	}
	return kept
}

// proseWords counts the words of the text's prose lines; a text without
// any counts all its words, so that a text of nothing but furniture lines
// is not an empty article.
func (p *parser) proseWords() int {
	prose, all := 0, 0
	for _, u := range p.units {
		n := salvage.Words(u.text)
		all += n
		if isProse(u.text) {
			prose += n
		}
	}
	if prose == 0 {
		return all
	}
	return prose
}

// keptWhat describes the body kept, for the warning.
func keptWhat(d *doc.Document) string {
	paras := 0
	for _, b := range d.Blocks {
		switch b.(type) {
		case *doc.Paragraph, *doc.Heading:
			paras++
		}
	}
	if paras == 0 {
		return ""
	}
	return fmt.Sprintf("%d paragraphs", paras)
}

// droppedWhat describes the lines the filters dropped, for the warning.
func (p *parser) droppedWhat() string {
	lines, prose := 0, 0
	first := ""
	for i, u := range p.units {
		if p.roles[i] != roleBoiler {
			continue
		}
		lines++
		if isProse(u.text) {
			prose++
			if first == "" {
				first = u.text
			}
		}
	}
	if first == "" && lines > 0 {
		for i, u := range p.units {
			if p.roles[i] == roleBoiler {
				first = u.text
				break
			}
		}
	}
	if r := []rune(first); len(r) > 60 {
		first = string(r[:60]) + "…"
	}
	return fmt.Sprintf("%d lines as page furniture, %d of them prose (the first: %q)", lines, prose, strings.TrimSpace(first))
}
