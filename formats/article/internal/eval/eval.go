// Package eval measures the article reader on real pages copied as text:
// Mozilla Readability's test pages (body text and title from expected.html
// and expected-metadata.json) and Trafilatura's evaluation set (annotated
// snippets and titles). The pages are read at run time from the Go module
// cache and ../shared/corpus; none of their text is in the repository.
//
// The Trafilatura set is split in two halves by a hash of the file name:
// rules are developed on Mozilla and the "dev" half and checked on the
// "check" half, so that a rule fitted to single pages shows up as a gap
// between the halves.
package eval

import (
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/net/html"

	"folio/internal/quality"
	"folio/pipeline/doc"
)

// Page is one page of a set as copied text, with what is expected of it.
type Page struct {
	Set  string // "mozilla" or "trafilatura"
	Name string
	Half string // "dev" or "check"
	Text []byte
	// Body is the expected article text (Mozilla only).
	Body string
	// With and Without are the annotated snippets (Trafilatura only).
	With, Without []string
	Title         string
}

// Corpus finds the shared corpus folder (shared/corpus beside the
// repository) walking up from the working directory, or "".
func Corpus() string {
	dir, err := filepath.Abs(".")
	if err != nil {
		return ""
	}
	for {
		p := filepath.Join(dir, "shared", "corpus")
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// ReadabilityPages is the test-pages folder of the go-readability module.
func ReadabilityPages() (string, error) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "codeberg.org/readeck/go-readability/v2").Output()
	if err != nil {
		return "", fmt.Errorf("locating go-readability: %w", err)
	}
	dir := filepath.Join(strings.TrimSpace(string(out)), "test-pages")
	if _, err := os.Stat(dir); err != nil {
		return "", err
	}
	return dir, nil
}

// half puts a page in the dev or check half by a hash of its name.
func half(name string) string {
	h := fnv.New32a()
	h.Write([]byte(name))
	if h.Sum32()%2 == 0 {
		return "dev"
	}
	return "check"
}

// LoadMozilla reads the Mozilla pages as text with their expected body and
// title.
func LoadMozilla(corpus, testPages string) ([]Page, error) {
	files, err := filepath.Glob(filepath.Join(corpus, "readability-text", "*.txt"))
	if err != nil {
		return nil, err
	}
	var pages []Page
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		text, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		exp, err := os.ReadFile(filepath.Join(testPages, name, "expected.html"))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		} else if err != nil {
			return nil, err
		}
		var meta struct {
			Title string `json:"title"`
		}
		if b, err := os.ReadFile(filepath.Join(testPages, name, "expected-metadata.json")); err == nil {
			if err := json.Unmarshal(b, &meta); err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
		}
		body, err := htmlText(string(exp))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		pages = append(pages, Page{Set: "mozilla", Name: name, Half: "dev", Text: text, Body: body, Title: meta.Title})
	}
	return pages, nil
}

// htmlText is the text of an HTML fragment, block elements on their own
// lines.
func htmlText(s string) (string, error) {
	n, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return "", err
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
		case html.ElementNode:
			switch n.Data {
			case "script", "style":
				return
			}
			b.WriteString("\n")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String(), nil
}

// LoadTrafilatura reads the Trafilatura pages as text with their
// annotations. A file annotated twice gives two pages.
func LoadTrafilatura(corpus string) ([]Page, error) {
	b, err := os.ReadFile(filepath.Join(corpus, "trafilatura-comparison.json"))
	if err != nil {
		return nil, err
	}
	var ann map[string]struct {
		File    string   `json:"file"`
		Title   string   `json:"title"`
		With    []string `json:"with"`
		Without []string `json:"without"`
	}
	if err := json.Unmarshal(b, &ann); err != nil {
		return nil, err
	}
	urls := make([]string, 0, len(ann))
	for u := range ann {
		urls = append(urls, u)
	}
	sort.Strings(urls)
	var pages []Page
	for _, u := range urls {
		a := ann[u]
		name := strings.TrimSuffix(a.File, ".html")
		text, err := os.ReadFile(filepath.Join(corpus, "trafilatura-text", name+".txt"))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		} else if err != nil {
			return nil, err
		}
		pages = append(pages, Page{Set: "trafilatura", Name: name, Half: half(name), Text: text,
			With: a.With, Without: a.Without, Title: a.Title})
	}
	return pages, nil
}

