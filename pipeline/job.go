package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"time"

	"gopkg.in/yaml.v3"

	"folio/assets/fonts"
	"folio/pipeline/doc"
	"folio/pipeline/normalize"
)

// Options are the settings of a run, shared by every document.
type Options struct {
	Formats []string
	// From forces the input format; empty detects it per input.
	From string
	// Meta are --meta key=value pairs, applied in order after the
	// document's own metadata and its sidecar.
	Meta            [][2]string
	Fragment        bool
	UnsafeHTML      bool
	Lossy           bool
	KeepBoilerplate bool
	MaxInputSize    int64
	Paper           string
	Marking         string
	// Align is how the PDF sets body text: "justify" or "left".
	Align string
	// SourceDate is the time used where a document has no date
	// (SOURCE_DATE_EPOCH).
	SourceDate time.Time
	// ResourcePaths are extra folders images may be read from.
	ResourcePaths []string
	// Fonts are font files the PDF writer tries, before the system's, for
	// characters the bundled faces lack (--font); FontLibrary, when set,
	// is the library over them and the system's fonts, shared by the run
	// (see fontLibrary).
	Fonts       []string
	FontLibrary *fonts.Library `json:"-"`
	// AllowRemote fetches http(s) images (public addresses only, with
	// size, time and redirect limits); without it they are refused.
	AllowRemote bool
	// fetcher, when set, replaces the default fetcher (tests).
	fetcher *Fetcher
	// Isolate converts each document in a worker process (see
	// isolate.go): --timeout then kills it, and it has a memory limit.
	Isolate bool `json:"-"`
	// WorkerMemory is a worker's memory limit in bytes (0: the default).
	WorkerMemory int64 `json:"-"`
	// WorkerCommand starts a worker; empty means this executable with
	// WorkerFlag.
	WorkerCommand []string `json:"-"`
	// Timeout bounds each document's conversion; zero means none.
	Timeout time.Duration
	// Debug adds stack traces to internal errors.
	Debug bool `json:"-"`
	// BaseURL, when set, turns relative links that name no input of the
	// run into absolute URLs resolved against it (--base-url); it stands
	// for the working directory.
	BaseURL string `json:",omitempty"`
	// Links, when set, are the run's inputs: a link to one of them points
	// to its output (see links.go).
	Links *Links `json:",omitempty"`
}

// Job is one input and where its outputs go.
type Job struct {
	// Name is the input path as given, or "-" for standard input.
	Name string
	// OutBase is the output path without extension.
	OutBase string
	// Src, when set, is the input (standard input); otherwise Name is read.
	Src []byte
}

