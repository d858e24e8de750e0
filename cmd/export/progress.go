package main

import (
	"io"
	"os"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"folio/pipeline"
)

// progress shows what a run is doing: a bar with counts, rate and ETA on a
// terminal; one line per file otherwise (CI logs) or with --log plain;
// errors only with -q. Everything goes to standard error, so standard
// output stays free for a caller's own use.
type progress struct {
	cfg    *config
	stderr io.Writer
	bar    *progressbar.ProgressBar
}

func newProgress(cfg *config, stderr io.Writer, total int) *progress {
	p := &progress{cfg: cfg, stderr: stderr}
	f, isFile := unwrap(stderr).(*os.File)
	if !cfg.quiet && cfg.logMode == "auto" && isFile && term.IsTerminal(int(f.Fd())) && total > 1 {
		p.bar = progressbar.NewOptions(total,
			progressbar.OptionSetWriter(stderr),
			progressbar.OptionSetDescription("exporting"),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("docs"),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionThrottle(100_000_000),
		)
	}
	return p
}

func (p *progress) println(format string, args ...any) {
	if p.bar != nil {
		p.bar.Clear()
	}
	logf(p.stderr, format, args...)
}

// messages prints a result's error and its warnings at their levels:
// info ones only with -v, else one line that counts them.
func (p *progress) messages(r *pipeline.Result) {
	if r.Err != nil {
		p.println("%v", r.Err)
	}
	if p.cfg.quiet {
		return
	}
	for _, w := range r.Warnings {
		level := p.cfg.levels.Of(w.Code)
		if level == pipeline.LevelInfo && !p.cfg.verbose {
			continue
		}
		p.println("%s: %s: %s: %s", w.Pos, level, w.Code, w.Message)
	}
	if s := p.cfg.levels.InfoSummary(r.Warnings); s != "" && !p.cfg.verbose {
		p.println("%s: info: %s; -v lists them", r.Input, s)
	}
}

func (p *progress) done(r *pipeline.Result) {
	p.messages(r)
	if !p.cfg.quiet {
		if p.bar == nil {
			for _, o := range r.Outputs {
				p.println("%s → %s", r.Input, o.Path)
			}
		}
	}
	if p.bar != nil {
		p.bar.Add(1)
	}
}

func (p *progress) finish() {
	if p.bar != nil {
		p.bar.Finish()
	}
}
