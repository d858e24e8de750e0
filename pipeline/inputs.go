package pipeline

// Finding inputs: the command line's files, folders and globs become jobs
// with their output paths (Plan, PlanPack). Running them is batch.go (Run).

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Plan turns the command line's inputs (files, folders, "-") into jobs
// with their output paths, sorted by input path. A folder is searched
// recursively for Markdown, text and saved HTML files, skipping hidden
// entries and Folio's own outputs (see outputFilter), and its tree is
// mirrored under outDir. Two inputs that would write the same output are
// an error before any work starts, and so is finding no input at all.
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
// named). outDir is where the pack goes: a folder search leaves it out.
func PlanPack(args []string, outDir string, exclude []string) ([]Job, error) {
	return expand(args, outDir, exclude)
}

// expand lists the jobs the arguments name, folders searched, in the
// order given. An input named twice (a.md and ./a.md, or a file and its
// folder) is one job, where it first appears.
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
	skip := newOutputFilter(outDir)
	var folders []string
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
		folders = append(folders, arg)
		found, err := walkFolder(arg, outDir, exclude, skip)
		if err != nil {
			return nil, err
		}
		jobs = append(jobs, found...)
	}
	jobs = dedupeJobs(jobs)
	if len(jobs) == 0 {
		return nil, noInput(folders, exclude)
	}
	return jobs, nil
}

// dedupeJobs keeps the first job of each input file.
func dedupeJobs(jobs []Job) []Job {
	seen := map[string]bool{}
	out := jobs[:0]
	for _, j := range jobs {
		key := filepath.Clean(j.Name)
		if abs, err := filepath.Abs(j.Name); err == nil {
			key = abs
		}
		if j.Name != "-" && seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, j)
	}
	return out
}

// ErrNoInput is what finding nothing to export wraps: a CI job that
// exports nothing must not pass.
var ErrNoInput = errors.New("no input found")

func noInput(folders, exclude []string) error {
	what := fmt.Sprintf("searched %s for %s files", strings.Join(folders, ", "), strings.Join(folderExts, ", "))
	if len(exclude) > 0 {
		what += " (excluding " + strings.Join(exclude, ", ") + ")"
	}
	return fmt.Errorf("%w: %s; hidden entries, NAME_files/ folders, the output folder and Folio's own outputs are left out", ErrNoInput, what)
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

func walkFolder(root, outDir string, exclude []string, skip *outputFilter) ([]Job, error) {
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
		if p != root && (strings.HasPrefix(e.Name(), ".") || savedFiles || excluded(rel, e.Name(), exclude) || skip.skips(p, e)) {
			if e.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if e.IsDir() || !e.Type().IsRegular() || !slices.Contains(folderExts, strings.ToLower(filepath.Ext(p))) ||
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
	if err := CheckOverwrite(jobs, formats); err != nil {
		return err
	}
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

// CheckOverwrite refuses a job whose output would replace an input:
// "export -t html page.html" beside the saved page would otherwise
// overwrite the page with its own conversion.
func CheckOverwrite(jobs []Job, formats []string) error {
	inputs := map[string]string{}
	for _, j := range jobs {
		if j.Name != "-" {
			inputs[absKey(j.Name)] = j.Name
		}
	}
	for _, j := range jobs {
		for _, f := range formats {
			out := j.OutBase + outputs[f].ext
			if in, ok := inputs[absKey(out)]; ok {
				return fmt.Errorf("output-overwrites-input: %s would overwrite the input %s; write -o DIR (or -o NAME%s) to put the output elsewhere",
					out, in, outputs[f].ext)
			}
		}
	}
	return nil
}

// absKey names a path the same way however it was written, and in one
// case, as on case-insensitive file systems.
func absKey(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		p = abs
	}
	return strings.ToLower(p)
}
