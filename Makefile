# Folio's everyday commands. `make demo` and `make test` need nothing but Go.
# `export` is also a shell builtin, so the binary is built as bin/export and
# called by path.

GO      ?= go
BIN     := bin/export
SAMPLE  := testdata/samples/briefing.md
ARTICLE := testdata/articles/features-breadcrumb.txt

.PHONY: all build demo test race check fuzz bench vet fmt clean quality

all: build

build:
	$(GO) build -trimpath -o $(BIN) ./cmd/export

# Export the bundled samples to demo-out/ (PDF, EPUB, HTML and the JSON tree),
# then bind four of them (English, Russian, Arabic) into one briefing pack.
demo: build
	$(BIN) -t pdf,epub,html,json -o demo-out $(SAMPLE) $(ARTICLE)
	$(BIN) -q --pack demo-pack --marking "DEMO" -o demo-out $(SAMPLE) $(ARTICLE) \
		testdata/articles/russian.txt testdata/articles/arabic.txt
	@echo "open demo-out/ to see the results"

# The README's test command: vet, format check and every test with the race
# detector. Validators that are not installed are skipped with a message.
test:
	$(GO) vet ./...
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) test -race -count=1 -timeout 25m ./...

# What CI runs: installs the validators (apt-get, npm) and runs `make test`
# with CI=true, so a missing validator fails instead of skipping.
check:
	bash .ci/run

# Short fuzz runs of every target, one at a time on one worker (long runs by
# hand: FUZZTIME=10m make fuzz). Minimisation is bounded: unbounded, it can
# spend minutes shrinking one large input under coverage instrumentation.
# Go 1.26's fuzzing coordinator can end a clean run with a bare "context
# deadline exceeded" when -fuzztime expires while the worker is mid-input
# (golang/go#75804, fixed in Go 1.27); such a run wrote no failing input to
# testdata/fuzz and is reported, not failed. Any other failure fails.
FUZZTIME ?= 20s
fuzz:
	@$(GO) list -f '{{.ImportPath}} {{.Dir}}' ./... | while read p dir; do \
	  for f in $$($(GO) test -list '^Fuzz' $$p 2>/dev/null | grep '^Fuzz'); do \
	    echo "== $$p $$f"; \
	    before=$$(ls $$dir/testdata/fuzz/$$f 2>/dev/null | wc -l); \
	    { $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 2s -parallel 1 $$p 2>&1; \
	      echo $$? > /tmp/folio-fuzz.$$$$.rc; } | tee /tmp/folio-fuzz.$$$$; \
	    rc=$$(cat /tmp/folio-fuzz.$$$$.rc); \
	    after=$$(ls $$dir/testdata/fuzz/$$f 2>/dev/null | wc -l); \
	    if [ $$rc -ne 0 ]; then \
	      if [ $$after -eq $$before ] && grep -q '^    context deadline exceeded$$' /tmp/folio-fuzz.$$$$ && ! grep -q -e '^panic' -e 'Failing input written' /tmp/folio-fuzz.$$$$; then \
	        echo "== $$p $$f: the fuzzing coordinator's deadline race (golang/go#75804), no failing input: not a finding"; \
	      else rm -f /tmp/folio-fuzz.$$$$*; exit 1; fi; \
	    fi; \
	    rm -f /tmp/folio-fuzz.$$$$*; \
	  done; done

# The article readers scored on real pages (README, "Quality"): both readers
# and both peers over both development sets, one table, with CI's floors.
# Pieces: QUALITY_SETS=mozilla QUALITY_READERS=article make quality; the
# worst pages: go test ./internal/quality -run TestQuality -v -args -worst 20 -misses
quality:
	$(GO) test -count=1 -timeout 30m -v -run '^TestQuality$$' ./internal/quality

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

clean:
	rm -rf bin demo-out out

# Folio against Pandoc (and Pandoc+WeasyPrint for PDF) on this machine:
# single-file and 1,000-file batch times, documents per second, peak memory,
# as Markdown tables. Installs pandoc, weasyprint and hyperfine if missing.
.PHONY: bench-compare
bench-compare:
	bash bench/compare.sh
