package normalize

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"folio/pipeline/doc"
)

// internalLinks points every link to "#fragment" at an id the document
// has: the fragment as written (a heading's or a note's id), else the
// heading it names as GitHub spells heading anchors (a README's
// "#class-streamwritable" for "Class: stream.Writable", which Folio's id
// spells "class-stream-writable"), else it warns, once for every format,
// that the link has no target and leaves its text in place of the link
// (with --fragment the link stays: the page it goes into may hold the id).
func internalLinks(ctx context.Context, d *doc.Document, o *Options) error {
	// The ids no heading holds: the notes', and those of raw HTML kept
	// with --unsafe-html. Headings' are in HeadingFragments, with the
	// other spellings that name them.
	targets := map[string]bool{}
	for _, n := range d.Notes {
		if n != nil && n.ID != "" {
			targets[n.ID] = true
		}
	}
	if o.UnsafeHTML {
		doc.Walk(d, func(n doc.Node, entering bool) doc.WalkStatus {
			switch n := n.(type) {
			case *doc.RawBlock:
				rawIDs(n.Text, targets)
			case *doc.RawInline:
				rawIDs(n.Text, targets)
			}
			return doc.WalkContinue
		})
	}
	var frags map[string]string
	broken := map[*doc.Link]bool{}
	linked := map[string]bool{} // the ids links go to
	doc.Walk(d, func(n doc.Node, entering bool) doc.WalkStatus {
		l, ok := n.(*doc.Link)
		if !ok || !entering || l.Batch != nil {
			return doc.WalkContinue
		}
		frag, ok := doc.Fragment(l.URL)
		if !ok {
			return doc.WalkContinue
		}
		// Heading text, and so its id, is composed (the nfc pass); a
		// link is verbatim.
		frag = norm.NFC.String(frag)
		if targets[frag] {
			if frag != l.URL[1:] {
				l.URL = "#" + frag
			}
			return doc.WalkContinue
		}
		if frags == nil {
			frags = HeadingFragments(d)
		}
		if id, ok := LookupFragment(frags, frag); ok {
			l.URL = "#" + id
			linked[id] = true
			return doc.WalkContinue
		}
		if o.Fragment {
			// A fragment goes into a page of the user's, which may
			// hold the id.
			return doc.WalkContinue
		}
		doc.Warn(ctx, doc.Warning{Pos: l.Pos, Code: "broken-internal-link",
			Message: "link to " + quote("#"+frag) + " has no target in the document; its text is shown"})
		broken[l] = true
		return doc.WalkContinue
	})
	// An anchor no link goes to (a saved page's "skip to content" target
	// once the skip link is gone) goes too, unless the body is a fragment
	// of a page that may link to it.
	orphan := func(in doc.Inline) bool {
		a, ok := in.(*doc.Anchor)
		return ok && !o.Fragment && !linked[a.ID]
	}
	// Splice copies only a sequence it changes, so a document with
	// neither costs one walk, as a search for them would.
	doc.MapInlines(d, func(is []doc.Inline) []doc.Inline {
		return doc.Splice(is, func(_ int, in doc.Inline) ([]doc.Inline, bool) {
			if l, ok := in.(*doc.Link); ok && broken[l] {
				return l.Content, true
			}
			return nil, orphan(in)
		})
	})
	return nil
}

// rawAnchors turns a raw HTML anchor that only names a place (<a
// id="1.2.0"></a>, <a name="x"></a>) into an anchor of the heading it
// stands before, on its own line, or in: a changelog's version table links
// to them (739 links in Node.js's changelogs). The raw HTML goes, even with
// --unsafe-html (the heading carries the name now), with no warning. An
// anchor elsewhere becomes a doc.Anchor where it stands, or at the start
// of the paragraph it stands on a line before; with --unsafe-html it stays
// as written.
func rawAnchors(ctx context.Context, d *doc.Document, o *Options) error {
	doc.MapBlocks(d, func(bs []doc.Block) []doc.Block {
		out := bs[:0]
		var pending []string
		var held []doc.Block // anchor-only blocks waiting for a heading
		for _, b := range bs {
			if ids, ok := anchorOnly(b); ok {
				pending = append(pending, ids...)
				held = append(held, b)
				continue
			}
			if h, ok := b.(*doc.Heading); ok {
				var in []string
				h.Content, in = cutAnchors(h.Content)
				h.Anchors = append(append(h.Anchors, pending...), in...)
			} else if o.UnsafeHTML {
				out = append(out, held...)
			} else if len(pending) > 0 {
				leadAnchors(b, pending, held[0].Position())
			}
			pending, held = nil, nil
			out = append(out, b)
		}
		if o.UnsafeHTML {
			out = append(out, held...)
		}
		return out
	})
	if !o.UnsafeHTML {
		doc.MapInlines(d, placeAnchors)
	}
	return nil
}

// leadAnchors puts anchors named on the lines before b at the start of
// b's first text: a paragraph's, a list's first item's, a quotation's.
// Before a block with no text (a table, a code block) they go.
func leadAnchors(b doc.Block, ids []string, pos doc.Pos) {
	switch b := b.(type) {
	case *doc.Paragraph:
		as := make([]doc.Inline, 0, len(ids)+len(b.Content))
		for _, id := range ids {
			as = append(as, &doc.Anchor{ID: id, Pos: pos})
		}
		b.Content = append(as, b.Content...)
	case *doc.List:
		if len(b.Items) > 0 && len(b.Items[0].Blocks) > 0 {
			leadAnchors(b.Items[0].Blocks[0], ids, pos)
		}
	case *doc.BlockQuote:
		if len(b.Blocks) > 0 {
			leadAnchors(b.Blocks[0], ids, pos)
		}
	}
}

