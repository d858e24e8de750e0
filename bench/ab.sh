#!/usr/bin/env bash
# Compare builds of Folio's Go benchmarks on a shared machine: each test
# binary runs the benchmark in turn, N rounds, so that load from other work
# falls on all of them alike; prints the median (and least) wall time, the
# median CPU time (cpu-ms/op), the median allocation per op and the median of
# every per-stage metric (*-ms) the benchmark reports.
#
#   go test -c -o /tmp/before.test ./pipeline      # on the old commit
#   go test -c -o /tmp/after.test ./pipeline       # on the new one
#   bench/ab.sh 'Convert/corpus' 6 /tmp/before.test /tmp/after.test
#
# BT sets -test.benchtime (default 200x; the first iteration of a run pays
# the process's one-time costs, so keep it well above 10x). DIR is where the
# binaries run (default: pipeline/, whose benchmarks read ../testdata).
set -euo pipefail
if [ $# -lt 3 ]; then
	echo "usage: bench/ab.sh BENCH-REGEXP ROUNDS TEST-BINARY..." >&2
	exit 2
fi
bench=$1 rounds=$2
shift 2
root=$(cd "$(dirname "$0")/.." && pwd)
cd "${DIR:-$root/pipeline}"
raw=$(mktemp)
trap 'rm -f "$raw"' EXIT
for _ in $(seq "$rounds"); do
	for bin in "$@"; do
		"$bin" -test.run '^$' -test.bench "$bench" -test.benchmem -test.count 1 \
			-test.benchtime "${BT:-200x}" 2>/dev/null | grep '^Benchmark' | sed "s|^|$(basename "$bin") |" >>"$raw"
	done
done
python3 - "$raw" <<'EOF'
import collections, statistics as st, sys
d = collections.defaultdict(lambda: collections.defaultdict(list))
for line in open(sys.argv[1]):
    f = line.split()
    for i in range(3, len(f) - 1):
        try:
            d[(f[0], f[1])][f[i + 1]].append(float(f[i]))
        except ValueError:
            pass
for (binary, name), m in d.items():
    ns = m["ns/op"]
    stages = " ".join(f"{k}={st.median(v):.2f}" for k, v in sorted(m.items()) if k.endswith("-ms"))
    cpu = f"cpu {st.median(m['cpu-ms/op']):.2f} ms  " if "cpu-ms/op" in m else ""
    print(f"{binary} {name}: wall median {st.median(ns)/1e6:.2f} ms (least {min(ns)/1e6:.2f})  {cpu}"
          f"{st.median(m['B/op'])/1e6:.2f} MB/op  n={len(ns)}  {stages}")
EOF
