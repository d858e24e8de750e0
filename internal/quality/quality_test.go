package quality_test

import (
	"bytes"
	"flag"
	"fmt"
	"html"
	"net/url"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
	trafilatura "github.com/markusmobius/go-trafilatura"

	"folio/formats/article"
	"folio/formats/webpage"
	"folio/internal/checktool"
	"folio/internal/quality"
	"folio/internal/raceflag"
)

// The harness: `make quality`, or one piece of it with
//
//	go test ./internal/quality -run TestQuality -v -args -sets mozilla -readers article
//
// (or QUALITY_SETS=… QUALITY_READERS=… in the environment).
var (
	flagSets    = flag.String("sets", envOr("QUALITY_SETS", "mozilla,trafilatura"), "development sets to score: mozilla, trafilatura")
	flagReaders = flag.String("readers", envOr("QUALITY_READERS", "html,article,readability,trafilatura,readability-text,trafilatura-text"), "readers to score: html (Folio's saved-page reader), article (Folio's copied-text reader on the text versions), readability, trafilatura (the peers, on the HTML), readability-text, trafilatura-text (the peers, on the text versions)")
	flagPage    = flag.String("page", os.Getenv("QUALITY_PAGE"), "score only pages whose name contains this")
	flagWorst   = flag.Int("worst", 0, "list the N worst pages of each row (by body F1, else snippet score)")
	flagMisses  = flag.Bool("misses", false, "list every wrong title, author and date")
	flagHalves  = flag.Bool("halves", false, "score Trafilatura's set as its two halves (dev, which the copied-text models train on, and check)")
)

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

// got is what one reader made of one page.
type got struct {
	body, title, date string
	authors           []string
	err               error
	took              time.Duration
	// titleLine reports, for a reader of copied text, that the expected
	// title is a line of the text (quality.TitleIsLine).
	titleLine bool
}

// reader reads one page of a set; ok is false when it has no input for
// the page (no text version).
type reader struct {
	name, input string
	read        func(p *quality.Page) (got, bool)
}

var readers = []reader{
	{"html", "Folio -f html", readFolioHTML},
	{"article", "Folio -f article (copied text)", readFolioText},
	{"readability", "readeck go-readability (HTML)", readReadability},
	{"trafilatura", "go-trafilatura + fallbacks (HTML)", readTrafilatura},
	{"readability-text", "readeck go-readability (copied text, a paragraph a line)", textAsHTML(readReadability)},
	{"trafilatura-text", "go-trafilatura + fallbacks (copied text, a paragraph a line)", textAsHTML(readTrafilatura)},
}

// textAsHTML gives a peer that reads HTML the copied text instead: each
// line a paragraph of a page without a title, so that the peers and
// Folio's copied-text reader are measured on the same input.
func textAsHTML(read func(p *quality.Page) (got, bool)) func(p *quality.Page) (got, bool) {
	return func(p *quality.Page) (got, bool) {
		if p.TextPath == "" {
			return got{}, false
		}
		src, err := os.ReadFile(p.TextPath)
		if err != nil {
			return got{err: err}, true
		}
		var b strings.Builder
		b.WriteString("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>\n")
		for _, line := range strings.Split(string(src), "\n") {
			if line = strings.TrimSpace(line); line != "" {
				b.WriteString("<p>" + html.EscapeString(line) + "</p>\n")
			}
		}
		b.WriteString("</body></html>\n")
		f, err := os.CreateTemp("", "quality-*.html")
		if err != nil {
			return got{err: err}, true
		}
		defer os.Remove(f.Name())
		_, err = f.WriteString(b.String())
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return got{err: err}, true
		}
		q := *p
		q.HTMLPath = f.Name()
		g, ok := read(&q)
		g.titleLine = quality.TitleIsLine(src, p.Title)
		return g, ok
	}
}

func readFolioHTML(p *quality.Page) (got, bool) {
	src, err := os.ReadFile(p.HTMLPath)
	if err != nil {
		return got{err: err}, true
	}
	d, _, err := webpage.New(webpage.Options{}).Read(src, p.HTMLPath)
	if err != nil {
		return got{err: err}, true
	}
	return got{body: quality.DocText(d), title: d.Meta.Title, date: d.Meta.Date, authors: d.Meta.Authors}, true
}

func readFolioText(p *quality.Page) (got, bool) {
	if p.TextPath == "" {
		return got{}, false
	}
	src, err := os.ReadFile(p.TextPath)
	if err != nil {
		return got{err: err}, true
	}
	d, _, err := article.New(article.Options{}).Read(src, p.TextPath)
	if err != nil {
		return got{err: err}, true
	}
	return got{body: quality.DocText(d), title: d.Meta.Title, date: d.Meta.Date, authors: d.Meta.Authors,
		titleLine: quality.TitleIsLine(src, p.Title)}, true
}

