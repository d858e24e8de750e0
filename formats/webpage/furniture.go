package webpage

import (
	"golang.org/x/net/html"

	"folio/formats/internal/htmltree"
)

// markFurniture records the annotate index of every element inside site
// furniture in the page as parsed, before Readability rearranges it, with
// the outermost furniture element it lies in. A wrapper whose class names
// furniture but which holds most of the page's visible text is not
// furniture.
func (c *converter) markFurniture(root *html.Node) {
	outer := map[*html.Node]int{}
	c.inFurniture = map[int]int{}
	total := len(visibleText(root))
	walkElements(root, func(n *html.Node) bool {
		i, indexed := c.index(n)
		if r, ok := outer[n.Parent]; ok {
			outer[n] = r
		} else if indexed && isFurniture(c, n) && !(total > 0 && 2*len(visibleText(n)) > total) {
			outer[n] = i
		}
		if r, ok := outer[n]; ok && indexed {
			c.inFurniture[i] = r
		}
		return true
	})
}

// keepArticleFurniture forgets a furniture mark that covers most of the
// article Readability chose: a story wrapped in an element named like a
// share bar ("gigya-share-btns-…_containerParent") or a content canvas
// ("…-Col1-…") would otherwise be dropped whole, leaving an empty
// article.
func (c *converter) keepArticleFurniture(content *html.Node) {
	if content == nil || len(c.inFurniture) == 0 {
		return
	}
	under := map[int]int{} // furniture root → article text below it
	total := 0
	var walk func(n *html.Node, root int)
	walk = func(n *html.Node, root int) {
		for m := n.FirstChild; m != nil; m = m.NextSibling {
			switch m.Type {
			case html.TextNode:
				total += len(m.Data)
				if root >= 0 {
					under[root] += len(m.Data)
				}
			case html.ElementNode:
				if m.Data == "script" || m.Data == "style" {
					continue
				}
				r := root
				if i, ok := c.index(m); ok {
					if fr, in := c.inFurniture[i]; in {
						r = fr
					} else {
						r = -1
					}
				}
				walk(m, r)
			}
		}
	}
	walk(content, -1)
	for root, n := range under {
		if 2*n <= total {
			continue
		}
		for i, r := range c.inFurniture {
			if r == root {
				delete(c.inFurniture, i)
			}
		}
	}
}

// visibleText is the text below n outside scripts, styles and templates.
func visibleText(n *html.Node) string {
	var b []byte
	htmltree.WalkNodes(n, func(m *html.Node) htmltree.Walk {
		if m.Type == html.ElementNode && (m.Data == "script" || m.Data == "style" || m.Data == "template" || m.Data == "noscript") {
			return htmltree.WalkSkip
		}
		if m.Type == html.TextNode {
			b = append(b, m.Data...)
		}
		return htmltree.WalkIn
	})
	return string(b)
}
