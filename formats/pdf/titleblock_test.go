package pdf

import (
	"strings"
	"testing"

	"folio/pipeline/doc"
)

// TestUpdatedSameDayNotShown: the title block names an update only when it
// falls on another day than the publication ("11 April 2024 · Updated 11
// April 2024" says nothing).
func TestUpdatedSameDayNotShown(t *testing.T) {
	for _, tt := range []struct {
		updated string
		shown   bool
	}{
		{"2024-04-11T14:05:00+01:00", false},
		{"2024-04-12T09:00:00+01:00", true},
	} {
		d := &doc.Document{
			Meta:   doc.Meta{Title: "Harbour dredging plan", Date: "2024-04-11T06:30:00+01:00", Updated: tt.updated, Lang: "en"},
			Blocks: []doc.Block{ptext("The council met on Thursday.")},
		}
		b, _ := write(t, d, Options{})
		if got := strings.Contains(extract(t, b), "Updated"); got != tt.shown {
			t.Errorf("updated %s: shown %v, want %v", tt.updated, got, tt.shown)
		}
	}
}
