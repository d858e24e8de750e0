package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The command line's pack: the order given or --sort, the pack flags, a
// failed input stopping the pack unless --skip-failed, and the report.
func TestPackCommand(t *testing.T) {
	in := t.TempDir()
	out := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(in, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	older := write("older.md", "---\ntitle: Older piece\ndate: 2024-03-01\n---\n\nText.\n")
	newer := write("newer.md", "---\ntitle: Newer piece\ndate: 2024-03-04\n---\n\nText.\n")
	bad := write("bad.md", "---\ntitle: [broken\n---\n")

	code, _, errs := runExport(t, "-q", "-t", "html", "-o", out, "--pack", "day", "--pack-editor", "Night desk", older, newer)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	page := read(t, filepath.Join(out, "day.html"))
	if i, j := strings.Index(page, "Older piece"), strings.Index(page, "Newer piece"); i < 0 || j < i {
		t.Error("the pack does not keep the order given")
	}
	if !strings.Contains(page, "Briefing — 4 March 2024") || !strings.Contains(page, "Night desk") {
		t.Error("the default title or the editor is missing")
	}

	code, _, errs = runExport(t, "-q", "-t", "html", "-o", out, "--pack", "day", "--sort", "date", "--pack-title", "Tuesday", older, newer)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	page = read(t, filepath.Join(out, "day.html"))
	if i, j := strings.Index(page, "Newer piece"), strings.Index(page, "Older piece"); i < 0 || j < i {
		t.Error("--sort date does not put the newest first")
	}
	if !strings.Contains(page, "<title>Tuesday</title>") {
		t.Error("--pack-title is not the page title")
	}

	// A failed input: no pack, the old one kept, the input named with its line.
	code, _, errs = runExport(t, "-q", "-t", "html", "-o", out, "--pack", "day", older, bad, newer)
	if code != 1 || !strings.Contains(errs, bad+":") || !strings.Contains(errs, "pack not written") {
		t.Errorf("exit %d; stderr %s", code, errs)
	}
	if read(t, filepath.Join(out, "day.html")) != page {
		t.Error("a failed pack replaced the previous one")
	}

	report := filepath.Join(out, "report.json")
	code, _, errs = runExport(t, "-q", "-t", "html", "-o", out, "--pack", "day", "--skip-failed", "--report", report, older, bad, newer)
	if code != 1 {
		t.Errorf("exit %d with a left-out input, want 1; %s", code, errs)
	}
	var r struct {
		Failed  int `json:"failed"`
		Entries []struct {
			Input   string   `json:"input"`
			Status  string   `json:"status"`
			LeftOut []string `json:"left_out"`
		} `json:"inputs"`
	}
	if err := json.Unmarshal([]byte(read(t, report)), &r); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range r.Entries {
		if e.Input == "day" && e.Status == "ok" && len(e.LeftOut) == 1 && e.LeftOut[0] == bad {
			found = true
		}
	}
	if !found || r.Failed != 1 {
		t.Errorf("the report does not say the pack was written without %s: %+v", bad, r)
	}
	if strings.Contains(read(t, filepath.Join(out, "day.html")), "broken") {
		t.Error("the failed input is in the pack")
	}

	// The same in folio.yaml: the settings are the long flag names.
	cfg := write("folio.yaml", "pack: weekly\nsort: title\nto: html\nout: "+out+"\ninputs: ["+older+", "+newer+"]\n")
	if code, _, errs := runExport(t, "-q", "--config", cfg); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	page = read(t, filepath.Join(out, "weekly.html"))
	if i, j := strings.Index(page, "Newer piece"), strings.Index(page, "Older piece"); i < 0 || j < i {
		t.Error("sort: title from folio.yaml was not applied")
	}
}

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
