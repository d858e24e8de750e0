package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"hash"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sync"
	"syscall"
)

// pending is an output being written under a temporary name beside its
// target. Nothing is visible under the final name until commit renames it,
// so a failure never leaves a truncated file and never clobbers the last
// good one; rename also replaces a symlink at the target instead of
// writing through it. The temporary file holds an advisory lock (flock)
// while it is open: a later run tells a temporary file whose writer died
// (kill -9) from one being written now by taking the lock.
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
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil && !errors.Is(err, syscall.ENOTSUP) && !errors.Is(err, syscall.ENOLCK) {
		f.Close()
		os.Remove(f.Name())
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

// tempName matches the names create and keepPrevious give: Folio's own
// temporary files, and nothing a user would name a file.
var tempName = regexp.MustCompile(`^\..+\.tmp-(old-)?[0-9]+$`)

func (p *pending) Write(b []byte) (int, error) {
	n, err := p.f.Write(b)
	p.sum.Write(b[:n])
	p.size += int64(n)
	return n, err
}

// commit closes the temporary file and renames it into place.
func (p *pending) commit() error {
	return commitAll([]*pending{p})
}

// abort removes the temporary file.
func (p *pending) abort() {
	p.f.Close()
	os.Remove(p.f.Name())
}

func (p *pending) digest() string { return hex.EncodeToString(p.sum.Sum(nil)) }

var _ io.Writer = (*pending)(nil)

// commitAll puts every pending output of one document in place, or none:
// each previous output is first kept under a temporary name (a hard link,
// so it stays visible until the rename replaces it), then every temporary
// file is renamed onto its target; if one rename fails (the target is a
// folder, say), the outputs already renamed are put back as they were and
// the rest removed. Only then are the kept copies dropped.
func commitAll(ps []*pending) error {
	for _, p := range ps {
		if err := p.f.Chmod(0o644); err != nil {
			abortAll(ps)
			return err
		}
	}
	kept := make([]kept, len(ps)) // name "" where there was no previous output
	defer func() {
		for _, k := range kept {
			k.drop()
		}
	}()
	for i, p := range ps {
		k, err := keepPrevious(p.target)
		if err == nil {
			kept[i] = k
			err = os.Rename(p.f.Name(), p.target)
		}
		if err != nil {
			rollback(ps[:i], kept[:i])
			abortAll(ps[i:])
			return err
		}
	}
	var err error
	for _, p := range ps {
		if cerr := p.f.Close(); cerr != nil && err == nil {
			err = cerr
		}
	}
	if err != nil {
		rollback(ps, kept)
	}
	return err
}

// kept is a previous output kept aside during a commit.
type kept struct {
	name string
	lock *os.File // holds the flock on a regular file, so no cleaner takes it
}

func (k kept) drop() {
	if k.lock != nil {
		k.lock.Close()
	}
	if k.name != "" {
		os.Remove(k.name)
	}
}

// keepPrevious links the file at target (if any) to a temporary name
// beside it. A folder at target cannot be replaced and is an error.
func keepPrevious(target string) (kept, error) {
	fi, err := os.Lstat(target)
	if errors.Is(err, os.ErrNotExist) {
		return kept{}, nil
	}
	if err != nil {
		return kept{}, err
	}
	if fi.IsDir() {
		return kept{}, &os.PathError{Op: "replace", Path: target, Err: syscall.EISDIR}
	}
	f, err := os.CreateTemp(filepath.Dir(target), tempPrefix(target)+"old-*")
	if err != nil {
		return kept{}, err
	}
	k := kept{name: f.Name()}
	f.Close()
	os.Remove(k.name)
	if err := os.Link(target, k.name); err != nil {
		// No hard links on this file system: move it aside instead (the
		// target is missing for the moment until the rename).
		if err := os.Rename(target, k.name); err != nil {
			return kept{}, err
		}
	}
	if fi.Mode().IsRegular() {
		if l, err := os.OpenFile(k.name, os.O_RDONLY|syscall.O_NOFOLLOW, 0); err == nil {
			syscall.Flock(int(l.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
			k.lock = l
		}
	}
	return k, nil
}

// rollback puts back what commitAll had renamed into place: the kept
// previous file, or nothing where there was none.
func rollback(ps []*pending, ks []kept) {
	for i := len(ps) - 1; i >= 0; i-- {
		ps[i].f.Close()
		if ks[i].name != "" {
			if os.Rename(ks[i].name, ps[i].target) == nil {
				ks[i].name = ""
			}
			continue
		}
		os.Remove(ps[i].target)
	}
}

func abortAll(ps []*pending) {
	for _, p := range ps {
		p.abort()
	}
}

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

// CleanStaleTemps removes from dir the temporary files of earlier runs
// that died before they could (kill -9, power loss): only names of Folio's
// own pattern, only regular files and links, and only those whose lock
// nobody holds, so a run writing into the same folder right now keeps its
// files.
func CleanStaleTemps(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !tempName.MatchString(e.Name()) {
			continue
		}
		removeIfStale(filepath.Join(dir, e.Name()), e.Type())
	}
}

func removeIfStale(path string, mode os.FileMode) {
	switch {
	case mode&os.ModeSymlink != 0:
		os.Remove(path)
	case mode.IsRegular():
		f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
		if err != nil {
			return
		}
		defer f.Close()
		if syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) == nil {
			os.Remove(path)
		}
	}
}

// tempSet is the pending outputs of one document converted under a
// deadline. A goroutine cannot be stopped, so when the deadline passes
// the caller discards the set: its temporary files are removed at once
// and the writers, still running, can neither add nor commit any more.
type tempSet struct {
	mu        sync.Mutex
	discarded bool
	committed bool
	ps        []*pending
}

type tempSetKey struct{}

func withTempSet(ctx context.Context, s *tempSet) context.Context {
	return context.WithValue(ctx, tempSetKey{}, s)
}

func tempSetOf(ctx context.Context) *tempSet {
	s, _ := ctx.Value(tempSetKey{}).(*tempSet)
	return s
}

// add records p; false (and p removed) once the set is discarded.
func (s *tempSet) add(p *pending) bool {
	if s == nil {
		return true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.discarded {
		p.abort()
		return false
	}
	s.ps = append(s.ps, p)
	return true
}

// commit runs commitAll unless the set was discarded.
func (s *tempSet) commit(ps []*pending) error {
	if s == nil {
		return commitAll(ps)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.discarded {
		abortAll(ps)
		return context.DeadlineExceeded
	}
	s.committed = true
	return commitAll(ps)
}

// discard removes every temporary file of the set and refuses later ones.
// It reports false when the outputs were already committed.
func (s *tempSet) discard() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.committed {
		return false
	}
	s.discarded = true
	abortAll(s.ps)
	return true
}
