package article

import (
	"strings"

	"folio/pipeline/doc"
)

// inlines turns a paragraph's text into a Text, with bare http(s) URLs made
// into links. The text is not changed: the concatenation of the nodes'
// text is the input.
func inlines(s string, pos doc.Pos) []doc.Inline {
	var out []doc.Inline
	rest := s
	for {
		loc := reURL.FindStringIndex(rest)
		if loc == nil {
			break
		}
		u := trimURL(rest[loc[0]:loc[1]])
		if loc[0] > 0 {
			out = append(out, &doc.Text{Value: rest[:loc[0]], Pos: pos})
		}
		out = append(out, &doc.Link{URL: u, Content: []doc.Inline{&doc.Text{Value: u, Pos: pos}}, Pos: pos})
		rest = rest[loc[0]+len(u):]
	}
	if rest != "" || len(out) == 0 {
		out = append(out, &doc.Text{Value: rest, Pos: pos})
	}
	return out
}

// trimURL drops the sentence punctuation that follows a URL in running text,
// keeping a closing bracket that the URL itself opened.
func trimURL(u string) string {
	for len(u) > 0 {
		c := u[len(u)-1]
		switch {
		case strings.IndexByte(".,;:!?'\"", c) >= 0:
			u = u[:len(u)-1]
		case c == ')' && strings.Count(u, "(") < strings.Count(u, ")"):
			u = u[:len(u)-1]
		case strings.HasSuffix(u, "’") || strings.HasSuffix(u, "”"):
			u = u[:len(u)-len("’")]
		default:
			return u
		}
	}
	return u
}