// fakeHost is the page address Readability's own tests give.
var fakeHost, _ = url.Parse("http://fakehost/test/page.html")

func readReadability(p *quality.Page) (got, bool) {
	src, err := os.ReadFile(p.HTMLPath)
	if err != nil {
		return got{err: err}, true
	}
	rp := readability.NewParser()
	art, err := rp.Parse(bytes.NewReader(src), fakeHost)
	if err != nil {
		return got{err: err}, true
	}
	g := got{title: art.Title()}
	if art.Node != nil {
		g.body = quality.HTMLText(art.Node)
	}
	if b := art.Byline(); b != "" {
		g.authors = []string{b}
	}
	if t, err := art.PublishedTime(); err == nil && !t.IsZero() {
		g.date = t.Format("2006-01-02")
	}
	return g, true
}

func readTrafilatura(p *quality.Page) (got, bool) {
	src, err := os.ReadFile(p.HTMLPath)
	if err != nil {
		return got{err: err}, true
	}
	res, err := trafilatura.Extract(bytes.NewReader(src), trafilatura.Options{EnableFallback: true, ExcludeComments: true})
	if err != nil {
		return got{err: err}, true
	}
	g := got{body: res.ContentText, title: res.Metadata.Title}
	if a := res.Metadata.Author; a != "" {
		g.authors = strings.Split(a, ";")
	}
	if !res.Metadata.Date.IsZero() {
		g.date = res.Metadata.Date.Format("2006-01-02")
	}
	return g, true
}

// row is one reader's figures over one set.
type row struct {
	set, reader                       string
	pages, errs, empty                int
	body                              quality.Mean
	snip                              quality.Snippets
	titles, titled, authors, authored int
	dates, dated                      int
	// lineTitles of lined pages (the title is a line of the copied text)
	// have the title right.
	lineTitles, lined int
	took              time.Duration
	worst             []pageScore
	misses            []string // wrong titles, authors and dates
}

type pageScore struct {
	name  string
	score float64
	note  string
}

func score(set *quality.Set, r reader, gots []got, ran []bool) row {
	rw := row{set: set.Name, reader: r.name}
	for i, p := range set.Pages {
		if !ran[i] {
			continue
		}
		g := gots[i]
		rw.pages++
		rw.took += g.took
		if g.err != nil {
			rw.errs++
		}
		if len(quality.Tokens(g.body)) == 0 {
			rw.empty++
		}
		ps := pageScore{name: p.Name}
		if p.HasBody {
			pr := rw.body.Add(p.Body, g.body)
			ps.score = f1(pr.Precision, pr.Recall)
			ps.note = fmt.Sprintf("P %.3f R %.3f", pr.Precision, pr.Recall)
		}
		if len(p.With)+len(p.Without) > 0 {
			var s quality.Snippets
			s.Add(g.body, p.With, p.Without)
			rw.snip.TP, rw.snip.FN, rw.snip.FP, rw.snip.TN = rw.snip.TP+s.TP, rw.snip.FN+s.FN, rw.snip.FP+s.FP, rw.snip.TN+s.TN
			if !p.HasBody {
				ps.score = float64(s.TP+s.TN) / float64(s.TP+s.TN+s.FP+s.FN)
				ps.note = fmt.Sprintf("with %d/%d, without found %d/%d", s.TP, s.TP+s.FN, s.FP, s.FP+s.TN)
			}
		}
		if p.Title != "" {
			rw.titled++
			right := quality.TitleMatch(p.Title, g.title)
			if g.titleLine {
				rw.lined++
				if right {
					rw.lineTitles++
				}
			}
			if right {
				rw.titles++
			} else {
				rw.misses = append(rw.misses, fmt.Sprintf("%s: title %q, want %q", p.Name, g.title, p.Title))
			}
		}
		if len(p.Authors) > 0 {
			rw.authored++
			if quality.AuthorsMatch(p.Authors, g.authors) {
				rw.authors++
			} else {
				rw.misses = append(rw.misses, fmt.Sprintf("%s: authors %q, want %q", p.Name, g.authors, p.Authors))
			}
		}
		if p.Date != "" {
			rw.dated++
			if quality.DateMatch(p.Date, g.date) {
				rw.dates++
			} else {
				rw.misses = append(rw.misses, fmt.Sprintf("%s: date %q, want %q", p.Name, g.date, p.Date))
			}
		}
		if g.err != nil {
			ps.note += "; error: " + g.err.Error()
		}
		rw.worst = append(rw.worst, ps)
	}
	slices.SortStableFunc(rw.worst, func(a, b pageScore) int {
		switch {
		case a.score < b.score:
			return -1
		case a.score > b.score:
			return 1
		}
		return 0
	})
	return rw
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// run reads every page of set with r on all cores.
func run(set *quality.Set, r reader) ([]got, []bool) {
	gots := make([]got, len(set.Pages))
	ran := make([]bool, len(set.Pages))
	next := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				start := time.Now()
				g, ok := safeRead(r, &set.Pages[i])
				g.took = time.Since(start)
				gots[i], ran[i] = g, ok
			}
		})
	}
	for i := range set.Pages {
		next <- i
	}
	close(next)
	wg.Wait()
	return gots, ran
}

