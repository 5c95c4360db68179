#!/usr/bin/env bash
# Prints the path of the newest java >= 21 found in JAVA_HOME, PATH, /usr/lib/jvm, ~/.jdks or SDKMAN.
# With --version, prints "PATH MAJOR" instead (the launcher keys its start-up cache on the major version).
set -euo pipefail
# The major version from the JDK's release file (JDK 9+), read without starting a JVM: `java -version`
# costs a JVM start per candidate, over a second each on a busy machine. Falls back to `java -version`.
version() {
  local home v
  home="$(dirname "$(dirname "$(readlink -f "$1")")")"
  if [ -f "$home/release" ]; then
    v="$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$home/release")"
    [ -n "$v" ] && { echo "$v"; return; }
  fi
  "$1" -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit }'
}
candidates=()
[ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
for dir in /usr/lib/jvm/* "$HOME"/.jdks/* "$HOME"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
  [ -x "$dir/bin/java" ] && candidates+=("$dir/bin/java")
done
best="" best_version=0
for c in "${candidates[@]}"; do
  [ -x "$c" ] || continue
  v="$(version "$c" || echo 0)"
  if [ "${v:-0}" -ge 21 ] 2>/dev/null && [ "$v" -gt "$best_version" ]; then best="$c"; best_version="$v"; fi
done
[ -n "$best" ] || { echo "no JDK 21 or newer found (looked at JAVA_HOME, PATH, /usr/lib/jvm, ~/.jdks, SDKMAN)" >&2; exit 1; }
if [ "${1:-}" = "--version" ]; then echo "$best $best_version"; else echo "$best"; fi
