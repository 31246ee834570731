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

{
  # One apt-get at a time: parallel test processes would fight over dpkg's lock.
  if command -v flock >/dev/null 2>&1; then flock 9; fi
  apt_install
} 9>"$tools/.apt-lock"

bash "$here/../npm_install.sh" "$here" "$tools" node_modules/husky/bin.js node_modules/lint-staged/bin/lint-staged.js \
  node_modules/yaml/package.json node_modules/.bin/husky node_modules/.bin/lint-staged
