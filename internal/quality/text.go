package quality

import (
	"strings"

	"golang.org/x/net/html"

	"folio/pipeline/doc"
)

// DocText is the text of a document's article as the harness scores it:
// the subtitle (the standfirst, which a reader may lift out of the body's
// first paragraph and every writer prints above the body), then every
// heading, paragraph, list item, quote, code block, table cell and figure
// caption and credit, one block per line. The title and byline are not
// article text: the expected articles leave the headline out too. Image alt
// text is not shown on a page, so it does not count.
func DocText(d *doc.Document) string {
	var b strings.Builder
	if d.Meta.Subtitle != "" {
		b.WriteString(d.Meta.Subtitle + "\n")
	}
	doc.WalkBlocks(d.Blocks, func(n doc.Node, entering bool) doc.WalkStatus {
		switch n := n.(type) {
		case *doc.Text:
			if entering {
				b.WriteString(n.Value)
			}
		case *doc.Code:
			if entering {
				b.WriteString(n.Value)
			}
		case *doc.SoftBreak, *doc.LineBreak:
			if entering {
				b.WriteByte(' ')
			}
		case *doc.CodeBlock:
			if entering {
				b.WriteString(n.Text)
				b.WriteByte('\n')
			}
		case *doc.Table:
			if entering {
				for _, rows := range [][]*doc.Row{n.Header, n.Body} {
					for _, r := range rows {
						for _, c := range r.Cells {
							b.WriteString(doc.PlainText(c.Content))
							b.WriteByte('\n')
						}
					}
				}
			}
			return doc.WalkSkipChildren
		case *doc.Figure:
			if !entering && n.Credit != "" {
				b.WriteString("\n" + n.Credit)
			}
			b.WriteByte('\n')
		case *doc.Image:
			return doc.WalkSkipChildren
		case doc.Block:
			b.WriteByte('\n')
		}
		return doc.WalkContinue
	})
	for _, n := range d.Notes {
		doc.WalkBlocks(n.Blocks, func(n doc.Node, entering bool) doc.WalkStatus {
			if t, ok := n.(*doc.Text); ok && entering {
				b.WriteString(t.Value)
			}
			if _, ok := n.(doc.Block); ok {
				b.WriteByte('\n')
			}
			return doc.WalkContinue
		})
	}
	return b.String()
}

// blockElements end a line of text when they start or end, so that
// "<p>a</p><p>b</p>" reads as two words.
var blockElements = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true, "br": true, "caption": true,
	"dd": true, "details": true, "div": true, "dl": true, "dt": true, "figcaption": true, "figure": true,
	"footer": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"header": true, "hr": true, "li": true, "main": true, "nav": true, "ol": true, "p": true,
	"pre": true, "section": true, "summary": true, "table": true, "td": true, "th": true, "tr": true,
	"ul": true,
}

// HTMLText is the text of an HTML fragment with a line break wherever a
// block element starts or ends; scripts, styles and templates say nothing.
func HTMLText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.Data {
			case "script", "style", "template", "noscript":
				return
			}
		}
		block := n.Type == html.ElementNode && blockElements[n.Data]
		if block {
			b.WriteByte('\n')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			b.WriteByte('\n')
		}
	}
	walk(n)
	return b.String()
}

// HTMLStringText parses an HTML document or fragment and returns its text
// as HTMLText does.
func HTMLStringText(s string) (string, error) {
	n, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return "", err
	}
	return HTMLText(n), nil
}
