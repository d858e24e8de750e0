package pipeline

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"folio/pipeline/doc"
)

// How much a warning code counts. Info is news a user may want (-v, the
// reports) but not a problem: a boilerplate line removed from a scraped
// article is the reader doing its job. A warning is shown and, with
// --fail-on-warning, fails the run. An error fails its input.
const (
	LevelInfo    = "info"
	LevelWarning = "warning"
	LevelError   = "error"
)

// defaultLevels are the codes that are not warnings unless a team says so.
var defaultLevels = map[string]string{
	"boilerplate-removed": LevelInfo,
	"content-dropped":     LevelInfo,
	"links-to-dropped":    LevelInfo,
}

// infoPhrases say what the default info codes count, for the summary line.
var infoPhrases = map[string]string{
	"boilerplate-removed": "line(s) removed as site boilerplate",
	"content-dropped":     "stretch(es) of page furniture dropped",
	"links-to-dropped":    "link(s) to left-out passages made text",
}

// Levels maps warning codes to levels, over the defaults.
type Levels map[string]string

// ParseLevels reads CODE=LEVEL settings (--warning, folio.yaml warnings:).
func ParseLevels(settings []string) (Levels, error) {
	l := Levels{}
	for _, s := range settings {
		code, level, ok := strings.Cut(s, "=")
		code, level = strings.TrimSpace(code), strings.ToLower(strings.TrimSpace(level))
		if !ok || code == "" {
			return nil, fmt.Errorf("--warning %q: want CODE=LEVEL, e.g. boilerplate-removed=info", s)
		}
		if !slices.Contains([]string{LevelInfo, LevelWarning, LevelError}, level) {
			return nil, fmt.Errorf("--warning %s: level %q: want info, warning or error", code, level)
		}
		l[code] = level
	}
	return l, nil
}

// Of returns the level of a warning code.
func (l Levels) Of(code string) string {
	if v, ok := l[code]; ok {
		return v
	}
	if v, ok := defaultLevels[code]; ok {
		return v
	}
	return LevelWarning
}

// InfoSummary is the one line that stands for a document's info messages
// when they are not listed: "14 line(s) removed as site boilerplate
// (boilerplate-removed)".
// It is empty when there are none.
func (l Levels) InfoSummary(ws []doc.Warning) string {
	counts := map[string]int{}
	for _, w := range ws {
		if l.Of(w.Code) == LevelInfo {
			counts[w.Code]++
		}
	}
	codes := make([]string, 0, len(counts))
	for code := range counts {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	parts := make([]string, len(codes))
	for i, code := range codes {
		if what, ok := infoPhrases[code]; ok {
			parts[i] = fmt.Sprintf("%d %s (%s)", counts[code], what, code)
			continue
		}
		parts[i] = fmt.Sprintf("%d %s", counts[code], code)
	}
	return strings.Join(parts, ", ")
}
