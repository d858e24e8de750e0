// Package benchcpu lets benchmarks report CPU time per operation beside
// wall time: on a machine shared with other work, CPU time moves far less.
package benchcpu

import (
	"syscall"
	"testing"
	"time"
)

// PerOp starts measuring; call what it returns when the benchmark loop is
// done (defer benchcpu.PerOp(b)()). It reports the process's CPU time
// (user and system, all threads, the garbage collector's included) per
// operation as "cpu-ms/op".
func PerOp(b *testing.B) func() {
	start := Used()
	return func() { b.ReportMetric(float64((Used()-start).Microseconds())/1000/float64(b.N), "cpu-ms/op") }
}

// Used is the CPU time the process has used so far.
func Used() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
