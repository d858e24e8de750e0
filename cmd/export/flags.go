package main

import (
	"fmt"
	"runtime"
	"strings"

	"github.com/spf13/pflag"

	"folio/pipeline"
)

// The flag set is the one table of the command's flags: --help and the
// README's flag list are both printed from it (TestReadmeFlagsMatchHelp
// compares them), so they cannot drift. A new flag is one line in
// defineFlags; an argument name in `backquotes` in its usage names the
// value; annotationDefault overrides a default that is not a constant.

// annotationDefault is the pflag annotation that replaces the shown
// default (for -j, "the number of CPUs" rather than this machine's).
const annotationDefault = "folio-default"

// flagVars are the values the flags are parsed into, before parseFlags
// checks them and builds a config.
type flagVars struct {
	cfg           config
	to            []string
	meta          []string
	warnLevels    []string
	maxSize       byteSize
	maxMemory     byteSize
	showHelp      bool
	showVer       bool
	pack          pipeline.PackOptions
	packName      string
	sortBy        string
	shard         string
	configFile    string
	failOnWarning bool
}

func defineFlags(fs *pflag.FlagSet, v *flagVars) {
	c := &v.cfg
	v.maxSize = byteSize(pipeline.DefaultMaxInputSize)
	v.maxMemory = byteSize(pipeline.DefaultWorkerMemory)
	fs.StringSliceVarP(&v.to, "to", "t", []string{"pdf", "epub", "html"}, "output formats, any of "+strings.Join(pipeline.OutputFormats(), ", ")+" (`LIST`)")
	fs.StringVarP(&c.opts.From, "from", "f", "", "input format: "+strings.Join(pipeline.InputFormats, " | ")+" (default: by extension, then by content) (`FORMAT`)")
	fs.StringVarP(&c.outDir, "out", "o", ".", "where outputs go: a folder (a folder input's tree is mirrored under it); a file NAME.pdf, .epub, .html or .json for one input or one pack; or - for standard output (one format) (`PATH`)")
	fs.StringArrayVar(&v.meta, "meta", nil, "set metadata `key=value` (repeatable); NAME.meta.yaml beside an input does the same")
	fs.BoolVar(&c.opts.Fragment, "fragment", false, "HTML: the body only, no page template, no title lifted, heading levels kept")
	fs.BoolVar(&c.opts.UnsafeHTML, "unsafe-html", false, "keep raw HTML from the input (dropped by default, with a warning naming the line; never in EPUB unless well-formed)")
	fs.StringVar(&c.opts.Paper, "paper", "a4", "PDF paper size: a4 | letter (`SIZE`)")
	fs.StringVar(&c.opts.Align, "align", "justify", "PDF body text: justify (hyphenated, the default) | left (ragged right; ragged left in right-to-left documents) (`MODE`)")
	fs.StringVar(&c.opts.Marking, "marking", "", "PDF: a marking line in the running header of every page, e.g. \"INTERNAL — NOT FOR DISTRIBUTION\" (`TEXT`)")
	fs.BoolVar(&c.opts.KeepBoilerplate, "keep-boilerplate", false, "article and html readers: keep site navigation, promotions and the rest of the page")
	fs.BoolVar(&c.opts.Lossy, "lossy", false, "replace bytes that are not UTF-8 with U+FFFD instead of failing")
	fs.Var(&v.maxSize, "max-input-size", "largest input read: bytes, or with a unit, e.g. 5MB, 512KiB (`SIZE`)")
	fs.StringArrayVar(&c.opts.ResourcePaths, "resource-path", nil, "another `DIR` images may be read from (repeatable)")
	fs.StringArrayVar(&c.opts.Fonts, "font", nil, "PDF: a TrueType font `FILE` (.ttf, .otf with TrueType outlines, .ttc) for characters the bundled fonts lack, tried before the system's fonts (repeatable)")
	fs.StringVar(&c.opts.BaseURL, "base-url", "", "turn relative links to files that are not inputs of the run into absolute links under `URL` (http or https), which stands for the working directory; without it they stay text in EPUB and PDF")
	fs.BoolVar(&c.opts.AllowRemote, "allow-remote", false, "fetch http(s) images (public addresses only, 20 MiB, 10 s, no redirects to other schemes)")
	fs.IntVarP(&c.jobs, "jobs", "j", runtime.NumCPU(), "documents converted in parallel (`N`)")
	fs.SetAnnotation("jobs", annotationDefault, []string{"the number of CPUs"})
	fs.StringArrayVar(&c.exclude, "exclude", nil, "skip files and folders matching `GLOB` when searching folders (repeatable)")
	fs.StringVar(&c.report, "report", "", "write a JSON report of every input to `FILE`")
	fs.StringVar(&c.junit, "junit", "", "write a JUnit XML report (one test case per input, class name its folder) to `FILE`")
	fs.BoolVar(&c.incremental, "incremental", false, "skip inputs whose content, options and Folio version are unchanged since the last run (their warnings are still reported)")
	fs.BoolVar(&c.failFast, "fail-fast", false, "stop at the first failed input")
	fs.BoolVar(&v.failOnWarning, "fail-on-warning", false, "exit 1 when any input has a warning (info messages do not count)")
	fs.StringArrayVar(&v.warnLevels, "warning", nil, "set how a warning code counts, `CODE=LEVEL` with LEVEL info | warning | error (repeatable; folio.yaml: warnings: {CODE: LEVEL})")
	fs.DurationVar(&c.opts.Timeout, "timeout", 0, "give up on a document after this long, e.g. 30s (0: no limit; with --isolate the worker is killed) (`DURATION`)")
	fs.BoolVar(&c.opts.Isolate, "isolate", false, "convert each document in its own worker process, with a hard --timeout and a memory limit")
	fs.Var(&v.maxMemory, "max-memory", "with --isolate: a worker's memory limit, e.g. 512MiB (`SIZE`)")
	fs.StringVar(&v.packName, "pack", "", "bind every input into one briefing pack, written as `NAME`.pdf / .epub / .html in the output folder")
	fs.StringVar(&v.pack.Meta.Title, "pack-title", "", "pack: title (default: \"Briefing — DATE\" in the pack's language) (`TEXT`)")
	fs.StringVar(&v.pack.Meta.Subtitle, "pack-subtitle", "", "pack: subtitle (`TEXT`)")
	fs.StringVar(&v.pack.Meta.Date, "pack-date", "", "pack: date, YYYY-MM-DD (default: the newest article's) (`DATE`)")
	fs.StringVar(&v.pack.Meta.Editor, "pack-editor", "", "pack: editor, shown on the cover and as the EPUB's creator (default: the articles' publisher when they share one) (`NAME`)")
	fs.StringVar(&v.sortBy, "sort", "", "pack: order the articles by date (newest first) | title | source (default: as given) (`KEY`)")
	fs.BoolVar(&v.pack.SkipFailed, "skip-failed", false, "pack: write the pack without inputs that fail (default: a failed input means no pack)")
	fs.StringVar(&v.shard, "shard", "", "process only slice `K/N` of the sorted inputs, or auto (CI_NODE_INDEX/CI_NODE_TOTAL, JOB_COMPLETION_INDEX)")
	fs.StringVar(&c.logMode, "log", "auto", "progress display: auto (a bar on a terminal) | plain (a line per file) (`MODE`)")
	fs.StringVar(&v.configFile, "config", "", "read flag defaults from `FILE` (default: folio.yaml in the working directory, if present)")
	fs.BoolVarP(&c.quiet, "quiet", "q", false, "errors only")
	fs.BoolVarP(&c.verbose, "verbose", "v", false, "also show info messages (boilerplate lines removed, page furniture dropped)")
	fs.BoolVar(&c.opts.Debug, "debug", false, "add stack traces to internal errors")
	fs.BoolVar(&v.showVer, "version", false, "print the version and exit")
	fs.BoolVarP(&v.showHelp, "help", "h", false, "show this help")
	// --output is Pandoc's name for -o.
	fs.SetNormalizeFunc(func(_ *pflag.FlagSet, name string) pflag.NormalizedName {
		if name == "output" {
			name = "out"
		}
		return pflag.NormalizedName(name)
	})
}