// safeRead turns a reader's panic into an error for that page.
func safeRead(r reader, p *quality.Page) (g got, ok bool) {
	defer func() {
		if v := recover(); v != nil {
			g, ok = got{err: fmt.Errorf("panic: %v", v)}, true
		}
	}()
	return r.read(p)
}

// floor is the least a reader must score on a set in CI: a little under
// the figures measured when the floor was set (README, "Quality"). The
// peers' floors check the harness itself: Mozilla's expected articles are
// Readability's own output, so it must score (nearly) 1 there.
type floor struct {
	f1, snipP, snipR, titles float64
	// lineTitles is the share of titles right where the title is a line
	// of the copied text (readers of text only).
	lineTitles float64
	// authors and dates are the shares of pages with an expected
	// author or date that a reader gets right.
	authors, dates float64
	maxEmpty       int
}

var floors = map[string]floor{
	"mozilla/html":            {f1: 0.96, titles: 0.94, authors: 0.80, dates: 0.97, maxEmpty: 0},
	"mozilla/article":         {f1: 0.91, titles: 0.41, lineTitles: 0.72, authors: 0.32, maxEmpty: 1},
	"mozilla/readability":     {f1: 0.99, titles: 0.99},
	"trafilatura/html":        {snipP: 0.895, snipR: 0.91, titles: 0.77, authors: 0.62, dates: 0.84, maxEmpty: 4},
	"trafilatura/article":     {snipP: 0.875, snipR: 0.88, titles: 0.67, lineTitles: 0.71, authors: 0.39, dates: 0.69, maxEmpty: 10},
	"trafilatura/trafilatura": {snipP: 0.88, snipR: 0.90, maxEmpty: 881},
}

func TestQuality(t *testing.T) {
	if raceflag.Enabled {
		t.Skip("the quality harness reads every page of two sets with six readers: too slow under the race detector; `make quality` runs it")
	}
	sets := loadSets(t)
	var picked []reader
	for _, name := range strings.Split(*flagReaders, ",") {
		i := slices.IndexFunc(readers, func(r reader) bool { return r.name == strings.TrimSpace(name) })
		if i < 0 {
			t.Fatalf("unknown reader %q (want html, article, readability, trafilatura, readability-text, trafilatura-text)", name)
		}
		picked = append(picked, readers[i])
	}
	var rows []row
	for _, set := range sets {
		for _, r := range picked {
			gots, ran := run(set, r)
			rows = append(rows, score(set, r, gots, ran))
		}
	}
	// The table goes to standard output as it is, so that `make quality`
	// prints Markdown the README can take.
	fmt.Print("\n" + table(rows) + "\n")
	for _, rw := range rows {
		if *flagWorst > 0 {
			var b strings.Builder
			for _, ps := range rw.worst[:min(*flagWorst, len(rw.worst))] {
				fmt.Fprintf(&b, "  %.3f %s %s\n", ps.score, ps.name, ps.note)
			}
			t.Logf("worst pages, %s/%s:\n%s", rw.set, rw.reader, b.String())
		}
		if *flagMisses {
			t.Logf("wrong metadata, %s/%s:\n  %s", rw.set, rw.reader, strings.Join(rw.misses, "\n  "))
		}
		if *flagPage == "" {
			checkFloor(t, rw)
		}
	}
}

func checkFloor(t *testing.T, rw row) {
	fl, ok := floors[rw.set+"/"+rw.reader]
	if !ok {
		return
	}
	key := rw.set + "/" + rw.reader
	if rw.body.Pages() > 0 && rw.body.F1() < fl.f1 {
		t.Errorf("%s: body F1 %.3f, below the floor %.3f", key, rw.body.F1(), fl.f1)
	}
	if rw.snip.TP+rw.snip.FN > 0 {
		if p := rw.snip.Precision(); p < fl.snipP {
			t.Errorf("%s: snippet precision %.3f, below the floor %.3f", key, p, fl.snipP)
		}
		if r := rw.snip.Recall(); r < fl.snipR {
			t.Errorf("%s: snippet recall %.3f, below the floor %.3f", key, r, fl.snipR)
		}
	}
	if rw.titled > 0 && float64(rw.titles)/float64(rw.titled) < fl.titles {
		t.Errorf("%s: titles right on %d/%d, below the floor %.3f", key, rw.titles, rw.titled, fl.titles)
	}
	if rw.lined > 0 && float64(rw.lineTitles)/float64(rw.lined) < fl.lineTitles {
		t.Errorf("%s: headline right on %d/%d pages where it is a line, below the floor %.3f", key, rw.lineTitles, rw.lined, fl.lineTitles)
	}
	if rw.authored > 0 && float64(rw.authors)/float64(rw.authored) < fl.authors {
		t.Errorf("%s: authors right on %d/%d, below the floor %.3f", key, rw.authors, rw.authored, fl.authors)
	}
	if rw.dated > 0 && float64(rw.dates)/float64(rw.dated) < fl.dates {
		t.Errorf("%s: dates right on %d/%d, below the floor %.3f", key, rw.dates, rw.dated, fl.dates)
	}
	if rw.empty > fl.maxEmpty {
		t.Errorf("%s: %d pages with an empty body, more than %d", key, rw.empty, fl.maxEmpty)
	}
}

