package article

import (
	"strings"
	"testing"

	"folio/internal/raceflag"
)

// TestLargeInputsFinish reads pathological shapes of about 1 MB; the test
// binary's timeout is the bound (no timing assertion).
func TestLargeInputsFinish(t *testing.T) {
	if testing.Short() || raceflag.Enabled {
		t.Skip("megabyte inputs: run without -short and without -race")
	}
	inputs := map[string]string{
		"many boilerplate lines": strings.Repeat("Advertisement\n", 70000),
		"many short lines":       strings.Repeat("Short Line Here\n\n", 50000),
		"one long line":          strings.Repeat("word ", 200000),
		"many separators":        strings.Repeat("a | ", 200000),
		"many dates":             strings.Repeat("5 March 2024 ", 50000),
	}
	for name, src := range inputs {
		t.Run(name, func(t *testing.T) {
			d, _, err := New(Options{}).Read([]byte(src), "x.txt")
			if err != nil || d == nil {
				t.Fatalf("err %v", err)
			}
		})
	}
}
