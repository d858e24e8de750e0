package pipeline

// Links between documents: a relative link to another input of the same
// run points to that input's output (doc.Link.Batch, which each writer
// turns into a link of its own format), with the heading the source
// named translated to the id Folio gives it; with --base-url, a relative
// link to anything else becomes an absolute URL. Nothing is fetched.

import (
	"context"
	"fmt"
	"net/url"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"folio/pipeline/doc"
	"folio/pipeline/normalize"
)

// Links is what a run knows about its inputs, for links between them.
// Only Inputs travels to an --isolate worker; --incremental's key takes
// only the inputs a document names (linkKey); the heading ids are read
// again where they are needed.
type Links struct {
	// Inputs maps each input (absKey) to its job.
	Inputs map[string]Job `json:"inputs"`

	once  sync.Once
	stems map[string]string // absKey of folder/stem → absKey of the input
	mu    sync.Mutex
	heads map[string]*headingMap // absKey of the input → its heading ids
}

// headingMap translates the fragments an author may write to a
// document's heading ids.
type headingMap struct {
	once sync.Once
	ids  map[string]string
	err  error
}

// NewLinks is the link table of a run's jobs; standard input is left out.
func NewLinks(jobs []Job) *Links {
	l := &Links{Inputs: map[string]Job{}}
	for _, j := range jobs {
		if j.Name == "-" || j.Src != nil {
			continue
		}
		l.Inputs[absKey(j.Name)] = Job{Name: j.Name, OutBase: j.OutBase}
	}
	return l
}

// CheckBaseURL checks a --base-url value: an absolute http or https URL.
func CheckBaseURL(s string) error {
	if s == "" {
		return nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("--base-url %q: want an absolute http or https URL, e.g. https://example.org/docs/", s)
	}
	return nil
}

// find returns the input a link's path names: the file itself, or, for
// a link to an output name (b.html, b.pdf, b.epub), the input of that
// folder and stem.
func (l *Links) find(target string) (Job, bool) {
	if l == nil {
		return Job{}, false
	}
	if j, ok := l.Inputs[absKey(target)]; ok {
		return j, true
	}
	switch strings.ToLower(filepath.Ext(target)) {
	case ".html", ".htm", ".xhtml", ".pdf", ".epub":
	default:
		return Job{}, false
	}
	l.once.Do(func() {
		l.stems = map[string]string{}
		for k, j := range l.Inputs {
			s := absKey(strings.TrimSuffix(j.Name, filepath.Ext(j.Name)))
			if _, dup := l.stems[s]; dup {
				l.stems[s] = "" // two inputs with this stem: neither
				continue
			}
			l.stems[s] = k
		}
	})
	k := l.stems[absKey(strings.TrimSuffix(target, filepath.Ext(target)))]
	if k == "" {
		return Job{}, false
	}
	return l.Inputs[k], true
}

// relativeLink reports whether raw is a relative reference with a path
// (not "#x", not "//host/x", no scheme), and returns it parsed.
func relativeLink(raw string) (*url.URL, bool) {
	raw = strings.TrimSpace(raw)
	if raw == "" || strings.HasPrefix(raw, "#") || strings.HasPrefix(raw, "//") {
		return nil, false
	}
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Opaque != "" {
		return nil, false
	}
	return u, true
}

