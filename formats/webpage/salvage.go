package webpage

import (
	"fmt"
	"strings"

	"golang.org/x/net/html"

	"folio/formats/internal/htmltree"
	"folio/formats/internal/salvage"
	"folio/pipeline/doc"
)

// document converts content read in mode into a document: the blocks, the
// lead figure put back (or og:image standing in), then finish.
func (c *converter) document(root, content *html.Node, md mode, pm *pageMeta) *doc.Document {
	c.mode = md
	if md == modeArticle {
		c.keepArticleFurniture(content)
	}
	if content != nil {
		c.contentLen = len(htmltree.TextContent(content))
	}
	var blocks []doc.Block
	if content != nil {
		blocks = c.blocks(content, 0, 0)
	}
	if (md == modeArticle || md == modeUnfiltered) && !hasLeadFigure(blocks) {
		if lead := c.leadFigureBlocks(root, content); lead != nil {
			blocks = append(lead, blocks...)
		} else if f := shareImage(pm, blocks); f != nil {
			blocks = append([]doc.Block{f}, blocks...)
		}
	}
	meta := pm.meta
	meta.Authors = append([]string(nil), pm.meta.Authors...)
	meta.Tags = append([]string(nil), pm.meta.Tags...)
	d := &doc.Document{Meta: meta, Blocks: blocks}
	finish(d, pm, c)
	return d
}

// salvageArticle is the safety net (formats/internal/salvage): when the
// article as filtered is empty or a small fraction of the page's prose,
// the page is read again without the reader's furniture rules (what
// Readability kept, then the whole body) and the first reading that is
// not suspect, else the fullest, replaces it, with a content-suspect
// warning naming what was kept and what was dropped.
func salvageArticle(c *converter, root, content *html.Node, md mode, pm *pageMeta, d *doc.Document) (*doc.Document, *converter, doc.Warning, bool) {
	body := findElement(root, "body")
	if body == nil {
		return nil, nil, doc.Warning{}, false
	}
	units := c.units(body)
	prose := 0
	for _, u := range units {
		if u.kind == "paragraph" || u.kind == "list item" {
			prose += salvage.Words(u.text)
		}
	}
	if prose == 0 {
		// No paragraphs: the page's text is in divs and line breaks.
		prose = salvage.Words(visibleText(body))
	}
	kept := salvage.Words(bodyText(d))
	if !salvage.Suspect(kept, prose) {
		return nil, nil, doc.Warning{}, false
	}
	type reading struct {
		node *html.Node
		mode mode
	}
	var tries []reading
	if md == modeArticle && content != nil {
		tries = append(tries, reading{content, modeUnfiltered})
	}
	if kept == 0 || md != modeArticle {
		// Readability found nothing, or the reader's rules kept nothing:
		// the whole page rather than an empty article.
		tries = append(tries, reading{body, modeKeep})
	}
	var best *doc.Document
	var bestC *converter
	bestWords := kept
	for _, t := range tries {
		ac := &converter{file: c.file, elems: c.elems, base: c.base, lang: c.lang, line: 1, inFurniture: c.inFurniture}
		alt := ac.document(root, t.node, t.mode, pm)
		n := salvage.Words(bodyText(alt))
		if salvage.Better(kept, n, prose) && n > bestWords {
			best, bestC, bestWords = alt, ac, n
			if !salvage.Suspect(n, prose) {
				break
			}
		}
	}
	if best == nil {
		return nil, nil, doc.Warning{}, false
	}
	segs, all := outputText(d)
	var dropped []unit
	for _, u := range units {
		if u.text != "" && !segs[u.text] && !strings.Contains(all, u.text) {
			dropped = append(dropped, u)
		}
	}
	return best, bestC, salvage.Warning(c.pos(body), kept, prose, keptWhat(d, kept), droppedWhat(dropped)), true
}

// bodyText is the text of the document's body (not its metadata).
func bodyText(d *doc.Document) string {
	var b strings.Builder
	doc.WalkBlocks(d.Blocks, func(n doc.Node, entering bool) doc.WalkStatus {
		if !entering {
			return doc.WalkContinue
		}
		switch n := n.(type) {
		case *doc.Text:
			b.WriteString(n.Value)
		case *doc.Code:
			b.WriteString(n.Value)
		case *doc.CodeBlock:
			b.WriteString(n.Text)
		case *doc.Table:
			b.WriteString(tableText(n))
			return doc.WalkSkipChildren
		case doc.Block, *doc.SoftBreak, *doc.LineBreak:
			b.WriteByte(' ')
		}
		return doc.WalkContinue
	})
	return b.String()
}

// keptWhat says what the filtered reading kept: figures, and its first
// words.
func keptWhat(d *doc.Document, words int) string {
	var parts []string
	figs := 0
	for _, b := range d.Blocks {
		if _, ok := b.(*doc.Figure); ok {
			figs++
		}
	}
	if figs == 1 {
		parts = append(parts, "a figure")
	} else if figs > 1 {
		parts = append(parts, fmt.Sprintf("%d figures", figs))
	}
	if words > 0 {
		parts = append(parts, fmt.Sprintf("%q", shorten(clean(bodyText(d)), 60)))
	}
	return strings.Join(parts, " and ")
}

// droppedWhat counts the passages the filtered reading left out.
func droppedWhat(us []unit) string {
	if len(us) == 0 {
		return "no whole passage"
	}
	counts := map[string]int{}
	for _, u := range us {
		counts[u.kind]++
	}
	var parts []string
	for _, k := range []string{"paragraph", "heading", "list item", "table", "figure"} {
		if n := counts[k]; n > 0 {
			s := fmt.Sprintf("%d %s", n, k)
			if n > 1 {
				s += "s"
			}
			parts = append(parts, s)
		}
	}
	return fmt.Sprintf("%s (lines %d–%d)", strings.Join(parts, ", "), us[0].line, us[len(us)-1].line)
}
