// Command cold converts one document once in a fresh process, as a
// single-file export does, and reports where that process's time goes:
// what is paid once per process (package initialisation, first use of
// fonts, shaping tables, buffers) against a second, warm conversion of the
// same input.
//
//	go run ./bench/cold -o /tmp/cold -cpuprofile /tmp/cold.prof doc.md
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
	"sort"
	"time"

	"folio/pipeline"
)

func main() {
	out := flag.String("o", os.TempDir(), "output folder")
	formats := flag.String("t", "pdf,epub,html", "output formats")
	prof := flag.String("cpuprofile", "", "write a CPU profile of the first conversion here")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: cold [-o DIR] [-t LIST] [-cpuprofile FILE] INPUT")
		os.Exit(2)
	}
	fs, err := pipeline.ParseFormats(splitComma(*formats))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	o := &pipeline.Options{Formats: fs}
	in := flag.Arg(0)
	job := pipeline.Job{Name: in, OutBase: filepath.Join(*out, "cold")}
	if *prof != "" {
		f, err := os.Create(*prof)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		pprof.StartCPUProfile(f)
	}
	for i, label := range []string{"first (cold)", "second (warm)"} {
		start := time.Now()
		res := pipeline.Convert(context.Background(), job, o)
		wall := time.Since(start)
		if i == 0 && *prof != "" {
			pprof.StopCPUProfile()
		}
		if res.Err != nil {
			fmt.Fprintln(os.Stderr, res.Err)
			os.Exit(1)
		}
		keys := make([]string, 0, len(res.Timings))
		for k := range res.Timings {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		fmt.Printf("%-14s %6.1f ms:", label, float64(wall.Microseconds())/1000)
		for _, k := range keys {
			fmt.Printf(" %s %.1f", k, res.Timings[k])
		}
		fmt.Println()
	}
}

func splitComma(s string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ',' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return out
}
