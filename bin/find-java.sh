#!/usr/bin/env bash
# Prints the path of the newest java >= 21 found in JAVA_HOME, PATH, /usr/lib/jvm, ~/.jdks or SDKMAN.
set -euo pipefail
version() { "$1" -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit }'; }
candidates=()
[ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
for dir in /usr/lib/jvm/* "$HOME"/.jdks/* "$HOME"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
  [ -x "$dir/bin/java" ] && candidates+=("$dir/bin/java")
done
best="" best_version=0
for c in "${candidates[@]}"; do
  v="$(version "$c" || echo 0)"
  if [ "${v:-0}" -ge 21 ] 2>/dev/null && [ "$v" -gt "$best_version" ]; then best="$c"; best_version="$v"; fi
done
[ -n "$best" ] || { echo "no JDK 21 or newer found (looked at JAVA_HOME, PATH, /usr/lib/jvm, ~/.jdks, SDKMAN)" >&2; exit 1; }
echo "$best"
