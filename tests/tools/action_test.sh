#!/usr/bin/env bash
# The GitHub Action (action.yml) on pull requests, as GitHub's runner would run it: a repository
# with a real base branch and pull request branches (migrations made by drizzle-kit), each pull
# request's merge commit checked out as actions/checkout does (fetch-depth 0, and the default
# shallow one), the GITHUB_* variables and event file of a pull_request event, and action.yml's
# steps run in order by action_runner.cjs, installing miglint from the packed npm tarballs.
#
#   action_test.sh SOURCE_DIR PROJECT_DIR HOOK_TOOLS_DIR
# PROJECT_DIR is npm_packages_test.sh's project (ctest fixture npm_project): its dist/ holds the
# tarballs. HOOK_TOOLS_DIR gets the `yaml` package (tests/tools/hooks/install_hook_tools.sh).
set -uo pipefail
src=$1 project=$(cd "$2" && pwd) hook_tools=${MIGLINT_HOOK_TOOLS_DIR:-$3}
# shellcheck source-path=SCRIPTDIR source=git_fixtures.sh
. "$src/tests/tools/git_fixtures.sh"

packed_tarballs "$project" "$hook_tools"

work=$(mktemp -d "${TMPDIR:-/tmp}/miglint-action-test.XXXXXX")
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
export HOME=$work/home
mkdir -p "$HOME"
# The tarballs are all npm needs: never the registry.
export npm_config_offline=true
# One RUNNER_TEMP for every run, as for several uses of the action in one job.
mkdir -p "$work/runner-temp"

# --- the repository on "GitHub" ----------------------------------------------------------------
origin=$work/origin
git init -q -b main "$origin" && cd "$origin" || exit 1
add_migrations drizzle "$pg_index" 0000_init
git add -A && git commit -q -m 'Initial schema'
git branch release
# main adds 0001 (an index on an existing table: a safety warning) and 0002.
add_migrations drizzle "$pg_index" 0001_add_phone_and_status_idx 0002_seed_data
git add -A && git commit -q -m 'Phone, status index, seed data'
git checkout -q -b add-coupons && add_migrations drizzle "$coupons_case" 0003_add_coupons &&
  git add -A && git commit -q -m 'Add coupons'
git checkout -q -b orphan-index main && cp "$orphan_sql" drizzle/ && git add -A && git commit -q -m 'Index orders by customer'
# main moves on after the branches left it: the merge base is not main's tip.
git checkout -q main && echo '# shop' >README.md && git add README.md && git commit -q -m 'Readme'

# open_pr N HEAD BASE : the refs GitHub keeps for pull request N, its merge commit included.
open_pr() {
  local n=$1 head=$2 base=$3
  git -C "$origin" checkout -q --detach "$base" &&
    git -C "$origin" merge -q --no-ff --no-edit -m "Merge $head into $base" "$head" >/dev/null &&
    git -C "$origin" update-ref "refs/pull/$n/merge" HEAD &&
    git -C "$origin" update-ref "refs/pull/$n/head" "$head" &&
    git -C "$origin" checkout -q main
}
open_pr 1 add-coupons main
open_pr 2 orphan-index main
open_pr 3 main release

