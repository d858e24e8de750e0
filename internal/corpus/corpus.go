// Package corpus generates article collections for batch tests and
// benchmarks: Markdown briefings and scraped-page text in the shapes Folio
// reads, from a fixed seed so every run writes the same files. The
// sentences are assembled from small word lists written for this project.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

var (
	places   = []string{"Almaty", "Tbilisi", "Kyiv", "Yerevan", "Bishkek", "Dushanbe", "Baku", "Chișinău", "Vilnius", "Tashkent"}
	actors   = []string{"the finance ministry", "a regional court", "the port authority", "opposition deputies", "the central bank", "a customs union panel", "local councils", "the energy regulator"}
	verbs    = []string{"announced", "postponed", "questioned", "approved", "rejected", "revised", "published", "extended"}
	objects  = []string{"a new tariff schedule", "the grain export quota", "plans for a rail corridor", "an audit of state firms", "the draft election code", "a water-sharing agreement", "emergency fuel subsidies", "the border crossing timetable"}
	qualms   = []string{"officials said the details would follow", "critics called the move “premature”", "analysts expect a second round of talks", "the figures have not been independently verified", "markets barely reacted — for now", "the decision surprised several ministers"}
	sections = []string{"News", "Analysis", "Features", "Opinion"}
	topics   = []string{"Economy", "Energy", "Security", "Politics", "Trade", "Transport", "Central Asia", "South Caucasus", "Eastern Europe"}
	heads    = []string{"What Changed", "Why It Matters", "The Numbers", "Reaction", "What Comes Next", "Background"}
)

func pick[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }

func sentence(r *rand.Rand) string {
	s := fmt.Sprintf("In %s, %s %s %s; %s.", pick(r, places), pick(r, actors), pick(r, verbs), pick(r, objects), pick(r, qualms))
	return strings.ToUpper(s[:1]) + s[1:]
}

func paragraph(r *rand.Rand) string {
	n := 3 + r.IntN(4)
	parts := make([]string, n)
	for i := range parts {
		parts[i] = sentence(r)
	}
	return strings.Join(parts, " ")
}

func title(r *rand.Rand, i int) string {
	return fmt.Sprintf("%s %s %s (%d)", strings.ToUpper(pick(r, actors)[:1])+pick(r, actors)[1:], pick(r, verbs), pick(r, objects), i)
}

// Markdown returns a briefing in Markdown of about size bytes.
func Markdown(r *rand.Rand, i, size int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %q\nauthor: Desk %d\ndate: 2024-%02d-%02d\ntags: [%s, %s]\n---\n\n",
		title(r, i), i%7, 1+i%12, 1+i%28, pick(r, topics), pick(r, topics))
	fmt.Fprintf(&b, "*%s*\n\n", sentence(r))
	for b.Len() < size {
		fmt.Fprintf(&b, "## %s\n\n%s\n\n", pick(r, heads), paragraph(r))
		if r.IntN(3) == 0 {
			fmt.Fprintf(&b, "- %s\n- %s\n\n", sentence(r), sentence(r))
		}
		fmt.Fprintf(&b, "%s\n\n", paragraph(r))
	}
	return b.String()
}

// Article returns scraped-page text of about size bytes: page title, a
// navigation line, breadcrumb, headline, standfirst, a photo credit, body
// paragraphs with section headings, and a footer.
func Article(r *rand.Rand, i, size int) string {
	t := title(r, i)
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\nLatest Stories\n\n%s\u00a0|\u00a0%s\u00a0|\u00a0%s\n\n%s\n\n%s\n\n%s\nCredit: Staff photographer\n\n",
		t, pick(r, sections), pick(r, topics), pick(r, topics), t, sentence(r), t)
	for b.Len() < size {
		fmt.Fprintf(&b, "%s\n\n%s\n\n%s\n\n", paragraph(r), pick(r, heads), paragraph(r))
	}
	b.WriteString("Subscribe to our newsletter\n\n© 2024 The Regional Desk. All rights reserved.\n")
	return b.String()
}

// Broken inputs, each failing in a different stage with a position.
var Broken = map[string]string{
	"broken-latin1.txt":     "A headline\n\nThe first paragraph is fine.\n\nThis one has a Latin-1 byte: caf\xe9.\n",
	"broken-frontmatter.md": "---\ntitle: Unclosed list\ntags: [a, b\n---\n\n# Body\n",
	"broken-nesting.md":     strings.Repeat("> ", 40) + "deep\n",
}

// Write generates n documents under dir (half Markdown, half article text,
// in a few sub-folders) plus the Broken inputs, and returns the paths of
// the good ones.
func Write(dir string, n, size int, seed uint64) ([]string, error) {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	var good []string
	for i := range n {
		sub := filepath.Join(dir, fmt.Sprintf("batch-%02d", i%10))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			return nil, err
		}
		name, text := fmt.Sprintf("doc-%05d.md", i), Markdown(r, i, size)
		if i%2 == 1 {
			name, text = fmt.Sprintf("doc-%05d.txt", i), Article(r, i, size)
		}
		p := filepath.Join(sub, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			return nil, err
		}
		good = append(good, p)
	}
	for name, text := range Broken {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			return nil, err
		}
	}
	return good, nil
}
