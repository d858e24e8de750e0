#!/usr/bin/env bash
# Folio against Pandoc, on the same machine, in the same run.
#
#   bench/compare.sh            # or: make bench-compare
#
# Installs pandoc, weasyprint, hyperfine and GNU time from Debian's packages
# when they are missing, builds Folio, generates the seeded corpus and
# measures:
#   1. one ~8 KB article, whole process, hyperfine (warm-up, RUNS runs,
#      median): Pandoc md->html (standalone), md->epub3, md->pdf through
#      weasyprint; Folio -> html, -> epub, -> pdf and all three at once;
#      peak memory (max RSS) from /usr/bin/time, median of three runs;
#   2. a batch of BATCH ~8 KB files: Folio `-j 2` against Pandoc under
#      `xargs -P2` (one process per file): median wall time of BATCH_RUNS
#      runs, documents per second, peak RSS of the largest process;
#   3. Folio's peak memory on MEM_BIG documents against MEM_SMALL (all three
#      formats, -j 2): the ratio must stay at or below 1.5.
# and prints the results as Markdown tables (also saved to $WORK/results.md).
#
# Knobs (environment): BATCH=1000 BATCH_RUNS=3 RUNS=10 MEM_BIG=5000
# MEM_SMALL=500 PDF_BATCH=$BATCH (Pandoc+weasyprint batch size; its per-document
# rate is what the ratio uses) WORK=<temp dir> JOBS=2.
#
# Numbers are only comparable within one run on one machine. On a shared
# machine, check `uptime` first and run when the load is low; the script
# prints the load before and after.
set -euo pipefail

BATCH=${BATCH:-1000}
BATCH_RUNS=${BATCH_RUNS:-3}
RUNS=${RUNS:-10}
MEM_BIG=${MEM_BIG:-5000}
MEM_SMALL=${MEM_SMALL:-500}
PDF_BATCH=${PDF_BATCH:-$BATCH}
JOBS=${JOBS:-2}
WORK=${WORK:-$(mktemp -d /tmp/folio-compare.XXXXXX)}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$WORK"
RESULTS=$WORK/results.md

say() { printf '%s\n' "$*" >&2; }

# --- tools -------------------------------------------------------------------
missing=()
command -v pandoc >/dev/null || missing+=(pandoc)
command -v weasyprint >/dev/null || missing+=(weasyprint)
command -v hyperfine >/dev/null || missing+=(hyperfine)
[ -x /usr/bin/time ] || missing+=(time)
command -v python3 >/dev/null || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
	say "installing ${missing[*]} (apt-get)"
	SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo
	$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >&2
fi

# --- Folio and the corpus ----------------------------------------------------
say "building Folio"
(cd "$ROOT" && go build -trimpath -o "$WORK/folio" ./cmd/export)
FOLIO=$WORK/folio

corpus() { # corpus N DIR: N seeded ~8 KB documents (half Markdown, half article text)
	[ -d "$2" ] && [ "$(find "$2" -type f | wc -l)" -ge "$1" ] && return
	rm -rf "$2"
	(cd "$ROOT" && go run ./internal/corpus/gen -n "$1" -size 8000 -o "$2" -broken=false >&2)
}
corpus "$BATCH" "$WORK/corpus"
SINGLE=$(find "$WORK/corpus" -name 'doc-00000.md' | head -1)
find "$WORK/corpus" -type f | sort >"$WORK/files.txt"
head -n "$PDF_BATCH" "$WORK/files.txt" >"$WORK/files-pdf.txt"

# One Pandoc conversion per call, for xargs. Every input is read as
# Markdown (the article texts are plain paragraphs to Pandoc).
cat >"$WORK/pandoc1" <<'EOF'
#!/bin/sh
fmt=$1 out=$2 in=$3
base=$out/$(basename "$in")
case $fmt in
html) exec pandoc --quiet -f markdown -s --metadata title=x -o "$base.html" "$in" ;;
epub) exec pandoc --quiet -f markdown -t epub3 --metadata title=x -o "$base.epub" "$in" ;;
pdf) exec pandoc --quiet -f markdown --pdf-engine=weasyprint --metadata title=x -o "$base.pdf" "$in" ;;
esac
EOF
chmod +x "$WORK/pandoc1"

