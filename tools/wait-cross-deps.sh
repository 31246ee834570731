#!/bin/sh
# Waits for a background tools/install-cross-deps.sh (started by `make deps`) to finish, then checks
# that the cross toolchain is there, showing the install's log when it is not.
#   wait-cross-deps.sh [LOG]
set -eu
lock=${TMPDIR:-/tmp}/miglint-cross-deps.lock
exec 9>"$lock"
flock -w 1800 9 || { echo "the arm64 cross toolchain's install did not finish in 30 minutes" >&2; exit 1; }
command -v aarch64-linux-gnu-g++ >/dev/null && command -v qemu-aarch64 >/dev/null && exit 0
echo "no arm64 cross toolchain (aarch64-linux-gnu-g++, qemu-aarch64): run tools/install-cross-deps.sh" >&2
[ -n "${1:-}" ] && [ -f "$1" ] && cat "$1" >&2
exit 1
