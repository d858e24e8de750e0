package doc

// Pack is several articles bound into one publication: a briefing pack
// with a cover, a contents list and each article after the other. The
// pipeline reads and normalizes every article on its own, then makes its
// anchors unique across the pack (PrefixIDs), so a writer can render the
// articles one after the other without two of them sharing an id.
type Pack struct {
	Meta     PackMeta    `json:"meta"`
	Articles []*Document `json:"articles"`
}

// PackMeta is what the pack says about itself; each article keeps its own
// Meta.
type PackMeta struct {
	Title    string `json:"title"`
	Subtitle string `json:"subtitle,omitempty"`
	// Date is ISO 8601 as written (YYYY-MM-DD), or empty.
	Date    string `json:"date,omitempty"`
	Marking string `json:"marking,omitempty"`
	Editor  string `json:"editor,omitempty"`
	// Lang is the language of the pack's own words (cover, contents,
	// footers); each article keeps its own.
	Lang string `json:"lang,omitempty"`
}

// Dir returns "rtl" or "ltr" for the pack's language.
func (m *PackMeta) Dir() string {
	if IsRTL(m.Lang) {
		return "rtl"
	}
	return "ltr"
}

// PrefixIDs makes every anchor of d start with prefix: heading ids, note
// and note reference ids, the anchors in the text, the table of contents and the internal links ("#id") that point at
// them. Links to ids the document does not have are left as they are.
func PrefixIDs(d *Document, prefix string) {
	ids := map[string]bool{}
	Walk(d, func(n Node, entering bool) WalkStatus {
		if h, ok := n.(*Heading); ok && entering && h.ID != "" {
			ids[h.ID] = true
			h.ID = prefix + h.ID
		}
		if r, ok := n.(*NoteRef); ok && entering && r.ID != "" {
			ids[r.ID] = true
			r.ID = prefix + r.ID
		}
		if a, ok := n.(*Anchor); ok && entering && a.ID != "" {
			ids[a.ID] = true
			a.ID = prefix + a.ID
		}
		return WalkContinue
	})
	for _, n := range d.Notes {
		if n != nil && n.ID != "" {
			ids[n.ID] = true
			n.ID = prefix + n.ID
		}
	}
	var toc func([]*TOCEntry)
	toc = func(es []*TOCEntry) {
		for _, e := range es {
			if e == nil {
				continue
			}
			if e.ID != "" {
				e.ID = prefix + e.ID
			}
			toc(e.Children)
		}
	}
	toc(d.TOC)
	Walk(d, func(n Node, entering bool) WalkStatus {
		if l, ok := n.(*Link); ok && entering && len(l.URL) > 1 && l.URL[0] == '#' && ids[l.URL[1:]] {
			l.URL = "#" + prefix + l.URL[1:]
		}
		return WalkContinue
	})
}
