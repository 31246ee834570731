#!/usr/bin/env bash
# npm_install.sh: installs the npm packages of one package.json (with its package-lock.json) once,
# for the tests that run real npm tools (SARIF validators, drizzle, the LSP client, husky).
#
# Usage: npm_install.sh PACKAGE_DIR TOOLS_DIR REQUIRED...
#   PACKAGE_DIR  holds package.json and package-lock.json
#   TOOLS_DIR    where `npm ci` installs them
#   REQUIRED     files, relative to TOOLS_DIR, that prove a complete install
#
# Reinstalls only when the two package files change (TOOLS_DIR/.installed holds their sha256).
# Several test processes may call it at once: one installs under flock(TOOLS_DIR/.lock), the others
# wait and then find the stamp. Prints the absolute TOOLS_DIR and exits 0, or says why on stderr
# and exits 3.
set -uo pipefail

[ $# -ge 2 ] || { echo "usage: npm_install.sh PACKAGE_DIR TOOLS_DIR REQUIRED..." >&2; exit 2; }
package=$1 tools=$2
shift 2

die_install() {
  echo "npm_install: cannot install the npm packages of $package/package.json: $*" >&2
  exit 3
}

mkdir -p "$tools" || die_install "cannot create $tools"
tools=$(cd "$tools" && pwd)
stamp_want=$(cat "$package/package.json" "$package/package-lock.json" | sha256sum | cut -d' ' -f1)

complete() {
  [ "$(cat "$tools/.installed" 2>/dev/null)" = "$stamp_want" ] || return 1
  local f
  for f in "$@"; do [ -e "$tools/$f" ] || return 1; done
}

install() {
  command -v npm >/dev/null 2>&1 || die_install "npm is not installed (tools/install-deps.sh installs it)"
  cp "$package/package.json" "$package/package-lock.json" "$tools/" || die_install "cannot copy the package files to $tools"
  rm -f "$tools/.installed"
  echo "npm_install: installing $package/package.json into $tools (npm ci)" >&2
  # --ignore-scripts: no package here needs its install script (see the callers for the one chmod).
  if ! (cd "$tools" && npm ci --no-audit --no-fund --ignore-scripts >"$tools/npm-ci.log" 2>&1); then
    tail -n 30 "$tools/npm-ci.log" >&2
    die_install "npm ci failed (is the npm registry reachable?); log: $tools/npm-ci.log"
  fi
  local f
  for f in "$@"; do [ -e "$tools/$f" ] || die_install "npm ci did not produce $f"; done
  echo "$stamp_want" >"$tools/.installed"
}

{
  if command -v flock >/dev/null 2>&1; then flock 9; fi
  complete "$@" || install "$@"
} 9>"$tools/.lock"

printf '%s\n' "$tools"
