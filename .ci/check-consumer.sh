#!/usr/bin/env bash
# Checks the README's "Use it in your Maven build" as a new user would follow it: installs Kindling
# into a throw-away local repository (seeded with a copy of ~/.m2/repository, so little is
# downloaded and ~/.m2 itself never receives Kindling artifacts), then builds the separate project
# .ci/consumer against it and runs it: it trains the tutorial model and writes a loss plot.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
consumer="$root/.ci/consumer"
work="$(mktemp -d "${TMPDIR:-/tmp}/kindling-consumer.XXXXXX")"
trap 'rm -rf "$work"' EXIT
repo="$work/m2"

mkdir -p "$repo"
if [ -d "$HOME/.m2/repository" ]; then
  cp -R "$HOME/.m2/repository/." "$repo/" # a copy, not links: Maven rewrites some files in place
fi

echo "check-consumer: mvn install into $repo" >&2
(cd "$root" && mvn -B -q -Dstyle.color=never install -DskipTests -Dmaven.repo.local="$repo")

echo "check-consumer: building .ci/consumer against it" >&2
cd "$consumer"
mvn -B -q -Dstyle.color=never package -Dmaven.repo.local="$repo"
mvn -B -q -Dstyle.color=never dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" -Dmaven.repo.local="$repo"
cp="$(cat "$work/cp.txt")"

# No test library may reach a user's runtime class path.
if tr ':' '\n' <<<"$cp" | grep -E '/(junit|opentest4j|apiguardian|hamcrest|mockito)'; then
  echo "check-consumer: test libraries on the runtime class path (above)" >&2
  exit 1
fi
for jar in kindling-core kindling-tabular kindling-plot; do
  for kind in sources javadoc; do
    ls "$repo/org/kindling/$jar/0.1.0-SNAPSHOT/$jar-0.1.0-SNAPSHOT-$kind.jar" >/dev/null
  done
done

java="$("$root/bin/find-java.sh")"
echo "check-consumer: running on the class path" >&2
"$java" --add-modules=jdk.incubator.vector -cp "target/classes:$cp" org.example.Main "$work/out-classpath"
echo "check-consumer: running with Kindling on the module path" >&2
"$java" --add-modules=jdk.incubator.vector --module-path "$cp" --add-modules org.kindling.plot \
    -cp target/classes org.example.Main "$work/out-modules"
echo "check-consumer: OK" >&2
