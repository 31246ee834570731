#!/bin/sh
# Compiles miglint's sources for Windows with mingw-w64 (syntax and warnings only: the libraries
# are not cross-built here), so that no POSIX-only call creeps in without a Windows path.
# Usage: tools/check-windows.sh BUILD_DIR [FILE...]   (default: every file of src/ and rules/ that
# is built on Windows). BUILD_DIR is a configured build (for fmt's and simdjson's sources and the
# embedded rule pages). Needs g++-mingw-w64-x86-64-posix (`make check-windows` installs it).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "$1" && pwd)
shift
cxx=x86_64-w64-mingw32-g++-posix
command -v "$cxx" >/dev/null || { echo "check-windows: $cxx is missing (apt-get install g++-mingw-w64-x86-64-posix)" >&2; exit 2; }

# The header-only and C libraries' headers from this system, and nothing else of /usr/include
# (its C library headers are Linux's).
shim=$(mktemp -d)
trap 'rm -rf "$shim"' EXIT
for h in nlohmann toml++ sqlite3.h pg_query.h openssl; do ln -s "/usr/include/$h" "$shim/$h"; done
mkdir "$shim/arch" && ln -s "/usr/include/$(gcc -print-multiarch)/openssl" "$shim/arch/openssl"
ln -s /usr/include/postgresql "$shim/libpq"
fmt=$(ls -d "$build"/_deps/fmtlib-*/include 2>/dev/null | head -n 1)
simdjson=$(ls -d "$build"/_deps/simdjson-*/singleheader 2>/dev/null | head -n 1)
[ -n "$fmt" ] && [ -n "$simdjson" ] || { echo "check-windows: $build has no fmt/simdjson sources; configure it first" >&2; exit 2; }

if [ $# -eq 0 ]; then
  set -- $(cd "$root" && find src rules -name '*.cpp' ! -name '*_posix.cpp' ! -path 'src/cli/glibc_compat.cpp' | sort)
fi
printf '%s\n' "$@" | (cd "$root" && xargs -P "$(nproc)" -I{} "$cxx" -std=c++20 -fsyntax-only \
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Werror -Wno-restrict \
  -DTOML_HEADER_ONLY=1 -D_WIN32_WINNT=0x0A00 -DMIGLINT_VERSION='"0.0.0"' \
  -I src -I rules -I "$build/generated" -isystem "$fmt" -isystem "$simdjson" -isystem "$shim" -isystem "$shim/arch" -isystem "$shim/libpq" {})
echo "check-windows: $# file(s) compile for Windows"
