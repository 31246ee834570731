#!/usr/bin/env bash
# The README's commit hooks with miglint installed as a user installs it: the packed npm tarballs
# (npm_packages_test.sh's, what `make dist` builds) `npm install -D`-ed into a fresh Node project,
# no miglint on PATH. There, real commits through
#   1. husky + lint-staged (README snippets lint-staged-config and husky-pre-commit): an orphan SQL
#      file and a deleted migration are blocked, a clean migration commits;
#   2. the pre-commit framework (README snippet pre-commit-config, the hook of
#      .pre-commit-hooks.yaml), which finds node_modules/.bin/miglint: the same.
#
#   npm_hooks_test.sh SOURCE_DIR PROJECT_DIR HOOK_TOOLS_DIR
# PROJECT_DIR's dist/ holds the tarballs (ctest fixture npm_project). husky and lint-staged are the
# ones install_hook_tools.sh installed into HOOK_TOOLS_DIR (pinned in tests/tools/hooks), linked
# into the project; pre-commit is Debian's.
set -uo pipefail
src=$1 project=$(cd "$2" && pwd) hook_tools=${MIGLINT_HOOK_TOOLS_DIR:-$3}
# shellcheck source-path=SCRIPTDIR source=git_fixtures.sh
. "$src/tests/tools/git_fixtures.sh"

packed_tarballs "$project" "$hook_tools"

work=$(mktemp -d "${TMPDIR:-/tmp}/miglint-npm-hooks-test.XXXXXX")
trap 'rm -rf "$work"' EXIT
export HOME=$work/home PRE_COMMIT_HOME=$work/pre-commit-home
mkdir -p "$HOME"
# No miglint on PATH: only the project's node_modules/.bin has it.
PATH=$(printf '%s' "$PATH" | tr ':' '\n' | while IFS= read -r dir; do [ -x "$dir/miglint" ] || printf '%s:' "$dir"; done)
export PATH=${PATH%:}
command -v miglint >/dev/null && { echo "FAIL: a miglint is still on PATH" >&2; exit 1; }

app=$work/app
mkdir -p "$app" && cd "$app" && git init -q -b main || exit 1
printf '{\n  "name": "app",\n  "private": true\n}\n' >package.json
# The tarballs alone, offline: the other platforms' optional packages are skipped.
out=$(npm install --offline --no-audit --no-fund --save-dev "$launcher_tgz" "$binary_tgz" 2>&1) ||
  { echo "FAIL: npm install of the tarballs: $out" >&2; exit 1; }
[ -x node_modules/.bin/miglint ] || { echo "FAIL: npm linked no node_modules/.bin/miglint" >&2; exit 1; }
# husky and lint-staged as npm would have installed them, without a second install.
ln -s "$hook_tools/node_modules/husky" "$hook_tools/node_modules/lint-staged" node_modules/ &&
  ln -s ../husky/bin.js node_modules/.bin/husky && ln -s ../lint-staged/bin/lint-staged.js node_modules/.bin/lint-staged ||
  exit 1
printf 'node_modules\n' >.gitignore
add_migrations drizzle "$pg_index" 0000_init 0001_add_phone_and_status_idx 0002_seed_data
git add -A && git commit -q -m base || exit 1

# commit_cases LABEL [deletion] : a commit of the orphan (blocked), with `deletion` one that only
# deletes 0001's files (blocked), and one of the clean 0003_add_coupons (passes).
commit_cases() {
  local label=$1 deletion=${2:-} commits
  commits=$(git rev-list --count HEAD)
  cp "$orphan_sql" drizzle/
  out=$(git add drizzle && git commit -m orphan 2>&1)
  expect_eq "$?" 1 "$label: exit code of the orphan's commit"
  expect_has "$out" "drizzle/0003_orders_customer_status_idx.sql:1:1: error[sql-file-orphan]" "$label: the orphan's commit"
  git rm -q -f "drizzle/$(basename "$orphan_sql")"
  if [ -n "$deletion" ]; then
    out=$(git rm -q drizzle/0001_add_phone_and_status_idx.sql drizzle/meta/0001_snapshot.json && git commit -m 'Remove 0001' 2>&1)
    expect_eq "$?" 1 "$label: exit code of the deletion's commit"
    expect_has "$out" "drizzle/meta/_journal.json:16:14: error[sql-file-missing] entry 1" "$label: the deletion's commit"
    git reset -q --hard
  fi
  add_migrations drizzle "$coupons_case" 0003_add_coupons
  out=$(git add drizzle && git commit -m 'Add coupons' 2>&1)
  expect_eq "$?" 0 "$label: exit code of the clean commit: $out"
  expect_eq "$(git rev-list --count HEAD)" $((commits + 1)) "$label: commits made"
}

# 1. husky + lint-staged, as the README sets them up.
out=$(npx --no-install husky init 2>&1) || fail "husky init: $out"
expect_eq "$(git config core.hooksPath)" .husky/_ "husky's hooks path"
readme_snippet husky-pre-commit >.husky/pre-commit
readme_snippet lint-staged-config >lint-staged.config.mjs
[ -s .husky/pre-commit ] && [ -s lint-staged.config.mjs ] || fail "the README's husky snippets are missing"
git add -A && HUSKY=0 git commit -q -m 'husky and lint-staged' || exit 1
# The deletion goes through the recipe's second line, which finds miglint on the PATH husky sets.
commit_cases husky deletion
expect_has "$(git log -1 --format=%s)" "Add coupons" "husky: the clean commit"

# 2. The pre-commit framework instead, with the hook repository at a tag.
git config --unset core.hooksPath
hooks=$work/miglint-hooks
mkdir -p "$hooks/hooks" && cp "$src/.pre-commit-hooks.yaml" "$hooks/" && cp "$src/hooks/pre-commit" "$hooks/hooks/" &&
  git -C "$hooks" init -q -b main && git -C "$hooks" add -A && git -C "$hooks" commit -q -m hooks &&
  git -C "$hooks" tag v0.1.0 || exit 1
readme_snippet pre-commit-config | sed -E "s|^( *- repo: ).*|\\1$hooks|; s|^( *rev: ).*|\\1v0.1.0|" >.pre-commit-config.yaml
expect_has "$(cat .pre-commit-config.yaml)" "id: miglint" "the README's pre-commit config"
git reset -q --hard HEAD~1  # before 0003_add_coupons, to commit it again
git add .pre-commit-config.yaml && git commit -q --no-verify -m 'pre-commit config' || exit 1
out=$(pre-commit install 2>&1) || fail "pre-commit install: $out"
commit_cases pre-commit
expect_has "$out" "Passed" "pre-commit: the clean commit"

[ "$failures" -eq 0 ] && echo "npm hooks: ok"
[ "$failures" -eq 0 ]
