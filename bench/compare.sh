#!/usr/bin/env bash
# Side-by-side benchmark: the PyTorch reference (../shared/bench/torch_baseline.py, or $TORCH_BASELINE)
# and Kindling's workload runner, alternating on this machine, several rounds per thread count,
# then a table of Kindling's time divided by PyTorch's (suite kindling-bench-v1, WORKLOADS.md).
#
#   bench/compare.sh [--rounds 3] [--threads "1 2"] [--only W1,W2,W3,W3-infer,W4,K1] [--out DIR]
#
# PyTorch is skipped, with a message, when /usr/bin/python3 cannot import torch
# (install it with: apt-get install python3-torch).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds=3
threads="1 2"
only="W1,W2,W3,W3-infer,W4,K1"
out="$root/bench/results/$(date +%Y-%m-%d_%H-%M-%S)"
baseline="${TORCH_BASELINE:-$root/../shared/bench/torch_baseline.py}"

while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "usage: bench/compare.sh [--rounds N] [--threads \"1 2\"] [--only W1,...] [--out DIR]" >&2; exit 2 ;;
  esac
done

java="$("$root/bin/find-java.sh")"
jar="$root/kindling-bench/target/benchmarks.jar"
if [ ! -f "$jar" ]; then
  echo "building $jar ..." >&2
  (cd "$root" && mvn -q -B -DskipTests -pl kindling-bench -am package) >&2
fi

have_torch=1
if [ ! -f "$baseline" ] || ! /usr/bin/python3 -c 'import torch' >/dev/null 2>&1; then
  have_torch=0
  echo "PyTorch is not available (need /usr/bin/python3 with torch: apt-get install python3-torch, and $baseline);" \
       "running Kindling only, so there will be no ratios." >&2
fi

mkdir -p "$out"
echo "results in $out" >&2
for round in $(seq 1 "$rounds"); do
  dir="$out/round-$round"
  mkdir -p "$dir"
  for t in $threads; do
    echo "round $round, $t thread(s): load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
    if [ "$have_torch" = 1 ]; then
      /usr/bin/python3 "$baseline" --threads "$t" --only "$only" > "$dir/pytorch-t$t.jsonl"
      if [ "$t" -gt 1 ]; then # Debian's build: OpenMP and OpenBLAS pools compete; the tuned setting often wins
        /usr/bin/python3 "$baseline" --threads "$t" --torch-threads 1 --only "$only" > "$dir/pytorch-t$t-omp1.jsonl"
      fi
    fi
    "$java" --add-modules=jdk.incubator.vector -cp "$jar" org.kindling.bench.workloads.WorkloadRunner \
        --threads "$t" --only "$only" 2>/dev/null > "$dir/kindling-t$t.jsonl"
  done
done

echo
echo "Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(date -u +%Y-%m-%d)"
"$java" -cp "$jar" org.kindling.bench.compare.CompareSummary "$out"
