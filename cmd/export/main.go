// Command export turns articles (Markdown, plain text copied from a web
// page, a saved web page, or a Folio JSON tree) into a briefing PDF, an EPUB and a standalone
// HTML page. Its flags follow Pandoc's conventions. This file is wiring
// only: flags, the list of inputs, progress lines and exit codes; the work
// is in package pipeline.
//
// Decisions a Pandoc user would expect: -o names a folder, or one output
// file whose extension gives the format (for one input or one pack), or
// - for standard output (one format); anything ambiguous is a usage error
// saying what to write instead. Everything that can be checked before
// work starts (flag values, -o against the inputs found, finding no input
// at all) is checked then. Folio never reads its own outputs back in
// (pipeline.Plan). Warnings have levels (pipeline.Levels): info is shown
// with -v and summed up in one line per document otherwise.
//
// Exit status: 0 when every output was written, 1 when some input failed
// (or, with --fail-on-warning, warned), 2 on a usage error (found before
// any work starts: nothing is written), 130 when interrupted.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/pflag"

	"folio/pipeline"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

// usage is the head of --help; %s is the extensions a folder is searched for.
const usage = `Usage: export [flags] INPUT...

Export articles to a briefing PDF, an EPUB and a standalone HTML page.
INPUT is a file, a glob, - for standard input, or a folder, searched for
%s files (the output folder and Folio's own
outputs are left out). Outputs are named after the input: notes.md → notes.pdf.

Examples:
  export article.md                          PDF, EPUB and HTML beside you
  export -o article.pdf article.md           exactly that file, as in Pandoc
  export -t html,json -o out testdata/samples/briefing.md
  export -f article -o out scraped.txt       plain text copied from a site
  export -t pdf --marking "INTERNAL" -o out reports/
  cat notes.md | export -t html -o - -       standard input to standard output
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
	// A closed standard output or error (export … | head) must not end
	// a batch: with SIGPIPE ignored, writes to them fail with EPIPE
	// instead of killing the process, and stream drops them from then on.
	signal.Ignore(syscall.SIGPIPE)
	code := run(os.Args[1:], os.Stdin, &stream{w: os.Stdout}, &stream{w: os.Stderr})
	os.Exit(code)
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == pipeline.WorkerFlag {
		return pipeline.ServeWorker(stdin, unwrap(stdout))
	}
	cfg, err := parseFlags(args, stdout, stderr)
	if err != nil {
		var ee *exitError
		if errors.As(err, &ee) {
			if ee.err != nil {
				logf(stderr, "export: %v", ee.err)
			}
			return ee.code
		}
		logf(stderr, "export: %v", err)
		logf(stderr, "Try 'export --help'.")
		return 2
	}
	return export(cfg, stdin, stdout, stderr)
}

type config struct {
	opts   pipeline.Options
	inputs []string
	// outDir is the output folder; with -o FILE, the file's folder.
	outDir string
	// outFile is -o FILE (one output at exactly that path) or "-"
	// (standard output); empty for -o DIR.
	outFile       string
	verbose       bool
	levels        pipeline.Levels
	failOnWarning bool
	jobs          int
	quiet         bool
	exclude       []string
	report        string
	junit         string
	incremental   bool
	failFast      bool
	shard         pipeline.Shard
	logMode       string
	// pack, when set, binds every input into one publication.
	pack     *pipeline.PackOptions
	packName string
}

func parseFlags(args []string, stdout, stderr io.Writer) (*config, error) {
	fs := pflag.NewFlagSet("export", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.SortFlags = false
	var v flagVars
	defineFlags(fs, &v)
	if err := checkFlagValues(fs, args); err != nil {
		return nil, err
	}
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if v.showHelp {
		fmt.Fprint(stdout, helpText(fs))
		return nil, &exitError{code: 0}
	}
	if v.showVer {
		fmt.Fprintf(stdout, "export (Folio) %s\n", version)
		return nil, &exitError{code: 0}
	}
	fromConfig, origins, err := applyConfig(fs, v.configFile)
	if err != nil {
		return nil, err
	}
	cfg, err := settle(fs, &v, fromConfig)
	if err != nil {
		return nil, origins.explain(fs, err)
	}
	return cfg, nil
}

// settle checks the parsed flag values and builds the run's config.
func settle(fs *pflag.FlagSet, v *flagVars, fromConfig []string) (*config, error) {
	var err error
	cfg := v.cfg
	cfg.inputs = fs.Args()
	if len(cfg.inputs) == 0 {
		cfg.inputs = fromConfig
	}
	if len(cfg.inputs) == 0 {
		return nil, errors.New("no input given: name files or folders (or - for standard input), or list them under inputs: in folio.yaml")
	}
	if err := checkFrom(cfg.opts.From); err != nil {
		return nil, err
	}
	formats, err := pipeline.ParseFormats(v.to)
	if err != nil {
		return nil, err
	}
	cfg.opts.Formats = formats
	if err := outputTarget(&cfg, fs.Changed("to")); err != nil {
		return nil, err
	}
	for _, kv := range v.meta {
		k, val, ok := strings.Cut(kv, "=")
		if !ok || strings.TrimSpace(k) == "" {
			return nil, fmt.Errorf("--meta %q: want key=value", kv)
		}
		cfg.opts.Meta = append(cfg.opts.Meta, [2]string{strings.TrimSpace(k), val})
	}
	if cfg.levels, err = pipeline.ParseLevels(v.warnLevels); err != nil {
		return nil, err
	}
	cfg.failOnWarning = v.failOnWarning
	switch cfg.opts.Paper = strings.ToLower(cfg.opts.Paper); cfg.opts.Paper {
	case "a4", "letter":
	default:
		return nil, fmt.Errorf("--paper %q: want a4 or letter", cfg.opts.Paper)
	}
	if err := pipeline.CheckBaseURL(cfg.opts.BaseURL); err != nil {
		return nil, err
	}
	if err := checkFonts(&cfg.opts); err != nil {
		return nil, err
	}
	cfg.opts.MaxInputSize = int64(v.maxSize)
	cfg.opts.WorkerMemory = int64(v.maxMemory)
	if cfg.jobs < 1 {
		return nil, fmt.Errorf("--jobs must be at least 1")
	}
	if cfg.opts.SourceDate, err = sourceDate(os.Getenv("SOURCE_DATE_EPOCH")); err != nil {
		return nil, err
	}
	if cfg.shard, err = pipeline.ParseShard(v.shard, os.Getenv); err != nil {
		return nil, err
	}
	switch cfg.logMode {
	case "auto", "plain":
	default:
		return nil, fmt.Errorf("--log %q: want auto or plain", cfg.logMode)
	}
	if err := packFlags(fs, &cfg, v.packName, v.sortBy, v.pack); err != nil {
		return nil, err
	}
	return &cfg, nil
}

// sourceDate reads SOURCE_DATE_EPOCH as the reproducible-builds spec says:
// a non-negative decimal integer of seconds; anything else is a usage error
// rather than a silently ignored setting.
// lastEpochSecond is 9999-12-31T23:59:59Z.
const lastEpochSecond = 253402300799

func sourceDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q: want a non-negative whole number of seconds", s)
	}
	if n > lastEpochSecond {
		// Refused rather than clamped: no output format can carry a year
		// past 9999 (EPUB's dcterms:modified and PDF dates have four
		// digits), and a silently different date would defeat the point
		// of the setting. Such a value is nearly always milliseconds.
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is after the year 9999; give seconds since 1970 (milliseconds? divide by 1000)", s)
	}
	return time.Unix(n, 0).UTC(), nil
}
