package htmltree

import (
	"strings"

	"golang.org/x/net/html"
)

// Attr is n's attribute key, or "".
func Attr(n *html.Node, key string) string {
	v, _ := AttrOK(n, key)
	return v
}

// AttrOK is n's attribute key and whether n has it.
func AttrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// TextContent is the text below n, without recursion.
func TextContent(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	WalkNodes(n, func(m *html.Node) Walk {
		if m.Type == html.TextNode {
			b.WriteString(m.Data)
		}
		return WalkIn
	})
	return b.String()
}

// Walk tells WalkNodes how to go on.
type Walk int

const (
	WalkIn   Walk = iota // into the node's children
	WalkSkip             // on to the next sibling
	WalkStop             // no further
)

// WalkNodes visits every node below root in document order without
// recursion; fn says whether to go into the node's children, skip them or
// stop.
func WalkNodes(root *html.Node, fn func(*html.Node) Walk) {
	n := root.FirstChild
	for n != nil {
		switch fn(n) {
		case WalkStop:
			return
		case WalkIn:
			if n.FirstChild != nil {
				n = n.FirstChild
				continue
			}
		}
		for n.NextSibling == nil {
			n = n.Parent
			if n == root || n == nil {
				return
			}
		}
		n = n.NextSibling
	}
}

// walkElements visits the elements below root in document order until fn
// returns false.
func walkElements(root *html.Node, fn func(*html.Node) bool) {
	WalkNodes(root, func(n *html.Node) Walk {
		if n.Type == html.ElementNode && !fn(n) {
			return WalkStop
		}
		return WalkIn
	})
}

// findElement returns the first element called name, depth first.
func findElement(root *html.Node, name string) *html.Node {
	var found *html.Node
	walkElements(root, func(n *html.Node) bool {
		if n.Data == name {
			found = n
			return false
		}
		return true
	})
	return found
}

// clean collapses white space and trims.
func clean(s string) string { return strings.Join(strings.Fields(s), " ") }

// Collapse replaces each run of HTML white space with one space.
func Collapse(s string) string {
	if !strings.ContainsAny(s, " \t\n\r\f") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\n', '\r', '\f':
			if !space {
				b.WriteByte(' ')
			}
			space = true
		default:
			b.WriteByte(s[i])
			space = false
		}
	}
	return b.String()
}

// Newlines counts the line ends in s (\n, \r\n and a lone \r).
func Newlines(s string) int {
	n := strings.Count(s, "\n")
	for i := 0; i < len(s); i++ {
		if s[i] == '\r' && (i+1 == len(s) || s[i+1] != '\n') {
			n++
		}
	}
	return n
}

func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}