load() { uptime | sed 's/.*load average: //'; }
LOAD_BEFORE=$(load)

# --- 1. one article ------------------------------------------------------------
# median wall time (ms) of a command under hyperfine
hf() {
	local json=$WORK/hf.json
	hyperfine -N --warmup 2 --runs "$RUNS" --export-json "$json" -- "$1" >/dev/null 2>&1 ||
		hyperfine --warmup 2 --runs "$RUNS" --export-json "$json" -- "$1" >/dev/null
	python3 -c 'import json,sys; print("%.1f" % (json.load(open(sys.argv[1]))["results"][0]["median"]*1000))' "$json"
}
# median max RSS (MB) of three runs
rss() {
	local a=()
	for _ in 1 2 3; do
		a+=("$(/usr/bin/time -f '%M' sh -c "$1" 2>&1 >/dev/null | tail -1)")
	done
	printf '%s\n' "${a[@]}" | sort -n | sed -n 2p | awk '{printf "%.0f", $1/1024}'
}

OUT1=$WORK/single
mkdir -p "$OUT1"
declare -A T M
single() { # single KEY COMMAND
	say "single file: $1"
	T[$1]=$(hf "$2")
	M[$1]=$(rss "$2")
}
single p-html "pandoc --quiet -f markdown -s --metadata title=x -o $OUT1/p.html $SINGLE"
single p-epub "pandoc --quiet -f markdown -t epub3 --metadata title=x -o $OUT1/p.epub $SINGLE"
single p-pdf "pandoc --quiet -f markdown --pdf-engine=weasyprint --metadata title=x -o $OUT1/p.pdf $SINGLE"
single f-html "$FOLIO -q -t html -o $OUT1 $SINGLE"
single f-epub "$FOLIO -q -t epub -o $OUT1 $SINGLE"
single f-pdf "$FOLIO -q -t pdf -o $OUT1 $SINGLE"
single f-all "$FOLIO -q -t pdf,epub,html -o $OUT1 $SINGLE"
p_all=$(python3 -c "print('%.1f' % (${T[p-html]}+${T[p-epub]}+${T[p-pdf]}))")
ratio() { python3 -c "print('%.1f' % ($1/$2))"; }

# --- 2. batch ------------------------------------------------------------------
# median wall seconds of BATCH_RUNS runs, and the largest max RSS (MB)
batch() { # batch KEY RUNS COMMAND
	local ts=() ms=() out
	for _ in $(seq "$2"); do
		rm -rf "$WORK/bout" && mkdir -p "$WORK/bout"
		out=$(/usr/bin/time -f '%e %M' sh -c "$3" 2>&1 >/dev/null | tail -1)
		ts+=("${out% *}")
		ms+=("${out#* }")
	done
	BT[$1]=$(printf '%s\n' "${ts[@]}" | sort -n | sed -n "$(((${#ts[@]} + 1) / 2))p")
	BM[$1]=$(printf '%s\n' "${ms[@]}" | sort -n | tail -1 | awk '{printf "%.0f", $1/1024}')
}
declare -A BT BM BN
for f in html epub; do
	say "batch: pandoc $f ($BATCH files)"
	batch "p-$f" 1 "xargs -P$JOBS -n1 $WORK/pandoc1 $f $WORK/bout <$WORK/files.txt"
	BN[p-$f]=$BATCH
done
say "batch: pandoc pdf ($PDF_BATCH files)"
batch p-pdf 1 "xargs -P$JOBS -n1 $WORK/pandoc1 pdf $WORK/bout <$WORK/files-pdf.txt"
BN[p-pdf]=$PDF_BATCH
for f in html epub pdf "pdf,epub,html"; do
	say "batch: folio $f ($BATCH files)"
	batch "f-$f" "$BATCH_RUNS" "$FOLIO -q -j $JOBS -t $f -o $WORK/bout $WORK/corpus"
	BN[f-$f]=$BATCH