// Output is one written file.
type Output struct {
	Format string `json:"format"`
	Path   string `json:"path"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// Result is what happened to one input.
type Result struct {
	Input    string             `json:"input"`
	Format   string             `json:"format,omitempty"`
	Outputs  []Output           `json:"outputs,omitempty"`
	Warnings []doc.Warning      `json:"warnings,omitempty"`
	Err      error              `json:"-"`
	Timings  map[string]float64 `json:"timings_ms,omitempty"`
	// Deps are the files the document read besides the input (images),
	// with their SHA-256: what --incremental must also watch.
	Deps map[string]string `json:"-"`
}

// Convert runs one job through every stage. It never panics: a panic in a
// reader, pass or writer becomes an internal-error for this document.
// Either every requested output is written, or none is.
func Convert(ctx context.Context, job Job, o *Options) (res *Result) {
	res = &Result{Input: job.Name, Timings: map[string]float64{}}
	var warns doc.Collector
	ctx = doc.WithWarn(ctx, warns.Add)
	defer func() {
		if p := recover(); p != nil {
			res.Err = internalError(job.Name, "pipeline", p, o.Debug)
			res.Outputs = nil
		}
		res.Warnings = dedupeWarnings(nameFile(append(res.Warnings, warns.Warnings()...), job.Name))
	}()
	d, err := read(ctx, job, o, res)
	if err != nil {
		res.Err = err
		return res
	}
	res.Err = writeAll(ctx, d, job, o, res)
	return res
}

func stage(res *Result, name string, start time.Time) {
	res.Timings[name] += float64(time.Since(start).Microseconds()) / 1000
}

// read turns a job into a normalized tree in three stages: load (the
// bytes, checked and decoded to UTF-8, and their format), read (the
// format's reader) and normalize (sidecar and --meta metadata, then the
// normalize passes).
func read(ctx context.Context, job Job, o *Options, res *Result) (*doc.Document, error) {
	start := time.Now()
	in, err := loadJob(job, o, res)
	stage(res, "load", start)
	if err != nil {
		return nil, err
	}
	res.Format = in.Format
	start = time.Now()
	d, err := readDoc(in, o, res)
	stage(res, "read", start)
	if err != nil {
		return nil, err
	}
	start = time.Now()
	err = normalizeDoc(ctx, d, job, o, res)
	if err == nil {
		linkPass(ctx, d, job, o)
	}
	stage(res, "normalize", start)
	return d, err
}

// readDoc runs the input's reader.
func readDoc(in *Input, o *Options, res *Result) (*doc.Document, error) {
	readFn, err := readerFor(in.Format, o)
	if err != nil {
		return nil, &doc.Error{Pos: doc.Pos{File: in.Name}, Code: "format", Err: err}
	}
	d, warns, err := safeRead(readFn, in, o.Debug)
	res.Warnings = append(res.Warnings, warns...)
	if err != nil {
		return nil, err
	}
	if d.Meta.Pos.File == "" {
		// Warnings about the document as a whole (empty, title glyphs)
		// name the file even when it has no front matter.
		d.Meta.Pos = doc.Pos{File: in.Name, Line: 1}
	}
	return d, nil
}

// normalizeDoc merges the sidecar and --meta over the document's own
// metadata, then runs the normalize passes (the nesting cap first), with
// images resolved beside the input.
func normalizeDoc(ctx context.Context, d *doc.Document, job Job, o *Options, res *Result) error {
	if err := applyMeta(job, d, o); err != nil {
		return err
	}
	resolver := resolverFor(job, o)
	norm := &normalize.Options{
		Fragment:   o.Fragment,
		UnsafeHTML: o.UnsafeHTML,
		Stem:       stem(job.Name),
		Resolve:    resolver.Resolve,
	}
	err := normalize.Run(ctx, d, norm)
	res.Deps = resolver.Reads()
	return err
}

func loadJob(job Job, o *Options, res *Result) (*Input, error) {
	lo := LoadOptions{MaxSize: o.MaxInputSize, Lossy: o.Lossy, From: o.From}
	var in *Input
	var warns []doc.Warning
	var err error
	if job.Src != nil || job.Name == "-" {
		in, warns, err = Load(job.Name, bytes.NewReader(job.Src), lo)
	} else {
		var src []byte
		if src, err = readInput(job.Name, o.MaxInputSize); err != nil {
			return nil, err
		}
		in, warns, err = Load(job.Name, bytes.NewReader(src), lo)
	}
	res.Warnings = append(res.Warnings, warns...)
	return in, err
}

// readInput reads an input file through the sandbox: a symbolic link
// out of its folder, a FIFO or device, or a file over the input size limit
// is refused before anything is read.
func readInput(name string, max int64) ([]byte, error) {
	if max <= 0 {
		max = DefaultMaxInputSize
	}
	src, err := readPath(name, fileLimit{max: max, code: "input-too-large",
		what: "input", limit: "--max-input-size",
		hint: "raise it, e.g. --max-input-size 8MB, if the input is meant to be this big"})
	return src, fileErr(name, 0, "open", err)
}

// fileErr turns an error of the sandboxed opener into a document error
// naming file (and line, when known), with code for other failures.
func fileErr(file string, line int, code string, err error) error {
	if err == nil {
		return nil
	}
	pos := doc.Pos{File: file, Line: line}
	var fe *FileError
	if errors.As(err, &fe) {
		return doc.Errorf(pos, fe.Code, "%s", fe.Msg)
	}
	return &doc.Error{Pos: pos, Code: code, Err: unwrapPath(err)}
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func safeRead(fn ReadFunc, in *Input, debug bool) (d *doc.Document, warns []doc.Warning, err error) {
	defer func() {
		if p := recover(); p != nil {
			d, err = nil, internalError(in.Name, in.Format+" reader", p, debug)
		}
	}()
	d, warns, err = fn(in)
	if err == nil && d == nil {
		err = doc.Errorf(doc.Pos{File: in.Name}, "internal-error", "%s reader returned no document", in.Format)
	}
	return d, warns, err
}

func internalError(name, where string, p any, withStack bool) error {
	msg := fmt.Sprintf("panic in %s: %v (please report this with the input)", where, p)
	if withStack {
		msg += "\n" + string(debug.Stack())
	}
	return doc.Errorf(doc.Pos{File: name}, "internal-error", "%s", msg)
}

func stem(name string) string {
	if name == "-" || name == "" {
		return "untitled"
	}
	base := filepath.Base(name)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

func resolverFor(job Job, o *Options) *Resolver {
	var roots []string
	if job.Name != "-" && job.Src == nil {
		roots = append(roots, filepath.Dir(job.Name))
	}
	r := NewResolver(append(roots, o.ResourcePaths...)...)
	if o.AllowRemote {
		r.remote = o.fetcher
		if r.remote == nil {
			r.remote = NewFetcher()
		}
	}
	return r
}

// applyMeta merges NAME.meta.yaml beside the input, then --meta pairs, over
// what the document says about itself.
func applyMeta(job Job, d *doc.Document, o *Options) error {
	if job.Name != "-" && job.Src == nil {
		side := sidecarPath(job.Name)
		b, err := readSidecar(side)
		if err != nil {
			return err
		}
		if b != nil {
			if err := applySidecar(side, b, &d.Meta); err != nil {
				return err
			}
		}
	}
	for _, kv := range o.Meta {
		if err := d.Meta.Set(kv[0], kv[1]); err != nil {
			return doc.Errorf(doc.Pos{File: "--meta"}, "meta", "%v", err)
		}
	}
	return nil
}

func sidecarPath(input string) string {
	return strings.TrimSuffix(input, filepath.Ext(input)) + ".meta.yaml"
}

// maxSidecar is the largest NAME.meta.yaml read: the front matter's cap.
const maxSidecar = 64 << 10

// readSidecar reads NAME.meta.yaml through the sandbox; nil when there is
// none. One that is a link out of the input's folder, a FIFO or device,
// or larger than 64 KiB fails the document, naming the sidecar.
func readSidecar(side string) ([]byte, error) {
	b, err := readPath(side, fileLimit{max: maxSidecar, code: "front-matter-too-large",
		hint: "a metadata file holds at most 64 KiB"})
	var fe *FileError
	if errors.Is(err, fs.ErrNotExist) || errors.As(err, &fe) && fe.Code == "invalid-path" {
		return nil, nil // none, or a name too long to exist beside a long input name
	}
	return b, fileErr(side, 1, "meta", err)
}

func applySidecar(name string, b []byte, m *doc.Meta) error {
	var node yaml.Node
	if err := yaml.Unmarshal(b, &node); err != nil {
		return &doc.Error{Pos: doc.Pos{File: name, Line: yamlLine(err)}, Code: "meta", Err: err}
	}
	if len(node.Content) == 0 {
		return nil
	}
	root := node.Content[0]
	if root.Kind != yaml.MappingNode {
		return doc.Errorf(doc.Pos{File: name, Line: root.Line}, "meta", "want key: value pairs")
	}
	var entries []doc.MetaEntry
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		var val any
		if err := v.Decode(&val); err != nil {
			return &doc.Error{Pos: doc.Pos{File: name, Line: v.Line}, Code: "meta", Err: err}
		}
		entries = append(entries, doc.MetaEntry{Key: k.Value, Value: val, Line: v.Line})
	}
	// The front matter's setter; here a value that does not fit fails
	// the document, at its line.
	var first error
	m.SetMapping(entries, func(line int, err *doc.MetaError) {
		if first == nil {
			first = &doc.Error{Pos: doc.Pos{File: name, Line: line}, Code: "meta", Err: err}
		}
	})
	return first
}

// yamlLine digs the line number out of a yaml.v3 error message.
func yamlLine(err error) int {
	var n int
	if _, e := fmt.Sscanf(strings.TrimPrefix(err.Error(), "yaml: "), "line %d:", &n); e == nil {
		return n
	}
	return 1
}

// writeAll fans the tree out to every writer at once, each into a temporary
// file; only when all succeed are they renamed into place.
func writeAll(ctx context.Context, d *doc.Document, job Job, o *Options, res *Result) error {
	return writeOutputs(ctx, job.OutBase, job.Name, o, res, func(ctx context.Context, f string, p io.Writer) error {
		return safeWrite(ctx, docWriter(outputs[f].new(o), d), p, job.Name, f, o.Debug)
	})
}

// writeOutputs runs render for every format of o at once, each into a
// temporary file beside outBase+extension; only when all succeed are they
// committed together (all or none, see commitAll), and their names
// recorded in res.
func writeOutputs(ctx context.Context, outBase, name string, o *Options, res *Result, render func(ctx context.Context, format string, w io.Writer) error) error {
	type out struct {
		format string
		p      *pending
		err    error
		ms     float64
	}
	outs := make([]*out, len(o.Formats))
	temps := tempSetOf(ctx)
	var wg sync.WaitGroup
	for i, f := range o.Formats {
		outs[i] = &out{format: f}
		p, err := create(outBase + outputs[f].ext)
		if err == nil && !temps.add(p) {
			p, err = nil, ctx.Err()
		}
		if err != nil {
			outs[i].err = err
			continue
		}
		outs[i].p = p
		wg.Go(func() {
			start := time.Now()
			outs[i].err = render(ctx, f, p)
			outs[i].ms = float64(time.Since(start).Microseconds()) / 1000
		})
	}
	wg.Wait()
	var firstErr error
	for _, x := range outs {
		res.Timings["write-"+x.format] = x.ms
		if x.err != nil && firstErr == nil {
			firstErr = x.err
		}
	}
	if firstErr == nil {
		firstErr = ctx.Err()
	}
	var ps []*pending
	for _, x := range outs {
		if x.p != nil {
			ps = append(ps, x.p)
		}
	}
	if firstErr != nil {
		abortAll(ps)
	} else if firstErr = temps.commit(ps); firstErr == nil {
		for _, x := range outs {
			res.Outputs = append(res.Outputs, Output{Format: x.format, Path: x.p.target, Size: x.p.size, SHA256: x.p.digest()})
		}
	}
	if firstErr != nil {
		var de *doc.Error
		if !errors.As(firstErr, &de) {
			firstErr = &doc.Error{Pos: doc.Pos{File: name}, Code: "write", Err: firstErr}
		}
	}
	return firstErr
}

// docWriter is w writing d, in the shape safeWrite takes.
func docWriter(w Writer, d *doc.Document) func(context.Context, io.Writer) error {
	return func(ctx context.Context, out io.Writer) error { return w.Write(ctx, d, out) }
}

func safeWrite(ctx context.Context, write func(context.Context, io.Writer) error, p io.Writer, name, format string, debug bool) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = internalError(name, format+" writer", r, debug)
		}
	}()
	if err := write(ctx, p); err != nil {
		var de *doc.Error
		if errors.As(err, &de) {
			return err
		}
		return &doc.Error{Pos: doc.Pos{File: name}, Code: format, Msg: format + " writer", Err: err}
	}
	return nil
}

// nameFile gives every warning that names no file (a node of a JSON
// tree carries no position unless the tree says so) the input's name, so
// every warning says which document it is about.
func nameFile(ws []doc.Warning, name string) []doc.Warning {
	for i := range ws {
		if ws[i].Pos.File == "" {
			ws[i].Pos.File = name
		}
	}
	return ws
}

// dedupeWarnings sorts warnings by position and drops exact repeats (same
// place, code and message): a writer may meet the same problem more than
// once. Different warnings on one line all stay: five bad images on one
// line are five warnings, each naming its file.
func dedupeWarnings(ws []doc.Warning) []doc.Warning {
	sortWarnings(ws)
	type key struct {
		pos        doc.Pos
		code, text string
	}
	seen := map[key]bool{}
	out := ws[:0]
	for _, w := range ws {
		k := key{w.Pos, w.Code, w.Message}
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, w)
	}
	return out
}

func sortWarnings(ws []doc.Warning) {
	sort.SliceStable(ws, func(i, j int) bool {
		a, b := ws[i].Pos, ws[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		// The writers run at once: at one place, the order they warned
		// in is not the run's to keep.
		if ws[i].Code != ws[j].Code {
			return ws[i].Code < ws[j].Code
		}
		return ws[i].Message < ws[j].Message
	})
}
