package pipeline

// Running jobs: Run converts the jobs Plan found (inputs.go) with a pool
// of workers, each under its deadline.

import (
	"context"
	"path/filepath"
	"sync"

	"folio/pipeline/doc"
)

// Run converts every job with at most workers at once, calling report (from
// one goroutine at a time) as each finishes. It first removes, from each
// output folder, the temporary files earlier runs left when they were
// killed (CleanStaleTemps). It stops starting new jobs
// when ctx is cancelled. Memory is bounded by the number of workers: jobs
// hold only paths until a worker reads them.
func Run(ctx context.Context, jobs []Job, o *Options, workers int, report func(*Result)) {
	if workers < 1 {
		workers = 1
	}
	cleaned := map[string]bool{}
	for _, j := range jobs {
		if dir := filepath.Dir(j.OutBase); !cleaned[dir] {
			cleaned[dir] = true
			CleanStaleTemps(dir)
		}
	}
	next := make(chan Job)
	results := make(chan *Result)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for j := range next {
				if o.Isolate {
					results <- ConvertIsolated(ctx, j, o)
				} else {
					results <- ConvertWithTimeout(ctx, j, o)
				}
			}
		})
	}
	go func() {
		defer close(next)
		for _, j := range jobs {
			select {
			case next <- j:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() {
		wg.Wait()
		close(results)
	}()
	for r := range results {
		report(r)
	}
}

// ConvertWithTimeout is Convert with the per-document deadline of
// o.Timeout. A goroutine cannot be killed, so a runaway reader keeps its
// CPU until it returns; but the document is reported as timed-out at the
// deadline, its temporary files are removed at once, and it cannot commit
// any output afterwards (see tempSet).
func ConvertWithTimeout(ctx context.Context, j Job, o *Options) *Result {
	if o.Timeout <= 0 {
		return Convert(ctx, j, o)
	}
	ctx, cancel := context.WithTimeout(ctx, o.Timeout)
	defer cancel()
	temps := &tempSet{}
	ctx = withTempSet(ctx, temps)
	done := make(chan *Result, 1)
	go func() { done <- Convert(ctx, j, o) }()
	select {
	case r := <-done:
		if r.Err != nil && ctx.Err() == context.DeadlineExceeded {
			r.Err = doc.Errorf(doc.Pos{File: j.Name}, "timed-out", "not finished after %s (--timeout); nothing was written", o.Timeout)
		}
		return r
	case <-ctx.Done():
		// The conversion goes on in its goroutine; its temporary files
		// go now, and it can no longer commit (unless it just did).
		if ctx.Err() != context.DeadlineExceeded || !temps.discard() {
			return <-done
		}
		return &Result{Input: j.Name, Err: doc.Errorf(doc.Pos{File: j.Name}, "timed-out",
			"not finished after %s (--timeout); nothing was written", o.Timeout)}
	}
}
