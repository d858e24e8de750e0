package doc

import (
	"fmt"
	"strings"
)

// Pos is a place in an input file. Line and Col are 1-based; zero means
// unknown. It prints like go/token.Position: file:line:col.
type Pos struct {
	File string `json:"file,omitempty"`
	Line int    `json:"line,omitempty"`
	Col  int    `json:"col,omitempty"`
}

// IsValid reports whether the position names a line.
func (p Pos) IsValid() bool { return p.Line > 0 }

func (p Pos) String() string {
	s := p.File
	if s == "" {
		s = "-"
	}
	if p.Line > 0 {
		s += fmt.Sprintf(":%d", p.Line)
		if p.Col > 0 {
			s += fmt.Sprintf(":%d", p.Col)
		}
	}
	return s
}

// Warning is something a reader, pass or writer noticed and worked around.
// Code is a short stable kebab-case name (for example "raw-html-omitted")
// that tests and reports match on.
type Warning struct {
	Pos     Pos    `json:"pos"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

func (w Warning) String() string {
	return fmt.Sprintf("%s: %s: %s", w.Pos, w.Code, w.Message)
}

// Error is a failure for one document: where, a stable code, and what to do.
type Error struct {
	Pos  Pos
	Code string
	Msg  string
	Err  error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Pos.String())
	b.WriteString(": ")
	if e.Code != "" {
		b.WriteString(e.Code)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	if e.Err != nil {
		if e.Msg != "" {
			b.WriteString(": ")
		}
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf builds an *Error at pos with a code and a formatted message.
func Errorf(pos Pos, code, format string, args ...any) *Error {
	return &Error{Pos: pos, Code: code, Msg: fmt.Sprintf(format, args...)}
}
