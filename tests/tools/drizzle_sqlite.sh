#!/usr/bin/env bash
# drizzle_sqlite.sh: drizzle-orm's real SQLite migrator, on better-sqlite3, for miglint's tests.
#
# Usage:
#   tests/tools/drizzle_sqlite.sh migrate DB_FILE FOLDER [TABLE]
#       drizzle-orm's migrate() on FOLDER into the SQLite file DB_FILE (created when missing), with
#       migrationsTable TABLE when given. Prints "applied N" (the rows it added), or
#       "failed: <error>" and exits 1 (fixtures/rules/drizzle_migrate.cjs).
#   tests/tools/drizzle_sqlite.sh --install
#       Only installs the tools.
#
# drizzle-orm and better-sqlite3 (pinned in sqlite/package.json and sqlite/package-lock.json next
# to this script) are installed once by npm_install.sh into $MIGLINT_SQLITE_TOOLS_DIR (default:
# $MIGLINT_BUILD_DIR/test-tools-sqlite, else <source>/build/test-tools-sqlite). npm_install.sh runs
# no install script, so better-sqlite3's native addon is built here afterwards with `npm rebuild`
# (its own install step: a prebuilt binary, else node-gyp, with the system's node headers when
# present; a few minutes, once).
# Exit codes: 0 success, 1 the migrator failed, 2 usage error, 3 the tools could not be installed.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source_root=$(cd "$here/../.." && pwd)
tools=${MIGLINT_SQLITE_TOOLS_DIR:-${MIGLINT_BUILD_DIR:-$source_root/build}/test-tools-sqlite}

if [ $# -eq 0 ] || { [ "$1" != "migrate" ] && [ "$1" != "--install" ]; }; then
  echo "usage: $0 migrate DB_FILE FOLDER [TABLE] | --install" >&2
  exit 2
fi

tools=$(bash "$here/npm_install.sh" "$here/sqlite" "$tools" \
  node_modules/drizzle-orm/better-sqlite3/migrator.cjs \
  node_modules/better-sqlite3/package.json) || exit 3

addon=node_modules/better-sqlite3/build/Release/better_sqlite3.node
build_addon() {
  [ -e "$tools/$addon" ] && return 0
  if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ]; then export npm_config_nodedir=/usr; fi
  echo "drizzle_sqlite: building better-sqlite3's native addon in $tools" >&2
  # Unoptimised (the flags come after node-gyp's -O3): the tests' databases are tiny, and SQLite's
  # amalgamation compiled at -O3 took 90 s of CPU on a fresh machine, at -O0 30 s.
  if ! (cd "$tools" && CFLAGS="${CFLAGS:-} -O0" CXXFLAGS="${CXXFLAGS:-} -O0" npm rebuild better-sqlite3) \
      >"$tools/addon.log" 2>&1; then
    tail -n 20 "$tools/addon.log" >&2
    echo "drizzle_sqlite: cannot build better-sqlite3 (log: $tools/addon.log)" >&2
    return 3
  fi
}
{
  if command -v flock >/dev/null 2>&1; then flock 9; fi
  build_addon
} 9>"$tools/.lock" || exit 3
[ "$1" = "--install" ] && exit 0
shift
command -v node >/dev/null 2>&1 || { echo "drizzle_sqlite: node is not installed" >&2; exit 3; }
NODE_PATH="$tools/node_modules" exec node "$source_root/fixtures/rules/drizzle_migrate.cjs" "$@"
