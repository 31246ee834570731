#!/usr/bin/env bash
# Benchmarks miglint's database checks on a throwaway PostgreSQL (tests/tools/pg_server.sh):
# offline `check FOLDER` against `check FOLDER --database-url URL` and `status FOLDER --database-url URL`
# on run.sh's synthetic 200- and 2000-migration folders, and proves that a database check sends the
# same number of statements whatever the number of migrations.
#
#   bench/db.sh [MIGLINT]     (MIGLINT defaults to $MIGLINT, else build/miglint)
#
# Each folder gets its own database whose "drizzle"."__drizzle_migrations" holds exactly the rows
# drizzle-orm's migrator writes when it applies every journal entry to an empty database: in journal
# order, hash = sha256 of the SQL file, created_at = the entry's `when`. The rows are loaded with one
# COPY per database; then every migration's SQL is run in one transaction, so the catalog holds the
# folder's whole schema for the schema rules.
# Timings: hyperfine medians of RUNS runs after WARMUP warmups. Statement counts: log_statement = 'all'
# on the two databases, one `check --database-url` each with its own application_name, and the server
# log's statement lines counted per application_name.
# Writes the "## Database checks" table to bench/results-db.md and prints it.
# Exits non-zero when a step fails or the two statement counts differ.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/bench
CACHE=$BENCH/.cache          # gitignored; run.sh's synthetic folders live here
PG_SERVER=$ROOT/tests/tools/pg_server.sh
MIGLINT=$(realpath "${1:-${MIGLINT:-$ROOT/build/miglint}}")
[ -x "$MIGLINT" ] || { echo "no miglint binary at $MIGLINT (build it or pass its path)" >&2; exit 2; }
RUNS=15 WARMUP=3
SIZES="200 2000"
WORK=$(mktemp -d)
PGDIR=$WORK/pg
cleanup() {
  bash "$PG_SERVER" stop "$PGDIR" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM     # run the EXIT trap (and stop the server) on Ctrl-C too
mkdir -p "$CACHE"

# --- tools: Debian packages, installed only when missing (the server: pg_server.sh) ------------
missing=""
command -v hyperfine >/dev/null || missing="$missing hyperfine"
command -v jq >/dev/null || missing="$missing jq"
command -v psql >/dev/null || missing="$missing postgresql-client"
command -v node >/dev/null || missing="$missing nodejs"
if [ -n "$missing" ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  # shellcheck disable=SC2086
  $SUDO apt-get install -y $missing || { $SUDO apt-get update && $SUDO apt-get install -y $missing; }
fi

# --- synthetic folders: the same generator, called the same way, as run.sh ---------------------
# The stamp's first line is the generator's hash; run.sh adds its drizzle-kit verdict on later lines,
# so a folder regenerated here is re-checked by drizzle-kit on run.sh's next full run.
GEN_HASH=$(sha256sum "$BENCH/make_synthetic.cjs" | cut -d' ' -f1)
for n in $SIZES; do
  dir=$CACHE/synthetic-$n stamp=$CACHE/synthetic-$n.stamp
  if [ "$(head -n1 "$stamp" 2>/dev/null)" != "$GEN_HASH" ]; then
    echo "generating $n synthetic migrations" >&2
    node "$BENCH/make_synthetic.cjs" "$n" "$dir"
    echo "$GEN_HASH" >"$stamp"
  fi
  # The generator builds indexes on tables earlier migrations made: the safety rules rightly warn,
  # and have nothing to do with what is measured here.
  out=$("$MIGLINT" check --quiet --fail-on info --color never --ignore safety "$dir") || { echo "miglint flags $dir:"; echo "$out"; exit 1; } >&2
  [ -z "$out" ] || { echo "miglint flags $dir:" >&2; echo "$out" >&2; exit 1; }
done

# --- a throwaway server on a free loopback port ------------------------------------------------
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
started=0
for _ in 1 2 3 4 5; do
  port=$((20000 + RANDOM % 40000))
  port_free "$port" || continue
  # Another process may take the port between the probe and the start: then try another one.
  if bash "$PG_SERVER" start "$PGDIR" "$port"; then started=1; break; fi
done
if [ $started != 1 ] || [ ! -s "$PGDIR/url" ]; then echo "could not start a PostgreSQL server" >&2; exit 1; fi
ADMIN_URL=$(cat "$PGDIR/url")                   # .../postgres, as the superuser miglint_admin
SERVER_LOG=$(sed -n 's/^log=//p' "$PGDIR/info") # pg_ctl -l: the server's stderr, logging_collector off
db_url() { echo "${ADMIN_URL%/postgres}/$1"; }
admin() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
PG_VERSION=$(admin -At -c 'SHOW server_version' "$ADMIN_URL")

declare -A SAME_SQL FINDINGS
# --- one database per folder, its migrations table filled as by drizzle's migrator -------------
for n in $SIZES; do
  dir=$CACHE/synthetic-$n db=bench_$n
  # Journal order; sha256sum keeps its arguments' order. Tags are plain file names (no spaces).
  jq -r '.entries[].when' "$dir/meta/_journal.json" >"$WORK/when-$n"
  (cd "$dir" && jq -r '.entries[].tag + ".sql"' meta/_journal.json | xargs sha256sum | cut -d' ' -f1) >"$WORK/hash-$n"
  entries=$(wc -l <"$WORK/when-$n")
  if [ "$entries" != "$n" ] || [ "$(wc -l <"$WORK/hash-$n")" != "$n" ]; then echo "journal of $dir: expected $n entries" >&2; exit 1; fi
  paste "$WORK/hash-$n" "$WORK/when-$n" >"$WORK/rows-$n.tsv"   # COPY text format: hash<TAB>created_at
  admin -c "CREATE DATABASE $db" "$ADMIN_URL"
  admin "$(db_url "$db")" <<SQL
CREATE SCHEMA "drizzle";
CREATE TABLE "drizzle"."__drizzle_migrations" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint);
\copy "drizzle"."__drizzle_migrations" (hash, created_at) FROM '$WORK/rows-$n.tsv'
SQL
  # The schema the SQL makes, run in one transaction as migrate() runs it: the catalog read then
  # has every table, column and index of the folder to model.
  (cd "$dir" && jq -r '.entries[].tag + ".sql"' meta/_journal.json | xargs cat) | sed 's/--> statement-breakpoint//g' >"$WORK/schema-$n.sql"
  admin -1 -f "$WORK/schema-$n.sql" "$(db_url "$db")" >/dev/null
  rows=$(admin -At -c 'SELECT count(*) FROM "drizzle"."__drizzle_migrations"' "$(db_url "$db")")
  [ "$rows" = "$n" ] || { echo "$db holds $rows rows, expected $n" >&2; exit 1; }
  # Every entry applied: status says "applied" n times, and check finds nothing at all.
  applied=$("$MIGLINT" status --format json "$dir" --database-url "$(db_url "$db")" | jq '[.migrations[] | select(.state == "applied")] | length')
  [ "$applied" = "$n" ] || { echo "miglint status: $applied of $n applied in $db" >&2; exit 1; }
  "$MIGLINT" check --exit-zero --format json --fail-on info "$dir" --database-url "$(db_url "$db")" \
    | jq -r '.findings[] | [.rule, .migration // "-", .message] | @tsv' >"$WORK/findings-$n.tsv"
  [ ! -s "$WORK/findings-$n.tsv" ] || { echo "miglint check --database-url flags $db:" >&2; cat "$WORK/findings-$n.tsv" >&2; exit 1; }
  FINDINGS[$n]=$(wc -l <"$WORK/findings-$n.tsv")
done

# --- timings ------------------------------------------------------------------------------------
bench() {
  local n=$1 dir=$CACHE/synthetic-$1 url
  url=$(db_url "bench_$1")
  hyperfine --style basic --warmup $WARMUP --runs $RUNS --export-json "$WORK/s$n.json" \
    -n offline "'$MIGLINT' check --exit-zero '$dir'" \
    -n check-db "'$MIGLINT' check --exit-zero '$dir' --database-url '$url'" \
    -n status-db "'$MIGLINT' status '$dir' --database-url '$url'" >&2
}
median() { jq -r --arg c "$2" '.results[] | select(.command == $c) | .median' "$WORK/s$1.json"; }
cpu() { jq -r --arg c "$2" '.results[] | select(.command == $c) | .user + .system' "$WORK/s$1.json"; }  # mean user+sys

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for n in $SIZES; do bench "$n"; done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# --- statement counts ---------------------------------------------------------------------------
# The server logs to SERVER_LOG (pg_ctl -l); the prefix gains the application name, and the two
# databases log every statement from new sessions on. Only the log written after this point counts.
admin "$ADMIN_URL" >/dev/null <<SQL
ALTER SYSTEM SET log_line_prefix = '%m [%p] app=%a db=%d ';
SELECT pg_reload_conf();
ALTER DATABASE bench_200 SET log_statement = 'all';
ALTER DATABASE bench_2000 SET log_statement = 'all';
SQL
for _ in $(seq 50); do   # the reload is asynchronous: wait until new sessions see it
  [ "$(admin -At -c 'SHOW log_line_prefix' "$ADMIN_URL")" = '%m [%p] app=%a db=%d ' ] && break
  sleep 0.1
done
LOG_FROM=$(($(stat -c %s "$SERVER_LOG") + 1))
for n in $SIZES; do
  "$MIGLINT" check --exit-zero --color never "$CACHE/synthetic-$n" --database-url "$(db_url "bench_$n")?application_name=miglint_bench_$n" >/dev/null
done
admin "$ADMIN_URL" <<SQL
ALTER DATABASE bench_200 RESET log_statement;
ALTER DATABASE bench_2000 RESET log_statement;
SQL
# One line per statement: "statement: ..." (simple protocol) or "execute <name>: ..." (extended).
statements() {
  tail -c "+$LOG_FROM" "$SERVER_LOG" | grep -E " app=miglint_bench_$1 db=bench_$1 LOG:  (statement|execute [^:]*): " \
    | sed -E 's/.* LOG:  (statement|execute [^:]*): //' || true
}
declare -A QUERIES
for n in $SIZES; do
  statements "$n" >"$WORK/statements-$n"
  QUERIES[$n]=$(wc -l <"$WORK/statements-$n")
  echo "statements sent by one check --database-url on $n migrations: ${QUERIES[$n]}" >&2
  cut -c1-100 "$WORK/statements-$n" | sed 's/^/    /' >&2
done

# --- report -------------------------------------------------------------------------------------
ms() { awk -v s="$1" 'BEGIN {printf "%.1f ms", s * 1000}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2fx", a / b}'; }
cpus() { awk -v a="$(cpu "$1" offline)" -v b="$(cpu "$1" check-db)" -v c="$(cpu "$1" status-db)" 'BEGIN {printf "%.0f / %.0f / %.0f ms", a * 1000, b * 1000, c * 1000}'; }
{
  echo "## Database checks"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), bench/db.sh: median of $RUNS runs after $WARMUP warmups (hyperfine), warm page cache,"
  echo "PostgreSQL $PG_VERSION on 127.0.0.1 (throwaway server from tests/tools/pg_server.sh, fsync off)."
  echo "Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load average $LOAD_BEFORE before, $LOAD_AFTER after."
  echo "Tools: $("$MIGLINT" --version | head -n1), $(hyperfine --version), $(psql --version | cut -d' ' -f1,3)."
  echo "Each database's \"drizzle\".\"__drizzle_migrations\" holds the rows drizzle's migrator writes for the whole folder"
  echo "(sha256 of each SQL file, journal \`when\`, loaded with one COPY), so \`status\` shows every migration applied, and"
  echo "the schema its SQL makes (every migration run in one transaction), so the schema rules model every table."
  echo "Query counts: from the server log (log_statement = 'all') for one \`check --database-url\` per database."
  echo
  echo "| folder | check (offline) | check --database-url | status --database-url | check db / offline | database cost (check db - offline) | CPU user+sys: offline / check db / status | queries per check --database-url | findings with the database |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  for n in $SIZES; do
    o=$(median "$n" offline) c=$(median "$n" check-db) s=$(median "$n" status-db)
    echo "| synthetic $n | $(ms "$o") | $(ms "$c") | $(ms "$s") | $(ratio "$c" "$o") | $(ms "$(awk -v a="$c" -v b="$o" 'BEGIN {print a - b}')") | $(cpus "$n") | ${QUERIES[$n]} | ${FINDINGS[$n]} |"
  done
  echo "| 2000 / 200 | $(ratio "$(median 2000 offline)" "$(median 200 offline)") | $(ratio "$(median 2000 check-db)" "$(median 200 check-db)") | $(ratio "$(median 2000 status-db)" "$(median 200 status-db)") | | | $(ratio "$(cpu 2000 offline)" "$(cpu 200 offline)") / $(ratio "$(cpu 2000 check-db)" "$(cpu 200 check-db)") / $(ratio "$(cpu 2000 status-db)" "$(cpu 200 status-db)") | $([ "${QUERIES[200]}" = "${QUERIES[2000]}" ] && echo "equal" || echo "DIFFER") | |"
  echo
  echo "Queries: one log entry per query message sent; the same ${QUERIES[2000]} for both folders:"
  # shellcheck disable=SC2016
  awk '{s = length($0) > 60 ? substr($0, 1, 60) "..." : $0; printf "%s`%s`", (NR > 1 ? ", " : ""), s} END {print "."}' "$WORK/statements-2000"
  echo "Wall times on this 2-CPU machine move with other load (the loader reads snapshots on two threads); CPU times are steadier."
} >"$WORK/section.md"

# Its own file: bench/run.sh rewrites results.md as a whole.
cp "$WORK/section.md" "$BENCH/results-db.md"
cat "$WORK/section.md"

if [ "${QUERIES[200]}" -eq 0 ] || [ "${QUERIES[200]}" != "${QUERIES[2000]}" ]; then
  echo "FAILED: check --database-url sent ${QUERIES[200]} statements for 200 migrations and ${QUERIES[2000]} for 2000" >&2
  exit 1
fi
