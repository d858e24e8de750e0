package pipeline

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"folio/pipeline/doc"
)

// PackWriter is an output format that can bind several articles into one
// publication (a briefing pack).
type PackWriter interface {
	WritePack(ctx context.Context, p *doc.Pack, w io.Writer) error
}

// PackOptions describe one pack: where it goes, what it says about itself
// and how its articles are ordered.
type PackOptions struct {
	// OutBase is the pack's output path without extension (OUT/NAME).
	OutBase string
	// Meta is the pack's metadata as given; empty fields get defaults
	// (see packMeta). Marking comes from Options.Marking.
	Meta doc.PackMeta
	// Sort is "" (the order given), "date" (newest first, undated last),
	// "title" or "source".
	Sort string
	// SkipFailed writes the pack without the inputs that failed; otherwise
	// one failed input means no pack is written.
	SkipFailed bool
	// Jobs is how many inputs are read at once (at least 1).
	Jobs int
}

var errPackTimeout = errors.New("pack timed out")

// PackSorts are the values --sort takes.
var PackSorts = []string{"date", "title", "source"}

// PackResult is what happened to a pack: one Result per input (its
// warnings and errors, no outputs of its own), the pack's outputs, and
// the inputs left out under SkipFailed.
type PackResult struct {
	Pack    *Result
	Inputs  []*Result
	Skipped []string
}

// ConvertPack reads every input through its own reader and normalize
// passes, makes their anchors unique, orders them and writes one pack
// per requested format, atomically, as ConvertPack's single-document
// sibling Convert does.
func ConvertPack(ctx context.Context, jobs []Job, o *Options, po PackOptions) *PackResult {
	pr := &PackResult{Pack: &Result{Input: po.OutBase, Format: "pack", Timings: map[string]float64{}}}
	for _, f := range o.Formats {
		if ff := formatNamed(f); ff == nil || !ff.Pack {
			pr.Pack.Err = doc.Errorf(doc.Pos{File: po.OutBase}, "pack-format", "a pack cannot be written as %s (pack formats: %s)", f, strings.Join(PackFormats(), ", "))
			return pr
		}
	}
	// As Run does for single documents: temporary files that an earlier
	// run killed mid-write left in the pack's folder are removed (never
	// one a live run holds).
	CleanStaleTemps(filepath.Dir(po.OutBase))
	if o.Timeout > 0 {
		// --timeout bounds the whole pack: it is one document.
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeoutCause(ctx, o.Timeout, errPackTimeout)
		defer cancel()
	}
	docs := readAll(ctx, jobs, o, max(po.Jobs, 1), pr)
	var failed []*Result
	var articles []*doc.Document
	inputOf := map[*doc.Document]string{}
	for i, r := range pr.Inputs {
		if r.Err != nil {
			failed = append(failed, r)
			pr.Skipped = append(pr.Skipped, r.Input)
			continue
		}
		articles = append(articles, docs[i])
		inputOf[docs[i]] = absKey(jobs[i].Name)
	}
	switch {
	case context.Cause(ctx) == errPackTimeout:
		pr.Pack.Err = doc.Errorf(doc.Pos{File: po.OutBase}, "timeout", "pack not written: not done within --timeout %v", o.Timeout)
		return pr
	case ctx.Err() != nil:
		pr.Pack.Err = doc.Errorf(doc.Pos{File: po.OutBase}, "interrupted", "pack not written: interrupted")
		return pr
	case len(failed) > 0 && !po.SkipFailed:
		pr.Pack.Err = doc.Errorf(doc.Pos{File: po.OutBase}, "pack-input-failed",
			"pack not written: %d of %d inputs failed, first %v (fix it, or leave failed inputs out with --skip-failed)",
			len(failed), len(jobs), failed[0].Err)
		pr.Skipped = nil
		return pr
	case len(articles) == 0:
		pr.Pack.Err = doc.Errorf(doc.Pos{File: po.OutBase}, "pack-empty", "pack not written: no input could be read")
		return pr
	}
	for _, name := range pr.Skipped {
		pr.Pack.Warnings = append(pr.Pack.Warnings, doc.Warning{Pos: doc.Pos{File: name}, Code: "pack-skipped",
			Message: "left out of the pack (--skip-failed): " + firstLine(failedErr(pr.Inputs, name))})
	}
	sortArticles(articles, po.Sort)
	for i, d := range articles {
		doc.PrefixIDs(d, fmt.Sprintf("a%d-", i+1))
	}
	packLinks(articles, inputOf)
	p := &doc.Pack{Meta: packMeta(po.Meta, o, articles), Articles: articles}

	var warns doc.Collector
	wctx := doc.WithWarn(ctx, warns.Add)
	err := writeOutputs(wctx, po.OutBase, po.OutBase, o, pr.Pack, func(ctx context.Context, f string, w io.Writer) error {
		pw := outputs[f].new(o).(PackWriter)
		return safeWrite(ctx, func(ctx context.Context, w io.Writer) error { return pw.WritePack(ctx, p, w) }, w, po.OutBase, f, o.Debug)
	})
	pr.Pack.Err = err
	pr.Pack.Warnings = dedupeWarnings(append(pr.Pack.Warnings, warns.Warnings()...))
	return pr
}

