#!/usr/bin/env bash
# install_tools.sh: installs the npm test tools of tests/tools/package.json (SARIF validators,
# drizzle-orm + pg + drizzle-kit) once, shared by validate_sarif.sh and drizzle.sh.
#
# Usage: tests/tools/install_tools.sh [TOOLS_DIR]
#
# TOOLS_DIR defaults to $MIGLINT_TOOLS_DIR, else $MIGLINT_BUILD_DIR/test-tools, else
# <source>/build/test-tools. The tools are installed with `npm ci` from package.json +
# package-lock.json next to this script and reinstalled only when those two files change (a stamp
# file, TOOLS_DIR/.installed, holds their sha256). Several test processes may call this at once:
# one installs under flock(TOOLS_DIR/.lock), the others wait and then find the stamp.
#
# On success prints the absolute TOOLS_DIR on stdout and exits 0; on failure prints why on stderr
# and exits 3.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source_root=$(cd "$here/../.." && pwd)
tools=${1:-${MIGLINT_TOOLS_DIR:-${MIGLINT_BUILD_DIR:-$source_root/build}/test-tools}}

die_install() {
  echo "install_tools: cannot install the test tools: $*" >&2
  exit 3
}

mkdir -p "$tools" || die_install "cannot create $tools"
tools=$(cd "$tools" && pwd)
nm=$tools/node_modules
multitool=$nm/@microsoft/sarif-multitool-linux/Sarif.Multitool
# Files that prove a complete install; a missing one triggers a reinstall.
required=(
  "$multitool"
  "$nm/@microsoft/sarif-multitool-linux/sarif-2.1.0.json"
  "$nm/.bin/ajv"
  "$nm/drizzle-orm/node-postgres/migrator.cjs"
  "$nm/pg/package.json"
  "$nm/drizzle-kit/bin.cjs"
)
stamp_want=$(cat "$here/package.json" "$here/package-lock.json" | sha256sum | cut -d' ' -f1)

complete() {
  [ "$(cat "$tools/.installed" 2>/dev/null)" = "$stamp_want" ] || return 1
  local f
  for f in "${required[@]}"; do [ -e "$f" ] || return 1; done
  [ -x "$multitool" ]
}

install() {
  command -v npm >/dev/null 2>&1 || die_install "npm is not installed (tools/install-deps.sh installs it)"
  cp "$here/package.json" "$here/package-lock.json" "$tools/" || die_install "cannot copy package files to $tools"
  rm -f "$tools/.installed"
  echo "install_tools: installing the test tools into $tools (npm ci)" >&2
  # --ignore-scripts: the only install scripts are the multitool's `chmod u+x` (done below) and
  # esbuild's binary check (drizzle-kit's esbuild finds its @esbuild/<platform> package without it).
  if ! (cd "$tools" && npm ci --no-audit --no-fund --ignore-scripts >"$tools/npm-ci.log" 2>&1); then
    tail -n 30 "$tools/npm-ci.log" >&2
    die_install "npm ci failed (is the npm registry reachable?); log: $tools/npm-ci.log"
  fi
  chmod +x "$multitool" 2>/dev/null || true
  local f
  for f in "${required[@]}"; do [ -e "$f" ] || die_install "npm ci did not produce $f"; done
  echo "$stamp_want" >"$tools/.installed"
}

{
  # Several test processes may start at once: one installs, the others wait.
  if command -v flock >/dev/null 2>&1; then flock 9; fi
  complete || install
} 9>"$tools/.lock"

printf '%s\n' "$tools"
