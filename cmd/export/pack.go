package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/pflag"

	"folio/pipeline"
)

// packFlags checks the pack flags and, with --pack, sets cfg.pack.
func packFlags(fs *pflag.FlagSet, cfg *config, name, sortBy string, po pipeline.PackOptions) error {
	if name == "" {
		for _, f := range []string{"pack-title", "pack-subtitle", "pack-date", "pack-editor", "sort", "skip-failed"} {
			if fs.Changed(f) {
				return fmt.Errorf("--%s needs --pack NAME", f)
			}
		}
		return nil
	}
	clean := filepath.Clean(name)
	if name != filepath.Base(name) || clean == "." || clean == ".." || strings.HasPrefix(name, ".") {
		return fmt.Errorf("--pack %q: want a file name without folders (the pack goes in the output folder, -o)", name)
	}
	for _, f := range pipeline.OutputFormats() {
		name = strings.TrimSuffix(name, pipeline.Extension(f))
	}
	if sortBy != "" && !slices.Contains(pipeline.PackSorts, sortBy) {
		return fmt.Errorf("--sort %q: want %s", sortBy, strings.Join(pipeline.PackSorts, ", "))
	}
	if d := strings.TrimSpace(po.Meta.Date); d != "" {
		if _, err := time.Parse(time.DateOnly, d); err != nil {
			return fmt.Errorf("--pack-date %q: want YYYY-MM-DD", d)
		}
	}
	for _, f := range cfg.opts.Formats {
		if !slices.Contains(pipeline.PackFormats(), f) {
			return fmt.Errorf("-t %s: a pack is written as %s", f, strings.Join(pipeline.PackFormats(), ", "))
		}
	}
	switch {
	case cfg.incremental:
		return errors.New("--incremental does not apply to --pack (a pack is always written whole)")
	case cfg.shard.N > 1:
		return errors.New("--shard does not apply to --pack (a pack is one document)")
	case cfg.opts.Fragment:
		return errors.New("--fragment does not apply to --pack")
	case cfg.opts.Isolate:
		return errors.New("--isolate does not apply to --pack yet: a pack's inputs are read in this process (--timeout bounds the whole pack)")
	}
	po.OutBase = filepath.Join(cfg.outDir, name)
	cfg.packName = name
	po.Sort = sortBy
	po.Jobs = cfg.jobs
	cfg.pack = &po
	return nil
}

// exportPack reads every input and writes one pack. It returns the exit
// status: 0 when the pack was written from every input, 1 when an input
// failed (whether or not --skip-failed still wrote the pack).
func exportPack(cfg *config, stdin io.Reader, stdout, stderr io.Writer) int {
	start := time.Now()
	jobs, err := pipeline.PlanPack(cfg.inputs, searchOutDir(cfg), cfg.exclude)
	if err != nil {
		logf(stderr, "export: %v", err)
		return 2
	}
	if cfg.outFile != "" {
		cfg.pack.OutBase = singleOutBase(cfg)
	}
	if len(jobs) > 1 {
		// Links between the articles become links between chapters.
		cfg.opts.Links = pipeline.NewLinks(jobs)
	}
	if err := readStdin(jobs, stdin, cfg.opts.MaxInputSize); err != nil {
		logf(stderr, "export: reading standard input: %v", err)
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	pr := pipeline.ConvertPack(ctx, jobs, &cfg.opts, *cfg.pack)
	if pr.Pack.Err == nil {
		if err := deliver(cfg, pr.Pack, stdout); err != nil {
			pr.Pack.Err = err
		}
	}
	prog := newProgress(cfg, stderr, 0)
	report := &pipeline.Report{Folio: version, Levels: cfg.levels}
	for _, r := range pr.Inputs {
		report.Add(r, pipeline.StatusOK)
		prog.messages(r)
	}
	report.AddPack(pr, cfg.packName)
	prog.done(pr.Pack)
	if err := writeReports(cfg, report, nil); err != nil {
		logf(stderr, "export: %v", err)
		return 1
	}
	if ctx.Err() != nil {
		logf(stderr, "export: interrupted; no pack was written")
		return 130
	}
	return finish(cfg, report, len(jobs)+1, start, stderr)
}
