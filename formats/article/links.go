package article

import (
	"strings"
	"unicode"

	"folio/pipeline/doc"
)

// inlines turns a paragraph's text into a Text, with bare http(s) URLs made
// into links. The text is not changed: the concatenation of the nodes'
// text is the input.
func inlines(s string, pos doc.Pos) []doc.Inline {
	var out []doc.Inline
	rest, text := s, 0 // rest[:text] is text already passed over
	for {
		loc := reURL.FindStringIndex(rest[text:])
		if loc == nil {
			break
		}
		at := text + loc[0]
		u := trimURL(rest[at : text+loc[1]])
		if !hasHost(u) {
			// "https://" as a word in the text ("a URL is 'https://'
			// followed by a host"): no address, no link.
			text += loc[1]
			continue
		}
		if at > 0 {
			out = append(out, &doc.Text{Value: rest[:at], Pos: pos})
		}
		out = append(out, &doc.Link{URL: u, Content: []doc.Inline{&doc.Text{Value: u, Pos: pos}}, Pos: pos})
		rest, text = rest[at+len(u):], 0
	}
	if rest != "" || len(out) == 0 {
		out = append(out, &doc.Text{Value: rest, Pos: pos})
	}
	return out
}

// hasHost reports a URL whose host, between "://" and the path, names
// something: a letter or a digit in it ("https://" and "https://." have
// none).
func hasHost(u string) bool {
	_, host, _ := strings.Cut(u, "://")
	if i := strings.IndexAny(host, "/?#"); i >= 0 {
		host = host[:i]
	}
	if i := strings.LastIndexByte(host, '@'); i >= 0 {
		host = host[i+1:]
	}
	return strings.IndexFunc(host, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
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
