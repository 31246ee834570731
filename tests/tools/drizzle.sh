#!/usr/bin/env bash
# drizzle.sh: the real drizzle-orm migrator (and helpers) for miglint's database tests.
#
# Usage:
#   tests/tools/drizzle.sh migrate FOLDER URL [--schema S] [--table T]
#       drizzle-orm's real migrate() (node-postgres driver) on FOLDER against URL; exits 1 with the
#       error on stderr when it fails.
#   tests/tools/drizzle.sh push-sql URL FILE
#       Runs a SQL file outside the migrator (simulates `drizzle-kit push` or psql by hand).
#   tests/tools/drizzle.sh rows URL [SCHEMA] [TABLE]
#       Prints the migrations table as `hash<TAB>created_at` lines, in id order.
#   tests/tools/drizzle.sh kit ARGS...
#       The real drizzle-kit (e.g. `kit push --force --config FILE`); schema files resolve
#       drizzle-orm from the tools folder.
#   tests/tools/drizzle.sh --install
#       Only installs the tools.
#
# drizzle-orm, pg and drizzle-kit (pinned in package.json / package-lock.json next to this script)
# are installed once by install_tools.sh into $MIGLINT_TOOLS_DIR (default:
# $MIGLINT_BUILD_DIR/test-tools, else <source>/build/test-tools). The node code is drizzle.cjs.
# Exit codes: 0 success, 1 failure, 2 usage error, 3 the tools could not be installed.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

if [ $# -eq 0 ]; then
  echo "usage: $0 migrate FOLDER URL [--schema S] [--table T] | push-sql URL FILE | rows URL [SCHEMA] [TABLE] | --install" >&2
  exit 2
fi

tools=$(bash "$here/install_tools.sh") || {
  echo "drizzle: cannot install drizzle-orm (see above)" >&2
  exit 3
}
[ "$1" = "--install" ] && exit 0
command -v node >/dev/null 2>&1 || { echo "drizzle: node is not installed" >&2; exit 3; }

if [ "$1" = "kit" ]; then
  shift
  NODE_PATH=$tools/node_modules exec node "$tools/node_modules/drizzle-kit/bin.cjs" "$@"
fi
MIGLINT_TOOLS_DIR=$tools exec node "$here/drizzle.cjs" "$@"
