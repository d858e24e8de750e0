//go:build race

package pipeline

// raceEnabled shrinks the largest linear-time inputs under -race, where
// every memory access costs several times more.
const raceEnabled = true
