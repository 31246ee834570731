#!/usr/bin/env bash
# The npm packages as a user gets them: packed by npm/pack.sh (what `make dist` runs) from the
# build's binary, installed from the tarballs alone into a fresh Node project, and run through the
# launcher with npx.
#
#   npm_packages_test.sh install SOURCE_DIR BINARY PROJECT_DIR   (ctest fixture npm_project)
#   npm_packages_test.sh offline SOURCE_DIR BINARY PROJECT_DIR
#   npm_packages_test.sh database SOURCE_DIR BINARY PROJECT_DIR PG_URL_FILE
#
# A package of another architecture (the cross-compiled linux-arm64): MIGLINT_NPM_PLATFORM names it
# and MIGLINT_NPM_EMULATOR the qemu-user program that runs its binary. The launcher then runs with
# npm_emulated_platform.cjs, which gives it that architecture and runs the binary it picks through
# the emulator; the binary's own output, run directly, goes through the emulator too.
set -uo pipefail
mode=$1 src=$2 binary=$3 project=$4
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
expect_eq() { [ "$1" = "$2" ] || fail "$3: expected [$2], got [$1]"; }

platform=${MIGLINT_NPM_PLATFORM:-linux-$(uname -m | sed 's/x86_64/x64/; s/aarch64/arm64/')}
emulator=${MIGLINT_NPM_EMULATOR:-}
launcher_env=()
if [ -n "$emulator" ]; then
  launcher_env=(NODE_OPTIONS="--require $(cd "$(dirname "$0")" && pwd)/npm_emulated_platform.cjs"
                MIGLINT_NPM_PLATFORM="$platform" MIGLINT_NPM_EMULATOR="$emulator")
fi
# The binary itself, as the launcher's output is compared with it.
direct_miglint() { $emulator "$binary" "$@"; }
# npx as users type it where it matters; elsewhere the launcher npm linked, which npx runs (npx
# itself takes seconds to start).
npx_miglint() { (cd "$project" && env "${launcher_env[@]}" npx --no-install miglint "$@"); }
miglint() { (cd "$project" && env "${launcher_env[@]}" node_modules/.bin/miglint "$@"); }

case $mode in
install)
  rm -rf "$project" && mkdir -p "$project/dist"
  version=$(direct_miglint --version | grep -o '[0-9][0-9.]*' | head -1)
  simdjson_license=$(ls "$(dirname "$binary")"/_deps/simdjson-*/LICENSE 2>/dev/null | head -1)
  bash "$src/npm/pack.sh" "$binary" "$platform" "$version" "$project/dist" $simdjson_license >/dev/null ||
    { echo "FAIL: npm/pack.sh" >&2; exit 1; }
  cd "$project" && npm init -y >/dev/null || exit 1
  # Offline, from the tarballs only: the other platforms' optional packages are skipped. npm
  # installs another architecture's package when told that architecture (--cpu, npm 10 or newer).
  cpu=(); [ -n "$emulator" ] && cpu=(--cpu="${platform#*-}" --force)
  out=$(npm install --offline --no-audit --no-fund --save-dev "${cpu[@]}" ./dist/miglint-"$version".tgz \
        ./dist/miglint-"$platform"-"$version".tgz 2>&1) || { echo "FAIL: npm install: $out" >&2; exit 1; }
  [ -x "node_modules/@miglint/$platform/bin/miglint" ] || { echo "FAIL: no executable binary installed" >&2; exit 1; }
  [ -s "node_modules/@miglint/$platform/THIRD-PARTY-NOTICES" ] || fail "no THIRD-PARTY-NOTICES in the package"
  ;;

