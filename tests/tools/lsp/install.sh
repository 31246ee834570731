#!/usr/bin/env bash
# install.sh: installs the LSP test client's npm packages (package.json + package-lock.json next to
# this script: vscode-jsonrpc) once, for lsp_test.cpp and bench/lsp.sh. Same pattern as
# tests/tools/install_tools.sh: `npm ci` into TOOLS_DIR, a stamp (TOOLS_DIR/.installed) holding the
# sha256 of the two files, and flock(TOOLS_DIR/.lock) so that parallel test processes install once.
#
# Usage: tests/tools/lsp/install.sh [TOOLS_DIR]
# TOOLS_DIR defaults to $MIGLINT_LSP_TOOLS_DIR, else $MIGLINT_BUILD_DIR/lsp-tools, else
# <source>/build/lsp-tools. Prints the absolute TOOLS_DIR on success; exits 3 when it cannot install.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source_root=$(cd "$here/../../.." && pwd)
tools=${1:-${MIGLINT_LSP_TOOLS_DIR:-${MIGLINT_BUILD_DIR:-$source_root/build}/lsp-tools}}

die_install() {
  echo "lsp/install.sh: cannot install the LSP test client: $*" >&2
  exit 3
}

mkdir -p "$tools" || die_install "cannot create $tools"
tools=$(cd "$tools" && pwd)
required=("$tools/node_modules/vscode-jsonrpc/node.js" "$tools/node_modules/vscode-jsonrpc/package.json")
stamp_want=$(cat "$here/package.json" "$here/package-lock.json" | sha256sum | cut -d' ' -f1)

complete() {
  [ "$(cat "$tools/.installed" 2>/dev/null)" = "$stamp_want" ] || return 1
  local f
  for f in "${required[@]}"; do [ -e "$f" ] || return 1; done
}

install() {
  command -v npm >/dev/null 2>&1 || die_install "npm is not installed (tools/install-deps.sh installs it)"
  cp "$here/package.json" "$here/package-lock.json" "$tools/" || die_install "cannot copy package files to $tools"
  rm -f "$tools/.installed"
  echo "lsp/install.sh: installing the LSP test client into $tools (npm ci)" >&2
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
  complete || install
} 9>"$tools/.lock"

printf '%s\n' "$tools"
