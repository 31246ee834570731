#!/usr/bin/env bash
# Builds the npm packages into OUT: the miglint launcher and @miglint/PLATFORM holding BINARY.
#   npm/pack.sh BINARY PLATFORM VERSION OUT [SIMDJSON_LICENSE]
# PLATFORM is a directory of npm/platforms (linux-x64, linux-arm64, darwin-x64, darwin-arm64,
# win32-x64). The binary is copied stripped; the platform package also carries the notices of the
# libraries linked into it (from their Debian copyright files, on Debian).
set -euo pipefail
binary=$1 platform=$2 version=$3 out=$4 simdjson_license=${5:-}
here=$(cd "$(dirname "$0")" && pwd)
[ -d "$here/platforms/$platform" ] || { echo "npm/pack.sh: unknown platform $platform" >&2; exit 2; }
mkdir -p "$out"
out=$(cd "$out" && pwd)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

# Copies a package's files and sets the version of it and of its platform packages.
stage_package() {
  local from=$1 to=$2
  mkdir -p "$to"
  cp -R "$from"/. "$to"/
  node -e '
    const fs = require("fs"), file = process.argv[1], version = process.argv[2];
    const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
    pkg.version = version;
    for (const name of Object.keys(pkg.optionalDependencies || {})) pkg.optionalDependencies[name] = version;
    fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + "\n");' "$to/package.json" "$version"
}

stage_package "$here/miglint" "$stage/miglint"
stage_package "$here/platforms/$platform" "$stage/$platform"
mkdir -p "$stage/$platform/bin"
installed=$stage/$platform/bin/miglint
[ "${platform%%-*}" = win32 ] && installed=$installed.exe
strip_tool=strip
[ "$platform" = linux-arm64 ] && [ "$(uname -m)" != aarch64 ] && strip_tool=aarch64-linux-gnu-strip
"$strip_tool" -o "$installed" "$binary"
chmod 755 "$installed"

notices="$stage/$platform/THIRD-PARTY-NOTICES"
echo "miglint links these libraries into its binary. Their copyright notices and licences follow." >"$notices"
# libstdc++ and libgcc's runtime come from GCC (its copyright file is gcc-N-base's).
gcc_base=$(ls -d /usr/share/doc/gcc-*-base 2>/dev/null | sort -V | tail -1)
for package in "${gcc_base##*/}" libpg-query-dev libsqlite3-dev libssl-dev libfmt-dev libtomlplusplus-dev \
  nlohmann-json3-dev; do
  file=/usr/share/doc/$package/copyright
  [ -f "$file" ] || continue
  printf '\n==== Debian package %s ====\n\n' "$package" >>"$notices"
  cat "$file" >>"$notices"
done
if [ -n "$simdjson_license" ] && [ -f "$simdjson_license" ]; then
  printf '\n==== simdjson ====\n\n' >>"$notices"
  cat "$simdjson_license" >>"$notices"
fi

for package in miglint "$platform"; do
  (cd "$stage/$package" && npm pack --silent --pack-destination "$out" >/dev/null)
done
ls "$out"/*.tgz
