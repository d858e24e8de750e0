package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestEscapeLine(t *testing.T) {
	for _, tt := range []struct{ name, in, want string }{
		{"plain text and non-ASCII pass", "a/ü 文.md → out/x.html", "a/ü 文.md → out/x.html"},
		{"a newline cannot forge a line", "a\nevil.md: internal-error: x", `a\nevil.md: internal-error: x`},
		{"ESC colour and OSC title", "\x1b[31mRED\x1b]0;pwned\a.md", `\x1b[31mRED\x1b]0;pwned\a.md`},
		{"C1 CSI and DEL", "a\u009bb\x7f", `a\u009bb\x7f`},
		{"bidi override", "txt.\u202egpj.md", `txt.\u202egpj.md`},
		{"invalid UTF-8", "a\xffb", `a\xffb`},
		{"carriage return", "ok\rERROR", `ok\rERROR`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := escapeLine(tt.in); got != tt.want {
				t.Errorf("escapeLine(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestLogNamesEscaped checks r21 end to end: a file whose name holds a
// newline, ESC and an OSC sequence is logged on one line, escaped, and
// still converted.
func TestLogNamesEscaped(t *testing.T) {
	dir := t.TempDir()
	name := "a\nevil.md: internal-error: forged \x1b[31mRED\x1b]0;pwned\a.md"
	if err := os.WriteFile(filepath.Join(dir, name), []byte("# A\n\n![x](missing.png)\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code := run([]string{"--log", "plain", "-t", "html", "-o", filepath.Join(dir, "out"), dir}, strings.NewReader(""), &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	log := stderr.String()
	if strings.ContainsAny(log, "\x1b\a") {
		t.Errorf("raw control characters reach the log: %q", log)
	}
	for _, l := range strings.Split(strings.TrimSuffix(log, "\n"), "\n") {
		if strings.HasPrefix(l, "evil.md") {
			t.Errorf("forged line %q in %q", l, log)
		}
	}
	if !strings.Contains(log, `a\nevil.md: internal-error: forged \x1b[31mRED`) {
		t.Errorf("the name is not shown escaped: %q", log)
	}
}

// TestClosedStderrFinishesTheBatch checks r13: with standard error (and
// output) a pipe whose reader has gone, the batch is not killed by
// SIGPIPE: every document is written, the report too, no temporary file
// is left, and the exit status is 0.
func TestClosedStderrFinishesTheBatch(t *testing.T) {
	bin := exportBinary(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	if err := os.MkdirAll(in, 0o755); err != nil {
		t.Fatal(err)
	}
	const n = 40
	for i := range n {
		name := filepath.Join(in, "doc"+strings.Repeat("x", i%3)+string(rune('a'+i%26))+string(rune('a'+i/26))+".md")
		if err := os.WriteFile(name, []byte("# Doc\n\nSome text.\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	r.Close() // the reader is gone before the first line
	out := filepath.Join(dir, "out")
	report := filepath.Join(dir, "report.json")
	cmd := exec.Command(bin, "-j2", "-t", "html,json", "--log", "plain", "-o", out, "--report", report, in)
	cmd.Stdout, cmd.Stderr = w, w
	err = cmd.Run()
	w.Close()
	var ee *exec.ExitError
	if errors.As(err, &ee) || err != nil {
		t.Fatalf("export with a closed stderr: %v (want exit 0, not a SIGPIPE death)", err)
	}
	files, _ := filepath.Glob(filepath.Join(out, "*.html"))
	if len(files) != n {
		t.Errorf("%d HTML files written, want %d", len(files), n)
	}
	if _, err := os.Stat(report); err != nil {
		t.Errorf("no report: %v", err)
	}
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}
