package doc

import (
	"context"
	"sync"
)

type warnKey struct{}

// WarnFunc receives warnings raised while a document is processed.
type WarnFunc func(Warning)

// WithWarn returns a context whose Warn calls go to fn. The pipeline gives
// each document its own sink, so writers (which return only an error) can
// still report what they worked around, and stay safe to share between
// goroutines.
func WithWarn(ctx context.Context, fn WarnFunc) context.Context {
	return context.WithValue(ctx, warnKey{}, fn)
}

// Warn reports a warning to the context's sink; without one it is dropped.
func Warn(ctx context.Context, w Warning) {
	if fn, ok := ctx.Value(warnKey{}).(WarnFunc); ok && fn != nil {
		fn(w)
	}
}

// Collector gathers warnings from concurrent writers.
type Collector struct {
	mu   sync.Mutex
	list []Warning
}

// Add records a warning; it is a WarnFunc.
func (c *Collector) Add(w Warning) {
	c.mu.Lock()
	c.list = append(c.list, w)
	c.mu.Unlock()
}

// Warnings returns what was collected so far.
func (c *Collector) Warnings() []Warning {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]Warning(nil), c.list...)
}