offline)
  # The same output and exit status as the binary itself: a clean folder (0), a folder with
  # errors (1), a usage error (2).
  for case in "$src/fixtures/generated/pg-index/drizzle:0" "$src/fixtures/examples/incident/drizzle:1" \
              "--no-such-option:2"; do
    arg=${case%:*} want=${case##*:}
    direct=$(cd "$project" && direct_miglint check "$arg" 2>&1)
    if [ "$want" = 1 ]; then via=$(npx_miglint check "$arg" 2>&1); rc=$?; else via=$(miglint check "$arg" 2>&1); rc=$?; fi
    expect_eq "$rc" "$want" "exit status of npx miglint check $arg"
    expect_eq "$via" "$direct" "output of npx miglint check $arg"
  done
  # stdout and stderr stay apart.
  err_only=$(miglint check "$src/fixtures/examples/incident/drizzle" --format json 2>&1 >/dev/null)
  expect_eq "$err_only" "" "stderr of a JSON check"
  # One LSP request on stdin, answered on stdout.
  request='{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{}}}'
  exit_note='{"jsonrpc":"2.0","method":"exit"}'
  frame() { printf 'Content-Length: %d\r\n\r\n%s' "${#1}" "$1"; }
  answer=$( { frame "$request"; frame '{"jsonrpc":"2.0","id":2,"method":"shutdown"}'; frame "$exit_note"; } |
            (cd "$project" && env "${launcher_env[@]}" timeout 60 npx --no-install miglint lsp))
  [[ $answer == *'"id":1'*'"capabilities"'* ]] || fail "npx miglint lsp answered: ${answer:0:300}"
  # Without libpq a database check stops with what to install; nothing else needs it.
  no_pq=$(MIGLINT_LIBPQ=/nonexistent/libpq.so.5 miglint check "$src/fixtures/generated/pg-index/drizzle" \
          --database-url postgresql://u@127.0.0.1:1/db 2>&1); rc=$?
  expect_eq "$rc" 2 "exit status without libpq"
  [[ $no_pq == *"needs libpq"*"apt-get install libpq5"*"brew install libpq"* ]] ||
    fail "message without libpq: $no_pq"
  MIGLINT_LIBPQ=/nonexistent/libpq.so.5 miglint check "$src/fixtures/generated/pg-index/drizzle" >/dev/null 2>&1
  expect_eq "$?" 0 "a check without a database, without libpq"
  # Another platform, or this one without its package: a clear message and exit status 2.
  launcher_js=$project/node_modules/miglint/bin/miglint.js
  as_if() { node -e "Object.defineProperty(process, '$1', {value: '$2'}); require(process.argv[1])" "$launcher_js" check 2>&1; }
  other=$(as_if platform freebsd); rc=$?
  expect_eq "$rc" 2 "exit status on freebsd"
  [[ $other == *"no prebuilt miglint for freebsd-"*"MIGLINT_BINARY"* ]] || fail "message on freebsd: $other"
  missing=$(as_if arch "$([ "$platform" = linux-x64 ] && echo arm64 || echo x64)"); rc=$?
  expect_eq "$rc" 2 "exit status without the platform's package"
  [[ $missing == *"is not installed"*"--omit=optional"* ]] || fail "message without the platform's package: $missing"
  # The launcher's platforms, its optional dependencies and npm/platforms name the same packages,
  # each for the os and cpu of its name (the release workflow builds and publishes those).
  names=$(node -e '
    const fs = require("fs"), path = require("path"), npm = process.argv[1];
    const launcher = fs.readFileSync(path.join(npm, "miglint/bin/miglint.js"), "utf8");
    const supported = JSON.parse(launcher.match(/const SUPPORTED = (\[[^\]]*\])/)[1].replace(/\x27/g, "\""));
    const optional = Object.keys(require(path.join(npm, "miglint/package.json")).optionalDependencies);
    const dirs = fs.readdirSync(path.join(npm, "platforms"));
    const wrong = dirs.filter((d) => { const p = require(path.join(npm, "platforms", d, "package.json"));
      return p.name !== "@miglint/" + d || p.os.join() + "-" + p.cpu.join() !== d; });
    console.log([supported.sort().join(), optional.map((n) => n.slice(9)).sort().join(), dirs.sort().join(),
      "wrong:" + wrong.join()].join("\n"));' "$src/npm")
  { read -r supported; read -r optional; read -r dirs; read -r wrong; } <<<"$names"
  expect_eq "$optional" "$supported" "the launcher's optional dependencies against its platforms"
  expect_eq "$dirs" "$supported" "npm/platforms against the launcher's platforms"
  expect_eq "$wrong" "wrong:" "platform packages whose name, os or cpu disagree"
  [[ $(grep -o 'platform: [a-z0-9-]*' "$src/.github/workflows/release.yml" | cut -d' ' -f2 | sort | paste -sd,) == "$dirs" ]] ||
    fail "the release workflow's matrix does not build every package of npm/platforms ($dirs)"
  # A signal sent to the launcher reaches miglint, and the launcher dies of it as miglint did.
  (cd "$project" && exec env "${launcher_env[@]}" node_modules/.bin/miglint lsp < <(exec sleep 30 2>/dev/null)) & launcher=$!
  sleep 2; kill -TERM "$launcher"; wait "$launcher"; rc=$?
  expect_eq "$rc" 143 "exit status of the launcher after SIGTERM"
  pgrep -f "@miglint/$platform/bin/miglint lsp" >/dev/null && fail "miglint still runs after the launcher's SIGTERM"

  # Every ELF file needs only glibc's own libraries or files shipped beside it, and no glibc
  # symbol newer than 2.34 (read with readelf, which reads every architecture's ELF files).
  glibc_libraries=" libc.so.6 libm.so.6 libpthread.so.0 libdl.so.2 librt.so.1 ld-linux-x86-64.so.2 ld-linux-aarch64.so.1 "
  elf_files=0
  while IFS= read -r -d '' file; do
    [ "$(head -c 4 "$file" | od -An -c | tr -d ' ')" = '177ELF' ] || continue
    elf_files=$((elf_files + 1))
    machine=$(readelf -h "$file" | sed -n 's/^ *Machine: *//p')
    case $platform:$machine in
      *-x64:*X86-64 | *-arm64:AArch64) ;;
      *) fail "$file is built for $machine, not for $platform" ;;
    esac
    for needed in $(readelf -d "$file" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
      [[ $glibc_libraries == *" $needed "* ]] || [ -e "$(dirname "$file")/$needed" ] ||
        fail "$file needs $needed, which is neither glibc's nor shipped beside it"
    done
    newest=$(readelf -W --dyn-syms "$file" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1)
    [ -n "$newest" ] || fail "$file has no versioned glibc symbol: is it linked with glibc?"
    [ "$(printf '%s\n2.34\n' "$newest" | sort -V | tail -1)" = 2.34 ] ||
      fail "$file needs glibc $newest, newer than 2.34: $(readelf -W --dyn-syms "$file" | grep -E "GLIBC_2\.(3[5-9]|[4-9])" | head -3)"
  done < <(find "$project/node_modules/miglint" "$project/node_modules/@miglint" -type f -print0)
  [ "$elf_files" -ge 1 ] || fail "no ELF file in the packages"
  ;;

database)
  url=$(cat "$5" 2>/dev/null) || { echo "no test PostgreSQL server: skipped"; exit 0; }
  # A database of this platform's own: the packages of two platforms may be tested at once.
  database=npm_launcher_${platform//-/_}
  psql "$url" -X -q -c "DROP DATABASE IF EXISTS $database" -c "CREATE DATABASE $database" >/dev/null || exit 1
  db_url=${url%/*}/$database
  folder=$src/fixtures/generated/pg-index/drizzle
  direct=$(cd "$project" && direct_miglint check "$folder" --database-url "$db_url" 2>&1); direct_rc=$?
  via=$(npx_miglint check "$folder" --database-url "$db_url" 2>&1); rc=$?
  expect_eq "$rc" "$direct_rc" "exit status of a database check"
  expect_eq "$via" "$direct" "output of a database check"
  [[ $via == *"[db-migrations-table-missing]"* ]] || fail "the database was not read: $via"
  password=${url#*://*:}; password=${password%%@*}
  [[ $via == *"$password"* ]] && fail "the password was printed"
  ;;
esac
[ "$failures" -eq 0 ] && echo "$mode: ok"
[ "$failures" -eq 0 ]