done
rate() { python3 -c "print('%.1f' % (${BN[$1]}/max(${BT[$1]},0.01)))"; }
per() { python3 -c "print('%.1f' % (${BT[$1]}*1000/${BN[$1]}))"; }

# --- 3. memory growth ----------------------------------------------------------
say "memory: $MEM_SMALL vs $MEM_BIG documents"
corpus "$MEM_SMALL" "$WORK/mem-small"
corpus "$MEM_BIG" "$WORK/mem-big"
batch m-small 1 "$FOLIO -q -j $JOBS -t pdf,epub,html -o $WORK/bout $WORK/mem-small"
batch m-big 1 "$FOLIO -q -j $JOBS -t pdf,epub,html -o $WORK/bout $WORK/mem-big"
LOAD_AFTER=$(load)

# --- report ----------------------------------------------------------------------
{
	echo "Machine: $(nproc) CPUs, $(uname -sr); load average before $LOAD_BEFORE, after $LOAD_AFTER."
	echo "Pandoc $(pandoc --version | head -1 | cut -d' ' -f2), WeasyPrint $(weasyprint --version 2>/dev/null | awk '{print $NF}'), Folio $($FOLIO --version 2>/dev/null | awk '{print $NF}')."
	echo
	echo "One ~8 KB article ($(basename "$SINGLE"), $(wc -c <"$SINGLE") bytes), whole process, median of $RUNS runs:"
	echo
	echo "| output | Pandoc ms | Folio ms | Folio peak MB | Pandoc peak MB | Pandoc/Folio time |"
	echo "| --- | ---: | ---: | ---: | ---: | ---: |"
	echo "| HTML | ${T[p-html]} | ${T[f-html]} | ${M[f-html]} | ${M[p-html]} | $(ratio "${T[p-html]}" "${T[f-html]}")× |"
	echo "| EPUB 3 | ${T[p-epub]} | ${T[f-epub]} | ${M[f-epub]} | ${M[p-epub]} | $(ratio "${T[p-epub]}" "${T[f-epub]}")× |"
	echo "| PDF (Pandoc: weasyprint) | ${T[p-pdf]} | ${T[f-pdf]} | ${M[f-pdf]} | ${M[p-pdf]} | $(ratio "${T[p-pdf]}" "${T[f-pdf]}")× |"
	echo "| all three (Pandoc: sum of three runs) | $p_all | ${T[f-all]} | ${M[f-all]} | — | $(ratio "$p_all" "${T[f-all]}")× |"
	echo
	echo "Batch of ~8 KB files ($BATCH; Pandoc PDF: $PDF_BATCH), Folio \`-j $JOBS\` vs Pandoc under \`xargs -P$JOBS\`; Folio median of $BATCH_RUNS runs:"
	echo
	echo "| output | Pandoc ms/doc | Pandoc docs/s | Folio ms/doc | Folio docs/s | Folio peak MB | Pandoc peak MB (one process) | Folio/Pandoc docs/s |"
	echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
	for f in html epub pdf; do
		echo "| $f | $(per "p-$f") | $(rate "p-$f") | $(per "f-$f") | $(rate "f-$f") | ${BM[f-$f]} | ${BM[p-$f]} | $(python3 -c "print('%.1f' % ($(rate "f-$f")/$(rate "p-$f")))")× |"
	done
	echo "| all three | — | — | $(per "f-pdf,epub,html") | $(rate "f-pdf,epub,html") | ${BM[f-pdf,epub,html]} | — | — |"
	echo
	echo "Folio peak memory, all three formats, -j $JOBS: $MEM_SMALL documents ${BM[m-small]} MB ($(python3 -c "print('%.1f' % ($MEM_SMALL/${BT[m-small]}))") docs/s), $MEM_BIG documents ${BM[m-big]} MB ($(python3 -c "print('%.1f' % ($MEM_BIG/${BT[m-big]}))") docs/s); ratio $(python3 -c "print('%.2f' % (${BM[m-big]}/${BM[m-small]}))")× (target ≤ 1.5×)."
} | tee "$RESULTS"
say "saved to $RESULTS; outputs and corpus in $WORK"
