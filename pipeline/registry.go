package pipeline

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"folio/pipeline/doc"
)

// ReadFunc is a reader: bytes in, tree out.
type ReadFunc func(src []byte, name string) (*doc.Document, []doc.Warning, error)

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
