package pipeline

// Benchmarks for every stage of a conversion on its own (read Markdown,
// read article text, normalize, write HTML, EPUB, PDF) and for the whole
// pipeline, on a realistic ~6–8 KB article and on a long (~300 KB) document
// with tables, lists, code, notes and figures generated here.
//
//	go test -run '^$' -bench . -benchmem ./pipeline
//
// The machine CI and the README's figures come from has two cores; the
// whole-pipeline benchmark writes its formats concurrently, as Convert does.

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"folio/internal/benchcpu"
	"folio/internal/corpus"
	"folio/pipeline/doc"
	"folio/pipeline/normalize"
)

// benchInput is one input of the benchmarks.
type benchInput struct {
	name   string // file name (its extension picks the reader)
	format string // reader name
	src    []byte
	images map[string][]byte // files beside it
}

func sampleInput(b *testing.B) benchInput {
	src, err := os.ReadFile(filepath.Join("..", "testdata", "samples", "briefing.md"))
	if err != nil {
		b.Skip("testdata/samples/briefing.md:", err)
	}
	return benchInput{name: "briefing.md", format: "markdown", src: src}
}

// corpusInput is the batch corpus's first Markdown document at ~8 KB (the
// size the README's batch figures use).
func corpusInput() benchInput {
	r := rand.New(rand.NewPCG(1, 2))
	return benchInput{name: "corpus.md", format: "markdown", src: []byte(corpus.Markdown(r, 0, 8000))}
}

func articleInput(b *testing.B, file string) benchInput {
	src, err := os.ReadFile(filepath.Join("..", "testdata", "articles", file))
	if err != nil {
		b.Skip("testdata/articles:", err)
	}
	return benchInput{name: file, format: "article", src: src}
}

// longInput is a ~300 KB Markdown report: sections with emphasis, links,
// code spans, footnotes, bullet lists, pipe tables, code blocks and a
// figure every few sections (three distinct PNGs).
func longInput() benchInput {
	const size = 300_000
	r := rand.New(rand.NewPCG(7, 11))
	var b strings.Builder
	b.WriteString("---\ntitle: \"Regional infrastructure review, full report\"\nauthor: [Research Desk]\ndate: 2024-06-01\ntags: [infrastructure, energy, transport]\nlang: en\n---\n\n")
	b.WriteString("# Regional infrastructure review, full report\n\n")
	words := strings.Fields("corridor tariff quota audit regulator council budget pipeline rail port grid tender survey")
	var notes []string
	for sec := 1; b.Len() < size; sec++ {
		fmt.Fprintf(&b, "## %d. %s\n\n", sec, strings.ToUpper(words[sec%len(words)][:1])+words[sec%len(words)][1:]+" review")
		for p := range 3 {
			fmt.Fprintf(&b, "The **%s** figures for section %d were *revised* in the `%s_%d` series, as the [regulator](https://example.org/r/%d) noted. ",
				words[(sec+p)%len(words)], sec, words[p], sec, sec)
			for range 4 {
				fmt.Fprintf(&b, "In year %d the %s moved by %d.%d per cent against a plan of %d, which officials called “manageable” — for now. ",
					2000+r.IntN(24), words[r.IntN(len(words))], r.IntN(20), r.IntN(10), r.IntN(50))
			}
			if p == 1 {
				n := len(notes) + 1
				fmt.Fprintf(&b, "See the method note.[^n%d]", n)
				notes = append(notes, fmt.Sprintf("[^n%d]: Figures for section %d come from the regulator’s annual return, rounded.", n, sec))
			}
			b.WriteString("\n\n")
		}
		if sec%2 == 0 {
			for i := range 4 {
				fmt.Fprintf(&b, "- Item %d: the %s was %s on schedule\n", i+1, words[(sec+i)%len(words)], []string{"delivered", "not delivered"}[i%2])
			}
			b.WriteString("\n")
		}
		if sec%3 == 0 {
			b.WriteString("| Project | Budget (m) | Spent (m) | Status |\n| --- | ---: | ---: | --- |\n")
			for i := range 8 {
				fmt.Fprintf(&b, "| %s %d | %d.%d | %d.%d | %s |\n", words[(sec+i)%len(words)], i, r.IntN(900), r.IntN(10), r.IntN(900), r.IntN(10),
					[]string{"on track", "delayed", "under review"}[i%3])
			}
			b.WriteString("\n")
		}
		if sec%4 == 0 {
			fmt.Fprintf(&b, "![Chart %d: spending by month](fig-%d.png \"Spending by month, section %d\")\n\n", sec, sec%3, sec)
		}
		if sec%5 == 0 {
			fmt.Fprintf(&b, "```\nSELECT project, sum(spent) FROM ledger WHERE section = %d GROUP BY project;\n```\n\n", sec)
		}
	}
	b.WriteString("\n" + strings.Join(notes, "\n\n") + "\n")
	imgs := map[string][]byte{}
	for i := range 3 {
		imgs[fmt.Sprintf("fig-%d.png", i)] = benchPNG(480+40*i, 240)
	}
	return benchInput{name: "long.md", format: "markdown", src: []byte(b.String()), images: imgs}
}

