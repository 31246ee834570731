#!/usr/bin/env bash
# What SQL analysis costs: miglint on Dokploy's folder with every rule, and with the SQL rules
# ignored (then no SQL file is parsed at all), side by side in one hyperfine run. Medians of 15.
# Usage: bench/sql.sh [MIGLINT]   (default build/miglint). Writes bench/results-sql.md.
set -euo pipefail
cd "$(dirname "$0")/.."
MIGLINT=${1:-build/miglint}
FOLDER=../shared/corpus/Dokploy__dokploy/apps__dokploy__drizzle
command -v hyperfine >/dev/null && command -v jq >/dev/null || sh tools/install-deps.sh
command -v hyperfine >/dev/null || apt-get install -y -qq hyperfine >/dev/null
# The SQL rules are those that read statements: all but the folder rules (SPEC 4.1) and the database rules.
SQL_RULES=$("$MIGLINT" rules | awk '{print $1}' | grep -vE "^(journal-|snapshot-|chain-|meta-|sql-file-|db-)" | paste -sd, -)
out=$(mktemp)
trap 'rm -f "$out"' EXIT
hyperfine -N --style basic --warmup 3 --runs 15 --export-json "$out" \
  -n "with SQL rules" "$MIGLINT $FOLDER --exit-zero" \
  -n "without SQL rules" "$MIGLINT $FOLDER --exit-zero --ignore $SQL_RULES" >&2
with=$(jq '.results[0].median' "$out") without=$(jq '.results[1].median' "$out")
with_cpu=$(jq '.results[0].user + .results[0].system' "$out") without_cpu=$(jq '.results[1].user + .results[1].system' "$out")
{
  echo "# SQL analysis cost"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, median of 15 runs after 3 warmups, Dokploy (186 migrations, 0.4 MB of SQL)."
  echo
  echo "| | wall (median) | CPU (user+sys, mean) |"
  echo "| --- | ---: | ---: |"
  awk -v a="$with" -v b="$without" -v c="$with_cpu" -v d="$without_cpu" 'BEGIN {
    printf "| with SQL rules | %.1f ms | %.1f ms |\n", a * 1000, c * 1000
    printf "| without SQL rules | %.1f ms | %.1f ms |\n", b * 1000, d * 1000
    printf "| added by SQL analysis | %+.0f%% | %+.0f%% |\n", (a / b - 1) * 100, (c / d - 1) * 100 }'
  echo
  echo "Target: at most +50%."
} | tee bench/results-sql.md
