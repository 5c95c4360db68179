#!/usr/bin/env bash
# Side-by-side benchmark (suite kindling-bench-v1, bench/WORKLOADS.md): the PyTorch reference
# bench/torch_baseline.py and Kindling's workload runner, alternating on this machine, several rounds
# per thread count, then a table of Kindling's time divided by the faster PyTorch's.
#
#   bench/compare.sh [--rounds 3] [--threads "1 2"] [--only W1,W2,W3,W3-infer,W4,K1,W5,W6,E1,D1] [--out DIR]
#                    [--python PATH]...
#
# E1 (the whole default job as processes, bench/e2e/e1.sh) and D1 (reading a 1M-row CSV, whole
# processes with peak memory, bench/e2e/d1.sh, against the first Python that also imports pandas)
# run only when --only names them.
#
# --python names a Python with torch; give it several times to compare against several PyTorch
# builds (each row counts the faster). Default: the newest torch among /usr/bin/python3,
# bench/.venv*/bin/python and $KINDLING_TORCH_PYTHON. Without any torch, Kindling runs alone.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
baseline="$root/bench/torch_baseline.py"
rounds=3
threads="1 2"
only="W1,W2,W3,W3-infer,W4,K1,W5,W6"
out="$root/bench/results/$(date +%Y-%m-%d_%H-%M-%S)"
pythons=()

usage() {
  echo "usage: bench/compare.sh [--rounds N] [--threads \"1 2\"] [--only W1,...] [--out DIR] [--python PATH]..." >&2
  exit 2
}
while [ $# -gt 0 ]; do
  [ $# -ge 2 ] || usage
  case "$1" in
    --rounds) rounds="$2" ;;
    --threads) threads="$2" ;;
    --only) only="$2" ;;
    --out) out="$2" ;;
    --python) pythons+=("$2") ;;
    *) usage ;;
  esac
  shift 2
done

torch_version() { # prints the torch version a Python imports, or fails
  "$1" -c 'import torch; print(torch.__version__.split("+")[0])' 2>/dev/null
}

if [ ${#pythons[@]} -eq 0 ]; then # pick the newest torch installed
  best="" best_version=""
  for py in /usr/bin/python3 "$root"/bench/.venv*/bin/python ${KINDLING_TORCH_PYTHON:+"$KINDLING_TORCH_PYTHON"}; do
    [ -x "$py" ] || continue
    v="$(torch_version "$py")" || continue
    if [ -z "$best" ] || [ "$(printf '%s\n%s\n' "$best_version" "$v" | sort -V | tail -1)" = "$v" ]; then
      best="$py" best_version="$v"
    fi
  done
  [ -n "$best" ] && pythons=("$best")
fi

torches=() # "python|version" of each usable PyTorch
for py in ${pythons[@]+"${pythons[@]}"}; do
  if v="$(torch_version "$py")"; then
    torches+=("$py|$v")
    echo "PyTorch $v from $py" >&2
  else
    echo "skipping $py: it cannot import torch" >&2
  fi
done
if [ ${#torches[@]} -eq 0 ]; then
  echo "PyTorch is not available (give --python PATH, set KINDLING_TORCH_PYTHON, make bench/.venv with" \
       "torch, or apt-get install python3-torch); running Kindling only, so there will be no ratios." >&2
fi

# E1 and D1 time whole processes, not steps: each has its own script, run after the step workloads.
e1=false d1=false
case ",$only," in *,E1,*) e1=true ;; esac
case ",$only," in *,D1,*) d1=true ;; esac
only="$(echo ",$only," | sed 's/,E1,/,/g; s/,D1,/,/g; s/^,//; s/,$//')"
e1_args=(--rounds "$rounds" --out "$out")
for entry in ${torches[@]+"${torches[@]}"}; do e1_args+=(--python "${entry%%|*}"); done
if [ -z "$only" ] && ! $d1; then
  echo "Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(date -u +%Y-%m-%d)"
  exec "$root/bench/e2e/e1.sh" "${e1_args[@]}"
fi

java="$("$root/bin/find-java.sh")"
jar="$root/kindling-bench/target/benchmarks.jar"
if [ ! -f "$jar" ]; then
  echo "building $jar ..." >&2
  (cd "$root" && mvn -q -B -DskipTests -pl kindling-bench -am package) >&2
fi

mkdir -p "$out"
echo "results in $out" >&2
for round in $(seq 1 "$rounds"); do
  [ -n "$only" ] || break
  dir="$out/round-$round"
  mkdir -p "$dir"
  for t in $threads; do
    echo "round $round, $t thread(s): load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
    for entry in ${torches[@]+"${torches[@]}"}; do
      py="${entry%%|*}" v="${entry#*|}"
      "$py" "$baseline" --threads "$t" --only "$only" > "$dir/pytorch-$v-t$t.jsonl"
      if [ "$t" -gt 1 ]; then # OpenMP and BLAS pools compete on 2 cores: OpenMP at 1 often wins
        "$py" "$baseline" --threads "$t" --torch-threads 1 --only "$only" > "$dir/pytorch-$v-t$t-omp1.jsonl"
      fi
    done
    "$java" --add-modules=jdk.incubator.vector -cp "$jar" org.kindling.bench.workloads.WorkloadRunner \
        --threads "$t" --only "$only" 2>/dev/null > "$dir/kindling-t$t.jsonl"
  done
done

echo
echo "Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(date -u +%Y-%m-%d)"
[ -z "$only" ] || "$java" -cp "$jar" org.kindling.bench.compare.CompareSummary "$out"
if $e1; then
  echo
  "$root/bench/e2e/e1.sh" "${e1_args[@]}"
fi
if $d1; then
  echo
  d1_pythons=()
  for entry in ${torches[@]+"${torches[@]}"}; do d1_pythons+=(--python "${entry%%|*}"); done
  "$root/bench/e2e/d1.sh" --java "$java" --jar "$jar" --out "$out/d1" --rounds "$rounds" \
      ${KINDLING_D1_CSV:+--csv "$KINDLING_D1_CSV"} ${d1_pythons[@]+"${d1_pythons[@]}"}
fi
