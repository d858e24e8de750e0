//go:build !race

// Package raceflag tells tests whether the race detector is on, so that
// stress tests over megabyte inputs, which prove nothing more under the
// detector but run 20–30 times slower there, can step aside for the
// race-enabled `make test` and still run in plain `go test` and benchmarks.
package raceflag

// Enabled reports whether the race detector is compiled in.
const Enabled = false
