#!/bin/sh
# Installs the Debian packages miglint needs to build and test, and only those missing.
# Safe to run again: it does nothing when everything is there.
set -eu

packages="cmake g++ make pkg-config git ca-certificates
  libsimdjson-dev nlohmann-json3-dev libfmt-dev libgtest-dev libssl-dev
  libpq-dev libpg-query-dev libtomlplusplus-dev
  nodejs npm jq strace postgresql postgresql-client libsqlite3-dev sqlite3
  clang libclang-rt-dev libc++-14-dev libc++abi-14-dev"
# clang, its sanitizer and libFuzzer runtimes and libc++ (clang 14's, Debian 12's clang): the
# sanitizer build of `make test` (built with libc++) and `make fuzz`.

missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
# A node from elsewhere (nvm, the image) is as good as Debian's.
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
  missing=$(echo "$missing" | tr ' ' '\n' | grep -v -x -e nodejs -e npm | tr '\n' ' ')
fi
missing=$(echo "$missing" | tr -s ' ')
[ -z "${missing# }" ] && exit 0

echo "Installing:$missing"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
