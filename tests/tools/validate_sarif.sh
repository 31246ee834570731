#!/usr/bin/env bash
# validate_sarif.sh: offline checks of SARIF files that miglint wrote.
#
# Usage: tests/tools/validate_sarif.sh [--install] FILE...
#
# Each FILE is checked with (the rule catalogue, the same in every file, in full in the first file
# only: see sarif_catalogue_once.cjs; MIGLINT_SARIF_EVERY_CATALOGUE=1 judges it in every file)
#   1. the official SARIF 2.1.0 JSON schema (sarif-2.1.0.json from @microsoft/sarif-multitool-linux,
#      draft 2020-12) through ajv-cli with ajv-formats;
#   2. the SARIF Multitool's `validate` with the SARIF and GitHub (GHAS) rule sets: every error-level
#      result fails, and so does every warning-level GH* (GitHub ingestion) result;
#   3. GitHub's upload limits (runs, results, rules, extensions, locations, tags, description
#      lengths, 10 MB gzip size) and miglint's SPEC section 3 promises (no absolute paths, no
#      timestamps, every result located in a file region with startLine >= 1, ruleId and ruleIndex
#      pointing at a rule of tool.driver.rules).
# Every problem of every file is listed; the exit code is 0 when all files pass, 1 when any check
# failed, 2 on a usage error and 3 when the validators could not be installed.
#
# The validators are installed once by install_tools.sh (`npm ci` from package.json +
# package-lock.json next to this script, under flock) into $MIGLINT_TOOLS_DIR (default:
# $MIGLINT_BUILD_DIR/test-tools, else <source>/build/test-tools) and reinstalled only when those two
# files change. jq comes from apt-get when it is missing. `--install` only installs.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source_root=$(cd "$here/../.." && pwd)
tools=${MIGLINT_TOOLS_DIR:-${MIGLINT_BUILD_DIR:-$source_root/build}/test-tools}

install_only=0
if [ "${1:-}" = "--install" ]; then
  install_only=1
  shift
