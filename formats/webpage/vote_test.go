package webpage

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/internal/checktool"
	"folio/internal/shared"

	"folio/pipeline/doc"
)

func para(s string) *doc.Paragraph { return &doc.Paragraph{Content: []doc.Inline{&doc.Text{Value: s}}} }

func linkPara(s string) *doc.Paragraph {
	return &doc.Paragraph{Content: []doc.Inline{&doc.Link{URL: "x.html", Content: []doc.Inline{&doc.Text{Value: s}}}}}
}

// prose is n words of made-up running text, different for each seed.
func prose(seed string, n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = seed + string(rune('a'+i%26)) + strings.Repeat("x", i/26)
	}
	return strings.Join(w, " ")
}

func texts(bs []doc.Block) []string {
	var out []string
	doc.WalkBlocks(bs, func(n doc.Node, entering bool) doc.WalkStatus {
		switch n := n.(type) {
		case *doc.Paragraph:
			if entering {
				out = append(out, doc.PlainText(n.Content))
			}
			return doc.WalkSkipChildren
		case *doc.Figure:
			if entering {
				out = append(out, "figure:"+n.Src)
			}
		case *doc.Heading:
			if entering {
				out = append(out, "heading:"+doc.PlainText(n.Content))
			}
			return doc.WalkSkipChildren
		}
		return doc.WalkContinue
	})
	return out
}

func TestApplyVote(t *testing.T) {
	body1, body2, body3 := prose("one", 40), prose("two", 40), prose("three", 40)
	theirs := voteWords(strings.Join([]string{body1, body2, body3}, " "))
	for _, tc := range []struct {
		name   string
		blocks []doc.Block
		theirs []string
		want   []string
	}{
		{
			name:   "short blocks the other reader left out go, wherever they are",
			blocks: []doc.Block{para("Share this story"), para(body1), para("Reklama"), para(body2), para(body3), para("Back to the overview")},
			theirs: theirs,
			want:   []string{body1, body2, body3},
		},
		{
			name:   "long prose stays although the other reader left it out",
			blocks: []doc.Block{para(body1), para(prose("aside", 30)), para(body3), para(prose("tail", 30))},
			theirs: theirs,
			want:   []string{body1, prose("aside", 30), body3, prose("tail", 30)},
		},
		{
			name:   "labels and runs of links outside the prose go even when the other reader kept them",
			blocks: []doc.Block{para(body1), para(body2), para(body3), linkPara(prose("one", 20)), para(prose("three", 6))},
			theirs: theirs,
			want:   []string{body1, body2, body3},
		},
		{
			name:   "a run of links inside the prose stays when the other reader kept it",
			blocks: []doc.Block{para(body1), linkPara(prose("two", 20)), para(body3)},
			theirs: theirs,
			want:   []string{body1, prose("two", 20), body3},
		},
		{
			name: "a heading after the prose goes with its list of links, not when its section stays",
			blocks: []doc.Block{para(body1), para(body2), para(body3),
				&doc.Heading{Level: 2, Content: []doc.Inline{&doc.Text{Value: "Questions and answers"}}}, &doc.DefinitionList{}, para(prose("one", 12)),
				&doc.Heading{Level: 2, Content: []doc.Inline{&doc.Text{Value: "More on this"}}}, &doc.List{Items: []*doc.ListItem{{Blocks: []doc.Block{linkPara(prose("x", 9))}}}}},
			theirs: voteWords(body1 + " " + body2 + " " + body3 + " " + prose("one", 12)),
			want:   []string{body1, body2, body3, "heading:Questions and answers", prose("one", 12)},
		},
		{
			name: "references the prose cites stay after it, though mostly links; a list nothing cites goes",
			blocks: []doc.Block{
				&doc.Paragraph{Content: []doc.Inline{&doc.Text{Value: body1}, &doc.Sup{Content: []doc.Inline{&doc.Link{URL: "#cite_note-1", Content: []doc.Inline{&doc.Text{Value: "[1]"}}}}}}},
				para(body2), para(body3),
				&doc.Heading{Level: 2, Content: []doc.Inline{&doc.Text{Value: "References"}}},
				&doc.List{Items: []*doc.ListItem{{Blocks: []doc.Block{&doc.Paragraph{Content: []doc.Inline{
					&doc.Anchor{ID: "cite_note-1"}, &doc.Link{URL: "https://ex.org/r", Content: []doc.Inline{&doc.Text{Value: "A report on the river"}}}}}}}}},
				&doc.Heading{Level: 2, Content: []doc.Inline{&doc.Text{Value: "Elsewhere"}}},
				&doc.List{Items: []*doc.ListItem{{Blocks: []doc.Block{&doc.Paragraph{Content: []doc.Inline{
					&doc.Anchor{ID: "top"}, &doc.Link{URL: "https://ex.org/s", Content: []doc.Inline{&doc.Text{Value: "Another story"}}}}}}}}},
				&doc.Paragraph{Content: []doc.Inline{&doc.Link{URL: "#top", Content: []doc.Inline{&doc.Text{Value: "Back to top"}}}}},
			},
			theirs: theirs,
			want:   []string{body1 + "[1]", body2, body3, "heading:References", "A report on the river"},
		},
		{
			name:   "figures are never the vote's to drop",
			blocks: []doc.Block{&doc.Figure{Src: "lead.jpg", Caption: []doc.Inline{&doc.Text{Value: "Photo: Nobody"}}}, para(body1), para(body2)},
			theirs: theirs,
			want:   []string{"figure:lead.jpg", body1, body2},
		},
		{
			name:   "a list emptied by the vote goes with its items",
			blocks: []doc.Block{para(body1), para(body2), &doc.List{Items: []*doc.ListItem{{Blocks: []doc.Block{para("More news")}}, {Blocks: []doc.Block{para("Most read")}}}}},
			theirs: theirs,
			want:   []string{body1, body2},
		},
		{
			name:   "no opinion when the other reader found too little",
			blocks: []doc.Block{para("Share this story"), para(body1)},
			theirs: voteWords(prose("one", 40)),
			want:   []string{"Share this story", body1},
		},
		{
			name:   "no opinion when the other reader found under half of ours",
			blocks: []doc.Block{para("Share this story"), para(body1), para(prose("four", 80)), para(prose("five", 80))},
			theirs: voteWords(body1 + " " + prose("six", 20)),
			want:   []string{"Share this story", body1, prose("four", 80), prose("five", 80)},
		},
		{
			name:   "no prose paragraph: nothing is an edge",
			blocks: []doc.Block{para(prose("one", 10)), para(prose("two", 10)), para(prose("three", 10)), para(prose("four", 10)), para(prose("five", 10)), para(prose("six", 10))},
			theirs: voteWords(prose("one", 10) + " " + prose("two", 10) + " " + prose("three", 10) + " " + prose("four", 10) + " " + prose("five", 10) + " " + prose("six", 10)),
			want:   []string{prose("one", 10), prose("two", 10), prose("three", 10), prose("four", 10), prose("five", 10), prose("six", 10)},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := &doc.Document{Blocks: tc.blocks}
			applyVote(d, tc.theirs)
			got := texts(d.Blocks)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("kept\n%q\nwant\n%q", got, tc.want)
			}
		})
	}
}

