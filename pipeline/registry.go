package pipeline

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"folio/pipeline/doc"
)

// ReadFunc is a reader: a loaded input (UTF-8, with the charset it was
// converted from) in, tree out.
type ReadFunc func(in *Input) (*doc.Document, []doc.Warning, error)

// utf8Reader adapts a reader of UTF-8 bytes, one that has no use for the
// input's charset, to a ReadFunc.
func utf8Reader(read func(src []byte, name string) (*doc.Document, []doc.Warning, error)) ReadFunc {
	return func(in *Input) (*doc.Document, []doc.Warning, error) { return read(in.Src, in.Name) }
}

// Writer is what every output format implements.
type Writer interface {
	Write(ctx context.Context, d *doc.Document, w io.Writer) error
}

// readerFor makes the reader of an input format.
func readerFor(format string, o *Options) (ReadFunc, error) {
	if f := formatNamed(format); f != nil && f.Read != nil {
		return f.Read(o), nil
	}
	return nil, fmt.Errorf("unknown input format %q (want %s)", format, strings.Join(InputFormats, ", "))
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
