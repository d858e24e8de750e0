package pipeline

import (
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// outputFilter keeps a folder search from reading Folio's outputs back in
// as inputs: without it "export -o out ." nests out/out/… one level deeper
// each run, and "export ." finds last run's a.html beside a.md. It skips
// the output folder (when it is inside the folder searched), every file
// the output folder's manifest says a run wrote, and any file a format's
// writer recognises as its own (Format.Made: an HTML page or fragment
// with Folio's generator mark, written without a manifest, or moved).
type outputFilter struct {
	outAbs  string
	written map[string]bool
}

func newOutputFilter(outDir string) *outputFilter {
	f := &outputFilter{written: map[string]bool{}}
	if outDir == "" {
		return f
	}
	f.outAbs, _ = filepath.Abs(outDir)
	if b, err := os.ReadFile(filepath.Join(outDir, ManifestName)); err == nil {
		var m struct {
			Entries map[string]manifestEntry `json:"inputs"`
		}
		if json.Unmarshal(b, &m) == nil {
			for _, e := range m.Entries {
				for _, o := range e.Outputs {
					if abs, err := filepath.Abs(o.Path); err == nil {
						f.written[abs] = true
					}
				}
			}
		}
	}
	return f
}

// skips reports whether the entry p is Folio's own output.
func (f *outputFilter) skips(p string, e fs.DirEntry) bool {
	abs, err := filepath.Abs(p)
	if err != nil {
		return false
	}
	if e.IsDir() {
		return abs == f.outAbs
	}
	if f.written[abs] {
		return true
	}
	if !e.Type().IsRegular() {
		return false
	}
	ext := strings.ToLower(filepath.Ext(p))
	for _, fm := range Formats {
		if fm.Made != nil && slices.Contains(fm.Search, ext) {
			return madeByFolio(p, fm)
		}
	}
	return false
}

// madeByFolio reads the head of a file for the mark of the format's
// writer (Format.Made).
func madeByFolio(p string, fm Format) bool {
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	head, _ := io.ReadAll(io.LimitReader(f, int64(fm.MarkWindow)))
	return fm.Made(head)
}
