package pipeline

import (
	"context"
	"fmt"
	"folio/pipeline/doc"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"

	"golang.org/x/text/unicode/norm"
)

// inputExts are the extensions a folder is searched for.
var inputExts = map[string]bool{".md": true, ".markdown": true, ".txt": true, ".html": true, ".htm": true}

// Plan turns the command line's inputs (files, folders, "-") into jobs
// with their output paths, sorted by input path. A folder is searched
// recursively for Markdown and text files, skipping hidden entries, and
// its tree is mirrored under outDir. Two inputs that would write the same
// output are an error before any work starts.
func Plan(args []string, outDir string, formats []string, exclude []string) ([]Job, error) {
	jobs, err := expand(args, outDir, exclude)
	if err != nil {
		return nil, err
	}
	sort.SliceStable(jobs, func(i, j int) bool { return jobs[i].Name < jobs[j].Name })
	return jobs, checkCollisions(jobs, formats)
}

// PlanPack turns the command line's inputs into the articles of a pack, in
// the order given (a folder's files in path order where the folder is
// named). An input named twice is read once, where it first appears.
func PlanPack(args []string, exclude []string) ([]Job, error) {
	jobs, err := expand(args, ".", exclude)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	out := jobs[:0]
	for _, j := range jobs {
		key := filepath.Clean(j.Name)
		if j.Name != "-" && seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, j)
	}
	return out, nil
}

// expand lists the jobs the arguments name, folders searched, in the
// order given.
func expand(args []string, outDir string, exclude []string) ([]Job, error) {
	for _, pat := range exclude {
		if _, err := filepath.Match(pat, ""); err != nil {
			return nil, fmt.Errorf("--exclude %q: %v", pat, err)
		}
	}
	var jobs []Job
	expanded, err := expandGlobs(args)
	if err != nil {
		return nil, err
	}
	for _, arg := range expanded {
		if arg == "-" {
			jobs = append(jobs, Job{Name: "-", OutBase: filepath.Join(outDir, "stdin")})
			continue
		}
		fi, err := os.Stat(arg)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", arg, unwrapPath(err))
		}
		if !fi.IsDir() {
			jobs = append(jobs, Job{Name: arg, OutBase: filepath.Join(outDir, outName(filepath.Base(arg)))})
			continue
		}
		found, err := walkFolder(arg, outDir, exclude)
		if err != nil {
			return nil, err
		}
		jobs = append(jobs, found...)
	}
	return jobs, nil
}

// expandGlobs expands arguments with glob characters that do not name an
// existing file (the shell did not expand them, as on Windows or in CI
// configuration files).
func expandGlobs(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		if a == "-" || !strings.ContainsAny(a, "*?[") {
			out = append(out, a)
			continue
		}
		if _, err := os.Stat(a); err == nil {
			out = append(out, a)
			continue
		}
		matches, err := filepath.Glob(a)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", a, err)
		}
		// As in a folder walk: only regular files and folders, never a
		// symbolic link (notes.md -> /etc/passwd) or a FIFO.
		matches = slices.DeleteFunc(matches, func(m string) bool {
			fi, err := os.Lstat(m)
			return err != nil || !(fi.Mode().IsRegular() || fi.IsDir())
		})
		if len(matches) == 0 {
			return nil, fmt.Errorf("%s: no file matches", a)
		}
		out = append(out, matches...)
	}
	return out, nil
}

// excluded reports whether a path (relative to the folder searched) or its
// base name matches one of the --exclude patterns.
func excluded(rel, base string, patterns []string) bool {
	for _, p := range patterns {
		if ok, _ := filepath.Match(p, base); ok {
			return true
		}
		if ok, _ := filepath.Match(p, filepath.ToSlash(rel)); ok {
			return true
		}
	}
	return false
}