// TestVoteOnPages reads real saved pages from Trafilatura's evaluation
// set (in go-trafilatura's module; none of their text is in this
// repository) whose article container also holds furniture Readability
// keeps: the vote takes it out and the article stays.
func TestVoteOnPages(t *testing.T) {
	dir := comparisonDir(t)
	for _, tc := range []struct{ page, gone string }{
		{"bund.net-marode.html", "Zur Übersicht"},                                 // a back link after the article
		{"t3n.de-Laufzeit.html", "Verpasse keine News"},                           // a newsletter prompt
		{"cbsnews.com.carolina.html", "CBS Interactive Inc. All Rights Reserved"}, // the copyright line
	} {
		t.Run(tc.page, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join(dir, tc.page))
			if err != nil {
				t.Fatal(err)
			}
			d, _, err := New(Options{}).Read(src, tc.page)
			if err != nil {
				t.Fatal(err)
			}
			got := strings.Join(texts(d.Blocks), "\n")
			if strings.Contains(got, tc.gone) {
				t.Errorf("%q is still in the article", tc.gone)
			}
			if n := len(voteWords(got)); n < 300 {
				t.Errorf("the article kept %d words, want the article (300 or more)", n)
			}
		})
	}
}

func TestVoteWantedBoundsTheArticle(t *testing.T) {
	small := &doc.Document{Blocks: []doc.Block{para(prose("a", voteMaxWords))}}
	big := &doc.Document{Blocks: []doc.Block{para(prose("a", voteMaxWords)), para("one more")}}
	if !voteWanted(small) || voteWanted(big) {
		t.Errorf("voteWanted: %d words %v, %d words %v", voteMaxWords, voteWanted(small), voteMaxWords+2, voteWanted(big))
	}
}

// comparisonDir is the folder of Trafilatura's evaluation pages in
// go-trafilatura's module; a test without it skips (fails under CI=true).
func comparisonDir(t *testing.T) string {
	t.Helper()
	mod, err := shared.ModuleDir("github.com/markusmobius/go-trafilatura")
	dir := filepath.Join(mod, "test-files", "comparison")
	if _, serr := os.Stat(dir); err != nil || serr != nil {
		if checktool.InCI() {
			t.Fatalf("go-trafilatura's test pages not found (CI=true): %v %v", err, serr)
		}
		t.Skipf("go-trafilatura's test pages not found: %v %v", err, serr)
	}
	return dir
}
