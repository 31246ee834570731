#!/usr/bin/env bash
# Cross-compiles the portable miglint binary for Linux on arm64 (cmake/aarch64-linux-gnu.cmake) into
# BUILD_DIR, the binary of the linux-arm64 npm package's tests (ctest fixture arm64_binary) and of
# `make dist`. Needs tools/install-cross-deps.sh, which `make deps` may still be running in the
# background (its log: CROSS_DEPS_LOG).
#   npm_arm64_build.sh SOURCE_DIR BUILD_DIR [CROSS_DEPS_LOG]
set -euo pipefail
src=$1 build=$2
sh "$src/tools/wait-cross-deps.sh" "${3:-}"
cmake -S "$src" -B "$build" -DCMAKE_TOOLCHAIN_FILE="$src/cmake/aarch64-linux-gnu.cmake" \
  -DCMAKE_BUILD_TYPE=Release -DMIGLINT_TESTS=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" --target miglint -- --no-print-directory
