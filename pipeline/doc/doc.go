// Package doc is Folio's document tree: the one contract between readers and
// writers. A reader turns bytes into a *Document; normalize passes make it
// consistent; every writer renders it. The tree is plain Go values with
// exported fields so tests can build it by hand, and it imports nothing but
// the standard library.
//
// The set of node kinds is closed, in the spirit of Pandoc's Block/Inline:
// a writer handles every kind with one type switch. Every node carries the
// source position it came from so that warnings and errors can name
// file:line.
package doc

// Document is a whole article: its metadata, its body and its notes.
type Document struct {
	Meta   Meta    `json:"meta"`
	Blocks []Block `json:"blocks"`
	// Notes are footnote bodies, in order of first reference once the
	// normalize pass has numbered them.
	Notes []*Note `json:"notes,omitempty"`
	// TOC is the table of contents, built from the headings by normalize.
	TOC []*TOCEntry `json:"toc,omitempty"`
	// Resources are the images the document refers to, as bytes with a
	// sniffed type, sorted by Name. Image and Figure nodes point at them by
	// Name. Filled by the resource-resolution pass.
	Resources []*Resource `json:"resources,omitempty"`
}

// Resource returns the resource with the given name, or nil.
func (d *Document) Resource(name string) *Resource {
	if name == "" {
		return nil
	}
	for _, r := range d.Resources {
		if r.Name == name {
			return r
		}
	}
	return nil
}

// Note is the body of a footnote. Number is its 1-based position in order of
// first reference (0 until numbered); ID is the anchor writers use for it.
type Note struct {
	Label  string  `json:"label"`
	Number int     `json:"number,omitempty"`
	ID     string  `json:"id,omitempty"`
	Blocks []Block `json:"blocks"`
	Pos    Pos     `json:"pos"`
}

// TOCEntry is one heading in the table of contents, with the headings below
// it nested as Children.
type TOCEntry struct {
	Level    int         `json:"level"`
	ID       string      `json:"id"`
	Title    string      `json:"title"`
	Children []*TOCEntry `json:"children,omitempty"`
}

// MaxImagePixels is the most pixels an image may have (50 MP): the
// resource gate refuses a larger one before decoding it, and writers that
// decode images accept everything the gate let through.
const MaxImagePixels = 50_000_000

// Resource is an embedded file (an image) after resolution: its bytes and
// what they really are.
type Resource struct {
	// Name is stable and derived from the content (for example
	// "img-3f2a9c1d.png"), so output is reproducible and duplicates are
	// stored once.
	Name      string `json:"name"`
	MediaType string `json:"mediaType"`
	Width     int    `json:"width,omitempty"`
	Height    int    `json:"height,omitempty"`
	Data      []byte `json:"data"`
}