func benchPNG(w, h int) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.NRGBA{uint8(40 + x*160/w), uint8(90 + y*100/h), 150, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// read runs the reader on in.
func (in benchInput) read(b *testing.B) *doc.Document {
	fn, err := readerFor(in.format, &Options{})
	if err != nil {
		b.Fatal(err)
	}
	d, _, err := fn(&Input{Name: in.name, Src: in.src, Format: in.format})
	if err != nil {
		b.Fatal(err)
	}
	return d
}

// normOptions resolves images from in.images, in memory.
func (in benchInput) normOptions() *normalize.Options {
	return &normalize.Options{
		Stem: strings.TrimSuffix(in.name, filepath.Ext(in.name)),
		Resolve: func(ctx context.Context, src string, pos doc.Pos) (*doc.Resource, error) {
			if data, ok := in.images[src]; ok {
				return &doc.Resource{Data: data}, nil
			}
			return nil, &normalize.ResourceError{Code: "image-not-found", Msg: "no such file"}
		},
	}
}

// normalized returns the tree every writer sees.
func (in benchInput) normalized(b *testing.B) *doc.Document {
	d := in.read(b)
	if err := normalize.Run(benchCtx(), d, in.normOptions()); err != nil {
		b.Fatal(err)
	}
	return d
}

func benchCtx() context.Context { return doc.WithWarn(context.Background(), func(doc.Warning) {}) }

func benchInputs(b *testing.B) []benchInput {
	return []benchInput{sampleInput(b), corpusInput(), longInput()}
}

func BenchmarkReadMarkdown(b *testing.B) {
	for _, in := range benchInputs(b) {
		b.Run(in.name, func(b *testing.B) {
			fn, _ := readerFor(in.format, &Options{})
			b.SetBytes(int64(len(in.src)))
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := fn(&Input{Name: in.name, Src: in.src, Format: in.format}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkReadArticle(b *testing.B) {
	for _, file := range []string{"wire-dateline.txt", "features-breadcrumb.txt", "russian.txt", "arabic.txt"} {
		in := articleInput(b, file)
		b.Run(file, func(b *testing.B) {
			fn, _ := readerFor(in.format, &Options{})
			b.SetBytes(int64(len(in.src)))
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := fn(&Input{Name: in.name, Src: in.src, Format: in.format}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkNormalize(b *testing.B) {
	for _, in := range benchInputs(b) {
		b.Run(in.name, func(b *testing.B) {
			// The passes change the tree, so each round normalizes a fresh
			// one; reading it again is excluded from the timing.
			b.ReportAllocs()
			b.StopTimer()
			for range b.N {
				d := in.read(b)
				b.StartTimer()
				if err := normalize.Run(benchCtx(), d, in.normOptions()); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
			}
		})
	}
}

func benchWriter(b *testing.B, format string) {
	for _, in := range benchInputs(b) {
		b.Run(in.name, func(b *testing.B) {
			d := in.normalized(b)
			w := outputs[format].new(&Options{})
			var buf bytes.Buffer
			b.ReportAllocs()
			defer benchcpu.PerOp(b)()
			for b.Loop() {
				buf.Reset()
				if err := w.Write(benchCtx(), d, &buf); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(buf.Len()), "out-bytes")
		})
	}
}

func BenchmarkWriteHTML(b *testing.B) { benchWriter(b, "html") }
func BenchmarkWriteEPUB(b *testing.B) { benchWriter(b, "epub") }
func BenchmarkWritePDF(b *testing.B)  { benchWriter(b, "pdf") }

// BenchmarkWriteAll writes the three formats of one normalized tree at
// once, as Convert does, into memory.
func BenchmarkWriteAll(b *testing.B) {
	for _, in := range benchInputs(b) {
		b.Run(in.name, func(b *testing.B) {
			d := in.normalized(b)
			formats := []string{"pdf", "epub", "html"}
			b.ReportAllocs()
			defer benchcpu.PerOp(b)()
			for b.Loop() {
				var wg sync.WaitGroup
				errs := make([]error, len(formats))
				for i, f := range formats {
					wg.Go(func() { errs[i] = outputs[f].new(&Options{}).Write(benchCtx(), d, io.Discard) })
				}
				wg.Wait()
				for _, err := range errs {
					if err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// BenchmarkConvert is the whole pipeline for one input on disk: load,
// read, normalize, write PDF, EPUB and HTML concurrently into temporary
// files and rename them into place. Each stage's mean time is reported as
// a metric (ms), the split the README gives.
func BenchmarkConvert(b *testing.B) {
	ins := benchInputs(b)
	ins = append(ins, articleInput(b, "wire-dateline.txt"))
	for _, in := range ins {
		b.Run(in.name, func(b *testing.B) {
			dir := b.TempDir()
			path := filepath.Join(dir, in.name)
			if err := os.WriteFile(path, in.src, 0o644); err != nil {
				b.Fatal(err)
			}
			for name, data := range in.images {
				if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
					b.Fatal(err)
				}
			}
			o := &Options{Formats: []string{"pdf", "epub", "html"}}
			job := Job{Name: path, OutBase: filepath.Join(dir, "out", "doc")}
			sums := map[string]float64{}
			b.ReportAllocs()
			defer benchcpu.PerOp(b)()
			for b.Loop() {
				res := Convert(context.Background(), job, o)
				if res.Err != nil {
					b.Fatal(res.Err)
				}
				for k, v := range res.Timings {
					sums[k] += v
				}
			}
			for k, v := range sums {
				b.ReportMetric(v/float64(b.N), k+"-ms")
			}
		})
	}
}
