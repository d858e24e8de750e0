package normalize

import (
	"context"
	"strconv"
	"strings"
	"unicode"

	"folio/pipeline/doc"
)

// headingIDs gives every heading a unique id. Explicit ids from the source
// are kept (made safe); the rest are slugs of the heading text. Duplicates
// get -2, -3, … in document order, so ids are stable across runs.
func headingIDs(ctx context.Context, d *doc.Document, o *Options) error {
	used := map[string]bool{}
	// Note anchors are reserved so a heading called "fn 1" cannot collide.
	for i := range d.Notes {
		used[noteID(i+1)] = true
		used[noteRefID(i+1)] = true
	}
	walkHeadings(d, func(h *doc.Heading) {
		base := h.ID
		if base == "" {
			base = doc.PlainText(h.Content)
		}
		h.ID = unique(Slug(base), used)
	})
	return nil
}

func unique(id string, used map[string]bool) string {
	cand := id
	for n := 2; used[cand]; n++ {
		cand = id + "-" + strconv.Itoa(n)
	}
	used[cand] = true
	return cand
}

// Slug turns heading text into an id: letters and digits of any script,
// lower-cased, words joined by hyphens. The result is a valid XML name
// (and HTML id): it never starts with a digit, hyphen or dot, and is never
// empty.
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r == '\'' || r == '’' || r == 'ʼ':
			// "ISKP’s" → "iskps": an apostrophe joins, it does not split.
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		case r == '-' || r == '_' || unicode.IsSpace(r) || unicode.IsPunct(r):
			dash = true
		}
		if b.Len() >= 80 {
			break
		}
	}
	id := b.String()
	if id == "" {
		return "section"
	}
	first := []rune(id)[0]
	if !unicode.IsLetter(first) {
		id = "h-" + id
	}
	return id
}
