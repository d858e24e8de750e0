package article

import (
	"os"
	"path/filepath"
	"testing"
)

func TestLooks(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(articlesDir, "*.txt"))
	for _, f := range files {
		src, _ := os.ReadFile(f)
		if !Looks(src) {
			t.Errorf("%s: Looks = false, want true for a scraped article", filepath.Base(f))
		}
	}
	tests := []struct {
		name string
		src  string
		want bool
	}{
		{"repeated headline and credit", "A Headline Here\n\nA Headline Here\nCredit: Agency\n\nText.\n", true},
		{"breadcrumb and byline", "News › World › Europe\n\nBy Jane Doe\n\nText of the story.\n", true},
		{"plain prose", "Dear team,\n\nThe meeting moves to Thursday. Please bring the figures.\n\nThanks,\nAnn\n", false},
		{"Markdown heading and text", "# Title\n\nSome *text* here.\n", false},
		{"HTML document", "<!doctype html><html><body><p>Advertisement</p><p>Share this</p></body></html>", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Looks([]byte(tt.src)); got != tt.want {
				t.Errorf("Looks = %v, want %v", got, tt.want)
			}
		})
	}
}
