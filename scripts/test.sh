#!/usr/bin/env bash
# Runs every test: unit tests and the lab integration tests (real corosync in network
# namespaces). Installs what it needs first. Prints one summary line at the end:
#   tests: N passed, N failed, N skipped
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh

RESULTS=$(mktemp -d /tmp/pve-test-results.XXXXXX)
# In CI a missing lab prerequisite must fail, never skip silently.
export PVE_LAB_REQUIRED=${PVE_LAB_REQUIRED:-1}
export PVE_ARTIFACTS="$PWD/artifacts/bin"

status=0
# One project at a time: the lab integration tests are timing-sensitive on a 2-core machine,
# and per-project result files keep the summary exact.
for proj in tests/*/*.csproj; do
  name=$(basename "$proj" .csproj)
  echo "=== $name"
  rc=0
  dotnet test "$proj" -c "${CONFIG:-Release}" --no-build -nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
    --results-directory "$RESULTS" 2>&1 | tee "$RESULTS/$name.console" || rc=$?
  ((rc == 0)) || status=$rc
done

# CI shows only the end of the output: repeat each failed test with its message there.
for console in "$RESULTS"/*.console; do
  [[ -e $console ]] || continue
  awk '/^  Failed [^ ]/ { n = 30 } n > 0 { print; n-- }' "$console"
done | sed 's/^/failed> /'

passed=0; failed=0; skipped=0
for trx in "$RESULTS"/*.trx; do
  [[ -e $trx ]] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
  total=$(get total); executed=$(get executed); p=$(get passed); f=$(get failed)
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  skipped=$((skipped + ${total:-0} - ${executed:-0}))
done
rm -rf "$RESULTS"
echo
echo "tests: $passed passed, $failed failed, $skipped skipped"
if ((status != 0 || failed != 0)); then exit 1; fi
if ((passed == 0)); then echo "test.sh: no test ran" >&2; exit 1; fi
