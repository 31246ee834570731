#!/usr/bin/env bash
# Runs the libFuzzer harnesses of a `-DMIGLINT_FUZZ=ON` build, each for a set time, one after the
# other, and prints what each did (executions, coverage, crashes):
#   fuzz/run.sh BUILD SECONDS_PER_HARNESS [HARNESS[:SECONDS]...]
# Environment: FUZZ_NICE (default 19), FUZZ_FORK=1 to keep going after a crash (libFuzzer's fork
# mode; crashes are still saved), FUZZ_ARGS for more libFuzzer flags, FUZZ_GENERATED_SEEDS=0 to start
# from the committed seeds and regressions only (make_seeds.sh takes a minute of CPU), FUZZ_SUMMARY
# for the summary's file.
# Kept in BUILD: fuzz-corpus/<h> (grows from run to run), fuzz-seeds (from make_seeds.sh),
# fuzz-artifacts/<h> (crashing, leaking and slow inputs), fuzz-logs/<h>.log and fuzz-logs/summary.md.
set -uo pipefail

src=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "$1" && pwd)
seconds=$2
shift 2
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(journal snapshot sql config drizzle_config database_url lsp_transport lsp_server folder)

max_len() {
  case $1 in
    snapshot | folder) echo 131072 ;;
    journal | sql | lsp_server) echo 65536 ;;
    database_url) echo 4096 ;;
    *) echo 8192 ;;
  esac
}

if [ "${FUZZ_GENERATED_SEEDS:-1}" = 1 ]; then
  [ -d "$build/fuzz-seeds" ] || bash "$src/fuzz/make_seeds.sh" "$build/fuzz-seeds" || exit 2
fi
mkdir -p "$build/fuzz-logs"
summary=${FUZZ_SUMMARY:-$build/fuzz-logs/summary.md}
# Leaks of the linked libraries, not miglint's (see the file).
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$src/tests/lsan.supp}
echo "| harness | seconds | executions | cov (edges) | ft (features) | corpus | result |" >"$summary"
echo "|---|---|---|---|---|---|---|" >>"$summary"
status=0
for spec in "${harnesses[@]}"; do
  h=${spec%%:*}
  secs=$seconds
  [ "$spec" = "$h" ] || secs=${spec#*:}
  bin=$build/fuzz/fuzz_$h
  [ -x "$bin" ] || { echo "no harness $bin"; status=2; continue; }
  mkdir -p "$build/fuzz-corpus/$h" "$build/fuzz-artifacts/$h" "$build/fuzz-seeds/$h"
  log=$build/fuzz-logs/$h.log
  fork=()
  [ "${FUZZ_FORK:-0}" = 1 ] && fork=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
  # libFuzzer stops on a directory that does not exist; not every harness has regressions yet.
  corpora=("$build/fuzz-corpus/$h" "$build/fuzz-seeds/$h")
  for dir in "$src/fuzz/seeds/$h" "$src/fuzz/regressions/$h"; do [ -d "$dir" ] && corpora+=("$dir"); done
  touch "$log.start"
  echo "fuzzing $h for ${secs}s (log: $log)"
  # shellcheck disable=SC2086
  nice -n "${FUZZ_NICE:-19}" "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
    -max_len="$(max_len "$h")" -print_final_stats=1 -artifact_prefix="$build/fuzz-artifacts/$h/" \
    "${fork[@]}" ${FUZZ_ARGS:-} \
    "${corpora[@]}" >"$log" 2>&1
  rc=$?
  # The last status line: "#RUNS ... cov: N ft: N corp: N/..." (fork mode: "#RUNS: cov: ...").
  last=$(grep -E '^#[0-9]+:?[[:space:]]' "$log" | tail -1)
  runs=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+).*/\1/p' "$log" | tail -1)
  [ -n "$runs" ] || runs=$(echo "$last" | sed -nE 's/^#([0-9]+).*/\1/p')
  cov=$(echo "$last" | sed -nE 's/.*cov: ([0-9]+).*/\1/p')
  ft=$(echo "$last" | sed -nE 's/.*ft: ([0-9]+).*/\1/p')
  corp=$(echo "$last" | sed -nE 's/.*corp: ([0-9]+).*/\1/p')
  found=$(find "$build/fuzz-artifacts/$h" -type f -newer "$log.start" | wc -l)  # this run's, not older ones
  result="ok"
  [ "$rc" -ne 0 ] && { result="stopped (exit $rc)"; status=1; }
  [ "$found" -gt 0 ] && { result="$result; $found input(s) in fuzz-artifacts/$h"; status=1; }
  echo "| $h | $secs | ${runs:-?} | ${cov:-?} | ${ft:-?} | ${corp:-?} | $result |" >>"$summary"
  tail -1 "$summary"
done
echo; cat "$summary"
exit $status
