package pipeline

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"

	"folio/pipeline/doc"
	"folio/pipeline/normalize"
)

// ManifestName is the file --incremental keeps in the output folder.
const ManifestName = ".folio-manifest.json"

// Version is Folio's version; part of every incremental key, so a new
// release rebuilds everything. cmd/export sets it from its build version.
var Version = "dev"

// manifestEntry is what was true when an input's outputs were last written.
type manifestEntry struct {
	// Key hashes the input bytes, its sidecar, the options and the version.
	Key string `json:"key"`
	// Deps are the other files the document read (images), with their
	// SHA-256, so changing an image rebuilds the document.
	Deps    map[string]string `json:"deps,omitempty"`
	Outputs []Output          `json:"outputs"`
	// Warnings are what the conversion said, so that a run which skips
	// the input still reports them.
	Warnings []doc.Warning `json:"warnings,omitempty"`
}

// Manifest remembers, per input, what its outputs were built from. It is
// keyed by content hashes, not modification times, so a fresh checkout in
// CI (where every mtime is new) still skips unchanged inputs.
type Manifest struct {
	mu      sync.Mutex
	path    string
	Entries map[string]manifestEntry `json:"inputs"`
}

// LoadManifest reads the manifest in outDir; a missing or unreadable one is
// empty (everything is rebuilt).
func LoadManifest(outDir string) *Manifest {
	m := &Manifest{path: filepath.Join(outDir, ManifestName), Entries: map[string]manifestEntry{}}
	if b, err := readPath(m.path, fileLimit{max: maxManifest, code: "too-large"}); err == nil {
		var disk Manifest
		if json.Unmarshal(b, &disk) == nil && disk.Entries != nil {
			m.Entries = disk.Entries
		}
	}
	return m
}

// JobKey hashes what determines a job's outputs apart from the images it
// reads.
func JobKey(job Job, o *Options) (string, error) {
	h := sha256.New()
	src := job.Src
	if src == nil {
		// The same sandboxed reads as the conversion: a FIFO or a link to
		// /dev/zero must not hang or fill the parent (which --isolate
		// does not protect).
		b, err := readInput(job.Name, o.MaxInputSize)
		if err != nil {
			return "", err
		}
		src = b
	}
	opts := *o
	opts.Debug = false
	opts.Links = nil // what the document can link to is in linkKey
	optJSON, _ := json.Marshal(opts)
	side, err := readSidecar(sidecarPath(job.Name))
	if err != nil {
		return "", err
	}
	for _, part := range [][]byte{[]byte(Version), optJSON, []byte(job.OutBase), src, side, linkKey(job, src, o)} {
		sum := sha256.Sum256(part)
		h.Write(sum[:])
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// Fresh reports whether the input's outputs are up to date: same key,
// same images, and every output still on disk with the size and hash it
// was written with.
func (m *Manifest) Fresh(input, key string) ([]Output, bool) {
	m.mu.Lock()
	e, ok := m.Entries[input]
	m.mu.Unlock()
	if !ok || e.Key != key {
		return nil, false
	}
	for path, sum := range e.Deps {
		if fileSHA(path, normalize.MaxImageBytes) != sum {
			return nil, false
		}
	}
	for _, o := range e.Outputs {
		if fileSHA(o.Path, maxOutput) != o.SHA256 {
			return nil, false
		}
	}
	return e.Outputs, true
}

// Record stores a successful result; a failed one forgets the input.
func (m *Manifest) Record(input, key string, res *Result) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if res.Err != nil || key == "" {
		delete(m.Entries, input)
		return
	}
	m.Entries[input] = manifestEntry{Key: key, Deps: res.Deps, Outputs: res.Outputs, Warnings: res.Warnings}
}

// Warnings returns the warnings recorded when input was last converted.
func (m *Manifest) Warnings(input string) []doc.Warning {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.Entries[input].Warnings
}

// Save writes the manifest atomically.
func (m *Manifest) Save() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	p, err := create(m.path)
	if err != nil {
		return err
	}
	keys := make([]string, 0, len(m.Entries))
	for k := range m.Entries {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	enc := json.NewEncoder(p)
	enc.SetIndent("", "  ")
	if err := enc.Encode(struct {
		Entries map[string]manifestEntry `json:"inputs"`
	}{m.Entries}); err != nil {
		p.abort()
		return err
	}
	return p.commit()
}

// maxOutput bounds an output read back to check it is still the one
// written.
const maxOutput = 4 << 30

// maxManifest bounds the manifest read back (about 300 bytes an input).
const maxManifest = 256 << 20

// fileSHA is the SHA-256 of a file read through the sandbox (in its own
// folder, regular files only, at most max bytes): "" when it does
// not exist, so that a missing image the document wanted is recorded as
// missing and its appearance noticed; "refused" when it cannot be read.
func fileSHA(path string, max int64) string {
	f, fi, err := openPath(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return ""
	case err != nil || fi.Size() > max:
		return "refused"
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, io.LimitReader(f, max)); err != nil {
		return "refused"
	}
	return hex.EncodeToString(h.Sum(nil))
}

func digest(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// linkKey is what a job's key takes from the run's other inputs: the
// name, output base and source hash of every input that the job's source
// names as a link target (a word of it that, before any #fragment or
// ?query, resolves from the job's folder to an input or to an input's
// output name, as Links.find does). So adding or removing an input the
// document does not name rebuilds nothing, and a change to a target's
// source (its headings, hence the ids its links go to) rebuilds the
// documents that name it. A name that appears in the text without being
// a link only costs a rebuild too many, never one too few.
func linkKey(job Job, src []byte, o *Options) []byte {
	if o.Links == nil {
		return nil
	}
	dir := filepath.Dir(job.Name)
	seen := map[string]bool{}
	var names []string
	fields := bytes.FieldsFunc(src, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("()<>[]\"'`=|,;", r)
	})
	for _, f := range fields {
		ref := string(f)
		if i := strings.IndexAny(ref, "#?"); i >= 0 {
			ref = ref[:i]
		}
		if !strings.Contains(ref, ".") || strings.Contains(ref, "://") {
			continue
		}
		if p, err := url.PathUnescape(ref); err == nil {
			ref = p
		}
		t, ok := o.Links.find(filepath.Join(dir, filepath.FromSlash(ref)))
		if !ok || seen[t.Name] || absKey(t.Name) == absKey(job.Name) {
			continue
		}
		seen[t.Name] = true
		names = append(names, t.Name)
	}
	slices.Sort(names)
	var b bytes.Buffer
	for _, n := range names {
		t, _ := o.Links.find(n)
		sum := "unreadable"
		if s, err := readInput(n, o.MaxInputSize); err == nil {
			sum = fmt.Sprintf("%x", sha256.Sum256(s))
		}
		fmt.Fprintf(&b, "%s\x00%s\x00%s\n", n, t.OutBase, sum)
	}
	return b.Bytes()
}
