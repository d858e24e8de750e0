package normalize

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"folio/pipeline/doc"
)

// headingIDs gives every heading, and then every anchor, a unique id. Explicit ids from the source
// are kept (made safe); the rest are slugs of the heading text. Duplicates
// get -2, -3, … in document order, so ids are stable across runs.
func headingIDs(ctx context.Context, d *doc.Document, o *Options) error {
	ids := idSet{used: map[string]bool{}, next: map[string]int{}}
	// Note anchors are reserved so a heading called "fn 1" cannot collide:
	// every note's id and the ids of all its references (a note referred
	// to three times has fnref-1, fnref-1-2 and fnref-1-3), numbered
	// later by the notes pass.
	if len(d.Notes) > 0 {
		ids.reserved = noteAnchor
	}
	walkHeadings(d, func(h *doc.Heading) {
		base := h.ID
		if base == "" {
			base = doc.PlainText(h.Content)
		}
		h.ID = ids.unique(Slug(base))
	})
	// Anchors come after every heading, so that a heading keeps the id
	// its text gives it; the source's spelling stays as a name links
	// may use.
	doc.Walk(d, func(n doc.Node, entering bool) doc.WalkStatus {
		if a, ok := n.(*doc.Anchor); ok && entering {
			src := a.ID
			if o.Fragment && plainID(src) && !ids.taken(src) {
				// A fragment goes into a page of the user's, whose
				// links may name the source's id: it stays as it is
				// when it is a plain name.
				ids.used[src] = true
				return doc.WalkContinue
			}
			a.ID = ids.unique(Slug(src))
			if src != "" && src != a.ID && !slices.Contains(a.Names, src) {
				a.Names = append(a.Names, src)
			}
		}
		return doc.WalkContinue
	})
	return nil
}

// idSet hands out unique ids. next remembers, per base, the suffix to try
// first, so n headings with the same text cost O(n), not O(n²): counting up
// from -2 for each duplicate made 20,000 identical headings take 42 s.
type idSet struct {
	used map[string]bool
	next map[string]int
	// reserved, when set, refuses ids of another kind (the notes').
	reserved func(string) bool
}

// taken reports an id that is used or reserved.
func (s *idSet) taken(id string) bool {
	return s.used[id] || s.reserved != nil && s.reserved(id)
}

func (s *idSet) unique(id string) string {
	cand := id
	n := s.next[id]
	if n == 0 {
		n = 2
	}
	for ; s.taken(cand); n++ {
		cand = id + "-" + strconv.Itoa(n)
	}
	s.next[id] = n
	s.used[cand] = true
	return cand
}

// noteAnchor reports an id of the kind the notes pass gives (noteID,
// refID): fn-N, fnref-N, fnref-N-K.
func noteAnchor(id string) bool {
	rest, ok := strings.CutPrefix(id, "fnref-")
	if !ok {
		rest, ok = strings.CutPrefix(id, "fn-")
		if !ok || !digits(rest) {
			return false
		}
		return true
	}
	n, k, two := strings.Cut(rest, "-")
	return digits(n) && (!two || digits(k))
}

func digits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// plainID reports an id that is a valid name in HTML, XHTML and a PDF
// destination alike: a letter, then letters, digits, '-', '_' or '.'.
func plainID(id string) bool {
	for i, r := range id {
		switch {
		case unicode.IsLetter(r):
		case i > 0 && (unicode.IsDigit(r) || r == '-' || r == '_' || r == '.'):
		default:
			return false
		}
	}
	return id != ""
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
