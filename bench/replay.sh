#!/usr/bin/env bash
# What the schema history costs as a folder grows: miglint on synthetic PostgreSQL folders of 500,
# 1000 and 2000 migrations (bench/make_replay_folder.cjs: one table, then a column or an index
# added per migration), with the schema rule (every migration's SQL replayed on the previous
# snapshot and compared with its own) and without it. Two shapes:
#   window:  the table keeps its 50 newest added columns, so every snapshot has the same size and
#            the folder grows linearly with the count;
#   growing: the table keeps every column, so snapshot N holds N columns and the folder's bytes
#            grow with the square of the count (as they would in a real folder that only grows).
# Usage: bench/replay.sh [--quick] [MIGLINT]   (default build/miglint). Writes bench/results-replay.md
# (--quick: 3 runs, bench/.cache/results-replay-quick.md).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CACHE=$ROOT/bench/.cache
QUICK=0
if [ "${1:-}" = --quick ]; then QUICK=1; shift; fi
MIGLINT=$(realpath "${1:-$ROOT/build/miglint}")
RUNS=7
[ $QUICK = 1 ] && RUNS=3
OUT=$ROOT/bench/results-replay.md
[ $QUICK = 1 ] && OUT=$CACHE/results-replay-quick.md
command -v hyperfine >/dev/null && command -v jq >/dev/null && command -v node >/dev/null || sh "$ROOT/tools/install-deps.sh"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$CACHE"
RULE=schema-sql-snapshot-mismatch
# Every rule that reads the schema history offline: without them no schema is modelled or replayed.
WITHOUT=$RULE,safety

# --- folders: regenerated only when the generator changes -----------------------
GEN_HASH=$(sha256sum "$ROOT/bench/make_replay_folder.cjs" | cut -d' ' -f1)
folder() {  # folder SHAPE COUNT -> path
  local dir=$CACHE/replay-$1-$2 stamp=$CACHE/replay-$1-$2.stamp
  if [ "$(cat "$stamp" 2>/dev/null)" != "$GEN_HASH" ]; then
    echo "generating $1 folder of $2 migrations" >&2
    if [ "$1" = window ]; then node "$ROOT/bench/make_replay_folder.cjs" "$2" "$dir" 50; else node "$ROOT/bench/make_replay_folder.cjs" "$2" "$dir"; fi
    echo "$GEN_HASH" >"$stamp"
  fi
  # A fair workload: the SQL gives every snapshot, so the rule finds nothing (and no error).
  local found
  found=$("$MIGLINT" check --quiet --exit-zero --color never --format gcc --select "$RULE" "$dir")
  [ -z "$found" ] || { echo "the schema rule reports on $dir:" >&2; echo "$found" | head >&2; exit 1; }
  echo "$dir"
}

# --- timings ------------------------------------------------------------------
# CPU time is what the history adds whatever else runs on the machine; wall time moves with load.
row() {  # row SHAPE COUNT
  local dir json=$WORK/$1-$2.json
  dir=$(folder "$1" "$2")
  hyperfine -N --style basic --warmup 1 --runs $RUNS --export-json "$json" \
    -n with "$MIGLINT check --exit-zero $dir" -n without "$MIGLINT check --exit-zero --ignore $WITHOUT $dir" >&2
  local rss_with rss_without
  rss_with=$(/usr/bin/time -f %M "$MIGLINT" check --exit-zero "$dir" 2>&1 >/dev/null | tail -n1)
  rss_without=$(/usr/bin/time -f %M "$MIGLINT" check --exit-zero --ignore "$WITHOUT" "$dir" 2>&1 >/dev/null | tail -n1)
  local bytes
  bytes=$(du -sb "$dir" | cut -f1)
  jq -r --arg shape "$1" --arg n "$2" --arg bytes "$bytes" --arg rw "$rss_with" --arg ro "$rss_without" '
    [.results[] | {(.command): {wall: .median, cpu: ([.user, .system] | add)}}] | add
    | [$shape, $n, $bytes, .with.wall, .without.wall, .with.cpu, .without.cpu, $rw, $ro] | @tsv' "$json"
}
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for shape in window growing; do
  for n in 500 1000 2000; do row "$shape" "$n"; done
done >"$WORK/rows.tsv"
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# --- report -------------------------------------------------------------------
{
  echo "# Schema history: cost as a folder grows"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), bench/replay.sh$([ $QUICK = 1 ] && echo " --quick" || true): hyperfine, $RUNS runs after 1 warmup (wall: median; CPU: user+sys, mean), warm page cache."
  echo "Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load average $LOAD_BEFORE before, $LOAD_AFTER after."
  echo "miglint: $("$MIGLINT" --version), commit $(git -C "$ROOT" rev-parse --short HEAD)."
  echo
  echo "Synthetic PostgreSQL folders from bench/make_replay_folder.cjs: one table, then per migration a column"
  echo "added (or, one in four, an index on one), each with its SQL, journal entry and snapshot. \"window\": the"
  echo "table keeps its 50 newest added columns (a dropped one goes with its index), so snapshots keep one size;"
  echo "\"growing\": it keeps them all, so snapshot N holds N columns and the folder grows as the square of N."
  echo "\"with\": the default rules; \"without\": --ignore $WITHOUT (the rules that read the schema history),"
  echo "so that no schema is modelled or replayed."
  echo "The rule finds nothing on these folders (checked): what it costs is the replay and the comparison."
  echo "The loader keeps snapshot models within 32 MiB (src/load/snapshot_loader.cpp); past it the history reads"
  echo "each remaining snapshot when it reaches it and lets it go once the next is compared."
  echo
  echo "| shape | migrations | folder | wall with | wall without | CPU with | CPU without | history CPU | per migration | peak RSS with / without |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  awk -F'\t' '{
    printf "| %s | %d | %.1f MB | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %.1f us | %.0f / %.0f MB |\n",
      $1, $2, $3 / 1048576, $4 * 1000, $5 * 1000, $6 * 1000, $7 * 1000, ($6 - $7) * 1000, ($6 - $7) * 1e6 / $2, $8 / 1024, $9 / 1024 }' "$WORK/rows.tsv"
  echo
  echo "Growth from 500 to 1000 and from 1000 to 2000 migrations (linear in what is read: 2.00 for \"window\","
  echo "the folder-bytes ratio, about 4, for \"growing\"):"
  echo
  echo "| shape | | folder bytes | CPU with | CPU without | history CPU |"
  echo "| --- | --- | ---: | ---: | ---: | ---: |"
  awk -F'\t' '{ b[$1,$2] = $3; w[$1,$2] = $6; o[$1,$2] = $7 }
    END { split("window growing", shapes, " ")
      for (s = 1; s <= 2; s++) { k = shapes[s]
        printf "| %s | 1000 / 500 | %.2f | %.2f | %.2f | %.2f |\n", k, b[k,1000] / b[k,500], w[k,1000] / w[k,500], o[k,1000] / o[k,500], (w[k,1000] - o[k,1000]) / (w[k,500] - o[k,500])
        printf "| %s | 2000 / 1000 | %.2f | %.2f | %.2f | %.2f |\n", k, b[k,2000] / b[k,1000], w[k,2000] / w[k,1000], o[k,2000] / o[k,1000], (w[k,2000] - o[k,2000]) / (w[k,1000] - o[k,1000]) } }' "$WORK/rows.tsv"
} | tee "$OUT"
