// Package checktool finds the outside validators Folio's tests run on
// generated files (EPUBCheck, qpdf, poppler's pdftotext/pdffonts, the Nu
// HTML checker). On a developer's machine a missing validator skips the
// test with a message saying how to install it; under CI=true it fails the
// test, so CI can never pass without validating.
package checktool

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Tool is one validator: how to find it and how to install it.
type Tool struct {
	Name    string
	Install string
	// Find returns the command line prefix that runs the tool, or nil.
	Find func() []string
}

// InCI reports whether the tests run under CI (CI=true), where every
// validator must be present.
func InCI() bool {
	v := strings.ToLower(os.Getenv("CI"))
	return v == "true" || v == "1"
}

func path(name string) func() []string {
	return func() []string {
		if p, err := exec.LookPath(name); err == nil {
			return []string{p}
		}
		return nil
	}
}

func jar(candidates ...string) func() []string { return jarWith(nil, candidates...) }

// jarWith is jar with options for the Java virtual machine.
func jarWith(javaOpts []string, candidates ...string) func() []string {
	return func() []string {
		java, err := exec.LookPath("java")
		if err != nil {
			return nil
		}
		for _, c := range candidates {
			matches, _ := filepath.Glob(c)
			for _, m := range matches {
				if fi, err := os.Stat(m); err == nil && fi.Mode().IsRegular() {
					return append(append([]string{java}, javaOpts...), "-jar", m)
				}
			}
		}
		return nil
	}
}

var (
	// EPUBCheck is Debian's epubcheck package (EPUBCheck 4) run through
	// Java. One run checks one small book and exits: the client compiler
	// alone and the serial collector halve the CPU its start-up costs.
	EPUBCheck = Tool{"epubcheck", "apt-get install epubcheck", jarWith(
		[]string{"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"}, "/usr/share/java/epubcheck.jar")}
	// QPDF checks PDF structure.
	QPDF = Tool{"qpdf", "apt-get install qpdf", path("qpdf")}
	// PDFToText extracts text (poppler-utils).
	PDFToText = Tool{"pdftotext", "apt-get install poppler-utils", path("pdftotext")}
	// PDFFonts lists a PDF's fonts (poppler-utils).
	PDFFonts = Tool{"pdffonts", "apt-get install poppler-utils", path("pdffonts")}
	// PDFInfo lists a PDF's named destinations (poppler-utils).
	PDFInfo = Tool{"pdfinfo", "apt-get install poppler-utils", path("pdfinfo")}
	// VNU is the Nu HTML checker from the npm package vnu-jar.
	VNU = Tool{"vnu", "npm install -g vnu-jar && apt-get install default-jre-headless", jar(
		"/usr/lib/node_modules/vnu-jar/build/dist/vnu.jar",
		"/usr/local/lib/node_modules/vnu-jar/build/dist/vnu.jar",
		"/root/.npm-global/lib/node_modules/vnu-jar/build/dist/vnu.jar",
		"node_modules/vnu-jar/build/dist/vnu.jar",
	)}
)

var (
	// Ace is Ace by DAISY, the EPUB accessibility checker, run in Debian's
	// Chromium (PUPPETEER_EXECUTABLE_PATH, /usr/bin/chromium by default)
	// rather than a browser Puppeteer would download.
	Ace = Tool{"ace-puppeteer", "apt-get install chromium && PUPPETEER_SKIP_DOWNLOAD=1 npm install -g --ignore-scripts @daisy/ace", firstOf(
		path("ace-puppeteer"),
		file("/usr/lib/node_modules/@daisy/ace/bin/ace-puppeteer.js", "/usr/local/lib/node_modules/@daisy/ace/bin/ace-puppeteer.js"),
	)}
	// EbookMeta is Calibre's metadata reader, to see a book as library
	// software shows it.
	EbookMeta = Tool{"ebook-meta", "apt-get install --no-install-recommends calibre", path("ebook-meta")}
)

func file(candidates ...string) func() []string {
	return func() []string {
		for _, c := range candidates {
			if fi, err := os.Stat(c); err == nil && fi.Mode().IsRegular() {
				return []string{c}
			}
		}
		return nil
	}
}

func firstOf(finds ...func() []string) func() []string {
	return func() []string {
		for _, f := range finds {
			if cmd := f(); cmd != nil {
				return cmd
			}
		}
		return nil
	}
}

// Need returns the command that runs tool. When the tool is missing it skips
// the test, or fails it under CI=true.
func Need(t testing.TB, tool Tool) []string {
	t.Helper()
	if cmd := tool.Find(); cmd != nil {
		return cmd
	}
	if InCI() {
		t.Fatalf("%s is required under CI=true but was not found (install: %s)", tool.Name, tool.Install)
	}
	t.Skipf("%s not found; skipping validation (install: %s, or run make check)", tool.Name, tool.Install)
	return nil
}

// Run runs the tool with args and returns its combined output and error.
func Run(t testing.TB, tool Tool, args ...string) (string, error) {
	t.Helper()
	cmd := Need(t, tool)
	c := exec.Command(cmd[0], append(cmd[1:], args...)...)
	out, err := c.CombinedOutput()
	return string(out), err
}
