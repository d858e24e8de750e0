package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"folio/pipeline"
)

// checkFlagValues refuses a flag whose value is another flag: in
// "--marking -o out" the user forgot the marking, and taking "-o" as its
// text would write to the wrong folder. A value that really starts with a
// dash is written --marking=-o.
func checkFlagValues(fs *pflag.FlagSet, args []string) error {
	for i := 0; i+1 < len(args); i++ {
		a := args[i]
		if a == "--" {
			return nil
		}
		if strings.Contains(a, "=") || !strings.HasPrefix(a, "-") || a == "-" {
			continue
		}
		var f *pflag.Flag
		if strings.HasPrefix(a, "--") {
			f = fs.Lookup(a[2:])
		} else if len(a) == 2 {
			f = fs.ShorthandLookup(a[1:])
		}
		if f == nil || f.Value.Type() == "bool" {
			continue
		}
		next := args[i+1]
		if looksLikeFlag(fs, next) {
			return fmt.Errorf("%s needs a value, but %s follows it; if %q is the value, write %s=%s", a, next, next, a, next)
		}
		i++
	}
	return nil
}

func looksLikeFlag(fs *pflag.FlagSet, s string) bool {
	name, _, _ := strings.Cut(s, "=")
	switch {
	case strings.HasPrefix(name, "--"):
		return fs.Lookup(name[2:]) != nil
	case strings.HasPrefix(name, "-") && len(name) >= 2:
		return fs.ShorthandLookup(name[1:2]) != nil
	}
	return false
}

// checkFrom refuses an -f value before any work, saying what to write
// instead: Pandoc's names and its +extension syntax are what a Pandoc
// user types first.
func checkFrom(from string) error {
	if from == "" || slices.Contains(pipeline.InputFormats, from) {
		return nil
	}
	want := strings.Join(pipeline.InputFormats, ", ")
	base, ext, hasExt := strings.Cut(strings.ReplaceAll(from, "-", "+"), "+")
	switch {
	case hasExt && slices.Contains(pipeline.InputFormats, base):
		return fmt.Errorf("-f %s: Folio has no +/- extensions; -f markdown already has smart punctuation, GFM tables, task lists, strikethrough and footnotes, -f commonmark has none of them (+%s)", from, ext)
	case from == "gfm" || from == "markdown_github" || from == "markdown_strict" || from == "markdown_mmd" || from == "markdown_phpextra":
		return fmt.Errorf("-f %s: write -f markdown (CommonMark with GFM tables, task lists, strikethrough, autolinks and footnotes) or -f commonmark (strict)", from)
	case from == "text" || from == "plain":
		return fmt.Errorf("-f %s: write -f article for plain text copied from a web page", from)
	case from == "htm" || from == "xhtml":
		return fmt.Errorf("-f %s: write -f html", from)
	}
	return fmt.Errorf("-f %q: unknown input format; want one of %s", from, want)
}

// outputTarget reads -o: a folder (as before), a file whose extension
// names the one format to write, or "-" for standard output. It settles
// the formats for the last two; whether there is exactly one input is
// checked once the inputs are found (checkOneOutput).
func outputTarget(cfg *config, toGiven bool) error {
	out := cfg.outDir
	if out == "" {
		return errors.New("-o: want a folder, a file name such as article.pdf, or - for standard output")
	}
	if out == "-" {
		if len(cfg.opts.Formats) != 1 {
			return fmt.Errorf("-o - writes one format to standard output, not %s; add -t html (or -t pdf, -t epub, -t json), or write -o DIR for several",
				strings.Join(cfg.opts.Formats, ","))
		}
		cfg.outFile, cfg.outDir = "-", ""
		return nil
	}
	fi, statErr := os.Stat(out)
	if statErr == nil && fi.IsDir() {
		return nil
	}
	if format := formatOfFile(out); format != "" {
		if toGiven && !slices.Equal(cfg.opts.Formats, []string{format}) {
			return fmt.Errorf("-o %s writes one %s file, but -t asks for %s; drop -t, or write -o DIR to write each format",
				out, format, strings.Join(cfg.opts.Formats, ","))
		}
		cfg.opts.Formats = []string{format}
		cfg.outFile, cfg.outDir = out, filepath.Dir(out)
		return nil
	}
	if statErr == nil {
		return fmt.Errorf("-o %s: is a file, not a folder; write -o DIR for an output folder, or -o NAME.pdf (.epub, .html, .json) for one output file", out)
	}
	return nil
}

// formatOfFile is the output format a file name's extension names, or "".
func formatOfFile(name string) string {
	ext := strings.ToLower(filepath.Ext(name))
	for _, f := range pipeline.OutputFormats() {
		if ext != "" && ext == pipeline.Extension(f) {
			return f
		}
	}
	return ""
}

// checkOneOutput refuses -o FILE or -o - when the inputs found are not
// exactly one, naming a few of them and what to write instead.
func checkOneOutput(cfg *config, jobs []pipeline.Job) error {
	if cfg.outFile == "" || len(jobs) == 1 {
		return nil
	}
	var names []string
	for i, j := range jobs {
		if i == 3 {
			names = append(names, "…")
			break
		}
		names = append(names, j.Name)
	}
	target := "-o " + cfg.outFile
	return fmt.Errorf("%s names one output, but %d inputs were found (%s); write -o DIR to export each, or --pack NAME %s to bind them into one",
		target, len(jobs), strings.Join(names, ", "), target)
}
