#!/bin/sh
# Installs what the arm64 npm package needs on an x64 Debian 12 (or Ubuntu with arm64 sources):
# the cross compiler, the arm64 static libraries of the portable build (cmake/portable.cmake) from
# Debian's multiarch packages, and qemu-user with arm64's glibc and libpq to run the result
# (`make dist-arm64`, `make test-arm64`). Safe to run again: it does nothing when all is there.
#
# libpq-dev is not installed for arm64: Debian 12 has it for one architecture at a time, and
# installing the arm64 one removes the x64 one the native build needs. The cross build reads the
# build machine's libpq header (the same on every 64-bit Linux); the binary loads libpq at run time.
#
# `install-cross-deps.sh --background LOG` returns at once and installs while the native build
# compiles (apt waits on the network, the compiler on the CPU); tools/wait-cross-deps.sh waits for it.
# Every run holds a lock, so a second run waits for the first instead of failing on apt's own lock.
set -eu

lock=${TMPDIR:-/tmp}/miglint-cross-deps.lock
if [ "${1:-}" = --background ]; then
  log=$2
  mkdir -p "$(dirname "$log")"
  # The lock is taken before this returns and held by the install until it ends (the child keeps
  # the descriptor), so a waiter started later cannot miss it.
  exec 9>"$lock"
  flock 9
  (sh "$0" --locked || echo "install-cross-deps.sh failed") </dev/null >"$log" 2>&1 &
  exit 0
fi
if [ "${1:-}" != --locked ]; then
  exec 9>"$lock"
  flock -w 1800 9
fi

packages="g++-aarch64-linux-gnu binutils-aarch64-linux-gnu qemu-user
  libc6:arm64 libc6-dev:arm64 libsqlite3-dev:arm64 libssl-dev:arm64 libpg-query-dev:arm64
  libfmt-dev:arm64 libtomlplusplus-dev:arm64 libpq5:arm64"

missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

echo "Installing:$missing"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
dpkg --print-foreign-architectures | grep -qx arm64 || $SUDO dpkg --add-architecture arm64
# (Ubuntu serves arm64 from ports.ubuntu.com, not from its x64 mirrors, and needs a sources entry
# for it; the release workflow builds in a Debian 12 container.)
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
