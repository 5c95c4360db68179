#!/usr/bin/env bash
# Whole-job workload E1 (bench/WORKLOADS.md, "Whole jobs"): `./kindling train --out OUT` against
# bench/e2e/tutorial_job.py under each given Python, as whole processes, alternating, one of each per
# round; then `./kindling plot OUT` on the run just written. Prints the medians, and Kindling's time
# over the faster PyTorch's: the median of the per-round ratios and, in brackets, the lowest and highest.
#
#   bench/e2e/e1.sh --out DIR [--rounds 3] [--python PATH]...
#
# The launcher builds the tool and records its start-up cache before the first timed round (a user pays
# that once per build, not per run). Times go to DIR/e1.tsv, each run's console output to DIR/round-N/;
# the run folders themselves (plots, weights) are written to a temporary directory and removed.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rounds=3 out="" pythons=()
usage() { echo "usage: bench/e2e/e1.sh --out DIR [--rounds N] [--python PATH]..." >&2; exit 2; }
while [ $# -gt 0 ]; do
  [ $# -ge 2 ] || usage
  case "$1" in
    --rounds) rounds="$2" ;;
    --out) out="$2" ;;
    --python) pythons+=("$2") ;;
    *) usage ;;
  esac
  shift 2
done
[ -n "$out" ] || usage
mkdir -p "$out"
tsv="$out/e1.tsv"
printf 'round\tside\tseconds\n' > "$tsv"
runs="$(mktemp -d "${TMPDIR:-/tmp}/kindling-e1.XXXXXX")"
trap 'rm -rf "$runs"' EXIT

"$root/kindling" --version >/dev/null 2>&1 # build and record the cache now, untimed

seconds() { # runs the command, its output to $log; prints its wall time in seconds
  local start end
  start=$(date +%s%N)
  "$@" > "$log" 2>&1 || { echo "failed: $* (see $log)" >&2; return 1; }
  end=$(date +%s%N)
  awk -v n=$((end - start)) 'BEGIN { printf "%.3f", n / 1e9 }'
}

for round in $(seq 1 "$rounds"); do
  dir="$out/round-$round"
  mkdir -p "$dir"
  echo "E1 round $round: load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  for py in ${pythons[@]+"${pythons[@]}"}; do
    v="$("$py" -c 'import torch; print(torch.__version__.split("+")[0])' 2>/dev/null)" || continue
    rm -rf "$runs/pytorch"
    log="$dir/pytorch-$v.log"
    t="$(seconds "$py" "$root/bench/e2e/tutorial_job.py" "$runs/pytorch")" || continue # e.g. no Matplotlib
    printf '%s\tpytorch-%s\t%s\n' "$round" "$v" "$t" >> "$tsv"
  done
  rm -rf "$runs/kindling"
  log="$dir/kindling-train.log"
  t="$(seconds "$root/kindling" train --out "$runs/kindling")"
  printf '%s\tkindling\t%s\n' "$round" "$t" >> "$tsv"
  log="$dir/kindling-plot.log"
  t="$(seconds "$root/kindling" plot "$runs/kindling")"
  printf '%s\tkindling-plot\t%s\n' "$round" "$t" >> "$tsv"
done

# Medians per side; per round, Kindling over the PyTorch whose median is lowest.
awk -F'\t' 'NR > 1 { t[$2, $1] = $3; sides[$2] = 1; if ($1 > r) r = $1 }
  function median(a, n,   i, j, x) {
    for (i = 2; i <= n; i++) { x = a[i]; for (j = i - 1; j >= 1 && a[j] > x; j--) a[j + 1] = a[j]; a[j + 1] = x }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  END {
    best = ""
    for (s in sides) {
      n = 0; for (i = 1; i <= r; i++) if ((s, i) in t) v[++n] = t[s, i]
      m[s] = median(v, n); lo = v[1]; hi = v[n]
      printf "E1 %-16s median %.2f s [%.2f-%.2f] over %d rounds\n", s, m[s], lo, hi, n
      if (s ~ /^pytorch/ && (best == "" || m[s] < m[best])) best = s
    }
    if (best == "") exit
    n = 0; for (i = 1; i <= r; i++) if (((best, i) in t) && (("kindling", i) in t)) q[++n] = t["kindling", i] / t[best, i]
    med = median(q, n)
    printf "E1 Kindling / %s: %.2f [%.2f-%.2f] (per-round ratios, %d rounds)\n", best, med, q[1], q[n], n
  }' "$tsv" | tee "$out/e1-summary.txt"
