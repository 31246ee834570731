#!/usr/bin/env bash
# drizzle_push.sh: the real `drizzle-kit push` for miglint's tests, with its rename questions
# answered (drizzle_push.cjs).
#
# Usage:
#   tests/tools/drizzle_push.sh [--sqlite] CONFIG [--rename OLD=NEW]...
#       `drizzle-kit push --force --config CONFIG`, run in CONFIG's folder. Each question "is X
#       created or renamed?" is answered "renamed from OLD" when --rename OLD=NEW names X as NEW,
#       else "created". --sqlite adds better-sqlite3 (the SQLite tools of drizzle_sqlite.sh), the
#       driver push uses for a SQLite file. Prints push's screen without ANSI codes.
#
# drizzle-kit comes from install_tools.sh (pinned in package.json next to this script), so the
# schema file resolves drizzle-orm from there. Needs `script` (util-linux) for the terminal push
# draws its questions on.
# Exit codes: push's (0 success), 1 push failed or was stopped, 2 usage error, 3 tools missing.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source_root=$(cd "$here/../.." && pwd)

sqlite=0
if [ "${1:-}" = "--sqlite" ]; then sqlite=1; shift; fi
[ $# -ge 1 ] || { echo "usage: $0 [--sqlite] CONFIG [--rename OLD=NEW]..." >&2; exit 2; }

command -v node >/dev/null 2>&1 || { echo "drizzle_push: node is not installed" >&2; exit 3; }
command -v script >/dev/null 2>&1 || { echo "drizzle_push: script (util-linux) is not installed" >&2; exit 3; }
tools=$(bash "$here/install_tools.sh") || { echo "drizzle_push: cannot install drizzle-kit (see above)" >&2; exit 3; }
kit=$tools/node_modules/drizzle-kit/bin.cjs
if [ "$sqlite" = 1 ]; then
  bash "$here/drizzle_sqlite.sh" --install || exit 3
  sqlite_tools=${MIGLINT_SQLITE_TOOLS_DIR:-${MIGLINT_BUILD_DIR:-$source_root/build}/test-tools-sqlite}
  # drizzle-kit looks for its SQLite driver with import(), which ignores NODE_PATH: it runs from a
  # folder of links where better-sqlite3 (and what it needs) sits beside it, symlinks kept as paths.
  modules=$(mktemp -d) || exit 3
  trap 'rm -rf "$modules"' EXIT
  mkdir -p "$modules/node_modules"
  for package in "$sqlite_tools"/node_modules/* "$tools/node_modules/drizzle-kit"; do
    ln -s "$(cd "$package" && pwd)" "$modules/node_modules/$(basename "$package")" 2>/dev/null || true
  done
  kit=$modules/node_modules/drizzle-kit/bin.cjs
  export NODE_OPTIONS="--preserve-symlinks --preserve-symlinks-main${NODE_OPTIONS:+ $NODE_OPTIONS}"
fi
NODE_PATH=$tools/node_modules node "$here/drizzle_push.cjs" "$kit" "$@"
