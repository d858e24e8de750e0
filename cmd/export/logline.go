package main

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// logf writes one log line: the formatted text with every character that
// could act on a terminal escaped (see escapeLine), then a newline. Every
// line export writes to standard error goes through here, so a file name
// holding a newline, ESC or an OSC sequence can neither forge a line nor
// recolour or retitle the terminal (the reports escape them as JSON and
// XML already).
func logf(w io.Writer, format string, args ...any) {
	io.WriteString(w, escapeLine(fmt.Sprintf(format, args...))+"\n")
}

// escapeLine replaces control characters (C0, DEL, C1), bidirectional
// overrides and invalid UTF-8 with Go escapes: "\n", "\x1b", "\u202e".
func escapeLine(s string) string {
	if !needsEscape(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case escaped(r):
			q := fmt.Sprintf("%+q", string(r)) // "\n", "\x1b", "\u202e"
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func needsEscape(s string) bool {
	for _, r := range s {
		if r == utf8.RuneError || escaped(r) {
			return true
		}
	}
	return false
}

func escaped(r rune) bool {
	return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) ||
		(r != ' ' && unicode.Is(unicode.Bidi_Control, r))
}

// stream is standard error (or output) that survives being closed: a
// reader that went away (export … 2>&1 | head) makes writes fail with
// EPIPE, SIGPIPE being ignored (see main); from the first failure on,
// writes are dropped, so the batch finishes its work and its reports.
type stream struct {
	mu     sync.Mutex
	w      io.Writer
	closed bool
}

func (s *stream) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return len(p), nil
	}
	if _, err := s.w.Write(p); err != nil {
		s.closed = true
	}
	return len(p), nil
}

// unwrap is the writer under a stream: the terminal check and the worker
// protocol need the file itself.
func unwrap(w io.Writer) io.Writer {
	if s, ok := w.(*stream); ok {
		return s.w
	}
	return w
}
