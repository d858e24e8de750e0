package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"folio/pipeline"
)

// export plans the jobs, runs them through the worker pool, shows progress
// and writes the reports. It returns the exit status.
func export(cfg *config, stdin io.Reader, stdout, stderr io.Writer) int {
	pipeline.Version = version
	start := time.Now()
	if cfg.outFile == "-" {
		// The output is written as a file, as always, then copied out:
		// one code path, and a failed conversion writes nothing at all.
		tmp, err := os.MkdirTemp("", "folio-stdout-")
		if err != nil {
			logf(stderr, "export: %v", err)
			return 1
		}
		defer os.RemoveAll(tmp)
		cfg.outDir = tmp
	}
	if cfg.pack != nil {
		return exportPack(cfg, stdin, stdout, stderr)
	}
	jobs, err := pipeline.Plan(cfg.inputs, searchOutDir(cfg), cfg.opts.Formats, cfg.exclude)
	if err == nil {
		err = checkOneOutput(cfg, jobs)
	}
	if err != nil {
		logf(stderr, "export: %v", err)
		return 2
	}
	if cfg.outFile != "" {
		jobs[0].OutBase = singleOutBase(cfg)
		if err := pipeline.CheckOverwrite(jobs, cfg.opts.Formats); err != nil {
			fmt.Fprintf(stderr, "export: %v\n", err)
			return 2
		}
	}
	if len(jobs) > 1 {
		// Every input of the run, before sharding: a link to one in
		// another shard still goes to its output.
		cfg.opts.Links = pipeline.NewLinks(jobs)
	}
	jobs = cfg.shard.Select(jobs)
	if err := readStdin(jobs, stdin, cfg.opts.MaxInputSize); err != nil {
		logf(stderr, "export: reading standard input: %v", err)
		return 1
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	var manifest *pipeline.Manifest
	if cfg.incremental {
		manifest = pipeline.LoadManifest(cfg.outDir)
	}
	todo, skipped := splitFresh(jobs, manifest, &cfg.opts)
	report := &pipeline.Report{Folio: version, Levels: cfg.levels}
	for _, r := range skipped {
		report.Add(r, pipeline.StatusSkipped)
	}
	if cfg.incremental && !cfg.quiet {
		logf(stderr, "export: %d unchanged since the last run, %d to export", len(skipped), len(todo))
	}

	prog := newProgress(cfg, stderr, len(todo))
	var failed atomic.Int64
	keys := map[string]string{}
	if manifest != nil {
		for _, j := range todo {
			keys[j.Name], _ = pipeline.JobKey(j, &cfg.opts)
		}
	}
	pipeline.Run(ctx, todo, &cfg.opts, cfg.jobs, func(r *pipeline.Result) {
		if r.Err == nil {
			if err := deliver(cfg, r, stdout); err != nil {
				r.Err = err
			}
		}
		report.Add(r, pipeline.StatusOK)
		if manifest != nil {
			manifest.Record(r.Input, keys[r.Input], r)
		}
		if r.Err != nil {
			failed.Add(1)
			if cfg.failFast {
				cancel()
			}
		}
		prog.done(r)
	})
	prog.finish()

	interrupted := ctx.Err() != nil && !(cfg.failFast && failed.Load() > 0)
	if err := writeReports(cfg, report, manifest); err != nil {
		logf(stderr, "export: %v", err)
		return 1
	}
	if interrupted {
		logf(stderr, "export: interrupted; finished documents were kept, no partial files were left")
		return 130
	}
	return finish(cfg, report, len(jobs), start, stderr)
}

// finish turns the report into the exit status and, unless -q, one line
// that sums the run up.
func finish(cfg *config, report *pipeline.Report, total int, start time.Time, stderr io.Writer) int {
	switch {
	case report.Failed > 0:
		if !cfg.quiet {
			logf(stderr, "export: %d of %d input(s) failed", report.Failed, total)
		}
		return 1
	case cfg.failOnWarning && report.Warnings > 0:
		logf(stderr, "export: %d warning(s) and --fail-on-warning: failing the run (the outputs were written)", report.Warnings)
		return 1
	}
	if !cfg.quiet {
		logf(stderr, "%s", summary(cfg, report, time.Since(start)))
	}
	return 0
}

// summary is the last line of a successful run.
func summary(cfg *config, r *pipeline.Report, took time.Duration) string {
	inputs, files := r.Total, 0
	for _, e := range r.Entries {
		files += len(e.Outputs)
	}
	line := fmt.Sprintf("export: %d input(s)", inputs)
	if cfg.pack != nil {
		line = fmt.Sprintf("export: pack %s of %d input(s)", cfg.packName, inputs-1)
	}
	switch {
	case cfg.outFile == "-":
		line += " → standard output"
	case cfg.outFile != "":
		line += " → " + cfg.outFile
	default:
		line += fmt.Sprintf(", %d file(s) written in %s", files, cfg.outDir)
	}
	if r.Skipped > 0 {
		line += fmt.Sprintf(" (%d unchanged)", r.Skipped)
	}
	if r.Warnings > 0 {
		line += fmt.Sprintf(", %d warning(s)", r.Warnings)
	}
	return line + fmt.Sprintf(", %.1fs", took.Seconds())
}

// searchOutDir is the output folder a folder search leaves out: none for
// -o FILE, whose folder may well hold inputs (the file itself is Folio's
// and carries its mark).
func searchOutDir(cfg *config) string {
	if cfg.outFile != "" && cfg.outFile != "-" {
		return ""
	}
	return cfg.outDir
}

// singleOutBase is the output path, less its extension, of -o FILE or -o -.
func singleOutBase(cfg *config) string {
	if cfg.outFile == "-" {
		return filepath.Join(cfg.outDir, "stdout")
	}
	return strings.TrimSuffix(cfg.outFile, filepath.Ext(cfg.outFile))
}

// deliver puts a -o FILE or -o - result where it was asked for: the file
// renamed to the exact name given (NAME.PDF stays upper case), or copied
// to standard output.
func deliver(cfg *config, r *pipeline.Result, stdout io.Writer) error {
	if cfg.outFile == "" || len(r.Outputs) != 1 {
		return nil
	}
	o := &r.Outputs[0]
	if cfg.outFile != "-" {
		if o.Path != cfg.outFile {
			if err := os.Rename(o.Path, cfg.outFile); err != nil {
				return err
			}
			o.Path = cfg.outFile
		}
		return nil
	}
	f, err := os.Open(o.Path)
	if err != nil {
		return err
	}
	defer f.Close()
	if _, err := io.Copy(stdout, f); err != nil {
		return fmt.Errorf("writing to standard output: %w", err)
	}
	o.Path = "-"
	r.Outputs = r.Outputs[:1]
	return nil
}

// readStdin gives the job named "-" the bytes of standard input, up to one
// byte more than the largest input (so that the loader can refuse it).
func readStdin(jobs []pipeline.Job, stdin io.Reader, maxSize int64) error {
	for i, j := range jobs {
		if j.Name == "-" {
			src, err := io.ReadAll(io.LimitReader(stdin, maxSize+1))
			if err != nil {
				return err
			}
			jobs[i].Src = src
		}
	}
	return nil
}

// splitFresh separates the jobs whose outputs are up to date (with
// --incremental) from those to run.
func splitFresh(jobs []pipeline.Job, m *pipeline.Manifest, o *pipeline.Options) (todo []pipeline.Job, fresh []*pipeline.Result) {
	if m == nil {
		return jobs, nil
	}
	for _, j := range jobs {
		if j.Name == "-" {
			todo = append(todo, j)
			continue
		}
		key, err := pipeline.JobKey(j, o)
		if err == nil {
			if outs, ok := m.Fresh(j.Name, key); ok {
				fresh = append(fresh, &pipeline.Result{Input: j.Name, Outputs: outs, Warnings: m.Warnings(j.Name)})
				continue
			}
		}
		todo = append(todo, j)
	}
	return todo, fresh
}

func writeReports(cfg *config, r *pipeline.Report, m *pipeline.Manifest) error {
	if m != nil {
		if err := m.Save(); err != nil {
			return fmt.Errorf("saving the incremental manifest: %w", err)
		}
	}
	for _, out := range []struct {
		path  string
		write func(io.Writer) error
	}{{cfg.report, r.WriteJSON}, {cfg.junit, r.WriteJUnit}} {
		if out.path == "" {
			continue
		}
		if err := pipeline.WriteFileAtomic(out.path, out.write); err != nil {
			return fmt.Errorf("writing %s: %w", out.path, err)
		}
	}
	return nil
}
