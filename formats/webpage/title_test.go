package webpage

import (
	"strings"
	"testing"
)

// TestStandfirstRepeatingTheTitle: a description or a standfirst that only
// says the headline again (the same words, whatever the case, white space
// and punctuation, a run of its words, or all but a few letters) is no
// subtitle; one that says more is.
func TestStandfirstRepeatingTheTitle(t *testing.T) {
	const title = "Werkzeuge des Neandertalers"
	head := func(desc string) string {
		return `<meta name="description" content="` + desc + `"><title>` + title + ` | Steinzeit &amp; Co</title>`
	}
	tests := []struct {
		name, head, lead, subtitle string
	}{
		{"the description is the headline",
			head(title), "", ""},
		{"in other case and spacing, with an ellipsis",
			head("werkzeuge  des NEANDERTALERS…"), "", ""},
		{"part of the headline",
			`<meta property="og:description" content="Ferry timetable"><title>Ferry timetable cut for the winter | Example Gazette</title>`, "", ""},
		{"all but a word of it",
			head("Die Werkzeuge des Neandertalers"), "", ""},
		{"a standfirst paragraph saying the headline leaves the body, as no subtitle",
			head(title), `<p class="standfirst">` + title + `.</p>`, ""},
		{"a description saying more stays the subtitle",
			head(title + " und des modernen Menschen im Vergleich"), "", title + " und des modernen Menschen im Vergleich"},
		{"one description repeating the headline gives way to another that says more",
			`<meta property="og:description" content="` + title + `"><meta name="description" content="Faustkeile, Klingen und Schaber im Vergleich."><title>` + title + `</title>`,
			"", "Faustkeile, Klingen und Schaber im Vergleich."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, _ := read(t, page(tt.head, "<h1>"+title+"</h1>\n"+tt.lead+filler), Options{})
			if !strings.HasPrefix(tt.name, "part") {
				want(t, "title", d.Meta.Title, title)
			}
			want(t, "subtitle", d.Meta.Subtitle, tt.subtitle)
			if tt.lead != "" && strings.Contains(render(d.Blocks), title) {
				t.Errorf("the standfirst is still in the body:\n%s", render(d.Blocks))
			}
		})
	}
}
