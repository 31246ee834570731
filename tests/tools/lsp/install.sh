#!/usr/bin/env bash
# install.sh: installs the LSP test client's npm packages (package.json + package-lock.json next to
# this script: vscode-jsonrpc) once, for lsp_test.cpp and bench/lsp.sh, through ../npm_install.sh.
#
# Usage: tests/tools/lsp/install.sh [TOOLS_DIR]
# TOOLS_DIR defaults to $MIGLINT_LSP_TOOLS_DIR, else $MIGLINT_BUILD_DIR/lsp-tools, else
# <source>/build/lsp-tools. Prints the absolute TOOLS_DIR on success; exits 3 when it cannot install.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source_root=$(cd "$here/../../.." && pwd)
tools=${1:-${MIGLINT_LSP_TOOLS_DIR:-${MIGLINT_BUILD_DIR:-$source_root/build}/lsp-tools}}

bash "$here/../npm_install.sh" "$here" "$tools" node_modules/vscode-jsonrpc/node.js node_modules/vscode-jsonrpc/package.json
