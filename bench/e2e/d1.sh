#!/usr/bin/env bash
# Whole-job workload D1 (bench/WORKLOADS.md): read the 1,000,000-row CSV of make_csv.py into float32
# tensors, Kindling's Csv.read (kindling-bench's CsvRead) against pandas read_csv + torch.from_numpy
# (read_csv.py), each as a whole process under /usr/bin/time -v, alternating, several rounds. Prints the
# median and range of each side's seconds (the read itself, as each program times it), peak resident
# memory and the whole process's CPU time (user + system: start-up and imports included), and the ratio
# of the medians of the seconds.
#
#   bench/e2e/d1.sh --java JAVA --jar benchmarks.jar --out DIR [--rounds 3] [--csv FILE] [--python PATH]...
#
# The pandas side runs under the first --python that imports pandas, numpy and torch; without one,
# Kindling runs alone. The CSV (default $TMPDIR/kindling-d1.csv) is made with make_csv.py when FILE does not
# exist (about 190 MB); it is kept for the next run.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
rounds=3 java="" jar="" out="" csv="" pythons=()
while [ $# -gt 0 ]; do
  [ $# -ge 2 ] || { echo "usage: d1.sh --java JAVA --jar JAR --out DIR [--rounds N] [--csv FILE] [--python PATH]..." >&2; exit 2; }
  case "$1" in
    --rounds) rounds="$2" ;; --java) java="$2" ;; --jar) jar="$2" ;; --out) out="$2" ;;
    --csv) csv="$2" ;; --python) pythons+=("$2") ;;
    *) echo "d1.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done
[ -n "$java" ] && [ -n "$jar" ] && [ -n "$out" ] || { echo "d1.sh: --java, --jar and --out are required" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "d1.sh: /usr/bin/time is missing (apt-get install time); it measures peak memory" >&2; exit 1; }
mkdir -p "$out"
csv="${csv:-${TMPDIR:-/tmp}/kindling-d1.csv}" # not under DIR: results are committed, 190 MB of data is not
if [ ! -f "$csv" ]; then
  echo "D1: writing $csv ..." >&2
  python3 "$here/make_csv.py" "$csv"
fi

pandas=""
for py in ${pythons[@]+"${pythons[@]}"}; do
  if "$py" -c 'import pandas, numpy, torch' 2>/dev/null; then pandas="$py"; break; fi
done
[ -n "$pandas" ] || echo "D1: no Python with pandas, numpy and torch (give --python PATH); Kindling only" >&2

# run SIDE COMMAND...: the program's JSON line with "max_rss_kb" added, appended to $out/d1.jsonl
run() {
  local side="$1"; shift
  local line rss
  line="$(/usr/bin/time -v "$@" 2>"$out/time-$side.txt" | tail -1)"
  rss="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$out/time-$side.txt")"
  cpu="$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$out/time-$side.txt")"
  echo "${line%\}}, \"max_rss_kb\": $rss, \"process_cpu_s\": $cpu}" | tee -a "$out/d1.jsonl" >&2
}

for round in $(seq 1 "$rounds"); do
  echo "D1 round $round: load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  [ -n "$pandas" ] && run pytorch "$pandas" "$here/read_csv.py" "$csv"
  run kindling "$java" -cp "$jar" org.kindling.bench.e2e.CsvRead "$csv"
done

python3 - "$out/d1.jsonl" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
def stats(side, key):
    v = [r[key] for r in rows if r["side"] == side]
    return (statistics.median(v), min(v), max(v)) if v else None
print("D1: read 1M x 21 CSV into float32 tensors (median [min - max] over %d rounds)" % (len(rows) // max(1, len({r['side'] for r in rows}))))
for side in ("kindling", "pytorch"):
    s, m = stats(side, "seconds"), stats(side, "max_rss_kb")
    c = stats(side, "process_cpu_s") if all("process_cpu_s" in r for r in rows) else None
    if s:
        print("  %-9s %7.2f s [%.2f - %.2f]   peak RSS %5.0f MB [%.0f - %.0f]" % (side, *s, *(x / 1024 for x in m))
              + ("   process CPU %.2f s [%.2f - %.2f]" % c if c else ""))
k, p = stats("kindling", "seconds"), stats("pytorch", "seconds")
if k and p:
    print("  ratio Kindling / PyTorch (medians): %.2f" % (k[0] / p[0]))
PY