// flagLine is one flag as a person reads it: its names and value, its
// meaning and its default.
type flagLine struct{ names, usage, def string }

func flagLines(fs *pflag.FlagSet) []flagLine {
	var out []flagLine
	fs.VisitAll(func(f *pflag.Flag) {
		arg, usage := pflag.UnquoteUsage(f)
		usage = strings.TrimSuffix(usage, " ("+arg+")")
		names := "--" + f.Name
		if f.Name == "out" {
			names += ", --output"
		}
		if f.Shorthand != "" {
			names = "-" + f.Shorthand + ", " + names
		}
		switch f.Value.Type() {
		case "bool":
			arg = ""
		case "int", "int64":
			if arg == "int" || arg == "int64" {
				arg = "N"
			}
		}
		if arg != "" {
			names += " " + arg
		}
		def := f.DefValue
		if d, ok := f.Annotations[annotationDefault]; ok {
			def = d[0]
		}
		switch def {
		case "", "false", "[]", "0", "0s":
			def = ""
		}
		def = strings.Trim(def, "[]")
		out = append(out, flagLine{names, usage, def})
	})
	return out
}

// helpText is --help: usage, examples, every flag, exit statuses.
func helpText(fs *pflag.FlagSet) string {
	var b strings.Builder
	b.WriteString(fmt.Sprintf(usage, strings.Join(pipeline.FolderExtensions(), ", ")))
	for _, l := range flagLines(fs) {
		text := l.usage
		if l.def != "" {
			text += " (default " + l.def + ")"
		}
		names := l.names
		if strings.HasPrefix(names, "--") {
			names = "    " + names // aligned with the long names of "-x, --long"
		}
		lines := wrap(text, 70)
		if len(names) > 28 {
			// A long name would push the text right: it gets its own line.
			fmt.Fprintf(&b, "  %s\n", names)
			lines = append([]string{""}, lines...)
		} else {
			fmt.Fprintf(&b, "  %-28s %s\n", names, lines[0])
		}
		for _, more := range lines[1:] {
			fmt.Fprintf(&b, "  %-28s %s\n", "", more)
		}
	}
	b.WriteString("\n" + exitStatus + "\n")
	return b.String()
}

// exitStatus is the exit codes, as --help and the package comment give them.
const exitStatus = "Exit status: 0 all written, 1 some input failed (or warned, with --fail-on-warning),\n2 usage error (nothing was done), 130 interrupted."

// readmeFlags is the README's flag table.
func readmeFlags(fs *pflag.FlagSet) string {
	var b strings.Builder
	b.WriteString("| flag | meaning |\n| --- | --- |\n")
	for _, l := range flagLines(fs) {
		text := strings.ReplaceAll(l.usage, "|", `\|`)
		if l.def != "" {
			d := "`" + l.def + "`"
			if strings.Contains(l.def, " ") {
				d = l.def
			}
			text += " (default " + d + ")"
		}
		fmt.Fprintf(&b, "| `%s` | %s |\n", strings.ReplaceAll(l.names, "|", `\|`), text)
	}
	return b.String()
}

// wrap breaks text into lines of at most width bytes at spaces.
func wrap(text string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		if line != "" && len(line)+1+len(w) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	return append(lines, line)
}