// BodyText is the text a reader kept as the article body: headings,
// paragraphs, list items, quotes, code, table cells and figure captions.
func BodyText(d *doc.Document) string {
	var b strings.Builder
	var blocks func([]doc.Block)
	blocks = func(bs []doc.Block) {
		for _, bl := range bs {
			switch bl := bl.(type) {
			case *doc.Heading:
				b.WriteString(doc.PlainText(bl.Content))
			case *doc.Paragraph:
				b.WriteString(doc.PlainText(bl.Content))
			case *doc.Figure:
				b.WriteString(doc.PlainText(bl.Caption))
			case *doc.List:
				for _, it := range bl.Items {
					blocks(it.Blocks)
				}
			case *doc.BlockQuote:
				blocks(bl.Blocks)
			case *doc.CodeBlock:
				b.WriteString(bl.Text)
			case *doc.Table:
				for _, r := range append(append([]*doc.Row(nil), bl.Header...), bl.Body...) {
					for _, c := range r.Cells {
						b.WriteString(doc.PlainText(c.Content))
						b.WriteString(" ")
					}
				}
			}
			b.WriteString("\n")
		}
	}
	blocks(d.Blocks)
	return b.String()
}

// TitleIsLine reports whether the expected title is a line of the text
// (white space collapsed, case folded): the pages where a copied-text
// reader can find it.
func TitleIsLine(text []byte, title string) bool {
	t := fold(title)
	if t == "" {
		return false
	}
	for _, l := range strings.Split(string(text), "\n") {
		if quality.TitleMatch(title, l) && fold(l) != "" {
			return true
		}
	}
	return false
}

func fold(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// Read is a reader as the harness calls it.
type Read func(src []byte, name string) (*doc.Document, []doc.Warning, error)

// Score is one group of pages' figures.
type Score struct {
	Body      quality.Mean
	Snip      quality.Snippets
	Titles    int // pages with the title right
	TitleLine int // pages whose title is a line of the text
	TitleOK   int // of those, right
	Empty     int // pages with no body at all
	Pages     int
}

// Result is one page's outcome, for listings.
type Result struct {
	Page     *Page
	PR       quality.PR
	Title    string
	TitleOK  bool
	IsLine   bool
	Body     string
	Warnings []doc.Warning
}

// Run reads every page and scores it.
func Run(read Read, pages []Page) ([]Result, error) {
	out := make([]Result, 0, len(pages))
	for i := range pages {
		p := &pages[i]
		d, ws, err := read(p.Text, p.Name+".txt")
		if err != nil {
			return nil, fmt.Errorf("%s/%s: %w", p.Set, p.Name, err)
		}
		r := Result{Page: p, Title: d.Meta.Title, Body: BodyText(d), Warnings: ws}
		if p.Set == "mozilla" {
			r.PR = quality.Body(p.Body, r.Body)
		}
		r.TitleOK = quality.TitleMatch(p.Title, d.Meta.Title)
		r.IsLine = TitleIsLine(p.Text, p.Title)
		out = append(out, r)
	}
	return out, nil
}

// Tally sums results into a score.
func Tally(rs []Result) Score {
	var s Score
	for _, r := range rs {
		s.Pages++
		if r.Page.Set == "mozilla" {
			s.Body.Add(r.Page.Body, r.Body)
		} else {
			s.Snip.Add(r.Body, r.Page.With, r.Page.Without)
		}
		if len(quality.Tokens(r.Body)) == 0 {
			s.Empty++
		}
		if r.TitleOK {
			s.Titles++
		}
		if r.IsLine {
			s.TitleLine++
			if r.TitleOK {
				s.TitleOK++
			}
		}
	}
	return s
}

// Line formats a score as one table row.
func (s Score) Line(label string) string {
	f1 := func(p, r float64) float64 {
		if p+r == 0 {
			return 0
		}
		return 2 * p * r / (p + r)
	}
	body := "     -      -      -"
	if s.Body.Pages() > 0 {
		body = fmt.Sprintf("%6.3f %6.3f %6.3f", s.Body.Precision(), s.Body.Recall(), s.Body.F1())
	}
	snip := "     -      -      -"
	if s.Snip.TP+s.Snip.FN+s.Snip.FP > 0 {
		snip = fmt.Sprintf("%6.3f %6.3f %6.3f", s.Snip.Precision(), s.Snip.Recall(), f1(s.Snip.Precision(), s.Snip.Recall()))
	}
	return fmt.Sprintf("%-18s %4d  %s  %s  %3d/%-3d %5.1f%%  %4d/%-4d %d", label, s.Pages, body, snip,
		s.TitleOK, s.TitleLine, 100*float64(s.TitleOK)/float64(max(1, s.TitleLine)), s.Titles, s.Pages, s.Empty)
}

// Header is the table's head.
const Header = "set                pages  body P      R     F1   snip P      R     F1   headline(line)   title(all) empty"
