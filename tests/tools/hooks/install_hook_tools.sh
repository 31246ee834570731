#!/usr/bin/env bash
# install_hook_tools.sh: installs what tests/hooks_test.cpp runs besides git and miglint:
#   - Debian packages: pre-commit (the pre-commit framework), shellcheck, dash (apt-get, when missing)
#   - npm packages of package.json next to this script: husky, lint-staged (the README recipe) and
#     yaml (parses the GitHub Actions example), with `npm ci` into TOOLS_DIR
#
# Usage: tests/tools/hooks/install_hook_tools.sh TOOLS_DIR
#
# The npm packages are reinstalled only when package.json or package-lock.json change (a stamp
# file, TOOLS_DIR/.installed, holds their sha256). Several test processes may call this at once:
# one installs under flock(TOOLS_DIR/.lock), the others wait and then find everything in place.
#
# On success prints the absolute TOOLS_DIR on stdout and exits 0; on failure prints why on stderr
# and exits 3.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
tools=${1:?usage: install_hook_tools.sh TOOLS_DIR}

die_install() {
  echo "install_hook_tools: $*" >&2
  exit 3
}

mkdir -p "$tools" || die_install "cannot create $tools"
tools=$(cd "$tools" && pwd)
nm=$tools/node_modules
required=("$nm/husky/bin.js" "$nm/lint-staged/bin/lint-staged.js" "$nm/yaml/package.json" "$nm/.bin/husky" "$nm/.bin/lint-staged")
stamp_want=$(cat "$here/package.json" "$here/package-lock.json" | sha256sum | cut -d' ' -f1)

apt_install() {
  local missing=() cmd
  for cmd in pre-commit shellcheck dash; do
    command -v "$cmd" >/dev/null 2>&1 || missing+=("$cmd")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null 2>&1 || die_install "missing ${missing[*]} and no apt-get to install them"
  echo "install_hook_tools: installing ${missing[*]} (apt-get)" >&2
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >"$tools/apt.log" 2>&1; then
    # A fresh machine has no package lists yet.
    DEBIAN_FRONTEND=noninteractive apt-get update >>"$tools/apt.log" 2>&1
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >>"$tools/apt.log" 2>&1 ||
      { tail -n 20 "$tools/apt.log" >&2; die_install "apt-get install ${missing[*]} failed; log: $tools/apt.log"; }
  fi
  for cmd in "${missing[@]}"; do
    command -v "$cmd" >/dev/null 2>&1 || die_install "apt-get did not install $cmd"
  done
}

npm_complete() {
  [ "$(cat "$tools/.installed" 2>/dev/null)" = "$stamp_want" ] || return 1
  local f
  for f in "${required[@]}"; do [ -e "$f" ] || return 1; done
}

npm_install() {
  command -v npm >/dev/null 2>&1 || die_install "npm is not installed (tools/install-deps.sh installs it)"
  cp "$here/package.json" "$here/package-lock.json" "$tools/" || die_install "cannot copy package files to $tools"
  rm -f "$tools/.installed"
  echo "install_hook_tools: installing husky, lint-staged and yaml into $tools (npm ci)" >&2
  # --ignore-scripts: none of these packages needs an install script.
  if ! (cd "$tools" && npm ci --no-audit --no-fund --ignore-scripts >"$tools/npm-ci.log" 2>&1); then
    tail -n 30 "$tools/npm-ci.log" >&2
    die_install "npm ci failed (is the npm registry reachable?); log: $tools/npm-ci.log"
  fi
  local f
  for f in "${required[@]}"; do [ -e "$f" ] || die_install "npm ci did not produce $f"; done
  echo "$stamp_want" >"$tools/.installed"
}

{
  if command -v flock >/dev/null 2>&1; then flock 9; fi
  apt_install
  npm_complete || npm_install
} 9>"$tools/.lock"

printf '%s\n' "$tools"
