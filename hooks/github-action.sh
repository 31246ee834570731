#!/usr/bin/env bash
# The work of miglint's GitHub Action (action.yml at the repository root), one step at a time:
#
#   github-action.sh install   npm-installs miglint into $RUNNER_TEMP (never into the checkout);
#                              output `miglint`, the installed launcher
#   github-action.sh check     runs it in the workspace; outputs `exit-code`, `since`, `sarif-file`
#
# Environment (action.yml maps the inputs to it):
#   MIGLINT_VERSION   npm version to install (default: this action's, from its CMakeLists.txt)
#   MIGLINT_PACKAGE   what npm installs instead, split on white space (tarballs, other specs)
#   MIGLINT           the miglint to run (check)
#   MIGLINT_FOLDERS   folders to check, split on white space (default: miglint's own choice)
#   MIGLINT_SINCE     judge what changed since this commit (default: a pull request's merge base)
#   MIGLINT_ARGS      more options for `miglint check`, split on white space
#   MIGLINT_SARIF     where to write the SARIF report ('' for none)
# and the runner's GITHUB_* and RUNNER_TEMP variables.
#
# `check` always exits 0 once it has run miglint, so that the SARIF upload still happens; the
# action's last step exits with the exit code it recorded.
set -uo pipefail

say() { printf 'miglint action: %s\n' "$*" >&2; }
output() { printf '%s=%s\n' "$1" "$2" >>"${GITHUB_OUTPUT:-/dev/null}"; }
# A workflow command's message: %, CR and LF escaped as the runner expects.
command_escape() {
  local text=${1//'%'/'%25'}
  text=${text//$'\r'/'%0D'}
  printf '%s' "${text//$'\n'/'%0A'}"
}

install_miglint() {
  local dir=${RUNNER_TEMP:-${TMPDIR:-/tmp}}/miglint-action specs=() spec version
  if [ -n "${MIGLINT_PACKAGE:-}" ]; then
    # Paths are the workspace's: npm runs in another directory.
    set -f
    for spec in $MIGLINT_PACKAGE; do
      if [ -e "$spec" ]; then spec=$(cd "$(dirname "$spec")" && pwd)/$(basename "$spec"); fi
      specs+=("$spec")
    done
    set +f
  else
    version=${MIGLINT_VERSION:-}
    if [ -z "$version" ]; then
      version=$(sed -n 's/^project(miglint VERSION \([0-9][0-9.]*\).*/\1/p' "${GITHUB_ACTION_PATH:-.}/CMakeLists.txt" 2>/dev/null)
      [ -n "$version" ] || { say "cannot tell this action's miglint version: set the input version"; exit 2; }
    fi
    specs=("miglint@$version")
  fi
  local miglint=$dir/node_modules/.bin/miglint stamp
  # What was asked, and the content of local files: the same install is reused within a job.
  stamp=$(for spec in "${specs[@]}"; do
    printf '%s\n' "$spec"
    if [ -f "$spec" ]; then sha256sum <"$spec"; fi
  done)
  if [ "$(cat "$dir/.installed" 2>/dev/null)" = "$stamp" ] && "$miglint" --version 2>/dev/null; then
    echo "miglint is installed already (${specs[*]})"
  else
    if ! rm -rf "$dir" || ! mkdir -p "$dir"; then say "cannot create $dir"; exit 2; fi
    # Its own package.json, so that npm does not look for a project in the directories above.
    printf '{ "name": "miglint-action", "private": true }\n' >"$dir/package.json"
    echo "npm install ${specs[*]}"
    (cd "$dir" && npm install --no-audit --no-fund --no-update-notifier "${specs[@]}") ||
      { say "npm install ${specs[*]} failed"; exit 2; }
    "$miglint" --version || { say "the installed miglint does not run"; exit 2; }
    printf '%s\n' "$stamp" >"$dir/.installed"
  fi
  output miglint "$miglint"
}

# The commit the pull request's changes are judged against: the merge base of its base and head
# (whatever actions/checkout checked out, the merge commit or the head), into pr_base; or says what
# to fetch and fails.
pull_request_base() {
  local shas base head base_ref
  shas=$(node -e '
    const event = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const pr = event.pull_request || {};
    console.log([pr.base && pr.base.sha, pr.head && pr.head.sha, pr.base && pr.base.ref].map((v) => v || "").join("|"));' \
    "${GITHUB_EVENT_PATH:-}") || { say "cannot read the event file ${GITHUB_EVENT_PATH:-(GITHUB_EVENT_PATH unset)}"; return 1; }
  IFS='|' read -r base head base_ref <<<"$shas"
  if [ -z "$base" ] || [ -z "$head" ]; then
    say "the event has no pull_request.base.sha and pull_request.head.sha"
    return 1
  fi
  local missing=()
  git cat-file -e "$base^{commit}" 2>/dev/null || missing+=("the base commit $base (${base_ref:-base})")
  git cat-file -e "$head^{commit}" 2>/dev/null || missing+=("the head commit $head")
  if [ ${#missing[@]} -eq 0 ]; then
    pr_base=$(git merge-base "$base" "$head" 2>/dev/null) && return 0
    missing+=("their merge base")
  fi
  local advice="miglint judges what the pull request changes since the merge base of its base and head commits, but ${missing[0]}"
  if [ ${#missing[@]} -eq 2 ]; then advice+=" and ${missing[1]} are"; else advice+=" is"; fi
  advice+=" not in this clone"
  [ "$(git rev-parse --is-shallow-repository 2>/dev/null)" = true ] &&
    advice+=" (a shallow clone: actions/checkout fetches one commit unless told otherwise)"
  advice+=". Fetch the history: give actions/checkout 'fetch-depth: 0', or run 'git fetch --unshallow origin' before this step; or set the input 'since'."
  say "$advice"
  echo "::error title=miglint::$(command_escape "$advice")"
  summary "$advice"
  return 1
}

# Appends a section to the job's summary (Markdown).
summary() {
  [ -n "${GITHUB_STEP_SUMMARY:-}" ] || return 0
  { echo "### miglint"; printf '%s\n' "$@"; } >>"$GITHUB_STEP_SUMMARY"
}

check_migrations() {
  local miglint=${MIGLINT:-miglint} since=${MIGLINT_SINCE:-} args=() folders=() rc pr_base judged=
  case ${GITHUB_EVENT_NAME:-} in
    pull_request | pull_request_target)
      if [ -z "$since" ]; then
        pull_request_base || { output exit-code 2; output since ''; output sarif-file ''; return 0; }
        since=$pr_base
        judged=", the merge base of ${GITHUB_BASE_REF:-the base} and ${GITHUB_HEAD_REF:-the head}"
      fi
      ;;
  esac
  set -f
  # shellcheck disable=SC2206 # split on white space on purpose, without pathname expansion
  folders=(${MIGLINT_FOLDERS:-})
  # shellcheck disable=SC2206
  args=(${MIGLINT_ARGS:-})
  set +f
  [ -n "$since" ] && args+=(--since "$since")
  [ ${#folders[@]} -eq 0 ] || args+=(-- "${folders[@]}")
  output since "$since"
  [ -z "$since" ] || judged="Judged what changed since $since$judged: the migrations committed there are history."
  [ -z "$judged" ] || echo "$judged"

  # Annotations on the diff; its exit code is the action's. (Its messages on stderr come again
  # with the text report below.)
  "$miglint" check --format github "${args[@]}" 2>/dev/null
  rc=$?
  output exit-code "$rc"
  if [ "$rc" -ge 2 ]; then
    echo "::error title=miglint::$(command_escape "miglint could not check the migrations (exit code $rc): see the log of step 'miglint check'")"
  fi

  if [ -n "${MIGLINT_SARIF:-}" ]; then
    if "$miglint" check --format sarif --output "$MIGLINT_SARIF" --exit-zero "${args[@]}" 2>/dev/null &&
      [ -s "$MIGLINT_SARIF" ]; then
      output sarif-file "$MIGLINT_SARIF"
    else
      output sarif-file ''
    fi
  else
    output sarif-file ''
  fi

  # The findings as text, in the log and in the job's summary.
  local text
  text=$("$miglint" check --format text --color never "${args[@]}" 2>&1)
  printf '%s\n' "$text"
  local shown cut=
  shown=$(printf '%s\n' "$text" | head -n 400)
  [ "$shown" = "$text" ] || cut="(cut: the log of step 'miglint check' has every finding)"
  summary "$judged" '' '```text' "$shown" '```' "$cut"
  return 0
}

case ${1:-} in
  install) install_miglint ;;
  check) check_migrations ;;
  *) echo "usage: github-action.sh install|check" >&2; exit 2 ;;
esac
