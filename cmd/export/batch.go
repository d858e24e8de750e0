package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"

	"folio/pipeline"
)

// export plans the jobs, runs them through the worker pool, shows progress
// and writes the reports. It returns the exit status.
func export(cfg *config, stdin io.Reader, stdout, stderr io.Writer) int {
	if cfg.pack != nil {
		return exportPack(cfg, stdin, stderr)
	}
	pipeline.Version = version
	jobs, err := pipeline.Plan(cfg.inputs, cfg.outDir, cfg.opts.Formats, cfg.exclude)
	if err != nil {
		logf(stderr, "export: %v", err)
		return 2
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
	report := &pipeline.Report{Folio: version}
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
	switch {
	case interrupted:
		logf(stderr, "export: interrupted; finished documents were kept, no partial files were left")
		return 130
	case failed.Load() > 0:
		if !cfg.quiet {
			logf(stderr, "export: %d of %d input(s) failed", failed.Load(), len(jobs))
		}
		return 1
	}
	return 0
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
				fresh = append(fresh, &pipeline.Result{Input: j.Name, Outputs: outs})
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