// anchorStart is a raw anchor's start tag up to its '>', the name in its
// group.
const anchorStart = `(?i)^\s*<a\s+(?:id|name)\s*=\s*["']([^"'<>]+)["']\s*`

// reAnchorOpen and reAnchorClose are the two halves of a raw anchor,
// reAnchorWhole the two in one node. Like every pattern of the readers
// they are compiled on first use, not when the program starts.
var (
	reAnchorOpen  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(anchorStart + `/?>\s*$`) })
	reAnchorClose = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)^\s*</a\s*>\s*$`) })
	reAnchorWhole = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(anchorStart + `>\s*</a\s*>\s*$`) })
)

// anchorOnly reports a block that is nothing but raw anchors, with their
// names.
func anchorOnly(b doc.Block) ([]string, bool) {
	switch b := b.(type) {
	case *doc.RawBlock:
		if m := reAnchorWhole().FindStringSubmatch(b.Text); m != nil {
			return []string{m[1]}, true
		}
	case *doc.Paragraph:
		rest, ids := cutAnchors(b.Content)
		if len(ids) > 0 && len(rest) == 0 {
			return ids, true
		}
	}
	return nil, false
}

// cutAnchors takes the raw anchors out of is (an opening <a id> and its
// closing </a> with nothing between, or white space) and returns their
// names.
func cutAnchors(is []doc.Inline) ([]doc.Inline, []string) {
	var out []doc.Inline
	var ids []string
	for i := 0; i < len(is); i++ {
		if id, n := rawAnchor(is, i); n > 0 {
			ids = append(ids, id)
			i += n - 1
			continue
		}
		if t, ok := is[i].(*doc.Text); ok && strings.TrimSpace(t.Value) == "" && len(out) == 0 {
			continue
		}
		out = append(out, is[i])
	}
	if len(ids) == 0 {
		return is, nil
	}
	return out, ids
}

// placeAnchors turns the raw anchors of is into doc.Anchors where they
// stand.
func placeAnchors(is []doc.Inline) []doc.Inline {
	var out []doc.Inline
	for i := 0; i < len(is); i++ {
		if id, n := rawAnchor(is, i); n > 0 {
			if out == nil {
				out = append(make([]doc.Inline, 0, len(is)), is[:i]...)
			}
			out = append(out, &doc.Anchor{ID: id, Pos: is[i].Position()})
			i += n - 1
			continue
		}
		if out != nil {
			out = append(out, is[i])
		}
	}
	if out == nil {
		return is
	}
	return out
}

// rawAnchor reports a raw anchor starting at is[i]: its name and the
// number of nodes it takes (0 when there is none).
func rawAnchor(is []doc.Inline, i int) (string, int) {
	r, ok := is[i].(*doc.RawInline)
	if !ok {
		return "", 0
	}
	if m := reAnchorWhole().FindStringSubmatch(r.Text); m != nil {
		return m[1], 1
	}
	if m := reAnchorOpen().FindStringSubmatch(r.Text); m != nil && i+1 < len(is) {
		if c, ok := is[i+1].(*doc.RawInline); ok && reAnchorClose().MatchString(c.Text) {
			return m[1], 2
		}
	}
	return "", 0
}

// reRawID finds the ids raw HTML declares (kept with --unsafe-html).
var reRawID = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)\b(?:id|name)\s*=\s*["']?([^"'\s>]+)`)
})

func rawIDs(html string, targets map[string]bool) {
	for _, m := range reRawID().FindAllStringSubmatch(html, -1) {
		targets[m[1]] = true
	}
}

// HeadingFragments maps the fragments a link to d may name to d's
// heading ids: each id itself, the id the source gave, and GitHub's slug
// of the heading text (duplicates numbered -1, -2, … as GitHub does);
// then to its anchors' ids, by each id and the names the source gave.
// Earlier entries win.
func HeadingFragments(d *doc.Document) map[string]string {
	ids := map[string]string{}
	gh := map[string]int{}
	doc.Walk(d, func(n doc.Node, entering bool) doc.WalkStatus {
		h, ok := n.(*doc.Heading)
		if !ok || !entering || h.ID == "" {
			return doc.WalkContinue
		}
		if _, ok := ids[h.ID]; !ok {
			ids[h.ID] = h.ID
		}
		for _, a := range h.Anchors {
			if _, ok := ids[a]; !ok {
				ids[a] = h.ID
			}
		}
		s := GitHubSlug(doc.PlainText(h.Content))
		if k := gh[s]; k > 0 {
			gh[s] = k + 1
			s = fmt.Sprintf("%s-%d", s, k)
		} else {
			gh[s] = 1
		}
		if _, ok := ids[s]; !ok {
			ids[s] = h.ID
		}
		return doc.WalkSkipChildren
	})
	// Then the anchors in the text: a heading's name wins over theirs.
	doc.Walk(d, func(n doc.Node, entering bool) doc.WalkStatus {
		a, ok := n.(*doc.Anchor)
		if !ok || !entering || a.ID == "" {
			return doc.WalkContinue
		}
		for _, name := range append([]string{a.ID}, a.Names...) {
			if _, ok := ids[name]; !ok {
				ids[name] = a.ID
			}
		}
		return doc.WalkContinue
	})
	return ids
}

// GitHubSlug is the anchor GitHub gives a heading's text: lower case,
// letters, digits, '_' and '-' kept, each space a '-', the rest dropped.
func GitHubSlug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r) || r == '_' || r == '-':
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('-')
		}
	}
	return b.String()
}

// LookupFragment finds a fragment as written, else in lower case.
func LookupFragment(ids map[string]string, fragment string) (string, bool) {
	if id, ok := ids[fragment]; ok {
		return id, true
	}
	id, ok := ids[strings.ToLower(fragment)]
	return id, ok
}
