package article

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/internal/shared"
	"folio/pipeline/doc"
)

const seedName = "000_f280fe27b3734d6b.txt"

// findSeed walks up from the package folder to a shared/seeds folder
// beside the repository.
func findSeed(t *testing.T) string {
	dir := shared.Dir("seeds")
	if dir == "" {
		return ""
	}
	p := filepath.Join(dir, seedName)
	if _, err := os.Stat(p); err != nil {
		return ""
	}
	return p
}

// TestSeedArticle checks issue 3's "Done when" on the real scraped page.
func TestSeedArticle(t *testing.T) {
	path := findSeed(t)
	if path == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("seed article not found under shared/seeds")
		}
		t.Skip("seed article not found under shared/seeds")
	}
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d, ws, err := New(Options{}).Read(src, path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(src), "\n")
	line := func(n int) string { return strings.TrimSpace(lines[n-1]) }

	if got, want := d.Meta.Title, "The Islamic State vs. Russia in Afghanistan"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	for _, tag := range []string{"Security", "Central Asia", "South Asia"} {
		if !contains(d.Meta.Tags, tag) {
			t.Errorf("tags %q lack %q", d.Meta.Tags, tag)
		}
	}
	if d.Meta.Subtitle != line(9) {
		t.Errorf("subtitle = %q, want the standfirst %q", d.Meta.Subtitle, line(9))
	}
	if len(d.Blocks) == 0 {
		t.Fatal("no blocks")
	}
	fig, ok := d.Blocks[0].(*doc.Figure)
	if !ok {
		t.Fatalf("first block is %s, want the lead Figure", d.Blocks[0].Kind())
	}
	if fig.Credit != "Screenshot" || fig.Src != "" || len(fig.Caption) != 0 || fig.Alt != d.Meta.Title {
		t.Errorf("lead figure = %+v, want credit Screenshot, no image, the headline as alt text only", fig)
	}

	var headings, paras []string
	for _, b := range d.Blocks[1:] {
		switch b := b.(type) {
		case *doc.Heading:
			if b.Level != 2 {
				t.Errorf("heading %q at level %d, want 2", doc.PlainText(b.Content), b.Level)
			}
			headings = append(headings, doc.PlainText(b.Content))
		case *doc.Paragraph:
			paras = append(paras, doc.PlainText(b.Content))
		default:
			t.Errorf("unexpected %s in the body at %s", b.Kind(), b.Position())
		}
	}
	wantHeadings := []string{line(18), line(26), line(34)}
	if strings.Join(headings, "\n") != strings.Join(wantHeadings, "\n") {
		t.Errorf("headings = %q, want %q", headings, wantHeadings)
	}
	wantParas := []string{}
	for _, n := range []int{14, 16, 20, 22, 24, 28, 30, 32, 36, 38, 40, 42, 44, 46} {
		wantParas = append(wantParas, line(n))
	}
	if len(paras) != 14 {
		t.Errorf("%d body paragraphs, want 14", len(paras))
	}
	for i := range min(len(paras), len(wantParas)) {
		if paras[i] != wantParas[i] {
			t.Errorf("paragraph %d = %q, want the seed's own line %q", i+1, paras[i], wantParas[i])
		}
	}
	// Typography survives byte for byte: curly quotes, em dashes, ellipses.
	body := strings.Join(paras, "\n")
	for _, r := range []string{"’", "“", "”", "—", "…", "[apostate]"} {
		if !strings.Contains(body, r) {
			t.Errorf("body lost %q", r)
		}
	}
	for _, gone := range []string{"Recent Features", "Features | Security", d.Meta.Title} {
		for _, b := range d.Blocks {
			text := ""
			switch b := b.(type) {
			case *doc.Paragraph:
				text = doc.PlainText(b.Content)
			case *doc.Heading:
				text = doc.PlainText(b.Content)
			}
			if strings.Contains(strings.Join(words(text), " "), gone) {
				t.Errorf("%q still in the body at %s", gone, b.Position())
			}
		}
	}
	if len(ws) != 1 || ws[0].Code != "boilerplate-removed" || ws[0].Pos.Line != 3 {
		t.Errorf("warnings = %v, want one boilerplate-removed for line 3", ws)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
