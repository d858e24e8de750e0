package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"syscall"

	"folio/pipeline/doc"
	"folio/pipeline/normalize"
)

// Resolver reads the files a document refers to (images), sandboxed: only
// regular files inside the input's own folder or a --resource-path folder,
// after resolving symlinks (os.Root refuses "..", absolute paths and links
// that leave the root). Remote URLs are fetched only with --allow-remote
// (see Fetcher); file: URLs, device
// files and FIFOs are refused. Every refusal is a warning for the document,
// never an error.
type Resolver struct {
	roots []string
	// remote fetches http(s) images; nil refuses them (the default).
	remote *Fetcher
	mu     sync.Mutex
	reads  map[string]string
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
	if name == "" || path.IsAbs(name) || strings.HasPrefix(name, "\\") {
		return nil, refuse("outside-root", "absolute paths are not read")
	}
	name = path.Clean(name)
	if name == ".." || strings.HasPrefix(name, "../") {
		return nil, refuse("outside-root", "the path leaves the input's folder")
	}
	var lastErr error = refuse("image-not-found", "no such file")
	for _, dir := range r.roots {
		data, err := readInRoot(dir, name)
		if err == nil {
			r.record(filepath.Join(dir, filepath.FromSlash(name)), data)
			return &doc.Resource{Data: data}, nil
		}
		lastErr = err
		if !errors.Is(err, fs.ErrNotExist) {
			break
		}
	}
	if errors.Is(lastErr, fs.ErrNotExist) {
		return nil, refuse("image-not-found", "no such file in the input's folder")
	}
	return nil, lastErr
}

func (r *Resolver) record(path string, data []byte) {
	sum := sha256.Sum256(data)
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.reads == nil {
		r.reads = map[string]string{}
	}
	r.reads[path] = hex.EncodeToString(sum[:])
}

// Reads returns the files read so far and their SHA-256.
func (r *Resolver) Reads() map[string]string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return maps.Clone(r.reads)
}

func readInRoot(dir, name string) ([]byte, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	// O_NONBLOCK: opening a FIFO for reading must not wait for a writer.
	f, err := root.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		if strings.Contains(err.Error(), "escapes") || strings.Contains(err.Error(), "path escapes") {
			return nil, refuse("outside-root", "the path leaves the input's folder")
		}
		return nil, refuse("outside-root", "%v", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, refuse("not-regular-file", "%s is not a regular file", fi.Mode().Type())
	}
	data, err := io.ReadAll(io.LimitReader(f, normalize.MaxImageBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > normalize.MaxImageBytes {
		return nil, refuse("image-too-large", "larger than %d bytes", normalize.MaxImageBytes)
	}
	return data, nil
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
