// Command export turns articles (Markdown, plain text copied from a web
// page, or a Folio JSON tree) into a briefing PDF, an EPUB and a standalone
// HTML page. Its flags follow Pandoc's conventions. This file is wiring
// only: flags, the list of inputs, progress lines and exit codes; the work
// is in package pipeline.
//
// Exit status: 0 when every output was written, 1 when some input failed,
// 2 on a usage error, 130 when interrupted.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"folio/pipeline"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

const usage = `Usage: export [flags] INPUT...

Export articles to a briefing PDF, an EPUB and a standalone HTML page.
INPUT is a file, a folder (searched for .md, .markdown and .txt), or - for
standard input. Outputs are named after the input: notes.md → notes.pdf.

Examples:
  export article.md                          PDF, EPUB and HTML beside you
  export -t html,json -o out testdata/samples/briefing.md
  export -f article -o out scraped.txt       plain text copied from a site
  export -t pdf --marking "INTERNAL" -o out reports/
  cat notes.md | export -t html -o out -
  export --pack morning --sort date -o out today/   one briefing pack of a folder

Flags:
`

type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }

func main() {
	// A conversion's live heap is small (~7 MB) and its garbage large
	// (fonts, zlib state): at Go's default the collector runs three or
	// four times per article. Half as often costs a few MB of peak memory
	// for a single document and saves about a quarter of the CPU. GOGC in
	// the environment still wins.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
	code := run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	os.Exit(code)
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == pipeline.WorkerFlag {
		return pipeline.ServeWorker(stdin, stdout)
	}
	cfg, err := parseFlags(args, stdout, stderr)
	if err != nil {
		var ee *exitError
		if errors.As(err, &ee) {
			if ee.err != nil {
				fmt.Fprintf(stderr, "export: %v\n", ee.err)
			}
			return ee.code
		}
		fmt.Fprintf(stderr, "export: %v\nTry 'export --help'.\n", err)
		return 2
	}
	return export(cfg, stdin, stdout, stderr)
}

type config struct {
	opts        pipeline.Options
	inputs      []string
	outDir      string
	jobs        int
	quiet       bool
	exclude     []string
	report      string
	junit       string
	incremental bool
	failFast    bool
	shard       pipeline.Shard
	logMode     string
	// pack, when set, binds every input into one publication.
	pack *pipeline.PackOptions
}

