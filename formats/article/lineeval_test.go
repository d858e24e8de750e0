package article

import (
	"fmt"
	"os"
	"runtime"
	"sync"
	"testing"

	"folio/internal/quality"
)

// trainLine fits the line model's two stages on the labelled units of the
// pages picked (pages not picked weigh nothing).
func trainLine(set *trainSet, pick func(*trainPage) bool) *lineModel {
	w := make([]float64, len(set.w))
	at := 0
	for k := range set.pages {
		pg := &set.pages[k]
		if pick(pg) {
			copy(w[at:], set.w[at:at+len(pg.labelled)])
		}
		at += len(pg.labelled)
	}
	w1 := fitLogistic(set.f1, set.y, w)
	var f2 [][]float64
	for k := range set.pages {
		pg := &set.pages[k]
		p1 := make([]float64, len(pg.f1))
		for i, f := range pg.f1 {
			p1[i] = logistic(w1, f)
		}
		all := pg.p.stage2Features(pg.f1, p1)
		for _, i := range pg.labelled {
			f2 = append(f2, all[i])
		}
	}
	return &lineModel{w1: w1, m2: fitNet(f2, set.y, w, lineHidden, lineLambda, lineIters)}
}

// bodyScore is the reader's body measured over some pages: the mean
// precision and recall where the set has the article's text, the snippets
// where it has those.
type bodyScore struct {
	body  quality.Mean
	snip  quality.Snippets
	empty int
}

func (s *bodyScore) String() string {
	out := ""
	if s.body.Pages() > 0 {
		out += fmt.Sprintf("body P/R/F1 %.3f/%.3f/%.3f (%d pages)", s.body.Precision(), s.body.Recall(), s.body.F1(), s.body.Pages())
	}
	if n := s.snip.TP + s.snip.FN; n > 0 {
		p, r := s.snip.Precision(), s.snip.Recall()
		out += fmt.Sprintf("snippets P/R/F1 %.3f/%.3f/%.3f", p, r, 2*p*r/(p+r))
	}
	return out + fmt.Sprintf(", empty %d", s.empty)
}

// measure reads the pages picked with the line model lm and scores them.
func measure(set *trainSet, lm *lineModel, pick func(*trainPage) bool) *bodyScore {
	s := &bodyScore{}
	s.add(set, lm, pick)
	return s
}

// add reads the pages picked with the line model lm and adds their scores.
func (s *bodyScore) add(set *trainSet, lm *lineModel, pick func(*trainPage) bool) {
	var idx []int
	for k := range set.pages {
		if set.pages[k].page != nil && pick(&set.pages[k]) {
			idx = append(idx, k)
		}
	}
	bodies := make([]string, len(idx))
	next := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for j := range next {
				d, _, err := (&Reader{lm: lm}).Read(set.pages[idx[j]].text, set.pages[idx[j]].p.name)
				if err == nil {
					bodies[j] = quality.DocText(d)
				}
			}
		})
	}
	for j := range idx {
		next <- j
	}
	close(next)
	wg.Wait()
	for j, k := range idx {
		pg := set.pages[k].page
		if len(quality.Tokens(bodies[j])) == 0 {
			s.empty++
		}
		if pg.HasBody {
			s.body.Add(pg.Body, bodies[j])
		}
		if len(pg.With)+len(pg.Without) > 0 {
			s.snip.Add(bodies[j], pg.With, pg.Without)
		}
	}
}

// TestLineModelHeldOut measures the line model on pages it was not
// trained on: Trafilatura's check half (never trained on), and each half
// of Mozilla's pages read with a model trained without that half. It runs
// only with FOLIO_ARTICLE_EVAL=1 (the training and two more take a few
// minutes) and writes nothing.
func TestLineModelHeldOut(t *testing.T) {
	if os.Getenv("FOLIO_ARTICLE_EVAL") == "" {
		t.Skip("set FOLIO_ARTICLE_EVAL=1 to measure the line model on held-out pages")
	}
	set := loadTraining(t)
	full := trainLine(set, func(pg *trainPage) bool { return !pg.heldOut })
	t.Logf("trained on: mozilla %s", measure(set, full, func(pg *trainPage) bool { return pg.set == "mozilla" }))
	t.Logf("trained on: trafilatura dev %s", measure(set, full, func(pg *trainPage) bool { return pg.set == "trafilatura" && !pg.heldOut }))
	t.Logf("held out: trafilatura check %s", measure(set, full, func(pg *trainPage) bool { return pg.heldOut }))
	var cv bodyScore
	for _, h := range []string{"dev", "check"} {
		lm := trainLine(set, func(pg *trainPage) bool { return !pg.heldOut && !(pg.set == "mozilla" && pg.half == h) })
		pick := func(pg *trainPage) bool { return pg.set == "mozilla" && pg.half == h }
		t.Logf("held out: mozilla %s half %s (trained without it)", h, measure(set, lm, pick))
		cv.add(set, lm, pick)
	}
	t.Logf("held out: mozilla, both halves %s", &cv)
}