// readAll reads and normalizes every input, at most n at a time, keeping
// the order given. A panic in one input becomes that input's error.
func readAll(ctx context.Context, jobs []Job, o *Options, n int, pr *PackResult) []*doc.Document {
	docs := make([]*doc.Document, len(jobs))
	pr.Inputs = make([]*Result, len(jobs))
	sem := make(chan struct{}, n)
	var wg sync.WaitGroup
	for i, job := range jobs {
		pr.Inputs[i] = &Result{Input: job.Name, Timings: map[string]float64{}}
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			docs[i] = readOne(ctx, job, o, pr.Inputs[i])
		})
	}
	wg.Wait()
	return docs
}

func readOne(ctx context.Context, job Job, o *Options, res *Result) (d *doc.Document) {
	var warns doc.Collector
	ctx = doc.WithWarn(ctx, warns.Add)
	defer func() {
		if p := recover(); p != nil {
			res.Err = internalError(job.Name, "pipeline", p, o.Debug)
			d = nil
		}
		res.Warnings = dedupeWarnings(append(res.Warnings, warns.Warnings()...))
	}()
	if err := ctx.Err(); err != nil {
		res.Err = err
		return nil
	}
	d, err := read(ctx, job, o, res)
	if err != nil {
		res.Err = err
		return nil
	}
	return d
}

func failedErr(rs []*Result, name string) string {
	for _, r := range rs {
		if r.Input == name && r.Err != nil {
			return r.Err.Error()
		}
	}
	return ""
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

// sortArticles orders the articles; the sort is stable, so equal keys keep
// the order given.
func sortArticles(ds []*doc.Document, by string) {
	key := func(d *doc.Document) string { return "" }
	switch by {
	case "title":
		key = func(d *doc.Document) string { return strings.ToLower(strings.TrimSpace(d.Meta.Title)) }
	case "source":
		key = func(d *doc.Document) string { return strings.ToLower(d.Meta.SourceName()) }
	case "date":
		slices.SortStableFunc(ds, func(a, b *doc.Document) int {
			da, db := isoDay(a.Meta.Date), isoDay(b.Meta.Date)
			switch {
			case da == db:
				return 0
			case da == "":
				return 1
			case db == "":
				return -1
			}
			return -cmp.Compare(da, db)
		})
		return
	}
	slices.SortStableFunc(ds, func(a, b *doc.Document) int { return cmp.Compare(key(a), key(b)) })
}

// isoDay is the YYYY-MM-DD part of an ISO date or time, or "".
func isoDay(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 10 {
		if _, err := time.Parse(time.DateOnly, s[:10]); err == nil {
			return s[:10]
		}
	}
	return ""
}

// packMeta fills the pack's defaults: the language most articles share
// (the first article's on a tie), the newest article's day (or
// SOURCE_DATE_EPOCH's) as the date, "Briefing — <date>" as the title.
func packMeta(m doc.PackMeta, o *Options, articles []*doc.Document) doc.PackMeta {
	if strings.TrimSpace(m.Lang) == "" {
		count := map[string]int{}
		best := ""
		for _, d := range articles {
			l := doc.PrimaryLang(d.Meta.Lang)
			count[l]++
			if best == "" || count[l] > count[best] {
				best = l
			}
		}
		m.Lang = cmp.Or(best, "en")
	}
	if strings.TrimSpace(m.Date) == "" {
		for _, d := range articles {
			if day := isoDay(d.Meta.Date); day > m.Date {
				m.Date = day
			}
		}
		if m.Date == "" && !o.SourceDate.IsZero() {
			m.Date = o.SourceDate.UTC().Format(time.DateOnly)
		}
	}
	if strings.TrimSpace(m.Marking) == "" {
		m.Marking = o.Marking
	}
	if strings.TrimSpace(m.Title) == "" {
		lab := doc.LabelsFor(m.Lang)
		m.Title = lab.Briefing
		if d := showDay(m.Date, m.Lang); d != "" {
			m.Title += " — " + d
		}
	}
	return m
}

// showDay writes an ISO day for readers: "2 March 2024" in English, as
// written otherwise.
func showDay(s, lang string) string {
	t, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
	if err != nil {
		return strings.TrimSpace(s)
	}
	if doc.PrimaryLang(lang) == "en" {
		return t.Format("2 January 2006")
	}
	return t.Format(time.DateOnly)
}

// packLinks points each link to another input of the run (Link.Batch) at
// that input's article in the pack, with the pack's prefix on its heading
// id. A link to an input left out of the pack (it failed) is no longer
// one to another output: it is treated by its URL as written.
func packLinks(articles []*doc.Document, inputOf map[*doc.Document]string) {
	article := map[string]int{}
	for i, d := range articles {
		article[inputOf[d]] = i + 1
	}
	for _, d := range articles {
		doc.Walk(d, func(n doc.Node, entering bool) doc.WalkStatus {
			l, ok := n.(*doc.Link)
			if !ok || !entering || l.Batch == nil {
				return doc.WalkContinue
			}
			if a := article[l.Batch.Input]; a > 0 {
				l.Batch.Article = a
				if l.Batch.ID != "" {
					l.Batch.ID = fmt.Sprintf("a%d-%s", a, l.Batch.ID)
				}
			} else {
				l.Batch = nil
			}
			return doc.WalkContinue
		})
	}
}
