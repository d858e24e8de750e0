// Command gen writes a generated corpus for batch runs and benchmarks:
//
//	go run ./internal/corpus/gen -n 1000 -size 8000 -o /tmp/corpus
package main

import (
	"flag"
	"fmt"
	"os"

	"folio/internal/corpus"
)

func main() {
	n := flag.Int("n", 500, "number of good documents")
	size := flag.Int("size", 8000, "approximate bytes per document")
	seed := flag.Uint64("seed", 1, "random seed")
	out := flag.String("o", "corpus", "output folder")
	broken := flag.Bool("broken", true, "also write the deliberately broken inputs")
	flag.Parse()
	good, err := corpus.Write(*out, *n, *size, *seed)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	if !*broken {
		for name := range corpus.Broken {
			os.Remove(*out + "/" + name)
		}
	}
	fmt.Printf("wrote %d documents to %s\n", len(good), *out)
}