func table(rows []row) string {
	var b strings.Builder
	b.WriteString("| set | reader | pages | body P | body R | body F1 | snippets P | snippets R | snippets F1 | titles | headline where a line | authors | dates | empty | ms/page |\n")
	b.WriteString("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n")
	dash := "—"
	for _, rw := range rows {
		bp, br, bf := dash, dash, dash
		if rw.body.Pages() > 0 {
			bp, br, bf = fmt.Sprintf("%.3f", rw.body.Precision()), fmt.Sprintf("%.3f", rw.body.Recall()), fmt.Sprintf("**%.3f**", rw.body.F1())
		}
		sp, sr, sf := dash, dash, dash
		if rw.snip.TP+rw.snip.FN > 0 {
			sp, sr = fmt.Sprintf("%.3f", rw.snip.Precision()), fmt.Sprintf("%.3f", rw.snip.Recall())
			sf = fmt.Sprintf("**%.3f**", f1(rw.snip.Precision(), rw.snip.Recall()))
		}
		ms := 0.0
		if rw.pages > 0 {
			ms = float64(rw.took.Microseconds()) / 1000 / float64(rw.pages)
		}
		empty := fmt.Sprint(rw.empty)
		if rw.errs > 0 {
			empty += fmt.Sprintf(" (%d errors)", rw.errs)
		}
		fmt.Fprintf(&b, "| %s | %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %.0f |\n",
			rw.set, rw.reader, rw.pages, bp, br, bf, sp, sr, sf,
			of(rw.titles, rw.titled), of(rw.lineTitles, rw.lined), of(rw.authors, rw.authored), of(rw.dates, rw.dated), empty, ms)
	}
	return b.String()
}

func of(n, d int) string {
	if d == 0 {
		return "—"
	}
	return fmt.Sprintf("%d/%d", n, d)
}

// loadSets finds the development sets: the pages in the module cache
// (go-readability's test-pages, go-trafilatura's test-files), the copied
// text and annotations in shared/corpus beside the repository (or
// FOLIO_CORPUS). With -halves, Trafilatura's set is scored as its two
// halves (quality.Half), the one the copied-text models train on and the
// one they do not.
func loadSets(t *testing.T) []*quality.Set {
	corpus := quality.Corpus()
	var sets []*quality.Set
	for _, name := range strings.Split(*flagSets, ",") {
		var s *quality.Set
		var err error
		switch strings.TrimSpace(name) {
		case "mozilla":
			if corpus == "" {
				missing(t, "shared/corpus")
				continue
			}
			s, err = quality.LoadMozilla(corpus)
		case "trafilatura":
			if corpus == "" {
				missing(t, "shared/corpus")
				continue
			}
			s, err = quality.LoadTrafilatura(corpus)
		default:
			t.Fatalf("unknown set %q (want mozilla, trafilatura)", name)
		}
		if err != nil {
			missing(t, err.Error())
			continue
		}
		if *flagPage != "" {
			s.Pages = slices.DeleteFunc(s.Pages, func(p quality.Page) bool { return !strings.Contains(p.Name, *flagPage) })
		}
		if *flagHalves && s.Name == "trafilatura" {
			for _, h := range []string{"dev", "check"} {
				hs := &quality.Set{Name: s.Name + " " + h}
				for _, p := range s.Pages {
					if quality.Half(p.Name) == h {
						hs.Pages = append(hs.Pages, p)
					}
				}
				sets = append(sets, hs)
			}
			continue
		}
		sets = append(sets, s)
	}
	if len(sets) == 0 {
		t.Skip("no development set found")
	}
	return sets
}

func missing(t *testing.T, what string) {
	t.Helper()
	if checktool.InCI() {
		t.Fatalf("%s not found (CI=true)", what)
	}
	t.Logf("skipping a set: %s not found", what)
}
