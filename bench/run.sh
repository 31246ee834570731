#!/usr/bin/env bash
# Benchmarks miglint against drizzle-kit check and the I/O floor (cat | sha256)
# on Dokploy's migrations folder and on synthetic 200- and 2000-migration folders, and
# miglint on karakeep's SQLite folder in both layouts (0.x, and 1.0 made by drizzle-kit up).
#
#   bench/run.sh [--quick] [MIGLINT]     (MIGLINT defaults to $MIGLINT, else build/miglint)
#
# Full mode: hyperfine medians of 5 runs after 1 warmup; writes bench/results.md.
# --quick:   3 runs, no drizzle-kit; writes bench/.cache/results-quick.md only, so
#            a development run never overwrites the committed results.
# Exits non-zero when a step fails; a missed target is only marked MISSED.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/bench
CACHE=$BENCH/.cache          # gitignored: drizzle-kit install and synthetic folders
QUICK=0
if [ "${1:-}" = --quick ]; then QUICK=1; shift; fi
MIGLINT=$(realpath "${1:-${MIGLINT:-$ROOT/build/miglint}}")
[ -x "$MIGLINT" ] || { echo "no miglint binary at $MIGLINT (build it or pass its path)" >&2; exit 2; }
RUNS=5 WARMUP=1
[ $QUICK = 1 ] && RUNS=3
DOKPLOY=$(realpath "$ROOT/../shared/corpus/Dokploy__dokploy/apps__dokploy__drizzle")
KARAKEEP=$(realpath "$ROOT/../shared/corpus/karakeep-app__karakeep/packages__db__drizzle")  # SQLite, 0.x layout
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$CACHE"

