#!/usr/bin/env bash
# install_tools.sh: installs the npm test tools of tests/tools/package.json (SARIF validators,
# drizzle-orm + pg + drizzle-kit) once, shared by validate_sarif.sh and drizzle.sh.
#
# Usage: tests/tools/install_tools.sh [TOOLS_DIR]
#
# TOOLS_DIR defaults to $MIGLINT_TOOLS_DIR, else $MIGLINT_BUILD_DIR/test-tools, else
# <source>/build/test-tools. npm_install.sh does the installing (once, under a lock).
#
# On success prints the absolute TOOLS_DIR on stdout and exits 0; on failure prints why on stderr
# and exits 3.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source_root=$(cd "$here/../.." && pwd)
tools=${1:-${MIGLINT_TOOLS_DIR:-${MIGLINT_BUILD_DIR:-$source_root/build}/test-tools}}

multitool=node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
tools=$(bash "$here/npm_install.sh" "$here" "$tools" \
  "$multitool" \
  node_modules/@microsoft/sarif-multitool-linux/sarif-2.1.0.json \
  node_modules/.bin/ajv \
  node_modules/drizzle-orm/node-postgres/migrator.cjs \
  node_modules/pg/package.json \
  node_modules/drizzle-kit/bin.cjs) || exit 3
# The multitool's only install script makes it executable (npm ran none of them).
[ -x "$tools/$multitool" ] || chmod +x "$tools/$multitool" || exit 3
printf '%s\n' "$tools"