fi
if [ "$install_only" = 0 ] && [ $# -eq 0 ]; then
  echo "usage: $0 [--install] FILE..." >&2
  exit 2
fi

die_install() {
  echo "validate_sarif: cannot install the SARIF validators: $*" >&2
  exit 3
}

# --- jq ---------------------------------------------------------------------------------------
if ! command -v jq >/dev/null 2>&1; then
  echo "validate_sarif: jq is missing; installing it with apt-get" >&2
  if ! command -v apt-get >/dev/null 2>&1; then die_install "jq is missing and there is no apt-get"; fi
  sudo=""
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo -n"; else die_install "jq is missing and we are not root"; fi
  fi
  if ! $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q jq >/dev/null 2>&1; then
    $sudo apt-get update -q >/dev/null 2>&1 || true
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q jq >&2 || die_install "apt-get install jq failed"
  fi
  command -v jq >/dev/null 2>&1 || die_install "jq is still missing after apt-get"
fi

# --- npm tools, installed once per package.json + lock (install_tools.sh, under flock) -------
tools=$(bash "$here/install_tools.sh" "$tools") || die_install "see above"
multitool=$tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
schema=$tools/node_modules/@microsoft/sarif-multitool-linux/sarif-2.1.0.json
ajv=$tools/node_modules/.bin/ajv
[ -x "$multitool" ] && [ -f "$schema" ] && [ -x "$ajv" ] || die_install "the install did not produce the validators"

[ "$install_only" = 1 ] && exit 0

# The multitool is a self-contained .NET program; without ICU it needs invariant globalisation.
if ! ls /usr/lib/*/libicuuc.so.* /usr/lib/libicuuc.so.* >/dev/null 2>&1; then
  export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1

work=$(mktemp -d "${TMPDIR:-/tmp}/validate-sarif.XXXXXX")
trap 'rm -rf "$work"' EXIT

# MIGLINT_SARIF_TIMING=1 prints how long each step took.
t_last=$(date +%s.%N)
phase() {
  if [ "${MIGLINT_SARIF_TIMING:-}" = 1 ]; then
    local now
    now=$(date +%s.%N)
    awk -v a="$t_last" -v b="$now" -v n="$1" 'BEGIN { printf "validate_sarif: %-12s %6.2f s\n", n, b - a }' >&2
    t_last=$now
  fi
}

problems=$work/problems
: >"$problems"
problem() { printf '%s\n' "$*" >>"$problems"; }

# Absolute paths that must never appear in a document, besides the generic patterns below.
forbidden=()
for p in "$PWD" "$(pwd -P)" "$source_root" "${HOME:-}" "${TMPDIR:-}" "$work"; do
  [ "${#p}" -gt 1 ] && forbidden+=("$p")
done
# ...as one regex alternation, metacharacters escaped.
forbidden_re=$(printf '%s\n' "${forbidden[@]}" | sort -u | sed 's/[][\.*^$+?(){}|/]/\\&/g' | paste -sd'|')

# --- checks 3: GitHub limits and miglint's promises (jq) --------------------------------------
read -r -d '' CHECKS <<'JQ'
def where($p): $p | map(if type == "number" then "[\(.)]" else ".\(.)" end) | join("") | ltrimstr(".");
def text_ok($t): ($t | type) == "string" and ($t | length) > 0;
# One regular expression per string (jq compiles a regex on every test() call, so few calls):
# absolute POSIX paths under the usual roots, file: URIs, drive letters, UNC paths, the forbidden
# literal paths ($forbidden_re), and ISO 8601 date-times.
def abs_re: "(^|[\\s\"'`(\\[{=,;:])/(tmp|work|home|root|usr|etc|var|opt|srv|mnt|media|private|Users|proc|sys|run|nix|builds?|__w|github|workspace)(/|$)|(^|[^A-Za-z])[Ff][Ii][Ll][Ee]:/|(^|[\\s\"'(=])[A-Za-z]:[\\\\/]|^\\\\\\\\" + (if $forbidden_re == "" then "" else "|(?<![A-Za-z0-9._~-])(" + $forbidden_re + ")(?![A-Za-z0-9._~-])" end);
def uri_abs_re: "^[A-Za-z][A-Za-z0-9+.-]*:|^/|^\\\\";
def time_re: "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}";
. as $doc
| (if (.runs | type) != "array" then "runs is missing or not an array"
   elif (.runs | length) > 20 then "\(.runs | length) runs; GitHub rejects more than 20 per file"
   else empty end),
  ((.runs // []) | to_entries[] | .key as $r | .value as $run | "runs[\($r)]" as $rw
   | (($run.tool.driver.rules // []) | if type == "array" then . else [] end) as $rules
   | (($run.results // []) | if type == "array" then . else [] end) as $results
   | (if ($run.results | type) != "array" then "\($rw): results is missing (emit [] on a clean run)" else empty end),
     (if ($run.tool.driver.rules | type) != "array" then "\($rw): tool.driver.rules is missing" else empty end),
     (if ($results | length) > 25000 then "\($rw): \($results | length) results; GitHub rejects more than 25000 per run" else empty end),
     (if ($rules | length) > 25000 then "\($rw): \($rules | length) rules; GitHub rejects more than 25000 per run" else empty end),
     (if (($run.tool.extensions // []) | length) > 100 then "\($rw): more than 100 tool extensions" else empty end),
     (if (($run.invocations // []) | length) == 0 then "\($rw): no invocations (executionSuccessful must be reported)" else empty end),
     ($rules | map(.id) | group_by(.) | map(select(length > 1) | .[0]) | .[]
      | "\($rw): rule id \(tojson) appears more than once in tool.driver.rules"),
     ($rules | to_entries[] | .key as $i | .value as $rule | "\($rw).tool.driver.rules[\($i)] (\($rule.id // "?"))" as $w
      | (if text_ok($rule.id) | not then "\($w): id is missing or empty" else empty end),
        (["shortDescription", "fullDescription"][] as $d
         | if text_ok($rule[$d].text) | not then "\($w): \($d).text is missing or empty (GitHub requires it)"
           elif ($rule[$d].text | length) > 1024 then "\($w): \($d).text is longer than 1024 characters"
           else empty end),
        (if text_ok($rule.help.text) | not then "\($w): help.text is missing or empty (GitHub requires it)" else empty end),
        (if (($rule.name // "") | length) > 255 then "\($w): name is longer than 255 characters" else empty end),
        (if (($rule.properties.tags // []) | length) > 20 then "\($w): more than 20 tags" else empty end)),
     ($results | to_entries[] | .key as $i | .value as $res | "\($rw).results[\($i)]" as $w
      | (if text_ok($res.ruleId) | not then "\($w): ruleId is missing or empty"
         elif ($rules | map(.id) | index($res.ruleId)) == null then "\($w): ruleId \($res.ruleId | tojson) is not in tool.driver.rules"
         else empty end),
        (if ($res.ruleIndex | type) != "number" then "\($w): ruleIndex is missing"
         elif $res.ruleIndex < 0 or $res.ruleIndex >= ($rules | length) or $rules[$res.ruleIndex].id != $res.ruleId
         then "\($w): ruleIndex \($res.ruleIndex) does not point at rule \($res.ruleId | tojson)"
         else empty end),
        (if text_ok($res.message.text) | not then "\($w): message.text is missing or empty" else empty end),
        (($res.locations // []) as $locs
         | if ($locs | type) != "array" or ($locs | length) == 0 then "\($w): no locations (GitHub rejects the whole file)"
           elif ($locs | length) > 1000 then "\($w): more than 1000 locations"
           else ($locs | to_entries[] | .key as $j | .value.physicalLocation as $pl | "\($w).locations[\($j)]" as $lw
             | (if text_ok($pl.artifactLocation.uri) | not then "\($lw): physicalLocation.artifactLocation.uri is missing or empty"
                else empty end),
               (if ($pl.region.startLine | type) != "number" or $pl.region.startLine < 1
                then "\($lw): physicalLocation.region.startLine is missing or < 1"
                else empty end))
           end))),
  # No absolute paths: URIs must be relative references, and no string may hold an absolute path.
  # No timestamp-like values either.
  (abs_re as $abs | uri_abs_re as $uabs | time_re as $time
   | paths(type == "string") as $p | getpath($p) as $v
   | if ($p[-1] == "uri") and ($v | test($uabs)) then "\(where($p)): absolute URI \($v | tojson)"
     elif $v | test($abs) then "\(where($p)): absolute path in \($v | tojson)"
     elif $v | test($time) then "\(where($p)): timestamp-like value \($v | tojson)"
     else empty end),
  # No timestamp properties (startTimeUtc, endTimeUtc, timeUtc, ...).
  (if [.. | objects | keys[]] | unique | any(test("(?i)(time|date)(utc)?$|timestamp"))
   then [paths] | map(select(.[-1] | type == "string" and test("(?i)(time|date)(utc)?$|timestamp"))) | .[]
        | "\(where(.)): timestamp property (SPEC 3: output carries no timestamps)"
   else empty end)
JQ

# --- copies with a .json name (ajv reads only .json), JSON syntax, gzip size ------------------
names=$work/names.sed   # maps the copies back to the names the caller gave
: >"$names"
copies=()
i=0
for f in "$@"; do
  i=$((i + 1))
  if [ ! -f "$f" ]; then
    problem "$f: no such file"
    continue
  fi
  cp "$f" "$work/$i.json"
  printf 's|%s|%s|g\n' "$work/$i.json" "$(printf '%s' "$f" | sed 's/[|&\\]/\\&/g')" >>"$names"
  copies+=("$work/$i.json")
  # GitHub: at most 10 MB gzip-compressed.
  gz=$(gzip -9c "$f" | wc -c)
  if [ "$gz" -gt 10485760 ]; then problem "$f: $gz bytes gzip-compressed; GitHub rejects files over 10 MB"; fi
done
rename() { sed -f "$names"; }
phase "copies"

# JSON syntax: one jq call, and one per file only when something does not parse.
if [ ${#copies[@]} -gt 0 ] && ! jq -e -n 'reduce inputs as $x (0; .)' "${copies[@]}" >/dev/null 2>&1; then
  ok=()
  for c in "${copies[@]}"; do
    if jq -e -n 'reduce inputs as $x (0; .)' "$c" >/dev/null 2>"$work/jqerr"; then
      ok+=("$c")
    else
      problem "$(printf '%s: not valid JSON: %s' "$c" "$(head -c 300 "$work/jqerr")" | rename)"
    fi
  done
  copies=("${ok[@]}")
fi

# The rule catalogue, the same in nearly every file, is judged in full once (see sarif_catalogue_once.cjs).
if [ ${#copies[@]} -gt 1 ] && [ "${MIGLINT_SARIF_EVERY_CATALOGUE:-}" != 1 ]; then
  node "$here/sarif_catalogue_once.cjs" "${copies[@]}" | rename >>"$problems" ||
    problem "sarif_catalogue_once.cjs failed to run"
  phase "catalogue"
fi

if [ ${#copies[@]} -gt 0 ]; then
  # --- check 3: GitHub limits and SPEC 3 (one jq call for all files) ---------------------------
  if jq -r --arg forbidden_re "$forbidden_re" "input_filename as \$file | ($CHECKS) | \"\\(\$file): \\(.)\"" \
      "${copies[@]}" >"$work/checks" 2>"$work/checks.err"; then
    sort -u "$work/checks" | rename >>"$problems"
  else
    problem "the jq checks failed to run: $(head -c 500 "$work/checks.err")"
  fi

  phase "jq checks"
  # --- check 1: JSON schema (ajv, all files in one call) ---------------------------------------
  ajv_args=()
  for c in "${copies[@]}"; do ajv_args+=(-d "$c"); done
  (cd "$tools" && "$ajv" validate --spec=draft2020 -c ajv-formats -s "$schema" "${ajv_args[@]}" --all-errors \
    --errors=text >"$work/ajv.out" 2>&1)
  rc=$?
  if [ "$rc" != 0 ]; then
    # ajv prints "FILE valid" / "FILE invalid" and, for invalid files, their errors.
    grep -v ' valid$' "$work/ajv.out" | rename | sed 's/^/schema: /' >>"$problems"
    if [ "$rc" != 1 ]; then problem "schema: ajv exited with status $rc"; fi
  fi

  phase "ajv"
  # --- check 2: SARIF Multitool, SARIF + GitHub rules ------------------------------------------
  # The Multitool costs ~0.3 s per file but little per run, so runs of files whose top level (all but
  # "runs") is the same are packed into logs of at most 20 runs (GitHub's limit) and the results
  # are mapped back to the original file and run. When a packed log breaks the JSON schema the
  # Multitool skips its SARIF/GitHub rules for that whole log, so fix schema errors first.
  jq -n -c '
    [inputs | {file: input_filename, top: del(.runs), runs: (.runs // [])}]
    | group_by(.top | tojson)
    | map(. as $group
          | reduce $group[] as $d ([];
              if (length > 0) and ((.[-1].runs | length) + ($d.runs | length) <= 20)
                 and ((.[-1].runs | length) > 0) and (($d.runs | length) > 0)
              then .[-1].runs += $d.runs | .[-1].map += [range(0; $d.runs | length) as $k | [$d.file, $k]]
              else . + [{top: $d.top, runs: $d.runs, map: [range(0; $d.runs | length) as $k | [$d.file, $k]],
                         files: [$d.file]}]
              end
              | .[-1].files = ((.[-1].files // []) + [$d.file] | unique)))
    | add | to_entries | map(.value + {chunk: .key})' "${copies[@]}" >"$work/chunks.json" 2>"$work/chunks.err" ||
    problem "cannot pack the files for the Multitool: $(head -c 500 "$work/chunks.err")"
  nchunks=$(jq 'length' "$work/chunks.json" 2>/dev/null || echo 0)
  mt_files=()
  for ((c = 0; c < nchunks; c++)); do
    jq ".[$c] | .top + {runs: .runs}" "$work/chunks.json" >"$work/chunk-$c.sarif"
    mt_files+=("$work/chunk-$c.sarif")
  done
  phase "packing"
  if [ ${#mt_files[@]} -gt 0 ]; then
    # A packed log of 20 runs, each with every rule's page, passes the Multitool's default 10 MB
    # limit (past it the file is skipped, not judged).
    if ! "$multitool" validate "${mt_files[@]}" -o "$work/multitool.sarif" --log ForceOverwrite \
        --rule-kind "Sarif;Ghas" --max-file-size-in-kb 102400 >"$work/multitool.out" 2>&1 || [ ! -s "$work/multitool.sarif" ]; then
      tail -n 30 "$work/multitool.out" | rename | sed 's/^/multitool: /' >>"$problems"
      problem "multitool: Sarif.Multitool validate did not write its log"
    else
      phase "multitool"
      # One line per (result, original file): FATAL<TAB>TEXT. {0} of every Multitool message is
      # the JSON path of the offending object; runs[k] there is rewritten to the original run.
      jq -r --slurpfile chunks "$work/chunks.json" --arg work "$work" '
        .runs[] | (.tool.driver.rules // []) as $rules | (.artifacts // []) as $arts
        | .results[]? | . as $res
        | ($res.level // "warning") as $level
        | ($res.locations[0].physicalLocation // {}) as $pl
        | ($pl.artifactLocation.uri
           // (if $pl.artifactLocation.index != null then $arts[$pl.artifactLocation.index].location.uri else "" end))
          as $uri
        | ($uri | sub("^file://"; "") | capture("chunk-(?<c>[0-9]+)\\.sarif$").c // null) as $c
        | ($rules | map(select(.id == $res.ruleId)) | .[0]) as $rule
        | ($res.message.arguments // []) as $args
        | ($args[0] // "") as $path
        | (if $c == null then [[$uri, $path]]
           else $chunks[0][$c | tonumber] as $chunk
             | ($path | capture("^runs\\[(?<k>[0-9]+)\\](?<rest>.*)$")) as $m
             | if $m then $chunk.map[$m.k | tonumber] as $o | [[$o[0], "runs[\($o[1])]\($m.rest)"]]
               else $chunk.files | map([., $path]) end
           end)[] as [$file, $opath]
        | ($res.message.text
           // (($rule.messageStrings[$res.message.id].text // $res.message.id // "")
               | reduce range(0; $args | length) as $k
                   (.; split("{\($k)}") | join(if $k == 0 then $opath else $args[$k] end))))
          as $msg
        | (($level == "error") or ($level == "warning" and ($res.ruleId // "" | startswith("GH")))) as $fatal
        | [if $fatal then "fatal" else "info" end,
           "multitool: \($level) \($res.ruleId // "?")\(if $rule.name then "/" + $rule.name else "" end): \($file): \($msg)"]
        | @tsv' "$work/multitool.sarif" >"$work/multitool.tsv" 2>"$work/multitool.jqerr" ||
        problem "multitool: cannot read its log: $(head -c 500 "$work/multitool.jqerr")"
      awk -F'\t' '$1 == "fatal" { print $2 }' "$work/multitool.tsv" | sort -u | rename >>"$problems"
      # Other warnings and notes do not fail; show each once, with the number of files.
      awk -F'\t' '$1 == "info" { print $2 }' "$work/multitool.tsv" | sort -u | rename |
        sed -E 's/^(multitool: [a-z]+ [^:]+): [^:]+: /\1: /' | sort | uniq -c |
        sed -E 's/^ *([0-9]+) (.*)$/\2 [\1 file(s)]/' >&2
    fi
  fi
fi

phase "report"
if [ -s "$problems" ]; then
  echo "validate_sarif: $(wc -l <"$problems") problem(s) in $# file(s):" >&2
  cat "$problems" >&2
  exit 1
fi
echo "validate_sarif: $# file(s) valid (JSON schema, SARIF Multitool Sarif+Ghas rules, GitHub limits, SPEC 3)" >&2
exit 0
