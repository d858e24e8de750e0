package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"io"
	"os"
	"path/filepath"
)

// pending is an output being written under a temporary name beside its
// target. Nothing is visible under the final name until commit renames it,
// so a failure never leaves a truncated file and never clobbers the last
// good one; rename also replaces a symlink at the target instead of
// writing through it.
type pending struct {
	target string
	f      *os.File
	sum    hash.Hash
	size   int64
}

func create(target string) (*pending, error) {
	dir := filepath.Dir(target)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	f, err := os.CreateTemp(dir, tempPrefix(target)+"*")
	if err != nil {
		return nil, err
	}
	return &pending{target: target, f: f, sum: sha256.New()}, nil
}

// tempPrefix is the start of the temporary name of target's output: a dot,
// the base name cut to 200 bytes (so that with the suffix it stays within
// the 255 bytes a file name may have), ".tmp-".
func tempPrefix(target string) string {
	base := filepath.Base(target)
	for len(base) > 200 {
		_, size := lastRune(base)
		base = base[:len(base)-size]
	}
	return "." + base + ".tmp-"
}

func (p *pending) Write(b []byte) (int, error) {
	n, err := p.f.Write(b)
	p.sum.Write(b[:n])
	p.size += int64(n)
	return n, err
}

// commit closes the temporary file and renames it into place.
func (p *pending) commit() error {
	if err := p.f.Chmod(0o644); err != nil {
		p.abort()
		return err
	}
	if err := p.f.Close(); err != nil {
		os.Remove(p.f.Name())
		return err
	}
	if err := os.Rename(p.f.Name(), p.target); err != nil {
		os.Remove(p.f.Name())
		return err
	}
	return nil
}

// abort removes the temporary file.
func (p *pending) abort() {
	p.f.Close()
	os.Remove(p.f.Name())
}

func (p *pending) digest() string { return hex.EncodeToString(p.sum.Sum(nil)) }

var _ io.Writer = (*pending)(nil)

// WriteFileAtomic writes a file through fn under a temporary name and
// renames it into place only if fn succeeds.
func WriteFileAtomic(path string, fn func(io.Writer) error) error {
	p, err := create(path)
	if err != nil {
		return err
	}
	if err := fn(p); err != nil {
		p.abort()
		return err
	}
	return p.commit()
}
