package markdown

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestAdhoc(t *testing.T) {
	deepList := func(n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteString(strings.Repeat("  ", i) + "- a\n")
		}
		return b.String()
	}
	refs := func(n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "[a%d]: /u\n", i)
		}
		return b.String()
	}
	fns := func(n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "x[^%d]\n\n[^%d]: n\n\n", i, i)
		}
		return b.String()
	}
	wide := func() string {
		var b strings.Builder
		b.WriteString(strings.Repeat("|h", 3000) + "|\n" + strings.Repeat("|-", 3000) + "|\n")
		for i := 0; i < 3000; i++ {
			b.WriteString("|x|\n")
		}
		return b.String()
	}
	laughs := "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n---\nx\n"
	cases := map[string]string{
		"quotes":     strings.Repeat("> ", 50000) + "a\n",
		"stars":      strings.Repeat("* ", 50000) + "a\n",
		"deeplist":   deepList(1000),
		"emphX":       strings.Repeat("*a **a ", 65000) + strings.Repeat(" a** a*", 65000),
		"bracketsX":   strings.Repeat("[", 50000) + "a" + strings.Repeat("]", 50000),
		"refs":       refs(300000),
		"refs10k":    refs(10000),
		"tabs":       strings.Repeat("-\t", 40) + "a\n",
		"mixed":      strings.Repeat("> - ", 20) + "a\n",
		"fns":        fns(20000),
		"wide":       wide(),
		"laughs":     laughs,
		"deepyaml":   "---\na: " + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + "\n---\n",
		"deepyaml2":  "---\na: " + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + "\n---\n",
		"bigfm":      "---\n" + strings.Repeat("k: v\n", 200000) + "---\n",
		"unclosed":   "---\ntitle: x\n\nbody\n",
		"badyaml":    "---\ntitle: x\nfoo: [\nbar: 1\n---\n",
		"badyaml2":   "---\ntitle: x\n  foo: bar\n---\n",
		"badtoml":    "+++\ntitle = 'x'\nfoo = \n+++\n",
	}
	r := New(Options{})
	for name, src := range cases {
		start := time.Now()
		d, w, err := r.Read([]byte(src), name+".md")
		nb := 0
		if d != nil {
			nb = len(d.Blocks)
		}
		if len(w) > 3 {
			w = w[:3]
		}
		t.Logf("%-10s %8v blocks=%d err=%v warns=%v", name, time.Since(start).Round(time.Millisecond), nb, err, w)
	}
}