func parseFlags(args []string, stdout, stderr io.Writer) (*config, error) {
	fs := pflag.NewFlagSet("export", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.SortFlags = false
	var (
		cfg      config
		to       []string
		meta     []string
		maxSize  int64
		showHelp bool
		showVer  bool
	)
	fs.StringSliceVarP(&to, "to", "t", []string{"pdf", "epub", "html"}, "output formats: "+strings.Join(pipeline.OutputFormats(), ","))
	fs.StringVarP(&cfg.opts.From, "from", "f", "", "input format: "+strings.Join(pipeline.InputFormats, " | ")+" (default: by extension, then by content)")
	fs.StringVarP(&cfg.outDir, "out", "o", ".", "output folder")
	fs.StringArrayVar(&meta, "meta", nil, "set metadata `key=value` (repeatable); NAME.meta.yaml beside an input does the same")
	fs.BoolVar(&cfg.opts.Fragment, "fragment", false, "HTML: write the body only, as the source wrote it")
	fs.BoolVar(&cfg.opts.UnsafeHTML, "unsafe-html", false, "keep raw HTML from the input (never in EPUB unless well-formed)")
	fs.StringVar(&cfg.opts.Paper, "paper", "a4", "PDF paper size: a4 | letter")
	fs.StringVar(&cfg.opts.Marking, "marking", "", "PDF: marking line in every page header, e.g. \"INTERNAL — NOT FOR DISTRIBUTION\"")
	fs.BoolVar(&cfg.opts.KeepBoilerplate, "keep-boilerplate", false, "article and html: keep site navigation, promotions and the rest of the page")
	fs.BoolVar(&cfg.opts.Lossy, "lossy", false, "replace bytes that are not UTF-8 instead of failing")
	fs.Int64Var(&maxSize, "max-input-size", pipeline.DefaultMaxInputSize, "largest input read, in bytes")
	fs.StringArrayVar(&cfg.opts.ResourcePaths, "resource-path", nil, "another `DIR` images may be read from (repeatable)")
	fs.StringArrayVar(&cfg.opts.Fonts, "font", nil, "PDF: a TrueType `FILE` (.ttf, .otf with TrueType outlines, .ttc) for characters the bundled fonts lack, tried before the system's fonts (repeatable)")
	fs.BoolVar(&cfg.opts.AllowRemote, "allow-remote", false, "fetch http(s) images (public addresses only, 20 MiB, 10 s, no redirects to other schemes)")
	fs.IntVarP(&cfg.jobs, "jobs", "j", runtime.NumCPU(), "documents converted in parallel")
	fs.StringArrayVar(&cfg.exclude, "exclude", nil, "skip files and folders matching `GLOB` when searching folders (repeatable)")
	fs.StringVar(&cfg.report, "report", "", "write a JSON report of every input to `FILE`")
	fs.StringVar(&cfg.junit, "junit", "", "write a JUnit XML report (one test case per input) to `FILE`")
	fs.BoolVar(&cfg.incremental, "incremental", false, "skip inputs whose content, options and Folio version are unchanged since the last run")
	fs.BoolVar(&cfg.failFast, "fail-fast", false, "stop at the first failed input")
	fs.DurationVar(&cfg.opts.Timeout, "timeout", 0, "give up on a document after this long, e.g. 30s (0: no limit; with --isolate the worker is killed)")
	fs.BoolVar(&cfg.opts.Isolate, "isolate", false, "convert each document in its own worker process, with a hard --timeout and a memory limit")
	fs.Int64Var(&cfg.opts.WorkerMemory, "max-memory", pipeline.DefaultWorkerMemory, "with --isolate: a worker's memory limit in bytes")
	var (
		pack     pipeline.PackOptions
		packName string
		sortBy   string
	)
	fs.StringVar(&packName, "pack", "", "bind every input into one briefing pack, written as `NAME`.pdf / .epub / .html in the output folder")
	fs.StringVar(&pack.Meta.Title, "pack-title", "", "pack: title (default: \"Briefing — DATE\" in the pack's language)")
	fs.StringVar(&pack.Meta.Subtitle, "pack-subtitle", "", "pack: subtitle")
	fs.StringVar(&pack.Meta.Date, "pack-date", "", "pack: date, YYYY-MM-DD (default: the newest article's)")
	fs.StringVar(&pack.Meta.Editor, "pack-editor", "", "pack: editor, shown on the cover and in the EPUB's metadata")
	fs.StringVar(&sortBy, "sort", "", "pack: order the articles by date (newest first) | title | source (default: as given)")
	fs.BoolVar(&pack.SkipFailed, "skip-failed", false, "pack: write the pack without inputs that fail (default: a failed input means no pack)")
	shard := fs.String("shard", "", "process only slice `K/N` of the sorted inputs, or auto (CI_NODE_INDEX/CI_NODE_TOTAL, JOB_COMPLETION_INDEX)")
	fs.StringVar(&cfg.logMode, "log", "auto", "progress display: auto (a bar on a terminal) | plain (a line per file)")
	configFile := fs.String("config", "", "read flag defaults from `FILE` (default: folio.yaml in the working directory, if present)")
	fs.BoolVarP(&cfg.quiet, "quiet", "q", false, "print errors only")
	fs.BoolVar(&cfg.opts.Debug, "debug", false, "add stack traces to internal errors")
	fs.BoolVar(&showVer, "version", false, "print the version and exit")
	fs.BoolVarP(&showHelp, "help", "h", false, "show this help")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	fromConfig, err := applyConfig(fs, *configFile)
	if err != nil {
		return nil, err
	}
	if showHelp {
		fmt.Fprint(stdout, usage+fs.FlagUsages()+"\nExit status: 0 all written, 1 some input failed, 2 usage error.\n")
		return nil, &exitError{code: 0}
	}
	if showVer {
		fmt.Fprintf(stdout, "export (Folio) %s\n", version)
		return nil, &exitError{code: 0}
	}
	cfg.inputs = fs.Args()
	if len(cfg.inputs) == 0 {
		cfg.inputs = fromConfig
	}
	if len(cfg.inputs) == 0 {
		return nil, errors.New("no input given")
	}
	formats, err := pipeline.ParseFormats(to)
	if err != nil {
		return nil, err
	}
	cfg.opts.Formats = formats
	for _, kv := range meta {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || strings.TrimSpace(k) == "" {
			return nil, fmt.Errorf("--meta %q: want key=value", kv)
		}
		cfg.opts.Meta = append(cfg.opts.Meta, [2]string{strings.TrimSpace(k), v})
	}
	switch cfg.opts.Paper = strings.ToLower(cfg.opts.Paper); cfg.opts.Paper {
	case "a4", "letter":
	default:
		return nil, fmt.Errorf("--paper %q: want a4 or letter", cfg.opts.Paper)
	}
	if maxSize <= 0 {
		return nil, fmt.Errorf("--max-input-size must be positive")
	}
	if err := checkFonts(&cfg.opts); err != nil {
		return nil, err
	}
	cfg.opts.MaxInputSize = maxSize
	if cfg.jobs < 1 {
		return nil, fmt.Errorf("--jobs must be at least 1")
	}
	if cfg.opts.SourceDate, err = sourceDate(os.Getenv("SOURCE_DATE_EPOCH")); err != nil {
		return nil, err
	}
	if cfg.shard, err = pipeline.ParseShard(*shard, os.Getenv); err != nil {
		return nil, err
	}
	switch cfg.logMode {
	case "auto", "plain":
	default:
		return nil, fmt.Errorf("--log %q: want auto or plain", cfg.logMode)
	}
	if err := packFlags(fs, &cfg, packName, sortBy, pack); err != nil {
		return nil, err
	}
	return &cfg, nil
}

// sourceDate reads SOURCE_DATE_EPOCH as the reproducible-builds spec says:
// a non-negative decimal integer of seconds; anything else is a usage error
// rather than a silently ignored setting.
func sourceDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q: want a non-negative whole number of seconds", s)
	}
	return time.Unix(n, 0).UTC(), nil
}
