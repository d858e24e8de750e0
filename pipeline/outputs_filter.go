package pipeline

import (
	"bytes"
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"folio/formats/html"
)

// outputFilter keeps a folder search from reading Folio's outputs back in
// as inputs: without it "export -o out ." nests out/out/… one level deeper
// each run, and "export ." finds last run's a.html beside a.md. It skips
// the output folder (when it is inside the folder searched), every file
// the output folder's manifest says a run wrote, and any HTML page that
// carries Folio's generator mark (an output written without a manifest,
// or moved).
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
	ext := strings.ToLower(filepath.Ext(p))
	return (ext == ".html" || ext == ".htm") && e.Type().IsRegular() && hasGeneratorMark(p)
}

// generatorMark is what the HTML writer puts in every page's head.
var generatorMark = []byte(`<meta name="generator" content="Folio`)

// hasGeneratorMark reads the head of an HTML file for Folio's mark. The
// mark comes after the title, description and author, so 64 KiB is ample.
// A fragment (--fragment) has no head: it starts with html.FragmentMark.
func hasGeneratorMark(p string) bool {
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	head, _ := io.ReadAll(io.LimitReader(f, 64<<10))
	if bytes.HasPrefix(head, []byte(html.FragmentMark)) {
		return true
	}
	end := bytes.Index(head, []byte("</head>"))
	if end < 0 {
		end = len(head)
	}
	return bytes.Contains(head[:end], generatorMark)
}