# run_action N HEAD BASE DEPTH INPUTS_JSON : checks out pull request N's merge commit as
# actions/checkout does (DEPTH 0: every branch; 1: that commit alone), runs the action there and
# sets out (its stdout and stderr), rc, r (fields of what the runner recorded), summary and merge_base.
run_action() {
  local n=$1 head=$2 base=$3 depth=$4 inputs=$5
  local run=$work/run$n-$depth ws
  ws=$run/workspace
  mkdir -p "$ws" && git init -q "$ws" && git -C "$ws" remote add origin "file://$origin" || return 1
  if [ "$depth" = 0 ]; then
    git -C "$ws" fetch -q --prune --no-tags origin '+refs/heads/*:refs/remotes/origin/*' \
      "+refs/pull/$n/merge:refs/remotes/pull/$n/merge" || return 1
  else
    git -C "$ws" fetch -q --no-tags --depth="$depth" origin "+refs/pull/$n/merge:refs/remotes/pull/$n/merge" || return 1
  fi
  git -C "$ws" checkout -q --detach "refs/remotes/pull/$n/merge" || return 1
  local merge base_sha head_sha
  merge=$(git -C "$origin" rev-parse "refs/pull/$n/merge")
  base_sha=$(git -C "$origin" rev-parse "$base") head_sha=$(git -C "$origin" rev-parse "$head")
  # The pull_request event's payload, with the fields GitHub sends that the action could read.
  local repo='{"id": 1, "name": "shop", "full_name": "acme/shop", "private": false, "default_branch": "main", "owner": {"login": "acme", "type": "Organization"}}'
  cat >"$run/event.json" <<EOF
{
  "action": "synchronize", "number": $n, "before": "$base_sha", "after": "$head_sha",
  "pull_request": {
    "number": $n, "state": "open", "draft": false, "title": "Change $head", "user": {"login": "dev"},
    "merge_commit_sha": "$merge", "mergeable": true,
    "head": {"label": "acme:$head", "ref": "$head", "sha": "$head_sha", "repo": $repo, "user": {"login": "acme"}},
    "base": {"label": "acme:$base", "ref": "$base", "sha": "$base_sha", "repo": $repo, "user": {"login": "acme"}}
  },
  "repository": $repo, "organization": {"login": "acme"}, "sender": {"login": "dev", "type": "User"}
}
EOF
  : >"$run/summary.md"
  out=$(cd "$ws" && env -u GITHUB_OUTPUT -u MIGLINT PATH="$(dirname "$(command -v node)"):/usr/bin:/bin" \
    CI=true GITHUB_ACTIONS=true GITHUB_EVENT_NAME=pull_request GITHUB_EVENT_PATH="$run/event.json" \
    GITHUB_BASE_REF="$base" GITHUB_HEAD_REF="$head" GITHUB_REF="refs/pull/$n/merge" GITHUB_SHA="$merge" \
    GITHUB_REPOSITORY=acme/shop GITHUB_WORKSPACE="$ws" GITHUB_STEP_SUMMARY="$run/summary.md" RUNNER_TEMP="$work/runner-temp" \
    NODE_PATH="$hook_tools/node_modules" node "$src/tests/tools/action_runner.cjs" "$src" "$inputs" "$run/result.json" 2>&1)
  rc=$?
  summary=$(cat "$run/summary.md")
  sarif_path=$ws/miglint.sarif
  merge_base=$(git -C "$origin" merge-base "$base_sha" "$head_sha")
  # What the runner recorded, and the rules of the SARIF results, in one node.
  unset r && declare -gA r
  while IFS=$'\t' read -r key value; do r[$key]=$value; done < <(node -e '
    const fs = require("fs");
    const result = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
    const sarif = fs.existsSync(process.argv[2]) ? JSON.parse(fs.readFileSync(process.argv[2], "utf8")) : null;
    const upload = result.uses[0] || { uses: "", with: {} };
    const fields = { exit_code: result.outputs["exit-code"], since: result.outputs.since, uploads: result.uses.length,
      upload: upload.uses, upload_file: upload.with.sarif_file, upload_category: upload.with.category,
      last_step: result.steps[result.steps.length - 1].outcome,
      sarif_rules: sarif ? sarif.runs[0].results.map((r) => r.ruleId).sort().join(" ") : "(no SARIF file)" };
    for (const [k, v] of Object.entries(fields)) console.log(`${k}\t${v ?? ""}`);' "$run/result.json" "$sarif_path")
}
packages="{\"package\": \"$launcher_tgz $binary_tgz\""

# 1. A clean pull request: only 0003_add_coupons is judged; 0001's index warning is history.
run_action 1 add-coupons main 0 "$packages}"
expect_eq "$rc" 0 "exit code of a clean pull request"
expect_eq "${r[exit_code]}" 0 "output exit-code of a clean pull request"
expect_eq "${r[since]}" "$merge_base" "the commit judged against: the merge base"
[ "$merge_base" != "$(git -C "$origin" rev-parse main)" ] || fail "the merge base should not be main's tip"
expect_has "$out" "npm install $launcher_tgz $binary_tgz" "the install step"
expect_has "$out" "miglint $(tar -xOzf "$launcher_tgz" package/package.json | node -p 'JSON.parse(require("fs").readFileSync(0, "utf8")).version')" "the installed version"
expect_lacks "$out" "::warning" "annotations of a clean pull request"
expect_lacks "$out" "::error" "annotations of a clean pull request"
expect_has "$out" "No problems found in 1 folder. 3 migrations judged as history." "the log of a clean pull request"
expect_has "$summary" "### miglint" "the step summary"
expect_has "$summary" "Judged what changed since $merge_base, the merge base of main and add-coupons:" "the step summary"
expect_has "$summary" "3 migrations judged as history" "the step summary"
expect_eq "${r[sarif_rules]}" "" "SARIF results of a clean pull request"
expect_eq "${r[upload]}" "github/codeql-action/upload-sarif@v4" "the SARIF upload step"
expect_eq "${r[upload_file]}" miglint.sarif "the uploaded SARIF file"
expect_eq "${r[upload_category]}" miglint "the SARIF category"
expect_eq "${r[last_step]}" success "the last step of a clean pull request"
# Without --since the same checkout reports 0001's warning: the action's base is what hides it.
whole=$(cd "$work/run1-0/workspace" && "$work/runner-temp/miglint-action/node_modules/.bin/miglint" check --format github)
expect_has "$whole" "::warning file=drizzle/0001_add_phone_and_status_idx.sql,line=3," "a check of the whole folder"

# 2. A pull request that adds an orphan SQL file: an error annotation, exit code 1, and the SARIF
# uploaded all the same.
run_action 2 orphan-index main 0 "$packages}"
expect_eq "$rc" 1 "exit code of a pull request with an error"
expect_has "$out" "miglint is installed already" "a second use of the action in the job"
expect_has "$out" "::error file=drizzle/0003_orders_customer_status_idx.sql,line=1,col=1," "the orphan's annotation"
expect_lacks "$out" "0001_add_phone_and_status_idx.sql,line=3" "annotations of a pull request with an error"
expect_eq "${r[sarif_rules]}" "sql-file-orphan" "SARIF results of a pull request with an error"
expect_eq "${r[upload_file]}" miglint.sarif "the uploaded SARIF file after an error"
expect_eq "${r[last_step]}" failure "the last step after an error"
expect_eq "${r[exit_code]}" 1 "output exit-code after an error"

# 3. A pull request into the release branch that adds 0001 and 0002: the new index is judged (a
# warning; exit code 1 with --fail-on warning from the input args), with the folder named by the
# input folders, and no SARIF written or uploaded when upload-sarif is false.
run_action 3 main release 0 "$packages, \"folders\": \"drizzle\", \"args\": \"--fail-on warning\", \"upload-sarif\": \"false\"}"
expect_eq "$rc" 1 "exit code of a new warning with --fail-on warning"
expect_has "$out" "::warning file=drizzle/0001_add_phone_and_status_idx.sql,line=3,col=1," "the new index's annotation"
expect_has "$out" "1 migration judged as history." "the log of the release pull request"
expect_eq "${r[uploads]}" 0 "uploads with upload-sarif false"
expect_eq "${r[sarif_rules]}" "(no SARIF file)" "SARIF with upload-sarif false"

# 4. The default shallow checkout: the base commit is missing; the action says how to fetch it
# and exits 2 without uploading anything.
run_action 1 add-coupons main 1 "$packages}"
expect_eq "$rc" 2 "exit code in a shallow clone"
expect_has "$out" "::error title=miglint::" "the shallow clone's annotation"
expect_has "$out" "the base commit $(git -C "$origin" rev-parse main) (main)" "the missing commit named"
expect_has "$out" "fetch-depth: 0" "the advice in a shallow clone"
expect_has "$out" "git fetch --unshallow origin" "the advice in a shallow clone"
expect_has "$summary" "fetch-depth: 0" "the step summary in a shallow clone"
expect_eq "${r[uploads]}" 0 "steps run in a shallow clone"
expect_eq "${r[exit_code]}" 2 "output exit-code in a shallow clone"

# 5. The script is clean for shellcheck; without the input package, the action installs the
# version its own commit builds.
expect_eq "$(shellcheck "$src/hooks/github-action.sh" 2>&1)" "" "shellcheck of hooks/github-action.sh"
cmake_version=$(sed -n 's/^project(miglint VERSION \([0-9.]*\).*/\1/p' "$src/CMakeLists.txt")
install_out=$(cd "$work" && RUNNER_TEMP="$work/run5" GITHUB_ACTION_PATH="$src" GITHUB_OUTPUT="$work/run5.out" \
  bash "$src/hooks/github-action.sh" install 2>&1); install_rc=$?
expect_has "$install_out" "npm install miglint@$cmake_version" "the default package"
expect_eq "$install_rc" 2 "exit code of an install npm cannot do (offline, unpublished)"

[ "$failures" -eq 0 ] && echo "action: ok"
[ "$failures" -eq 0 ]
