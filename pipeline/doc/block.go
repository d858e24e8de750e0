package doc

// Node is any block or inline. Kind names the node type as it appears in
// JSON ("Paragraph", "Text", …).
type Node interface {
	Kind() string
	Position() Pos
}

// Block is a node that stands on its own lines.
type Block interface {
	Node
	isBlock()
}

// Heading is a section title. Level is 1–6; ID is the anchor, unique in the
// document after normalize.
type Heading struct {
	Level int    `json:"level"`
	ID    string `json:"id,omitempty"`
	// Anchors are other fragments the source gave the heading (a raw
	// HTML anchor just before it or in it: <a id="1.2.0"></a>); a link
	// to one lands on the heading.
	Anchors []string `json:"anchors,omitempty"`
	Content []Inline `json:"content"`
	Pos     Pos      `json:"pos,omitzero"`
}

// Paragraph is running text.
type Paragraph struct {
	Content []Inline `json:"content"`
	Pos     Pos      `json:"pos,omitzero"`
}

// List is a bullet or ordered list. Start is the first number of an ordered
// list. Tight lists have no blank lines between items (their paragraphs are
// rendered without paragraph spacing).
type List struct {
	Ordered bool        `json:"ordered,omitempty"`
	Start   int         `json:"start,omitempty"`
	Tight   bool        `json:"tight,omitempty"`
	Items   []*ListItem `json:"items"`
	Pos     Pos         `json:"pos,omitzero"`
}

// ListItem is one item of a List. Task is true for a GFM task item, with
// Checked saying whether its box is ticked.
type ListItem struct {
	Task    bool    `json:"task,omitempty"`
	Checked bool    `json:"checked,omitempty"`
	Blocks  []Block `json:"blocks"`
	Pos     Pos     `json:"pos,omitzero"`
}

// BlockQuote is quoted material.
type BlockQuote struct {
	Blocks []Block `json:"blocks"`
	Pos    Pos     `json:"pos,omitzero"`
}

// CodeBlock is preformatted text. Text ends with a newline when non-empty.
// TextLine is the input line that holds Text's first line when that is not
// Pos.Line (a fenced block's text starts below its fence), 0 otherwise;
// Text's lines follow it one for one, so a warning about a character in
// the block can name its line (TextPos).
type CodeBlock struct {
	Language string `json:"language,omitempty"`
	Text     string `json:"text"`
	Pos      Pos    `json:"pos,omitzero"`
	TextLine int    `json:"textLine,omitempty"`
}

// TextPos is the position of line k (from 0) of the block's text.
func (n *CodeBlock) TextPos(k int) Pos {
	p := n.Pos
	if !p.IsValid() {
		return p
	}
	if n.TextLine > 0 {
		p.Line = n.TextLine
	}
	p.Line += k
	p.Col = 0
	return p
}

// Align is a table column's alignment: "", "left", "center" or "right".
type Align string

const (
	AlignDefault Align = ""
	AlignLeft    Align = "left"
	AlignCenter  Align = "center"
	AlignRight   Align = "right"
)

// Cell is one table cell.
type Cell struct {
	Content []Inline `json:"content"`
}

// Row is one table row.
type Row struct {
	Cells []*Cell `json:"cells"`
}

// Table is a grid with header rows and body rows. Align has one entry per
// column.
type Table struct {
	Align  []Align `json:"align"`
	Header []*Row  `json:"header,omitempty"`
	Body   []*Row  `json:"body,omitempty"`
	Pos    Pos     `json:"pos,omitzero"`
}

// Figure is an image standing alone, with an optional caption and credit.
// Src may be empty when the image is gone and only its caption or credit
// survives (scraped articles); writers then show the text only. Ref names
// the resolved image in Document.Resources.
type Figure struct {
	Src string `json:"src,omitempty"`
	// Fallback are other sources of the same picture, tried in order when
	// Src cannot be read (a web page's smaller srcset candidates, its
	// lazy-loading and plain src).
	Fallback []string `json:"fallback,omitempty"`
	Alt      string   `json:"alt,omitempty"`
	Title    string   `json:"title,omitempty"`
	Ref      string   `json:"ref,omitempty"`
	Caption  []Inline `json:"caption,omitempty"`
	Credit   string   `json:"credit,omitempty"`
	Pos      Pos      `json:"pos,omitzero"`
}

// ThematicBreak is a scene break (a horizontal rule).
type ThematicBreak struct {
	Pos Pos `json:"pos,omitzero"`
}

// DefItem is one term of a DefinitionList and its definitions.
type DefItem struct {
	Term        []Inline  `json:"term"`
	Definitions [][]Block `json:"definitions"`
	Pos         Pos       `json:"pos,omitzero"`
}

// DefinitionList is a list of terms and definitions.
type DefinitionList struct {
	Items []*DefItem `json:"items"`
	Pos   Pos        `json:"pos,omitzero"`
}

// RawBlock is markup in another format (Format "html") copied from the
// input. It is untrusted: writers drop it unless told otherwise.
type RawBlock struct {
	Format string `json:"format"`
	Text   string `json:"text"`
	Pos    Pos    `json:"pos,omitzero"`
}

func (*Heading) Kind() string        { return "Heading" }
func (*Paragraph) Kind() string      { return "Paragraph" }
func (*List) Kind() string           { return "List" }
func (*BlockQuote) Kind() string     { return "BlockQuote" }
func (*CodeBlock) Kind() string      { return "CodeBlock" }
func (*Table) Kind() string          { return "Table" }
func (*Figure) Kind() string         { return "Figure" }
func (*ThematicBreak) Kind() string  { return "ThematicBreak" }
func (*DefinitionList) Kind() string { return "DefinitionList" }
func (*RawBlock) Kind() string       { return "RawBlock" }

func (n *Heading) Position() Pos        { return n.Pos }
func (n *Paragraph) Position() Pos      { return n.Pos }
func (n *List) Position() Pos           { return n.Pos }
func (n *BlockQuote) Position() Pos     { return n.Pos }
func (n *CodeBlock) Position() Pos      { return n.Pos }
func (n *Table) Position() Pos          { return n.Pos }
func (n *Figure) Position() Pos         { return n.Pos }
func (n *ThematicBreak) Position() Pos  { return n.Pos }
func (n *DefinitionList) Position() Pos { return n.Pos }
func (n *RawBlock) Position() Pos       { return n.Pos }

func (*Heading) isBlock()        {}
func (*Paragraph) isBlock()      {}
func (*List) isBlock()           {}
func (*BlockQuote) isBlock()     {}
func (*CodeBlock) isBlock()      {}
func (*Table) isBlock()          {}
func (*Figure) isBlock()         {}
func (*ThematicBreak) isBlock()  {}
func (*DefinitionList) isBlock() {}
func (*RawBlock) isBlock()       {}
