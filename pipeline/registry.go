package pipeline

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"folio/formats/article"
	"folio/formats/epub"
	"folio/formats/html"
	fjson "folio/formats/json"
	"folio/formats/markdown"
	"folio/formats/pdf"
	"folio/formats/webpage"
	"folio/pipeline/doc"
)

// ReadFunc is a reader: bytes in, tree out.
type ReadFunc func(src []byte, name string) (*doc.Document, []doc.Warning, error)

// Writer is what every output format implements.
type Writer interface {
	Write(ctx context.Context, d *doc.Document, w io.Writer) error
}

// readers are the input formats, by the name -f takes.
func readerFor(format string, o *Options) (ReadFunc, error) {
	switch format {
	case "markdown":
		return markdown.New(markdown.Options{RawHTML: o.UnsafeHTML}).Read, nil
	case "commonmark":
		return markdown.New(markdown.Options{CommonMark: true, RawHTML: o.UnsafeHTML}).Read, nil
	case "article":
		return article.New(article.Options{KeepBoilerplate: o.KeepBoilerplate}).Read, nil
	case "json":
		return fjson.Read, nil
	case "html":
		return webpage.New(webpage.Options{KeepBoilerplate: o.KeepBoilerplate}).Read, nil
	}
	return nil, fmt.Errorf("unknown input format %q (want %s)", format, strings.Join(InputFormats, ", "))
}

// InputFormats are the names -f accepts.
var InputFormats = []string{"markdown", "commonmark", "article", "html", "json"}

// outputFormat is one writer and the extension of the files it writes.
type outputFormat struct {
	ext string
	new func(o *Options) Writer
}

var outputs = map[string]outputFormat{
	"html": {".html", func(o *Options) Writer {
		return html.New(html.Options{Fragment: o.Fragment, UnsafeHTML: o.UnsafeHTML, SourceDate: o.SourceDate})
	}},
	"json": {".json", func(o *Options) Writer { return fjson.New(fjson.Options{}) }},
	"pdf": {".pdf", func(o *Options) Writer {
		return pdf.New(pdf.Options{Paper: o.Paper, Marking: o.Marking, Align: o.Align, SourceDate: o.SourceDate, Fonts: o.fontLibrary()})
	}},
	"epub": {".epub", func(o *Options) Writer { return epub.New(epub.Options{SourceDate: o.SourceDate}) }},
}

// OutputFormats lists the names -t accepts, sorted.
func OutputFormats() []string {
	var names []string
	for n := range outputs {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// Extension returns the file extension of an output format.
func Extension(format string) string { return outputs[format].ext }

// ParseFormats checks a -t list.
func ParseFormats(list []string) ([]string, error) {
	var out []string
	for _, f := range list {
		f = strings.ToLower(strings.TrimSpace(f))
		if f == "" {
			continue
		}
		if _, ok := outputs[f]; !ok {
			return nil, fmt.Errorf("unknown output format %q (want %s)", f, strings.Join(OutputFormats(), ", "))
		}
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no output format given")
	}
	return out, nil
}
