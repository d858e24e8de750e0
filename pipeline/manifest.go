package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"sync"

	"folio/pipeline/doc"
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
	if b, err := os.ReadFile(m.path); err == nil {
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
		b, err := os.ReadFile(job.Name)
		if err != nil {
			return "", err
		}
		src = b
	}
	opts := *o
	opts.Debug = false
	optJSON, _ := json.Marshal(opts)
	side, _ := os.ReadFile(sidecarPath(job.Name))
	for _, part := range [][]byte{[]byte(Version), optJSON, []byte(job.OutBase), src, side} {
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
		if fileSHA(path) != sum {
			return nil, false
		}
	}
	for _, o := range e.Outputs {
		if fileSHA(o.Path) != o.SHA256 {
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

func fileSHA(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
