#!/usr/bin/env bash
# Writes the fuzzers' starting inputs, made from the project's fixtures and, when present, the
# shared corpus of real migrations folders (../shared/corpus next to the source tree):
#   make_seeds.sh OUT      -> OUT/<harness>/<n>, in each harness's input format (see harness_*.cpp)
# The hand-written seeds in fuzz/seeds/ are used as they are, next to these.
set -euo pipefail

src=$(cd "$(dirname "$0")/.." && pwd)
out=$1
rm -rf "$out"
mkdir -p "$out"
roots=("$src/fixtures")
[ -d "$src/../shared/corpus" ] && roots+=("$(cd "$src/../shared/corpus" && pwd)")

max_seed=131072  # bytes; larger files slow every mutation and add little
n=0
seed() {  # seed HARNESS PREFIX FILE...: one input, PREFIX (may be empty) then the files' bytes
  local harness=$1 prefix=$2
  shift 2
  mkdir -p "$out/$harness"
  n=$((n + 1))
  { printf "%s" "$prefix"; cat "$@"; } 2>/dev/null | head -c "$max_seed" >"$out/$harness/$n" || true  # head may cut cat short
}

# The letter that picks a dialect in the snapshot, sql and folder harnesses, from a journal.
dialect_letter() {
  case "$(grep -o '"dialect"[^,}]*' "$1" 2>/dev/null | head -1)" in
    *singlestore*) echo S ;;
    *mysql*) echo m ;;
    *sqlite* | *turso*) echo s ;;
    *) echo p ;;
  esac
}

separator=$(mktemp)  # between the two snapshots of a 'P' snapshot input
printf '\n\f\n' >"$separator"
trap 'rm -f "$separator"' EXIT

# Journals, snapshots and SQL of every folder that has a journal, a sample of each folder's files.
while IFS= read -r journal; do
  folder=$(dirname "$(dirname "$journal")")
  letter=$(dialect_letter "$journal")
  seed journal "" "$journal"
  # Every k-th file, so a folder of hundreds of migrations gives about 12 of each kind.
  mapfile -t snapshots < <(find "$folder/meta" -maxdepth 1 -name '*_snapshot.json' -size -128k | sort)
  step=$(((${#snapshots[@]} + 11) / 12)); [ "$step" -ge 1 ] || step=1
  for ((i = 0; i < ${#snapshots[@]}; i += step)); do seed snapshot "$letter" "${snapshots[$i]}"; done
  # Two consecutive PostgreSQL snapshots for the snapshot harness's 'P' mode, when both are small.
  if [ "$letter" = p ] && [ ${#snapshots[@]} -ge 2 ] &&
     [ "$(cat "${snapshots[0]}" "${snapshots[1]}" | wc -c)" -lt $((max_seed - 8)) ]; then
    seed snapshot P "${snapshots[0]}" "$separator" "${snapshots[1]}"
  fi
  mapfile -t sqls < <(find "$folder" -maxdepth 1 -name '*.sql' -size -128k | sort)
  step=$(((${#sqls[@]} + 11) / 12)); [ "$step" -ge 1 ] || step=1
  for ((i = 0; i < ${#sqls[@]}; i += step)); do seed sql "$letter" "${sqls[$i]}"; done
  # The folder harness: the journal and the first three migrations' files, as its archive.
  archive=$(mktemp)
  {
    printf '### meta/_journal.json\n'; cat "$journal"
    for f in $(find "$folder" -maxdepth 1 -name '*.sql' | sort | head -3) \
             $(find "$folder/meta" -maxdepth 1 -name '*_snapshot.json' -size -64k | sort | head -3); do
      printf '\n### %s\n' "${f#"$folder"/}"; cat "$f"
    done
  } >"$archive"
  seed folder "" "$archive"
  rm -f "$archive"
done < <(find "${roots[@]}" -path '*/meta/_journal.json' -size -256k | sort)

# Standalone snapshots (drizzle-kit's verdicts on them are in fixtures/snapshots/verdicts.tsv).
for dir in "$src"/fixtures/snapshots/*/; do
  case "$(basename "$dir")" in postgresql) l=p ;; mysql) l=m ;; sqlite) l=s ;; singlestore) l=S ;; *) l=x ;; esac
  for f in "$dir"*.json; do seed snapshot "$l" "$f"; done
done

# Rule cases written as SQL (header comments, "-- migration:" sections, expected output).
while IFS= read -r f; do
  case "$(grep -m1 '^-- base:' "$f" || true)" in
    *sqlite* | *turso*) l=s ;; *mysql* | *singlestore*) l=m ;; *) l=p ;;
  esac
  seed sql "$l" "$f"
done < <(find "$src/fixtures/rules" -name '*.sql' -size -128k | sort)

# drizzle.config files: JSON ones with the 'j' that picks JSON, others as source.
while IFS= read -r f; do
  case "$f" in *.json) seed drizzle_config j "$f" ;; *) seed drizzle_config t "$f" ;; esac
done < <(find "${roots[@]}" -name 'drizzle.config.*' | sort)

# LSP sessions that open, change and save each SQL rule case as a document of the pg folder.
lsp_frame() { printf '%s\n@@\n' "$1"; }  # the harness frames each body
json_string() { sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/\t/\\t/g' -e 's/\r/\\r/g' | awk '{printf "%s\\n", $0}'; }
i=0
while IFS= read -r f; do
  i=$((i + 1)); [ $((i % 8)) -eq 0 ] || continue  # a sample is enough
  text=$(json_string <"$f")
  uri='file://@ROOT@/pg/drizzle/0002_seed_data.sql'
  {
    lsp_frame '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}'
    lsp_frame '{"jsonrpc":"2.0","method":"initialized","params":{}}'
    lsp_frame "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\"$uri\",\"languageId\":\"sql\",\"version\":1,\"text\":\"$text\"}}}"
    lsp_frame "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{\"textDocument\":{\"uri\":\"$uri\",\"version\":2},\"contentChanges\":[{\"text\":\"SELECT 1;\"}]}}"
    lsp_frame '{"jsonrpc":"2.0","id":2,"method":"shutdown"}'
    lsp_frame '{"jsonrpc":"2.0","method":"exit"}'
  } >"$out/lsp_server.tmp"
  seed lsp_server "" "$out/lsp_server.tmp"
done < <(find "$src/fixtures/rules/sql" -name '*.sql' -size -16k | sort)
rm -f "$out/lsp_server.tmp"

for d in "$out"/*/; do echo "seeds: $(basename "$d"): $(find "$d" -type f | wc -l)"; done
