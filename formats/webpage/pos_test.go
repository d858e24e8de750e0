package webpage

import (
	"strings"
	"sync"
	"testing"

	"folio/pipeline/doc"
)

// positioned is a page whose every block starts on its own line with a
// word that appears nowhere else, so the expected line of each block can
// be found by searching for that word.
const positioned = `<!DOCTYPE html>
<html lang="en">
<head>
<title>Positions</title>
</head>
<body>
<nav><a href="/">Home</a></nav>
<article>
<h2 id="x"
    class="multi-line-tag">Alpha heading</h2>
<p>Bravo paragraph with enough words to count as article text for the extractor, which wants long paragraphs and
commas, like this one, spread over
three lines of the source file.</p>
<p>Charlie paragraph, again long enough to be taken as article text by the extractor, with commas, clauses, and more words than most.</p>
<ul>
  <li>Delta item</li>
  <li>
    Echo item on the line after its tag</li>
</ul>
<blockquote>
  <p>Foxtrot quotation of a source who speaks at length, with commas, pauses, and more clauses than is strictly needed here.</p>
</blockquote>
<pre><code>Golf code
line two</code></pre>
<table>
<tr><th>Hotel</th><th>India</th></tr>
<tr><td>1</td><td>2</td></tr>
</table>
<figure>
<img src="x_files/a.jpg" alt="Juliet">
<figcaption>Kilo caption</figcaption>
</figure>
<p>Lima paragraph closing the article with, once more, long sentences, commas, and words enough for the extractor to keep it.</p>
</article>
<footer>Mike footer</footer>
</body>
</html>
`

// TestBlockPositions checks that every block, list item and table names the
// line its start tag is on, with and without Readability, and with CRLF
// and lone-CR line endings.
func TestBlockPositions(t *testing.T) {
	lines := strings.Split(positioned, "\n")
	lineOf := func(word string) int {
		for i, l := range lines {
			if strings.Contains(l, word) {
				return i + 1
			}
		}
		return -1
	}
	expect := map[string]int{
		"Alpha": 9, // the tag starts a line before its text
		"Bravo": lineOf("Bravo"), "Charlie": lineOf("Charlie"), "Delta": lineOf("Delta"),
		"Echo": lineOf("Echo"), "Foxtrot": lineOf("Foxtrot"), "quote": lineOf("<blockquote>"), "Golf": lineOf("Golf"), "Hotel": lineOf("<table>"),
		"Juliet": lineOf("<figure>"), "Lima": lineOf("Lima"),
	}
	for _, eol := range []string{"\n", "\r\n", "\r"} {
		for _, keep := range []bool{false, true} {
			src := strings.ReplaceAll(positioned, "\n", eol)
			d, _, err := New(Options{KeepBoilerplate: keep}).Read([]byte(src), "pos.html")
			if err != nil {
				t.Fatal(err)
			}
			seen := map[string]bool{}
			doc.WalkBlocks(d.Blocks, func(n doc.Node, entering bool) doc.WalkStatus {
				if !entering {
					return doc.WalkContinue
				}
				if _, ok := n.(doc.Inline); ok {
					return doc.WalkSkipChildren
				}
				word := firstWord(n)
				if line, ok := expect[word]; ok {
					seen[word] = true
					if n.Position().Line != line {
						t.Errorf("eol %q keep=%v: %s %q at line %d, want %d", eol, keep, n.Kind(), word, n.Position().Line, line)
					}
				}
				return doc.WalkContinue
			})
			for _, li := range listItems(d.Blocks) {
				if w := firstWord(li.Blocks[0]); li.Pos.Line != expect[w]-boolInt(w == "Echo") {
					// Echo's <li> is on the line before its text.
					t.Errorf("eol %q keep=%v: item %q at line %d, want the line of its <li>", eol, keep, w, li.Pos.Line)
				}
			}
			for w := range expect {
				if !seen[w] {
					t.Errorf("eol %q keep=%v: no block starting with %q in\n%s", eol, keep, w, render(d.Blocks))
				}
			}
		}
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func firstWord(n doc.Node) string {
	var s string
	switch n := n.(type) {
	case *doc.Heading:
		s = doc.PlainText(n.Content)
	case *doc.Paragraph:
		s = doc.PlainText(n.Content)
	case *doc.CodeBlock:
		s = n.Text
	case *doc.Table:
		s = doc.PlainText(n.Header[0].Cells[0].Content)
	case *doc.Figure:
		s = n.Alt
	case *doc.BlockQuote:
		return "quote"
	}
	if f := strings.Fields(s); len(f) > 0 {
		return f[0]
	}
	return ""
}

func listItems(bs []doc.Block) []*doc.ListItem {
	var out []*doc.ListItem
	doc.WalkBlocks(bs, func(n doc.Node, entering bool) doc.WalkStatus {
		if l, ok := n.(*doc.List); ok && entering {
			out = append(out, l.Items...)
		}
		return doc.WalkContinue
	})
	return out
}

// TestInlinePositions: text takes its own line, inline elements their
// tag's line.
func TestInlinePositions(t *testing.T) {
	src := "<body>\n<p>one\ntwo <em>three</em>\n<a href=\"/x\">four</a>\n</p></body>"
	d, _ := read(t, src, Options{KeepBoilerplate: true})
	got := map[string]int{}
	doc.WalkBlocks(d.Blocks, func(n doc.Node, entering bool) doc.WalkStatus {
		if entering {
			switch n := n.(type) {
			case *doc.Text:
				got[strings.TrimSpace(n.Value)] = n.Pos.Line
			case *doc.Emph:
				got["em"] = n.Pos.Line
			case *doc.Link:
				got["a"] = n.Pos.Line
			}
		}
		return doc.WalkContinue
	})
	want(t, "lines", got, map[string]int{"one two": 2, "three": 3, "em": 3, "four": 4, "a": 4, "": 4})
}

// TestConcurrentReads shares one Reader between goroutines (run with -race).
func TestConcurrentReads(t *testing.T) {
	r := New(Options{})
	first, _, err := r.Read([]byte(positioned), "pos.html")
	if err != nil {
		t.Fatal(err)
	}
	wantText := render(first.Blocks)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			d, _, err := r.Read([]byte(positioned), "pos.html")
			if err != nil {
				t.Error(err)
				return
			}
			if got := render(d.Blocks); got != wantText {
				t.Errorf("concurrent read differs:\n%s", got)
			}
		})
	}
	wg.Wait()
}
