package eval

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"folio/formats/article"
)

// TestQuality prints the article reader's figures on both text sets. It is
// slow and reads pages from outside the repository, so it runs only when
// FOLIO_ARTICLE_EVAL is set; FOLIO_ARTICLE_EVAL_DUMP=DIR also writes each
// page's kept body and a listing of the pages from worst to best.
func TestQuality(t *testing.T) {
	if os.Getenv("FOLIO_ARTICLE_EVAL") == "" {
		t.Skip("set FOLIO_ARTICLE_EVAL=1 to measure the article reader on the real-page sets")
	}
	corpus := Corpus()
	if corpus == "" {
		t.Skip("shared/corpus not found beside the repository")
	}
	tp, err := ReadabilityPages()
	if err != nil {
		t.Skip(err)
	}
	moz, err := LoadMozilla(corpus, tp)
	if err != nil {
		t.Fatal(err)
	}
	traf, err := LoadTrafilatura(corpus)
	if err != nil {
		t.Fatal(err)
	}
	read := article.New(article.Options{}).Read
	mr, err := Run(read, moz)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := Run(read, traf)
	if err != nil {
		t.Fatal(err)
	}
	var dev, check []Result
	for _, r := range tr {
		if r.Page.Half == "dev" {
			dev = append(dev, r)
		} else {
			check = append(check, r)
		}
	}
	fmt.Println(Header)
	fmt.Println(Tally(mr).Line("mozilla"))
	fmt.Println(Tally(dev).Line("trafilatura dev"))
	fmt.Println(Tally(check).Line("trafilatura check"))
	fmt.Println(Tally(tr).Line("trafilatura all"))
	if dir := os.Getenv("FOLIO_ARTICLE_EVAL_DUMP"); dir != "" {
		dump(t, dir, append(mr, tr...))
	}
}

func dump(t *testing.T, dir string, rs []Result) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].PR.Precision < rs[j].PR.Precision })
	f, err := os.Create(filepath.Join(dir, "pages.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, r := range rs {
		fmt.Fprintf(f, "%s\t%s\t%s\t%.3f\t%.3f\t%v\t%v\t%q\t%q\n", r.Page.Set, r.Page.Half, r.Page.Name,
			r.PR.Precision, r.PR.Recall, r.IsLine, r.TitleOK, r.Title, r.Page.Title)
		if err := os.WriteFile(filepath.Join(dir, r.Page.Set+"-"+r.Page.Name+".body"), []byte(r.Body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
