package pipeline

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"folio/pipeline/doc"
)

// Status of one input in a report.
const (
	StatusOK      = "ok"
	StatusFailed  = "failed"
	StatusSkipped = "unchanged"
)

// Entry is one input's line in the machine-readable report.
type Entry struct {
	Input    string             `json:"input"`
	Status   string             `json:"status"`
	Format   string             `json:"format,omitempty"`
	Error    string             `json:"error,omitempty"`
	Outputs  []Output           `json:"outputs,omitempty"`
	Warnings []Message          `json:"warnings,omitempty"`
	Timings  map[string]float64 `json:"timings_ms,omitempty"`
	// LeftOut are, for a pack written with --skip-failed, the inputs it
	// does not contain.
	LeftOut []string `json:"left_out,omitempty"`
}

// Message is a warning with the level it counts at (see Levels).
type Message struct {
	doc.Warning
	Level string `json:"level"`
}

// Report is what --report writes: every input, sorted by path, and totals.
// An unchanged input (--incremental) counts as passed: its outputs are
// there and its warnings, kept in the manifest, are reported again.
type Report struct {
	Folio   string `json:"folio"`
	Total   int    `json:"total"`
	OK      int    `json:"ok"`
	Failed  int    `json:"failed"`
	Skipped int    `json:"unchanged"`
	// Warnings counts the messages at warning level (not info, and not
	// those raised to errors, which fail their input).
	Warnings int     `json:"warnings"`
	Entries  []Entry `json:"inputs"`
	// Levels says how much each warning code counts.
	Levels Levels `json:"-"`
}

// Add records one result.
func (r *Report) Add(res *Result, status string) {
	e := Entry{Input: res.Input, Status: status, Format: res.Format, Outputs: res.Outputs,
		Timings: res.Timings}
	var raised []string
	for _, w := range res.Warnings {
		m := Message{Warning: w, Level: r.Levels.Of(w.Code)}
		switch m.Level {
		case LevelWarning:
			r.Warnings++
		case LevelError:
			raised = append(raised, w.String())
		}
		e.Warnings = append(e.Warnings, m)
	}
	switch {
	case res.Err != nil:
		e.Status = StatusFailed
		e.Error = res.Err.Error()
	case len(raised) > 0:
		e.Status = StatusFailed
		e.Error = raised[0]
		if len(raised) > 1 {
			e.Error += fmt.Sprintf(" (and %d more raised to errors by the warnings setting)", len(raised)-1)
		}
	}
	switch e.Status {
	case StatusOK:
		r.OK++
	case StatusFailed:
		r.Failed++
	case StatusSkipped:
		r.Skipped++
	}
	r.Total++
	r.Entries = append(r.Entries, e)
}

// AddPack records a pack as one more entry (its inputs are added on their
// own with Add) under its name (--pack NAME, not an input path), naming
// the inputs it left out.
func (r *Report) AddPack(pr *PackResult, name string) {
	r.Add(pr.Pack, StatusOK)
	e := &r.Entries[len(r.Entries)-1]
	e.Input = name
	e.LeftOut = pr.Skipped
}

func (r *Report) sort() {
	sort.Slice(r.Entries, func(i, j int) bool { return r.Entries[i].Input < r.Entries[j].Input })
}

// WriteJSON writes the report as indented JSON.
func (r *Report) WriteJSON(w io.Writer) error {
	r.sort()
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteJUnit writes one JUnit test case per input, so CI systems show the
// results natively; a failed input is a failure with its message, warnings
// go to system-out.
func (r *Report) WriteJUnit(w io.Writer) error {
	r.sort()
	type failure struct {
		Message string `xml:"message,attr"`
		Type    string `xml:"type,attr"`
		Text    string `xml:",chardata"`
	}
	type testcase struct {
		Name      string   `xml:"name,attr"`
		Classname string   `xml:"classname,attr"`
		Time      string   `xml:"time,attr"`
		Failure   *failure `xml:"failure,omitempty"`
		SystemOut string   `xml:"system-out,omitempty"`
	}
	type suite struct {
		XMLName  xml.Name   `xml:"testsuite"`
		Name     string     `xml:"name,attr"`
		Tests    int        `xml:"tests,attr"`
		Failures int        `xml:"failures,attr"`
		Skipped  int        `xml:"skipped,attr"`
		Cases    []testcase `xml:"testcase"`
	}
	// Unchanged inputs are passed test cases: marking them skipped would
	// paint every incremental run yellow.
	s := suite{Name: "folio export", Tests: r.Total, Failures: r.Failed}
	for _, e := range r.Entries {
		var ms float64
		for _, t := range e.Timings {
			ms += t
		}
		c := testcase{Name: e.Input, Classname: junitClass(e), Time: fmt.Sprintf("%.3f", ms/1000)}
		if e.Error != "" {
			code := "error"
			if parts := strings.SplitN(e.Error, ": ", 3); len(parts) == 3 {
				code = parts[1]
			}
			c.Failure = &failure{Message: e.Error, Type: code, Text: e.Error}
		}
		var out []string
		if e.Status == StatusSkipped {
			out = append(out, "unchanged since the last run; outputs kept")
		}
		for _, w := range e.Warnings {
			out = append(out, w.Level+": "+w.String())
		}
		c.SystemOut = strings.Join(out, "\n")
		s.Cases = append(s.Cases, c)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(s); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// junitClass is the test case's class: the input's folder (CI dashboards
// group by it), "stdin" for standard input, "pack" for a pack.
func junitClass(e Entry) string {
	switch {
	case e.Format == "pack":
		return "pack"
	case e.Input == "-":
		return "stdin"
	}
	return filepath.ToSlash(filepath.Dir(e.Input))
}