func walkFolder(root, outDir string, exclude []string) ([]Job, error) {
	var jobs []Job
	err := filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		// NAME_files/ holds what "Save Page As… complete" saved beside a
		// page (images, frames): resources, not documents.
		savedFiles := e.IsDir() && strings.HasSuffix(e.Name(), "_files")
		if p != root && (strings.HasPrefix(e.Name(), ".") || savedFiles || excluded(rel, e.Name(), exclude)) {
			if e.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if e.IsDir() || !e.Type().IsRegular() || !inputExts[strings.ToLower(filepath.Ext(p))] ||
			strings.HasSuffix(p, ".meta.yaml") {
			return nil
		}
		dir, base := filepath.Split(rel)
		jobs = append(jobs, Job{Name: p, OutBase: filepath.Join(outDir, dir, outName(base))})
		return nil
	})
	return jobs, err
}

// outName turns an input's base name into a safe output stem: NFC, no
// path separators or control characters, not a Windows reserved device
// name, and short enough that stem plus extension fits in 255 bytes.
func outName(base string) string {
	s := norm.NFC.String(strings.TrimSuffix(base, filepath.Ext(base)))
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || strings.ContainsRune(`/\:*?"<>|`, r) {
			return '_'
		}
		return r
	}, s)
	s = strings.TrimLeft(s, ".")
	if s == "" {
		s = "untitled"
	}
	switch strings.ToUpper(s) {
	case "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "LPT1", "LPT2", "LPT3":
		s = "_" + s
	}
	for len(s) > 240 {
		_, size := lastRune(s)
		s = s[:len(s)-size]
	}
	return s
}

func lastRune(s string) (rune, int) {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i]&0xC0 != 0x80 {
			return []rune(s[i:])[0], len(s) - i
		}
	}
	return 0, 1
}

func checkCollisions(jobs []Job, formats []string) error {
	seen := map[string]string{}
	for _, j := range jobs {
		for _, f := range formats {
			// Case-insensitive file systems (macOS, Windows) make A.md and
			// a.md collide; refuse them everywhere so results do not depend
			// on the machine.
			key := strings.ToLower(j.OutBase + outputs[f].ext)
			if other, dup := seen[key]; dup && other != j.Name {
				return fmt.Errorf("output-collision: %s and %s would both write %s; rename one or export them to different folders",
					other, j.Name, j.OutBase+outputs[f].ext)
			}
			seen[key] = j.Name
		}
	}
	return nil
}

// Run converts every job with at most workers at once, calling report (from
// one goroutine at a time) as each finishes. It stops starting new jobs
// when ctx is cancelled. Memory is bounded by the number of workers: jobs
// hold only paths until a worker reads them.
func Run(ctx context.Context, jobs []Job, o *Options, workers int, report func(*Result)) {
	if workers < 1 {
		workers = 1
	}
	next := make(chan Job)
	results := make(chan *Result)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for j := range next {
				if o.Isolate {
					results <- ConvertIsolated(ctx, j, o)
				} else {
					results <- ConvertWithTimeout(ctx, j, o)
				}
			}
		})
	}
	go func() {
		defer close(next)
		for _, j := range jobs {
			select {
			case next <- j:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() {
		wg.Wait()
		close(results)
	}()
	for r := range results {
		report(r)
	}
}

// ConvertWithTimeout is Convert with the per-document deadline of
// o.Timeout. A goroutine cannot be killed, so a runaway reader keeps its
// CPU until it returns; but the document is reported as timed-out at the
// deadline, and its outputs are discarded because writeAll checks the
// context before renaming anything into place.
func ConvertWithTimeout(ctx context.Context, j Job, o *Options) *Result {
	if o.Timeout <= 0 {
		return Convert(ctx, j, o)
	}
	ctx, cancel := context.WithTimeout(ctx, o.Timeout)
	defer cancel()
	done := make(chan *Result, 1)
	go func() { done <- Convert(ctx, j, o) }()
	select {
	case r := <-done:
		if r.Err != nil && ctx.Err() == context.DeadlineExceeded {
			r.Err = doc.Errorf(doc.Pos{File: j.Name}, "timed-out", "not finished after %s (--timeout); nothing was written", o.Timeout)
		}
		return r
	case <-ctx.Done():
		if ctx.Err() != context.DeadlineExceeded {
			return <-done
		}
		return &Result{Input: j.Name, Err: doc.Errorf(doc.Pos{File: j.Name}, "timed-out",
			"not finished after %s (--timeout); nothing was written", o.Timeout)}
	}
}
