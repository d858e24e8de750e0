package doc

import "strings"

// Meta is what the document says about itself. Strings are plain text
// (no markup). Date is kept as written in ISO 8601 form (YYYY-MM-DD or a
// full RFC 3339 time) so writers can show it and derive reproducible
// timestamps from it.
type Meta struct {
	Title     string   `json:"title,omitempty"`
	Subtitle  string   `json:"subtitle,omitempty"`
	Authors   []string `json:"authors,omitempty"`
	Date      string   `json:"date,omitempty"`
	Updated   string   `json:"updated,omitempty"`
	Dateline  string   `json:"dateline,omitempty"`
	Lang      string   `json:"lang,omitempty"`
	Source    string   `json:"source,omitempty"`
	Publisher string   `json:"publisher,omitempty"`
	Section   string   `json:"section,omitempty"`
	Tags      []string `json:"tags,omitempty"`
	Summary   string   `json:"summary,omitempty"`
	Cover     string   `json:"cover,omitempty"`
	// CoverRef names the resolved cover in Document.Resources.
	CoverRef   string `json:"coverRef,omitempty"`
	Rights     string `json:"rights,omitempty"`
	Identifier string `json:"identifier,omitempty"`
	// Extra keeps metadata keys Folio does not know, as text (scalars as
	// written, structures as JSON), so nothing the author wrote is lost.
	Extra map[string]string `json:"extra,omitempty"`
	// Pos is where the metadata came from (the front matter's first line).
	Pos Pos `json:"pos,omitzero"`
}

// rtlLangs are the primary language subtags written right to left.
var rtlLangs = map[string]bool{
	"ar": true, "fa": true, "he": true, "iw": true, "ur": true, "ps": true,
	"yi": true, "dv": true, "ckb": true, "sd": true, "ug": true,
}

// PrimaryLang returns the primary subtag of a BCP 47 tag, lower-cased
// ("pt-BR" → "pt").
func PrimaryLang(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	return tag
}

// IsRTL reports whether a language tag names a right-to-left language.
func IsRTL(tag string) bool { return rtlLangs[PrimaryLang(tag)] }

// Dir returns "rtl" or "ltr" for the document's language.
func (m *Meta) Dir() string {
	if IsRTL(m.Lang) {
		return "rtl"
	}
	return "ltr"
}

// SourceName is how a listing names where the document comes from: its
// publisher, else the host of its source URL without "www.", else the
// source as written.
func (m *Meta) SourceName() string {
	if p := strings.TrimSpace(m.Publisher); p != "" {
		return p
	}
	s := strings.TrimSpace(m.Source)
	i := strings.Index(s, "://")
	if i < 0 {
		return s
	}
	s = s[i+3:]
	if j := strings.IndexAny(s, "/?#"); j >= 0 {
		s = s[:j]
	}
	return strings.TrimPrefix(s, "www.")
}
