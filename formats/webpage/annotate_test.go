package webpage

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var insertedAttr = regexp.MustCompile(` data-folio-ix="\d+" `)

// TestAnnotateOnlyInserts: without flattening, the annotated copy is the
// input plus one attribute per start tag, and the recorded lines are the
// lines of the tags.
func TestAnnotateOnlyInserts(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(pagesDir, "*.html"))
	srcs := []string{positioned, "<p/class=x>a<br/>b<IMG SRC=x>\n<svg><style><b>x</b></style></svg>\n<script>if (a<b) {}</script><p>after", "<p>unclosed <a href='x"}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, string(b))
	}
	for i, src := range srcs {
		s := annotate([]byte(src), defaultLimits)
		if s.flattenedAt != 0 {
			t.Errorf("source %d: flattened at line %d", i, s.flattenedAt)
		}
		got := insertedAttr.ReplaceAllString(string(s.annotated), "")
		if !strings.EqualFold(got, src) {
			t.Errorf("source %d: annotated copy differs from the input beyond the inserted attributes", i)
		}
		lines := strings.Split(src, "\n")
		for j, e := range s.elems {
			if e.line < 1 || e.line > len(lines) || !strings.Contains(lines[e.line-1], "<") {
				t.Errorf("source %d: tag %d recorded at line %d, which holds no tag", i, j, e.line)
			}
		}
	}
}

func TestAnnotateFlattensDeepNesting(t *testing.T) {
	src := "<div>\n" + strings.Repeat("<div>", 500) + "x" + strings.Repeat("</div>", 500) + "\n</div><p>after</p>"
	s := annotate([]byte(src), defaultLimits)
	if s.flattenedAt != 2 {
		t.Errorf("flattenedAt = %d, want 2", s.flattenedAt)
	}
	if n := strings.Count(string(s.annotated), "<div"); n > defaultLimits.depth {
		t.Errorf("%d divs kept, limit %d", n, defaultLimits.depth)
	}
	if n := strings.Count(string(s.annotated), "</div>"); n != strings.Count(string(s.annotated), "<div") {
		t.Errorf("%d end tags for %d start tags", n, strings.Count(string(s.annotated), "<div"))
	}
	d, ws := read(t, src, Options{KeepBoilerplate: true})
	if got := render(d.Blocks); got != "p x\np after\n" {
		t.Errorf("read as\n%s", got)
	}
	if len(ws) != 1 || ws[0].Code != "nesting-limit" || ws[0].Pos.Line != 2 {
		t.Errorf("warnings %v, want nesting-limit at line 2", ws)
	}
}
