package pipeline

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestOpenerRefusesBeforeReading checks the one opener every file read
// goes through: what it refuses, with which code, and that it refuses
// without reading (a FIFO does not block, /dev/zero and a 1 TiB sparse
// file are not read).
func TestOpenerRefusesBeforeReading(t *testing.T) {
	base := t.TempDir()
	root := filepath.Join(base, "root")
	writeFile(t, filepath.Join(root, "ok.txt"), "fine")
	writeFile(t, filepath.Join(root, "sub", "inner.txt"), "inner")
	writeFile(t, filepath.Join(base, "secret.txt"), "SECRET")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.Symlink("ok.txt", filepath.Join(root, "link-in.txt")))
	must(os.Symlink("../secret.txt", filepath.Join(root, "link-out.txt")))
	must(os.Symlink("/etc/passwd", filepath.Join(root, "link-abs.txt")))
	must(os.Symlink("/dev/zero", filepath.Join(root, "zero.txt")))
	must(os.Symlink(base, filepath.Join(root, "up")))
	must(syscall.Mkfifo(filepath.Join(root, "fifo.txt"), 0o644))
	sparse, err := os.Create(filepath.Join(root, "huge.txt"))
	must(err)
	must(sparse.Truncate(1 << 40))
	sparse.Close()

	lim := fileLimit{max: 1 << 20, code: "too-big"}
	tests := []struct {
		name, path string
		want       string // content, or the refusal code, or "missing"
	}{
		{"a regular file is read", "ok.txt", "fine"},
		{"a file in a subfolder is read", "sub/inner.txt", "inner"},
		{"a link to a file in the folder is followed", "link-in.txt", "fine"},
		{"a link out of the folder is refused", "link-out.txt", "outside-root"},
		{"an absolute link is refused", "link-abs.txt", "outside-root"},
		{"a link to /dev/zero is refused (not read)", "zero.txt", "outside-root"},
		{"a path through a linked folder out of the root is refused", "up/secret.txt", "outside-root"},
		{"dot-dot is refused", "../secret.txt", "outside-root"},
		{"a FIFO is refused at once", "fifo.txt", "not-regular-file"},
		{"a folder is refused", "sub", "not-regular-file"},
		{"a 1 TiB file is refused by its size, unread", "huge.txt", "too-big"},
		{"a NUL byte is an invalid path", "a\x00.txt", "invalid-path"},
		{"a 300-byte name is an invalid path", strings.Repeat("n", 300) + ".txt", "invalid-path"},
		{"a missing file is missing", "gone.txt", "missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			done := make(chan struct{})
			var b []byte
			var err error
			go func() {
				defer close(done)
				b, err = readIn(root, tt.path, lim)
			}()
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				t.Fatal("blocked")
			}
			var fe *FileError
			switch {
			case tt.want == "missing":
				if !errors.Is(err, fs.ErrNotExist) {
					t.Errorf("err = %v, want not-exist", err)
				}
			case errors.As(err, &fe):
				if fe.Code != tt.want {
					t.Errorf("refused as %s (%v), want %s", fe.Code, fe, tt.want)
				}
			case err != nil:
				t.Errorf("err = %v, want %s", err, tt.want)
			case string(b) != tt.want:
				t.Errorf("read %q, want %s", b, tt.want)
			}
		})
	}
}

// TestGlobSkipsLinksAndSpecialFiles is r02's variant: Folio's own glob
// expansion ('in/*.md', folio.yaml's inputs:) takes regular files and
// folders only, as the folder walk does: never notes.md -> /etc/passwd.
func TestGlobSkipsLinksAndSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "real.md"), "# Real\n")
	if err := os.Symlink("/etc/passwd", filepath.Join(dir, "notes.md")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	jobs, err := Plan([]string{filepath.Join(dir, "*.md")}, filepath.Join(dir, "out"), []string{"html"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(jobs) != 1 || filepath.Base(jobs[0].Name) != "real.md" {
		t.Errorf("jobs %v, want real.md only", jobs)
	}
}

// TestExplicitInputLinkOutOfItsFolderIsRefused: an input named on the
// command line that is a link out of its folder fails with outside-root
// (name the target itself), and a FIFO input with not-regular-file,
// without blocking, also when --incremental hashes it first.
func TestExplicitInputLinkOutOfItsFolderIsRefused(t *testing.T) {
	dir := t.TempDir()
	if err := os.Symlink("/etc/passwd", filepath.Join(dir, "notes.md")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, code := range map[string]string{"notes.md": "outside-root", "pipe.md": "not-regular-file"} {
		job := Job{Name: filepath.Join(dir, name), OutBase: filepath.Join(dir, "out", name)}
		res := ConvertWithTimeout(t.Context(), job, &Options{Formats: []string{"html"}, Timeout: 20 * time.Second})
		if res.Err == nil || !strings.Contains(res.Err.Error(), code) {
			t.Errorf("%s: err = %v, want %s", name, res.Err, code)
		}
		if _, err := JobKey(job, &Options{}); err == nil || !strings.Contains(err.Error(), code) {
			t.Errorf("%s: incremental key: err = %v, want %s", name, err, code)
		}
	}
}
