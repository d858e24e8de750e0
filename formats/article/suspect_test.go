package article

import (
	"strings"
	"testing"

	"folio/formats/internal/salvage"
	"folio/pipeline/doc"
)

// TestSafetyNet: when the filters leave nothing, every line is kept and a
// content-suspect warning says what was kept and dropped.
func TestSafetyNet(t *testing.T) {
	src := "Advertisement\n\nSubscribe\n\nSign in\n\nShare this article\n\nNewsletter\n"
	d, ws := read(t, src, Options{})
	if len(d.Blocks) == 0 {
		t.Fatal("empty article")
	}
	var got *doc.Warning
	for i := range ws {
		if ws[i].Code == "content-suspect" {
			got = &ws[i]
		}
		if ws[i].Code == "boilerplate-removed" {
			t.Errorf("unexpected %v after falling back", ws[i])
		}
	}
	if got == nil {
		t.Fatalf("no content-suspect warning in %v", ws)
	}
	if !strings.Contains(got.Message, "kept 0 of") || !strings.Contains(got.Message, "lines as page furniture") ||
		!strings.Contains(got.Message, "read again without the filters") {
		t.Errorf("message %q does not say what was kept and dropped", got.Message)
	}
}

// TestSuspectShare: a body that is a small share of the prose is suspect, a
// body that is most of it is not.
func TestSuspectShare(t *testing.T) {
	para := "This paragraph is long enough to be running text, with a full sentence that ends properly."
	src := strings.Repeat(para+"\n\n", 10)
	for _, tt := range []struct {
		name    string
		dropped int
		want    bool
	}{
		{"nine of ten paragraphs dropped", 9, true},
		{"one of ten dropped", 1, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := &parser{name: "x.txt"}
			p.prepare(src)
			d := &doc.Document{}
			for i, u := range p.units {
				if i < tt.dropped {
					p.roles[i] = roleBoiler
					continue
				}
				d.Blocks = append(d.Blocks, &doc.Paragraph{Content: []doc.Inline{&doc.Text{Value: u.text}}})
			}
			if got := salvage.Suspect(keptWords(d), p.proseWords()); got != tt.want {
				t.Errorf("suspect = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestLineModelDropsFurniture: on a page-sized text, a comment thread and
// a share row after the article leave the body; the article stays.
func TestLineModelDropsFurniture(t *testing.T) {
	var b strings.Builder
	b.WriteString("Home\nNews\nSport\n\nHarbour Dredging Plan Approved After Long Delay\n\n")
	for i := 0; i < 8; i++ {
		b.WriteString("The council voted on Tuesday to approve the dredging of the old harbour, a project that has been discussed for more than a decade and that engineers say is overdue.\n\n")
	}
	b.WriteString("Click to share on Facebook (Opens in new window)\nClick to share on Twitter (Opens in new window)\n\n")
	b.WriteString("3 responses to “Harbour Dredging Plan Approved After Long Delay”\n\nharbourwatcher says:\n\nMarch 5, 2024 at 10:14 am\n\nabout time\n\nReply\n")
	d, _ := read(t, b.String(), Options{})
	if d.Meta.Title != "Harbour Dredging Plan Approved After Long Delay" {
		t.Errorf("title = %q", d.Meta.Title)
	}
	paras := 0
	for _, bl := range d.Blocks {
		p, ok := bl.(*doc.Paragraph)
		if !ok {
			continue
		}
		text := doc.PlainText(p.Content)
		if strings.Contains(text, "says:") || strings.Contains(text, "Click to share") || text == "Reply" {
			t.Errorf("furniture kept: %q", text)
		}
		if strings.HasPrefix(text, "The council voted") {
			paras++
		}
	}
	if paras != 8 {
		t.Errorf("%d article paragraphs kept, want 8", paras)
	}
}

// TestOneLineIsNotAnEmptyArticle: a text of one line (said once or twice)
// is its headline and, by the safety net, its body too.
func TestOneLineIsNotAnEmptyArticle(t *testing.T) {
	for _, src := range []string{
		"AI hasn’t meaningfully changed anything in cybersecurity so far. Deep fake phishing is still rare, L\n",
		"Harbour Dredging Plan Approved\n\nHarbour Dredging Plan Approved\n",
	} {
		d, ws := read(t, src, Options{})
		if len(d.Blocks) == 0 {
			t.Errorf("%q: empty article (title %q)", src, d.Meta.Title)
			continue
		}
		suspect := false
		for _, w := range ws {
			suspect = suspect || w.Code == "content-suspect"
		}
		if !suspect {
			t.Errorf("%q: no content-suspect warning in %v", src, ws)
		}
	}
}
