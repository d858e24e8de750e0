// Package shared finds, for tests and the quality harness, the material
// that stays out of the repository: the shared folder beside the checkout
// (seeds, corpora, the red team's reproductions) and the module cache's
// copies of dependencies that ship test pages.
package shared

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Dir returns shared/<sub> in the nearest folder above the working
// directory that has it (the checkout's parent in CI), or "".
func Dir(sub string) string {
	dir, err := filepath.Abs(".")
	if err != nil {
		return ""
	}
	for {
		p := filepath.Join(dir, "shared", sub)
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// ModuleDir is where the module cache holds a module of the build list,
// or "" with the reason.
func ModuleDir(path string) (string, error) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", path).Output()
	if err != nil {
		return "", err
	}
	dir := strings.TrimSpace(string(out))
	if _, err := os.Stat(dir); err != nil {
		return "", err
	}
	return dir, nil
}