# --- tools: Debian packages, installed only when missing ---------------------
missing=""
command -v hyperfine >/dev/null || missing="$missing hyperfine"
command -v jq >/dev/null || missing="$missing jq"
[ -x /usr/bin/time ] || missing="$missing time"   # GNU time: the shell builtin has no %M
if [ -n "$missing" ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get install -y $missing || { $SUDO apt-get update && $SUDO apt-get install -y $missing; }
fi

# drizzle-kit at the version the fixtures pin, from the same lockfile, so the
# comparison is against exactly the tool the project tests with.
DK_DIR=$CACHE/drizzle-kit
DK=$DK_DIR/node_modules/.bin/drizzle-kit
DK_VERSION=$(jq -r '.dependencies["drizzle-kit"]' "$ROOT/fixtures/drizzle-kit/package.json")
if [ $QUICK = 0 ] && ! { [ -x "$DK" ] && "$DK" --version 2>/dev/null | grep -q "drizzle-kit: v$DK_VERSION"; }; then
  mkdir -p "$DK_DIR"
  cp "$ROOT/fixtures/drizzle-kit/package.json" "$ROOT/fixtures/drizzle-kit/package-lock.json" "$DK_DIR/"
  (cd "$DK_DIR" && npm ci --no-audit --no-fund --loglevel=error)
fi

# Karakeep's folder in the 1.0 layout, made from the 0.x one by the real `drizzle-kit up` of the
# version fixtures/drizzle-kit-1 pins (a 1.0 folder should check as fast as its 0.x twin).
DK1_DIR=$CACHE/drizzle-kit-1
DK1=$DK1_DIR/node_modules/.bin/drizzle-kit
KARAKEEP_V1=$CACHE/karakeep-v1
DK1_STAMP="$(sha256sum "$ROOT/fixtures/drizzle-kit-1/package-lock.json" | cut -d' ' -f1) $(find "$KARAKEEP" -type f -print0 | sort -z | xargs -0 cat | sha256sum | cut -d' ' -f1)"
if [ "$(cat "$KARAKEEP_V1.stamp" 2>/dev/null)" != "$DK1_STAMP" ]; then
  echo "making karakeep's folder in the 1.0 layout with drizzle-kit up" >&2
  mkdir -p "$DK1_DIR"
  cp "$ROOT/fixtures/drizzle-kit-1/package.json" "$ROOT/fixtures/drizzle-kit-1/package-lock.json" "$DK1_DIR/"
  (cd "$DK1_DIR" && npm ci --no-audit --no-fund --loglevel=error)
  rm -rf "$KARAKEEP_V1" && mkdir -p "$KARAKEEP_V1"
  cp -r "$KARAKEEP" "$KARAKEEP_V1/migrations"
  echo 'export default { dialect: "sqlite", out: "./migrations" };' >"$KARAKEEP_V1/drizzle.config.mjs"
  (cd "$KARAKEEP_V1" && "$DK1" up --config drizzle.config.mjs >/dev/null)
  echo "$DK1_STAMP" >"$KARAKEEP_V1.stamp"
fi

# drizzle-kit prefixes "./" to "out", so each folder gets a throwaway dir with
# a symlink to it and a minimal JSON config we wrote (no user config is run).
dk_dir() {
  mkdir -p "$WORK/dk-$1"
  ln -sfn "$2" "$WORK/dk-$1/migrations"
  echo '{"dialect":"postgresql","out":"./migrations"}' >"$WORK/dk-$1/drizzle.config.json"
  echo "$WORK/dk-$1"
}
dk_check() { (cd "$(dk_dir "$1" "$2")" && "$DK" check --config drizzle.config.json 2>&1); }

# --- synthetic folders: regenerated only when the generator changes ----------
GEN_HASH=$(sha256sum "$BENCH/make_synthetic.cjs" | cut -d' ' -f1)
for n in 200 2000; do
  dir=$CACHE/synthetic-$n stamp=$CACHE/synthetic-$n.stamp
  if [ "$(head -n1 "$stamp" 2>/dev/null)" != "$GEN_HASH" ]; then
    echo "generating $n synthetic migrations" >&2
    node "$BENCH/make_synthetic.cjs" "$n" "$dir"
    echo "$GEN_HASH" >"$stamp"
  fi
  # A synthetic folder is only a fair workload if it is consistent: miglint must find no
  # error (its SET NOT NULL and DROP statements rightly draw safety warnings), and drizzle-kit
  # must accept it (checked once).
  out=$("$MIGLINT" check --quiet --fail-on error --color never --format gcc "$dir") || { echo "miglint flags $dir:"; echo "$out"; exit 1; } >&2
  if printf '%s\n' "$out" | grep -q ': error\['; then echo "miglint flags $dir:" >&2; echo "$out" >&2; exit 1; fi
  if [ $QUICK = 0 ] && ! grep -qx drizzle-kit-ok "$stamp"; then
    dk_check "s$n" "$dir" | tee "$WORK/dk.log" | grep -q "Everything's fine" \
      || { echo "drizzle-kit rejects $dir:" >&2; cat "$WORK/dk.log" >&2; exit 1; }
    echo drizzle-kit-ok >>"$stamp"
  fi
done

# --- timings ------------------------------------------------------------------
# bench NAME DIR: one hyperfine call per folder so the three commands share the
# same cache state; --exit-zero because Dokploy has findings (exit 1) and
# hyperfine treats any non-zero exit as a failed step.
# A third argument "alone": miglint and the floor only (drizzle-kit check is not compared there).
bench() {
  local name=$1 dir=$2 args=()
  args+=(-n miglint "$MIGLINT check --exit-zero '$dir'")
  [ $QUICK = 0 ] && [ "${3:-}" != alone ] && args+=(-n drizzle-kit "cd '$(dk_dir "$name" "$dir")' && '$DK' check --config drizzle.config.json")
  args+=(-n floor "find '$dir' -type f -exec cat {} + | openssl dgst -sha256")
  hyperfine --style basic --warmup $WARMUP --runs $RUNS --export-json "$WORK/$name.json" "${args[@]}" >&2
}
median() { jq -r --arg c "$2" '.results[] | select(.command == $c) | .median' "$WORK/$1.json"; }
cpu() { jq -r --arg c "$2" '.results[] | select(.command == $c) | .user + .system' "$WORK/$1.json"; }  # mean user+sys
# Peak RSS in KB: median of RUNS runs of GNU time's %M.
rss() {
  for _ in $(seq $RUNS); do
    /usr/bin/time -f %M -o "$WORK/rss" "$MIGLINT" check --exit-zero "$1" >/dev/null; cat "$WORK/rss"
  done | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

# pairs DIR: drizzle-kit / miglint on DIR, measured as PAIRS runs of the two in turn, so that a change
# in the machine's speed during the run hits both sides of each ratio. Prints the median of the pairs'
# wall-time ratios and of their CPU-time ratios (user+sys, GNU time's 10 ms resolution).
PAIRS=9
pairs() {
  local dir=$1 dk; dk=$(dk_dir pairs "$dir")
  for _ in $(seq $PAIRS); do
    local t0=$EPOCHREALTIME
    /usr/bin/time -f '%U %S' -o "$WORK/cpu-a" "$MIGLINT" check --exit-zero "$dir" >/dev/null 2>&1
    local t1=$EPOCHREALTIME
    (cd "$dk" && /usr/bin/time -f '%U %S' -o "$WORK/cpu-b" "$DK" check --config drizzle.config.json >/dev/null 2>&1)
    local t2=$EPOCHREALTIME
    echo "$t0 $t1 $t2 $(cat "$WORK/cpu-a") $(cat "$WORK/cpu-b")"
  done | awk '{ wall[NR] = ($3 - $2) / ($2 - $1); cpu[NR] = ($6 + $7) / ($4 + $5) }
    function median(a, n,   i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
      return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
    END { printf "%.1f %.1f\n", median(wall, NR), median(cpu, NR) }'
}

# Other work on the machine inflates wall times (not CPU times): record the load.
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
bench dokploy "$DOKPLOY"
bench s200 "$CACHE/synthetic-200"
bench s2000 "$CACHE/synthetic-2000"
bench karakeep "$KARAKEEP" alone
bench karakeep1 "$KARAKEEP_V1/migrations" alone
[ $QUICK = 0 ] && read -r PAIR_WALL PAIR_CPU < <(pairs "$DOKPLOY")
RSS_DOK=$(rss "$DOKPLOY")
RSS_2000=$(rss "$CACHE/synthetic-2000")
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# --- report -------------------------------------------------------------------
ms() { awk -v s="$1" 'BEGIN {printf "%.1f ms", s * 1000}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf (a / b < 0.1 ? "%.3f" : "%.2f"), a / b}'; }
# verdict VALUE OP LIMIT: "ok" or "MISSED"
verdict() { awk -v v="$1" -v l="$3" -v op="$2" 'BEGIN {print ((op == "<=" ? v <= l : v >= l) ? "ok" : "MISSED")}'; }
files() { find "$1" -type f | wc -l; }
size() { du -sh --apparent-size "$1" | cut -f1; }

{
  echo "# miglint benchmark"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $([ $QUICK = 1 ] && echo "quick mode, " || true)median of $RUNS runs after $WARMUP warmup (hyperfine), warm page cache."
  echo "Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load average $LOAD_BEFORE before, $LOAD_AFTER after."
  echo "Tools: $("$MIGLINT" --version | head -n1), $([ $QUICK = 0 ] && "$DK" --version 2>/dev/null | tr '\n' ' ' | sed 's/ *$//' || echo "drizzle-kit not run"), $(hyperfine --version), node $(node --version), $(openssl version | cut -d' ' -f1-2)."
  echo
  echo "| folder | files | size | miglint | drizzle-kit check | floor (cat \| sha256) | miglint / drizzle-kit | miglint / floor | miglint CPU (user+sys) |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  for f in "dokploy:Dokploy (186 migrations):$DOKPLOY" "s200:synthetic 200:$CACHE/synthetic-200" "s2000:synthetic 2000:$CACHE/synthetic-2000" \
           "karakeep:karakeep (SQLite, 0.x layout):$KARAKEEP" "karakeep1:karakeep after drizzle-kit up (1.0 layout):$KARAKEEP_V1/migrations"; do
    IFS=: read -r key label dir <<<"$f"
    m=$(median "$key" miglint) fl=$(median "$key" floor)
    if [ $QUICK = 0 ] && [ "${key#karakeep}" = "$key" ]; then d=$(median "$key" drizzle-kit); dcol="$(ms "$d") | $(ratio "$m" "$d")"; else dcol="– | –"; fi
    echo "| $label | $(files "$dir") | $(size "$dir") | $(ms "$m") | ${dcol%% |*} | $(ms "$fl") | ${dcol##*| } | $(ratio "$m" "$fl") | $(ms "$(cpu "$key" miglint)") |"
  done
  echo
  echo "| target | value | goal | |"
  echo "| --- | ---: | --- | --- |"
  m=$(median dokploy miglint)
  if [ $QUICK = 0 ]; then
    x=$(ratio "$(median dokploy drizzle-kit)" "$m")
    echo "| drizzle-kit / miglint on Dokploy (medians above) | ${x}x | at least 30x | $(verdict "$x" '>=' 30) |"
    echo "| drizzle-kit / miglint on Dokploy, wall, $PAIRS runs in turn (median of pairs) | ${PAIR_WALL}x | at least 30x | $(verdict "$PAIR_WALL" '>=' 30) |"
    echo "| drizzle-kit / miglint on Dokploy, CPU, $PAIRS runs in turn (median of pairs) | ${PAIR_CPU}x | | |"
  fi
  for key in dokploy s200 s2000; do
    x=$(ratio "$(median $key miglint)" "$(median $key floor)")
    echo "| miglint / floor, $key | ${x}x | at most 1.5x | $(verdict "$x" '<=' 1.5) |"
  done
  x=$(ratio "$(median karakeep1 miglint)" "$(median karakeep miglint)")
  echo "| miglint time, karakeep 1.0 layout / 0.x layout | ${x}x | at most 1.2x | $(verdict "$x" '<=' 1.2) |"
  x=$(ratio "$(median s2000 miglint)" "$(median s200 miglint)")
  echo "| miglint time(2000) / time(200) | ${x}x | at most 12x | $(verdict "$x" '<=' 12) |"
  echo "| miglint peak RSS, Dokploy | $((RSS_DOK / 1024)) MB | at most 64 MB | $(verdict "$RSS_DOK" '<=' 65536) |"
  echo "| miglint peak RSS, synthetic 2000 | $((RSS_2000 / 1024)) MB | at most 64 MB | $(verdict "$RSS_2000" '<=' 65536) |"
} >"$WORK/results.md"

cat "$WORK/results.md"
if [ $QUICK = 1 ]; then cp "$WORK/results.md" "$CACHE/results-quick.md"; else cp "$WORK/results.md" "$BENCH/results.md"; fi
