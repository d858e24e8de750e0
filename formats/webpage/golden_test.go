package webpage

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/pipeline/doc"
)

var update = flag.Bool("update", false, "rewrite the golden trees in testdata/")

const pagesDir = "../../testdata/pages"

// TestGolden reads every sample page and compares the tree, with the
// warnings, to testdata/NAME.golden.json.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(pagesDir, "*.html"))
	if err != nil || len(files) < 3 {
		t.Fatalf("want at least 3 sample pages in %s, found %d (%v)", pagesDir, len(files), err)
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			d, ws, err := New(Options{}).Read(src, name)
			if err != nil {
				t.Fatal(err)
			}
			got := encodeTree(t, d, ws)
			golden := filepath.Join("testdata", strings.TrimSuffix(name, ".html")+".golden.json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("tree differs from %s (run go test -update and review the diff):\n%s", golden, firstDiff(string(want), string(got)))
			}
		})
	}
}

func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\n want: %s\n  got: %s", i+1, w, g)
		}
	}
	return ""
}

// encodeTree writes the tree as JSON with a "type" field on every node. It
// is the tests' own encoder: the real JSON writer belongs to formats/json.
func encodeTree(t *testing.T, d *doc.Document, ws []doc.Warning) []byte {
	t.Helper()
	out := map[string]any{"meta": d.Meta, "blocks": blocksJSON(t, d.Blocks), "warnings": ws}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func blocksJSON(t *testing.T, bs []doc.Block) []any {
	out := []any{}
	for _, b := range bs {
		out = append(out, nodeJSON(t, b))
	}
	return out
}

func inlinesJSON(t *testing.T, is []doc.Inline) []any {
	out := []any{}
	for _, n := range is {
		out = append(out, nodeJSON(t, n))
	}
	return out
}

func nodeJSON(t *testing.T, n doc.Node) map[string]any {
	t.Helper()
	b, err := json.Marshal(n)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	m["type"] = n.Kind()
	switch n := n.(type) {
	case *doc.Heading:
		m["content"] = inlinesJSON(t, n.Content)
	case *doc.Paragraph:
		m["content"] = inlinesJSON(t, n.Content)
	case *doc.List:
		var items []any
		for _, it := range n.Items {
			items = append(items, map[string]any{"pos": it.Pos, "blocks": blocksJSON(t, it.Blocks)})
		}
		m["items"] = items
	case *doc.BlockQuote:
		m["blocks"] = blocksJSON(t, n.Blocks)
	case *doc.Table:
		rows := func(rs []*doc.Row) []any {
			var out []any
			for _, r := range rs {
				var cells []any
				for _, c := range r.Cells {
					cells = append(cells, inlinesJSON(t, c.Content))
				}
				out = append(out, cells)
			}
			return out
		}
		m["header"], m["body"] = rows(n.Header), rows(n.Body)
	case *doc.Figure:
		if len(n.Caption) > 0 {
			m["caption"] = inlinesJSON(t, n.Caption)
		}
	case *doc.DefinitionList:
		var items []any
		for _, it := range n.Items {
			var defs []any
			for _, d := range it.Definitions {
				defs = append(defs, blocksJSON(t, d))
			}
			items = append(items, map[string]any{"pos": it.Pos, "term": inlinesJSON(t, it.Term), "definitions": defs})
		}
		m["items"] = items
	case *doc.Emph:
		m["content"] = inlinesJSON(t, n.Content)
	case *doc.Strong:
		m["content"] = inlinesJSON(t, n.Content)
	case *doc.Strike:
		m["content"] = inlinesJSON(t, n.Content)
	case *doc.Sub:
		m["content"] = inlinesJSON(t, n.Content)
	case *doc.Sup:
		m["content"] = inlinesJSON(t, n.Content)
	case *doc.Link:
		m["content"] = inlinesJSON(t, n.Content)
	case *doc.CodeBlock, *doc.ThematicBreak, *doc.Text, *doc.Code, *doc.Image, *doc.LineBreak:
	default:
		t.Fatalf("the webpage reader made an unexpected %s node", n.Kind())
	}
	return m
}
