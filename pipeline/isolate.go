package pipeline

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"syscall"

	"folio/pipeline/doc"
)

// --isolate runs every document in a worker process: the export binary
// re-executed with WorkerFlag, which reads one job and its options as JSON
// on standard input, converts it (writing its outputs itself, atomically,
// as Convert always does), and prints the result as JSON on standard
// output. A goroutine cannot be stopped, a process can: at --timeout the
// worker is killed, whatever it is doing, and a worker that exceeds its
// memory limit dies alone. Either way the document fails with a clear
// error, its temporary files are removed, and the batch goes on.

// WorkerFlag is the hidden first argument that makes the binary a worker.
const WorkerFlag = "--isolate-worker"

// DefaultWorkerMemory is a worker's address-space limit (RLIMIT_AS); the
// Go heap is kept to half of it (debug.SetMemoryLimit) so the collector
// works hard before the hard limit is hit.
const DefaultWorkerMemory = 4 << 30

// workerRequest is what the parent sends.
type workerRequest struct {
	Job     Job     `json:"job"`
	Options Options `json:"options"`
	Debug   bool    `json:"debug"`
	Memory  int64   `json:"memory"`
}

// workerError carries a *doc.Error across the pipe.
type workerError struct {
	Pos  doc.Pos `json:"pos"`
	Code string  `json:"code"`
	Msg  string  `json:"msg,omitempty"`
	Err  string  `json:"err,omitempty"`
}

type workerReply struct {
	Result *Result           `json:"result"`
	Err    *workerError      `json:"error,omitempty"`
	Deps   map[string]string `json:"deps,omitempty"`
}

// ServeWorker is the worker's main: one request on in, one reply on out.
// It returns the process exit status.
func ServeWorker(in io.Reader, out io.Writer) int {
	var req workerRequest
	if err := json.NewDecoder(in).Decode(&req); err != nil {
		fmt.Fprintf(os.Stderr, "folio worker: bad request: %v\n", err)
		return 2
	}
	limit := req.Memory
	if limit <= 0 {
		limit = DefaultWorkerMemory
	}
	debug.SetMemoryLimit(limit / 2)
	// The limit bounds growth beyond what the process has mapped already
	// (a race-detector build maps terabytes of shadow memory at start).
	as := uint64(limit) + mappedBytes()
	lim := syscall.Rlimit{Cur: as, Max: as}
	if err := syscall.Setrlimit(syscall.RLIMIT_AS, &lim); err != nil {
		fmt.Fprintf(os.Stderr, "folio worker: memory limit: %v\n", err)
	}
	req.Options.Debug = req.Debug
	res := Convert(context.Background(), req.Job, &req.Options)
	reply := workerReply{Result: res, Deps: res.Deps}
	if res.Err != nil {
		reply.Err = toWorkerError(res.Err, req.Job.Name)
	}
	if err := json.NewEncoder(out).Encode(reply); err != nil {
		return 1
	}
	return 0
}

// mappedBytes is the process's current address-space size, from
// /proc/self/statm (0 where that does not exist).
func mappedBytes() uint64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	var pages uint64
	if _, err := fmt.Sscan(string(b), &pages); err != nil {
		return 0
	}
	return pages * uint64(os.Getpagesize())
}

func toWorkerError(err error, name string) *workerError {
	var de *doc.Error
	if !errors.As(err, &de) {
		return &workerError{Pos: doc.Pos{File: name}, Code: "error", Err: err.Error()}
	}
	we := &workerError{Pos: de.Pos, Code: de.Code, Msg: de.Msg}
	if de.Err != nil {
		we.Err = de.Err.Error()
	}
	return we
}

func (we *workerError) error() error {
	e := &doc.Error{Pos: we.Pos, Code: we.Code, Msg: we.Msg}
	if we.Err != "" {
		e.Err = errors.New(we.Err)
	}
	return e
}

// workerCommand returns the command line that starts a worker.
func workerCommand(o *Options) ([]string, error) {
	if len(o.WorkerCommand) > 0 {
		return o.WorkerCommand, nil
	}
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	return []string{exe, WorkerFlag}, nil
}

// ConvertIsolated converts one job in a worker process, killed at
// o.Timeout.
func ConvertIsolated(ctx context.Context, job Job, o *Options) *Result {
	fail := func(code, format string, args ...any) *Result {
		removeTemps(job, o)
		return &Result{Input: job.Name, Err: doc.Errorf(doc.Pos{File: job.Name}, code, format, args...)}
	}
	argv, err := workerCommand(o)
	if err != nil {
		return fail("isolate", "cannot start a worker: %v", err)
	}
	if o.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, o.Timeout)
		defer cancel()
	}
	opts := *o
	opts.Isolate = false
	req, err := json.Marshal(workerRequest{Job: job, Options: opts, Debug: o.Debug, Memory: workerMemory(o)})
	if err != nil {
		return fail("isolate", "%v", err)
	}
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Stdin = bytes.NewReader(req)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.Env = append(os.Environ(), "FOLIO_ISOLATE_WORKER=1")
	runErr := cmd.Run()
	if ctx.Err() == context.DeadlineExceeded {
		return fail("timed-out", "not finished after %s (--timeout); the worker was killed and nothing was written", o.Timeout)
	}
	if ctx.Err() != nil {
		return fail("interrupted", "interrupted; nothing was written")
	}
	var reply workerReply
	if runErr != nil || json.Unmarshal(stdout.Bytes(), &reply) != nil || reply.Result == nil {
		msg := strings.TrimSpace(stderr.String())
		if i := strings.IndexByte(msg, '\n'); i >= 0 {
			msg = msg[:i]
		}
		if strings.Contains(stderr.String(), "out of memory") || strings.Contains(stderr.String(), "cannot allocate memory") {
			return fail("memory-limit", "the worker ran out of its %d MiB (--max-memory): %s", workerMemory(o)>>20, msg)
		}
		return fail("worker-crashed", "the worker process failed (%v): %s", runErr, msg)
	}
	res := reply.Result
	res.Deps = reply.Deps
	if reply.Err != nil {
		res.Err = reply.Err.error()
	}
	return res
}

func workerMemory(o *Options) int64 {
	if o.WorkerMemory > 0 {
		return o.WorkerMemory
	}
	return DefaultWorkerMemory
}

// removeTemps deletes the temporary files a killed worker left beside the
// job's outputs (create names them tempPrefix(target) + digits); its locks
// died with it.
func removeTemps(job Job, o *Options) {
	for _, f := range o.Formats {
		target := job.OutBase + outputs[f].ext
		matches, _ := filepath.Glob(filepath.Join(filepath.Dir(target), globEscape(tempPrefix(target))+"*"))
		for _, m := range matches {
			if fi, err := os.Lstat(m); err == nil {
				removeIfStale(m, fi.Mode())
			}
		}
	}
}

func globEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`*?[\`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