// linkPass rewrites the links of d, the document of job: to other inputs
// (Link.Batch) and, with a base URL, the remaining relative ones to
// absolute URLs.
func linkPass(ctx context.Context, d *doc.Document, job Job, o *Options) {
	if o.Links == nil && o.BaseURL == "" || job.Name == "-" || job.Src != nil {
		return
	}
	var base *url.URL
	if o.BaseURL != "" {
		base, _ = url.Parse(o.BaseURL)
	}
	// The base URL stands for the working directory: a link is resolved
	// from the folder of its input, as given on the command line.
	dir := filepath.ToSlash(filepath.Dir(job.Name))
	if filepath.IsAbs(job.Name) {
		if rel, err := filepath.Rel(".", job.Name); err == nil {
			dir = filepath.ToSlash(filepath.Dir(rel))
		}
	}
	var self map[string]string
	doc.Walk(d, func(n doc.Node, entering bool) doc.WalkStatus {
		l, ok := n.(*doc.Link)
		if !ok || !entering {
			return doc.WalkContinue
		}
		u, ok := relativeLink(l.URL)
		if !ok {
			return doc.WalkContinue
		}
		if u.Path != "" && !strings.HasPrefix(u.Path, "/") {
			target := filepath.Join(filepath.Dir(job.Name), filepath.FromSlash(u.Path))
			if absKey(target) == absKey(job.Name) && u.Fragment != "" {
				// A link into this document: an internal one, which
				// every format can follow.
				if self == nil {
					self = normalize.HeadingFragments(d)
				}
				if id, ok := normalize.LookupFragment(self, u.Fragment); ok {
					l.URL = "#" + id
					return doc.WalkContinue
				}
			}
			if t, ok := o.Links.find(target); ok {
				l.Batch = &doc.BatchTarget{Base: relBase(job.OutBase, t.OutBase), Input: absKey(t.Name)}
				if u.Fragment != "" {
					l.Batch.ID = o.Links.headingID(ctx, t, u.Fragment, l.Pos, o)
				}
				// With a base URL, URL too becomes absolute: it is
				// the link of a writer that cannot link to another
				// output (EPUB: a book cannot link outside itself).
			}
		}
		if base != nil {
			ref := *u
			if !strings.HasPrefix(ref.Path, "/") && dir != "." {
				ref.Path = path.Join(dir, ref.Path)
				if strings.HasSuffix(u.Path, "/") {
					ref.Path += "/"
				}
			}
			l.URL = base.ResolveReference(&ref).String()
		}
		return doc.WalkContinue
	})
}

// relBase is the target's output base relative to the folder of from's
// output, as an escaped URL path.
func relBase(from, to string) string {
	rel, err := filepath.Rel(filepath.Dir(from), to)
	if err != nil {
		rel = to
		if abs, err := filepath.Abs(to); err == nil {
			rel = abs
		}
	}
	return (&url.URL{Path: filepath.ToSlash(rel)}).EscapedPath()
}

// headingID is the id, in the target document, of the heading fragment
// names: GitHub's slug of a heading's text, the id the source gave it, or
// Folio's id. An unknown fragment links to the document as a whole,
// with a warning.
func (l *Links) headingID(ctx context.Context, t Job, fragment string, pos doc.Pos, o *Options) string {
	m := l.headings(t, o)
	if id, ok := normalize.LookupFragment(m.ids, fragment); ok {
		return id
	}
	msg := fmt.Sprintf("%s has no heading #%s; the link goes to the document", t.Name, fragment)
	if m.err != nil {
		msg = fmt.Sprintf("%s could not be read for its headings (%v); the link goes to the document", t.Name, m.err)
	}
	doc.Warn(ctx, doc.Warning{Pos: pos, Code: "broken-link-fragment", Message: msg})
	return ""
}

// headings reads the target once per run (per worker process with
// --isolate) and keeps only its fragment → id map: a batch where every
// document links to every other reads each target once more, not once
// per link, and holds no tree but the one being written. Images are not
// resolved for this reading.
func (l *Links) headings(t Job, o *Options) *headingMap {
	key := absKey(t.Name)
	l.mu.Lock()
	if l.heads == nil {
		l.heads = map[string]*headingMap{}
	}
	m, ok := l.heads[key]
	if !ok {
		m = &headingMap{}
		l.heads[key] = m
	}
	l.mu.Unlock()
	m.once.Do(func() { m.ids, m.err = readHeadings(t, o) })
	return m
}

// readHeadings reads t for its fragment map; a panic in its reader is
// an error here (the target's own conversion reports it), not the linking
// document's failure.
func readHeadings(t Job, o *Options) (ids map[string]string, err error) {
	defer func() {
		if p := recover(); p != nil {
			ids, err = nil, fmt.Errorf("panic: %v", p)
		}
	}()
	res := &Result{Timings: map[string]float64{}}
	in, err := loadJob(t, o, res)
	var d *doc.Document
	if err == nil {
		d, err = readDoc(in, o, res)
	}
	if err == nil {
		var warns doc.Collector
		ctx := doc.WithWarn(context.Background(), warns.Add)
		if err = applyMeta(t, d, o); err == nil {
			err = normalize.Run(ctx, d, &normalize.Options{Fragment: o.Fragment, UnsafeHTML: o.UnsafeHTML, Stem: stem(t.Name)})
		}
	}
	if err != nil {
		return nil, err
	}
	return normalize.HeadingFragments(d), nil
}
