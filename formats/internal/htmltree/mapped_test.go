package htmltree

import "testing"

func TestScriptURLSeesThroughDisguises(t *testing.T) {
	for url, want := range map[string]bool{
		"javascript:alert(1)":       true,
		" JavaScript:alert(1)":      true,
		"java\tscript:alert(1)":     true,
		"vbscript:x":                true,
		"data:text/html;base64,PHA": true,
		"https://example.com/":      false,
		"b.md#setup":                false,
		"#top":                      false,
		"mailto:a@example.com":      false,
	} {
		if got := scriptURL(url); got != want {
			t.Errorf("scriptURL(%q) = %v, want %v", url, got, want)
		}
	}
}
