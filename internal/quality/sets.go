package quality

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Page is one page of a development set and what a reader should get from
// it. Fields a set does not annotate are empty (HasBody false: the set has
// no expected article text, only snippets).
type Page struct {
	Name     string // the page's name in the set
	HTMLPath string // the saved page
	TextPath string // the page as copied text; "" when there is none
	HasBody  bool
	Body     string   // expected article text
	Title    string   // expected headline
	Authors  []string // expected author names (or a byline)
	Date     string   // expected publication date, YYYY-MM-DD…
	With     []string // snippets of the article
	Without  []string // snippets of the page around it
}

// Set is a named list of pages.
type Set struct {
	Name  string
	Pages []Page
}

// Mozilla reads Mozilla Readability's test pages: dir holds one folder per
// page with source.html, expected.html and expected-metadata.json; textDir
// holds NAME.txt, the page as copied text.
func Mozilla(dir, textDir string) (*Set, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	s := &Set{Name: "mozilla"}
	for _, e := range ents {
		if !e.IsDir() {
			continue
		}
		p, err := mozillaPage(filepath.Join(dir, e.Name()), textDir)
		if err != nil {
			return nil, err
		}
		if p != nil {
			s.Pages = append(s.Pages, *p)
		}
	}
	return s, nil
}

func mozillaPage(dir, textDir string) (*Page, error) {
	name := filepath.Base(dir)
	src := filepath.Join(dir, "source.html")
	if _, err := os.Stat(src); err != nil {
		return nil, nil
	}
	exp, err := os.ReadFile(filepath.Join(dir, "expected.html"))
	if err != nil {
		return nil, err
	}
	body, err := HTMLStringText(string(exp))
	if err != nil {
		return nil, fmt.Errorf("%s/expected.html: %w", dir, err)
	}
	var meta struct {
		Title         string `json:"title"`
		Byline        string `json:"byline"`
		PublishedTime string `json:"publishedTime"`
	}
	raw, err := os.ReadFile(filepath.Join(dir, "expected-metadata.json"))
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(raw, &meta); err != nil {
		return nil, fmt.Errorf("%s/expected-metadata.json: %w", dir, err)
	}
	p := &Page{Name: name, HTMLPath: src, HasBody: true, Body: body, Title: meta.Title, Date: meta.PublishedTime}
	if meta.Byline != "" {
		p.Authors = []string{meta.Byline}
	}
	if t := filepath.Join(textDir, name+".txt"); fileExists(t) {
		p.TextPath = t
	}
	return p, nil
}

// Trafilatura reads Trafilatura's evaluation set: annotations is the JSON
// of its comparison data (URL → file, title, author, date, with, without),
// htmlDir holds the pages, textDir holds NAME.txt for FILE = NAME.html.
// Pages are in the order of their URLs.
func Trafilatura(annotations, htmlDir, textDir string) (*Set, error) {
	raw, err := os.ReadFile(annotations)
	if err != nil {
		return nil, err
	}
	var data map[string]struct {
		File    string   `json:"file"`
		Title   string   `json:"title"`
		Author  []string `json:"author"`
		Date    string   `json:"date"`
		With    []string `json:"with"`
		Without []string `json:"without"`
	}
	if err := json.Unmarshal(raw, &data); err != nil {
		return nil, fmt.Errorf("%s: %w", annotations, err)
	}
	urls := make([]string, 0, len(data))
	for u := range data {
		urls = append(urls, u)
	}
	slices.Sort(urls)
	s := &Set{Name: "trafilatura"}
	for _, u := range urls {
		e := data[u]
		p := Page{Name: e.File, HTMLPath: filepath.Join(htmlDir, e.File), Title: e.Title,
			Authors: e.Author, Date: e.Date, With: e.With, Without: e.Without}
		if !fileExists(p.HTMLPath) {
			continue
		}
		if t := filepath.Join(textDir, strings.TrimSuffix(e.File, ".html")+".txt"); fileExists(t) {
			p.TextPath = t
		}
		s.Pages = append(s.Pages, p)
	}
	return s, nil
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}
