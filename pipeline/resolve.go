package pipeline

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"net/url"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"folio/pipeline/doc"
	"folio/pipeline/normalize"
)

// Resolver reads the files a document refers to (images), sandboxed: only
// regular files inside the input's own folder or a --resource-path folder,
// through the one opener every file read goes through (open.go). Remote
// URLs are fetched only with --allow-remote (see Fetcher); file: URLs,
// device files and FIFOs are refused. Every refusal is a warning for the
// document, never an error.
//
// Each file is read once per document, however it is spelled
// (img.png, ./img.png, img.png?1, a/../img.png): results are kept by the
// cleaned path. Every path tried is recorded, found or not, so that
// --incremental rebuilds a document when an image it missed appears.
type Resolver struct {
	roots []string
	// remote fetches http(s) images; nil refuses them (the default).
	remote *Fetcher
	mu     sync.Mutex
	reads  map[string]string
	done   map[string]resolved
}

type resolved struct {
	res *doc.Resource
	err error
}

// NewResolver returns a resolver over the given folders, searched in order.
func NewResolver(roots ...string) *Resolver { return &Resolver{roots: roots} }

func refuse(code, format string, args ...any) error {
	return &normalize.ResourceError{Code: code, Msg: fmt.Sprintf(format, args...)}
}

// Resolve returns the bytes behind src.
func (r *Resolver) Resolve(ctx context.Context, src string, pos doc.Pos) (*doc.Resource, error) {
	src = strings.TrimSpace(src)
	if data, ok, err := dataURL(src); ok {
		if err != nil {
			return nil, err
		}
		return &doc.Resource{Data: data}, nil
	}
	u, err := url.Parse(src)
	if err != nil {
		return nil, refuse("image-not-found", "not a valid reference: %v", err)
	}
	switch strings.ToLower(u.Scheme) {
	case "":
	case "http", "https":
		if r.remote == nil {
			return nil, refuse("remote-disabled", "remote images are not fetched without --allow-remote")
		}
		data, err := r.remote.Fetch(ctx, u)
		if err != nil {
			return nil, err
		}
		return &doc.Resource{Data: data}, nil
	default:
		return nil, refuse("outside-root", "%s: references are not followed", u.Scheme)
	}
	name := u.Path
	if err := checkName(name); err != nil {
		return nil, resourceErr(err)
	}
	if name == "" || path.IsAbs(name) || strings.HasPrefix(name, "\\") {
		return nil, refuse("outside-root", "absolute paths are not read")
	}
	name = path.Clean(name)
	if name == ".." || strings.HasPrefix(name, "../") {
		return nil, refuse("outside-root", "the path leaves the input's folder")
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if d, ok := r.done[name]; ok {
		return d.res, d.err
	}
	res, err := r.readLocal(name)
	if r.done == nil {
		r.done = map[string]resolved{}
	}
	r.done[name] = resolved{res, err}
	return res, err
}

// readLocal reads name from the first root that has it, recording every
// path tried; r.mu is held.
func (r *Resolver) readLocal(name string) (*doc.Resource, error) {
	if r.reads == nil {
		r.reads = map[string]string{}
	}
	var lastErr error = refuse("image-not-found", "no such file")
	for _, dir := range r.roots {
		p := filepath.Join(dir, filepath.FromSlash(name))
		data, err := readIn(dir, name, imageLimit)
		if err == nil {
			r.reads[p] = digest(data)
			return &doc.Resource{Data: data}, nil
		}
		lastErr = err
		if !errors.Is(err, fs.ErrNotExist) {
			break
		}
		r.reads[p] = "" // missing: --incremental watches for it
	}
	if errors.Is(lastErr, fs.ErrNotExist) {
		return nil, refuse("image-not-found", "no such file in the input's folder")
	}
	return nil, resourceErr(lastErr)
}

var imageLimit = fileLimit{max: normalize.MaxImageBytes, code: "image-too-large"}

// resourceErr turns a refusal of the opener into a resource warning.
func resourceErr(err error) error {
	var fe *FileError
	if errors.As(err, &fe) {
		return refuse(fe.Code, "%s", fe.Msg)
	}
	return refuse("image-not-found", "%v", unwrapPath(err))
}

// Reads returns the files read (or looked for and missing, with "") and
// their SHA-256.
func (r *Resolver) Reads() map[string]string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return maps.Clone(r.reads)
}

// dataURL decodes a data: URL image; ok is false when src is not one.
func dataURL(src string) ([]byte, bool, error) {
	if len(src) < 5 || !strings.EqualFold(src[:5], "data:") {
		return nil, false, nil
	}
	meta, payload, found := strings.Cut(src[5:], ",")
	if !found || !strings.HasSuffix(strings.ToLower(meta), ";base64") {
		return nil, true, refuse("not-an-image", "only base64 data: URLs are read")
	}
	// Pages wrap long data: URLs over several lines.
	payload = strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' {
			return -1
		}
		return r
	}, payload)
	// The same limit as a file, checked before anything is decoded.
	if len(payload) > base64.StdEncoding.EncodedLen(normalize.MaxImageBytes) {
		return nil, true, refuse("image-too-large", "data: URL larger than %d bytes", normalize.MaxImageBytes)
	}
	data, err := base64.StdEncoding.DecodeString(payload)
	if err != nil {
		return nil, true, refuse("corrupt-image", "bad base64 in data: URL")
	}
	return data, true, nil
}
