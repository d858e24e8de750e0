package pipeline

import (
	"slices"

	"folio/formats/article"
	"folio/formats/epub"
	"folio/formats/html"
	fjson "folio/formats/json"
	"folio/formats/markdown"
	"folio/formats/pdf"
	"folio/formats/webpage"
	"folio/pipeline/doc"
)

// Format is one format Folio reads, writes or both. Formats is the one
// list: -f and -t, --help and the README's flag table, Detect, the folder
// search, the output names and the pack code all read it, so adding a
// format is one entry.
type Format struct {
	// Name is what -f and -t take.
	Name string
	// Exts are the extensions Detect gives this format to (inputs); the
	// first is the extension of the files it writes.
	Exts []string
	// Search are the extensions a folder search picks up, in the order
	// --help lists them.
	Search []string
	// Sniff recognises the format by content when the extension says
	// nothing; sniffers run in SniffRank order (lowest first), and an
	// input no sniffer claims is the defaultFormat.
	Sniff     func(src []byte) bool
	SniffRank int
	// Decode is load's charset decoder for a format that declares its
	// charset (a saved page): it returns the input in UTF-8 and the
	// charset it converted from ("" when it left the bytes alone), with a
	// warning when it converted. nil: the input must be UTF-8.
	Decode func(src []byte, name string) (utf8 []byte, from string, w *doc.Warning)
	// Read makes the reader (nil: not an input format).
	Read func(o *Options) ReadFunc
	// Write makes the writer (nil: not an output format).
	Write func(o *Options) Writer
	// Made recognises a file this format's writer made from its first
	// MarkWindow bytes, so a folder search (which finds files by Search)
	// does not take last run's output for an input; nil: the format leaves
	// no mark.
	Made       func(head []byte) bool
	MarkWindow int
	// Pack is set when the writer also binds packs (it is a PackWriter;
	// TestFormatTable checks the two agree).
	Pack bool
}

// Formats lists every format, inputs in the order --help names them.
var Formats = []Format{
	{Name: "markdown", Exts: []string{".md", ".markdown", ".mdown", ".mkd"}, Search: []string{".md", ".markdown"},
		Sniff: markdown.Sniff, SniffRank: 3,
		Read: func(o *Options) ReadFunc {
			return utf8Reader(markdown.New(markdown.Options{RawHTML: o.UnsafeHTML}).Read)
		}},
	{Name: "commonmark",
		Read: func(o *Options) ReadFunc {
			return utf8Reader(markdown.New(markdown.Options{CommonMark: true, RawHTML: o.UnsafeHTML}).Read)
		}},
	{Name: "article", Exts: []string{".txt", ".text"}, Search: []string{".txt"},
		Read: func(o *Options) ReadFunc {
			return utf8Reader(article.New(article.Options{KeepBoilerplate: o.KeepBoilerplate}).Read)
		}},
	{Name: "html", Exts: []string{".html", ".htm", ".xhtml"}, Search: []string{".html", ".htm"},
		Sniff: webpage.Sniff, SniffRank: 2, Decode: webpage.Decode,
		Read: func(o *Options) ReadFunc {
			r := webpage.New(webpage.Options{KeepBoilerplate: o.KeepBoilerplate})
			return func(in *Input) (*doc.Document, []doc.Warning, error) {
				return r.ReadDecoded(in.Src, in.Name, in.Charset)
			}
		},
		Write: func(o *Options) Writer {
			return html.New(html.Options{Fragment: o.Fragment, UnsafeHTML: o.UnsafeHTML, SourceDate: o.SourceDate})
		},
		Made: html.MadeByFolio, MarkWindow: html.MarkWindow,
		Pack: true},
	{Name: "json", Exts: []string{".json"}, Sniff: fjson.Sniff, SniffRank: 1,
		Read:  func(o *Options) ReadFunc { return utf8Reader(fjson.Read) },
		Write: func(o *Options) Writer { return fjson.New(fjson.Options{}) }},
	{Name: "pdf", Exts: []string{".pdf"},
		Write: func(o *Options) Writer {
			return pdf.New(pdf.Options{Paper: o.Paper, Marking: o.Marking, Align: o.Align, SourceDate: o.SourceDate, Fonts: o.fontLibrary()})
		},
		Pack: true},
	{Name: "epub", Exts: []string{".epub"},
		Write: func(o *Options) Writer { return epub.New(epub.Options{SourceDate: o.SourceDate}) },
		Pack:  true},
}

// defaultFormat is the format of an input nothing else claims: text
// copied from a web page.
const defaultFormat = "article"

// formatNamed returns the entry for a name, or nil.
func formatNamed(name string) *Format {
	for i := range Formats {
		if Formats[i].Name == name {
			return &Formats[i]
		}
	}
	return nil
}

// InputFormats are the names -f accepts, in the table's order.
var InputFormats = func() []string {
	var names []string
	for _, f := range Formats {
		if f.Read != nil {
			names = append(names, f.Name)
		}
	}
	return names
}()

// sniffOrder are the formats with a sniffer, by rank.
var sniffOrder = func() []Format {
	var fs []Format
	for _, f := range Formats {
		if f.Sniff != nil {
			fs = append(fs, f)
		}
	}
	slices.SortStableFunc(fs, func(a, b Format) int { return a.SniffRank - b.SniffRank })
	return fs
}()

// folderExts are the extensions a folder search picks up.
var folderExts = func() []string {
	var exts []string
	for _, f := range Formats {
		exts = append(exts, f.Search...)
	}
	return exts
}()

// FolderExtensions lists the extensions a folder is searched for.
func FolderExtensions() []string { return slices.Clone(folderExts) }

// outputFormat is one writer and the extension of the files it writes.
type outputFormat struct {
	ext string
	new func(o *Options) Writer
}

// outputs indexes the table's writers by name (tests add failing writers
// to it).
var outputs = func() map[string]outputFormat {
	m := map[string]outputFormat{}
	for _, f := range Formats {
		if f.Write != nil {
			m[f.Name] = outputFormat{f.Exts[0], f.Write}
		}
	}
	return m
}()

// OutputFormats lists the names -t accepts, sorted.
func OutputFormats() []string {
	var names []string
	for _, f := range Formats {
		if f.Write != nil {
			names = append(names, f.Name)
		}
	}
	slices.Sort(names)
	return names
}

// PackFormats are the output formats a pack can be written in, sorted.
func PackFormats() []string {
	var names []string
	for _, f := range OutputFormats() {
		if formatNamed(f).Pack {
			names = append(names, f)
		}
	}
	return names
}
