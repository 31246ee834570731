# Shared by the shell tests that make git repositories of Drizzle Kit folders (action_test.sh,
# npm_hooks_test.sh); source it after setting `src` (the source tree). Every folder comes from the
# drizzle-kit output in fixtures/ (pg-index, and the rule cases made on top of it).

pg_index=$src/fixtures/generated/pg-index/drizzle
# 0003_add_coupons, which drizzle-kit generated on top of pg-index.
coupons_case=$src/fixtures/rules/chain/chain-fork/good-rebased-and-regenerated/drizzle
# A hand-written SQL file without a journal entry (sql-file-orphan).
orphan_sql=$src/fixtures/rules/sql/sql-file-orphan/bad-handwritten-not-in-journal/drizzle/0003_orders_customer_status_idx.sql

# packed_tarballs PROJECT HOOK_TOOLS: sets launcher_tgz and binary_tgz (`make dist`'s tarballs in
# PROJECT/dist for this machine) and hook_tools (the pinned husky/lint-staged/pre-commit install).
packed_tarballs() {
  local platform
  platform=linux-$(uname -m | sed 's/x86_64/x64/; s/aarch64/arm64/')
  launcher_tgz=$(ls "$1"/dist/miglint-[0-9]*.tgz 2>/dev/null | head -1)
  binary_tgz=$(ls "$1"/dist/miglint-"$platform"-*.tgz 2>/dev/null | head -1)
  [ -n "$launcher_tgz" ] && [ -n "$binary_tgz" ] || { echo "FAIL: no packed tarballs in $1/dist" >&2; exit 1; }
  hook_tools=$(bash "$src/tests/tools/hooks/install_hook_tools.sh" "$2") || exit 1
}

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
expect_eq() { [ "$1" = "$2" ] || fail "$3: expected [$2], got [$1]"; }
expect_has() { [[ $1 == *"$2"* ]] || fail "$3: no [$2] in: $1"; }
expect_lacks() { [[ $1 != *"$2"* ]] || fail "$3: unexpected [$2] in: $1"; }

# A private git identity and configuration for every repository of the test.
export GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME='Fixture Dev' GIT_AUTHOR_EMAIL=dev@test.invalid \
  GIT_COMMITTER_NAME='Fixture Dev' GIT_COMMITTER_EMAIL=dev@test.invalid

# journal_of FOLDER TAG... : FOLDER's meta/_journal.json with only these entries, as drizzle-kit
# writes it (two-space JSON, no final newline).
journal_of() {
  node -e '
    const fs = require("fs");
    const [folder, ...tags] = process.argv.slice(1);
    const journal = JSON.parse(fs.readFileSync(folder + "/meta/_journal.json", "utf8"));
    journal.entries = tags.map((tag) => {
      const entry = journal.entries.find((e) => e.tag === tag);
      if (!entry) throw new Error("no entry " + tag + " in " + folder);
      return entry;
    });
    process.stdout.write(JSON.stringify(journal, null, 2));' "$@"
}

# add_migrations DIR FROM TAG... : copies the SQL and snapshots of these migrations of FROM into DIR
# and writes DIR's journal as FROM's, cut to the migrations DIR then holds.
add_migrations() {
  local dir=$1 from=$2 tag idx
  shift 2
  mkdir -p "$dir/meta"
  for tag in "$@"; do
    idx=${tag%%_*}
    cp "$from/$tag.sql" "$dir/" && cp "$from/meta/${idx}_snapshot.json" "$dir/meta/" || return 1
  done
  local tags=()
  for sql in "$dir"/*.sql; do tags+=("$(basename "$sql" .sql)"); done
  journal_of "$from" "${tags[@]}" >"$dir/meta/_journal.json"
}

# readme_snippet NAME : the fenced block after "<!-- hooks_test: NAME -->" in README.md.
readme_snippet() {
  awk -v marker="<!-- hooks_test: $1 -->" '
    $0 == marker { found = 1; next }
    found == 1 && /^```/ { found = 2; next }
    found == 2 && /^```$/ { exit }
    found == 2 { print }' "$src/README.md"
}
