#!/usr/bin/env bash
# How far the schema model agrees with drizzle-kit: for each PostgreSQL folder of ../shared/corpus and
# each folder fixtures/generate.sh made with the real drizzle-kit, how many migrations' SQL, replayed
# on the snapshot drizzle-kit generated them from, gives exactly their own snapshot. The tests
# (ReplayPostgresProof.*) pin every disagreement with its reason; this prints the counts and writes
# bench/results-schema.md.
#   bench/schema_agreement.sh [BUILD_DIR]   (default build)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$ROOT/build}
TESTS=$BUILD/tests/miglint_tests
[ -x "$TESTS" ] || { echo "no test program at $TESTS (build first)" >&2; exit 2; }
OUT=$ROOT/bench/results-schema.md
log=$(mktemp)
trap 'rm -f "$log"' EXIT
"$TESTS" --gtest_filter='ReplayPostgresProof.GeneratedFolders:ReplayPostgresProof.CorpusFolders' >"$log" 2>&1 ||
  { cat "$log" >&2; echo "the agreement tests failed" >&2; exit 1; }
{
  echo "# Schema model: replayed SQL against drizzle-kit's snapshots"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), from \`bench/schema_agreement.sh\` (the tests ReplayPostgresProof.GeneratedFolders"
  echo "and ReplayPostgresProof.CorpusFolders). A migration agrees when its SQL, replayed on the snapshot it was"
  echo "generated from, gives a model equal to its own snapshot's. Every disagreement is pinned in"
  echo "tests/schema_replay_test.cpp with the folder's defect that explains it; none is a limit of the replay."
  echo
  echo "| folder | migrations | agree | disagree (folder defects) |"
  echo "| --- | ---: | ---: | ---: |"
  sed -nE 's/^([^ :]+): ([0-9]+)\/([0-9]+) migrations agree.*/| \1 | \3 | \2 | \3-\2 |/p' "$log" |
    awk -F'|' '{ split($5, n, "-"); printf "|%s|%s|%s| %d |\n", $2, $3, $4, n[1] - n[2] }'
} >"$OUT"
cat "$OUT"
