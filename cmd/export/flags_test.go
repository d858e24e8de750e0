package main

import (
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/spf13/pflag"
)

var update = flag.Bool("update", false, "rewrite the README's flag table from the flag set")

const (
	readmePath    = "../../README.md"
	readmeFlagsAt = "<!-- flags: generated from cmd/export/flags.go"
	readmeFlagsTo = "<!-- flags end -->"
)

// TestReadmeFlagsMatchHelp keeps the README's flag table what --help
// says: both are printed from the one flag set (-update rewrites it).
func TestReadmeFlagsMatchHelp(t *testing.T) {
	fs := pflag.NewFlagSet("export", pflag.ContinueOnError)
	fs.SortFlags = false
	defineFlags(fs, &flagVars{})
	b, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	i := strings.Index(readme, readmeFlagsAt)
	j := strings.Index(readme, readmeFlagsTo)
	if i < 0 || j < i {
		t.Fatalf("README has no %q … %q block", readmeFlagsAt, readmeFlagsTo)
	}
	i += strings.Index(readme[i:], "\n") + 1
	want := readmeFlags(fs)
	if *update {
		if err := os.WriteFile(readmePath, []byte(readme[:i]+want+readme[j:]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if got := readme[i:j]; got != want {
		t.Errorf("README's flag table differs from the flag set (go test ./cmd/export -run TestReadmeFlags -update):\n%s", want)
	}
}

func TestHelpListsEveryFlagPlainly(t *testing.T) {
	code, out, _ := runExport(t, "--help")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	flat := strings.Join(strings.Fields(out), " ")
	for _, want := range []string{".md, .markdown, .txt, .html, .htm", "130 interrupted", "-o, --out, --output PATH", "--fail-on-warning", "-v, --verbose", "--max-input-size SIZE", "(default 2 MiB)"} {
		if !strings.Contains(flat, want) {
			t.Errorf("--help lacks %q", want)
		}
	}
	if strings.Contains(out, "[=true|false]") || strings.Contains(out, "[=") {
		t.Error("--help shows booleans as [=true|false]")
	}
}
