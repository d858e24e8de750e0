package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLinksBetweenInputs: a folder exported as a batch links its pages to
// each other's outputs (the tree mirrored), and a base URL from
// folio.yaml makes the link to a file that is not exported absolute (the base URL
// stands for the working directory: docs/../LICENSE is repo/LICENSE).
func TestLinksBetweenInputs(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	os.MkdirAll("docs/guide", 0o755)
	os.WriteFile("docs/index.md", []byte("# Home\n\nRead [the proxy part](guide/setup.md#using-a-proxy) and [the licence](../LICENSE).\n"), 0o644)
	os.WriteFile("docs/guide/setup.md", []byte("# Setup\n\n## Using a proxy\n\nBack [home](../index.md).\n"), 0o644)
	os.WriteFile("folio.yaml", []byte("base-url: https://example.org/repo/\n"), 0o644)
	code, out, errs := runExport(t, "-t", "html", "-o", "site", "docs")
	if code != 0 {
		t.Fatalf("exit %d: %s%s", code, out, errs)
	}
	b, err := os.ReadFile(filepath.Join("site", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`href="guide/setup.html#using-a-proxy"`, `href="https://example.org/repo/LICENSE"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("index.html has no %s", want)
		}
	}
	b, _ = os.ReadFile(filepath.Join("site", "guide", "setup.html"))
	if !strings.Contains(string(b), `href="../index.html"`) {
		t.Error(`setup.html has no href="../index.html"`)
	}
}
