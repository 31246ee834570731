#!/usr/bin/env bash
# pg_server.sh: a throwaway PostgreSQL server for miglint's database tests.
#
# Usage:
#   tests/tools/pg_server.sh start DIR PORT
#   tests/tools/pg_server.sh stop DIR
#
# start: installs the Debian `postgresql` package when no server binaries are found under
#   /usr/lib/postgresql/*/bin (the newest version there is used), makes a brand-new cluster in
#   DIR/data with initdb, and starts it listening only on 127.0.0.1:PORT, with its unix socket in
#   DIR/run (mode 0700, trust for the server's own user) and scram-sha-256 password authentication
#   for TCP. The superuser is `miglint_admin` with a random password. It waits (at most 60 s) until
#   pg_isready says the server accepts connections, then writes the connection URL,
#   postgresql://miglint_admin:PASSWORD@127.0.0.1:PORT/postgres, to DIR/url.
#   A server already running from DIR is stopped first (and DIR emptied), so start is idempotent. A
#   PORT that another server already answers on is an error: this script never touches a server it
#   did not start (the package's system-wide cluster included).
#   PostgreSQL refuses to run as root: as root the server runs as the `postgres` system user of the
#   package (or a `miglint-pg` system user created here if there is none); as any other user it runs
#   as that user. When that user cannot reach DIR (a parent such as /root is 0700), the data and
#   socket directories go to a private directory under /tmp instead, recorded in DIR/external.
#   The cluster is tuned for tests (fsync off): never point it at data you want to keep.
#   With MIGLINT_SKIP_DB_TESTS=1 start does nothing and writes no DIR/url (the tests then skip).
#
# stop: stops the server started from DIR (pg_ctl stop -m immediate, with no shutdown checkpoint,
#   since its data is thrown away; SIGKILL to its postmaster if that fails) and removes DIR (renamed
#   at once, deleted in the background). Does nothing when DIR does not exist.
#
# Exit codes: 0 success, 1 failure (the server log is shown), 2 usage error.
set -uo pipefail

me=pg_server
die() {
  echo "$me: $*" >&2
  exit 1
}
usage() {
  echo "usage: $0 start DIR PORT | stop DIR" >&2
  exit 2
}

# --- helpers ----------------------------------------------------------------------------------
find_bindir() {
  # The highest major version that has a complete server (the glob would sort 10 before 9).
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/postgres" ] && [ -x "$d/pg_isready" ] && echo "$d"
  done | sort -t/ -k5,5n | tail -n 1
}

install_postgresql() {
  echo "$me: PostgreSQL server binaries are missing; installing the Debian package postgresql" >&2
  command -v apt-get >/dev/null 2>&1 || die "no PostgreSQL under /usr/lib/postgresql and no apt-get to install it"
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "PostgreSQL is missing and we are not root (run tools/install-deps.sh)"
    sudo="sudo -n"
  fi
  local pkgs="postgresql postgresql-client"
  # shellcheck disable=SC2086
  if ! $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $pkgs >&2; then
    $sudo apt-get update -q >&2 || true
    # shellcheck disable=SC2086
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $pkgs >&2 ||
      die "apt-get install $pkgs failed"
  fi
}

# The user the server runs as (see the header).
pick_user() {
  if [ "$(id -u)" != 0 ]; then
    id -un
  elif id postgres >/dev/null 2>&1; then
    echo postgres
  else
    if ! id miglint-pg >/dev/null 2>&1; then
      useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin miglint-pg >&2 ||
        die "cannot create the system user miglint-pg"
    fi
    echo miglint-pg
  fi
}

# as USER CMD...: runs CMD as USER (directly when we already are that user).
as() {
  local user=$1
  shift
  if [ "$(id -un)" = "$user" ]; then
    "$@"
  elif command -v runuser >/dev/null 2>&1; then
    runuser -u "$user" -- "$@"
  else
    setpriv --reuid="$user" --regid="$(id -g "$user")" --init-groups -- "$@"
  fi
}

# alive PID: the process runs (a zombie, exited but not yet reaped by its parent, does not count).
alive() {
  local state
  state=$(sed -n 's/^[0-9]* (.*) \([A-Za-z]\).*/\1/p' "/proc/$1/stat" 2>/dev/null)
  [ -n "$state" ] && [ "$state" != Z ] && [ "$state" != X ]
}

# Reads KEY from DIR/info (lines KEY=VALUE written by start).
info() {
  sed -n "s/^$1=//p" "$2/info" 2>/dev/null | head -n 1
}

stop_server() {
  local dir=$1
  [ -d "$dir" ] || return 0
  local user bindir data external pid
  user=$(info user "$dir")
  bindir=$(info bindir "$dir")
  data=$(info data "$dir")
  external=$(info external "$dir")
  if [ -n "$data" ] && [ -f "$data/postmaster.pid" ]; then
    pid=$(head -n 1 "$data/postmaster.pid")
    if [ -n "$user" ] && [ -x "$bindir/pg_ctl" ] &&
       (cd / && as "$user" "$bindir/pg_ctl" stop -D "$data" -m immediate -w -t 30 >&2); then
      # pg_ctl returns once postmaster.pid is gone; the process itself exits a moment later.
      for _ in $(seq 1 50); do alive "$pid" || break; sleep 0.1; done
    else
      echo "$me: pg_ctl stop failed" >&2
      # Kill our own postmaster, by its pid, and nothing else.
      if [ -n "$pid" ] && alive "$pid" && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = postgres ]; then
        echo "$me: killing postmaster $pid" >&2
        kill -KILL "$pid" 2>/dev/null || true
        for _ in $(seq 1 50); do alive "$pid" || break; sleep 0.1; done
      fi
    fi
  fi
  # Only a directory this script made under /tmp (see start) is removed besides DIR. A suite's
  # hundreds of databases make tens of thousands of files, which took minutes to delete on a busy
  # machine: the directories are renamed at once (a new start finds DIR free) and deleted by a
  # detached process that holds none of the caller's output open. (Only the rm is sent to the
  # background: `test || rm &` would fork a shell that keeps the caller's output open until the rm
  # ends, and ctest counted the minute and a half of deleting as the stop's time.)
  local doomed=()
  case "$external" in
    /tmp/miglint-pg.*) mv "$external" "$external.removing.$$" && doomed+=("$external.removing.$$") ;;
  esac
  mv "$dir" "$dir.removing.$$" && doomed+=("$dir.removing.$$")
  if [ ${#doomed[@]} -gt 0 ]; then
    setsid rm -rf "${doomed[@]}" </dev/null >/dev/null 2>&1 &
  fi
}

# --- commands ---------------------------------------------------------------------------------
cmd_start() {
  local dir=$1 port=$2
  case "$port" in '' | *[!0-9]*) usage ;; esac
  [ "$port" -ge 1024 ] && [ "$port" -le 65535 ] || die "PORT must be between 1024 and 65535"
  if [ "${MIGLINT_SKIP_DB_TESTS:-}" = 1 ]; then
    echo "$me: MIGLINT_SKIP_DB_TESTS=1: no server started" >&2
    stop_server "$dir"
    return 0
  fi

  local bindir
  bindir=$(find_bindir)
  if [ -z "$bindir" ]; then
    install_postgresql
    bindir=$(find_bindir)
    [ -n "$bindir" ] || die "the postgresql package installed no server binaries under /usr/lib/postgresql"
  fi

  # Idempotent: a server from an earlier start in DIR is stopped, and DIR starts empty.
  mkdir -p "$dir" || die "cannot create $dir"
  dir=$(cd "$dir" && pwd)
  stop_server "$dir"

  # Never start on a port another server answers on (pg_isready: 0 accepting, 1 rejecting).
  "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" -t 2
  case $? in
    0 | 1) die "a PostgreSQL server already answers on 127.0.0.1:$port; pick another PORT" ;;
  esac

  local user
  user=$(pick_user) || exit 1
  mkdir -p "$dir" || die "cannot create $dir"
  chown "$user" "$dir" 2>/dev/null || true

  # Where the data and the socket live: inside DIR if the server's user can write there and the
  # socket path fits the 107-byte limit of unix socket names, else in a private /tmp directory.
  local root=$dir external=""
  if ! as "$user" test -w "$dir" -a -x "$dir" 2>/dev/null || [ ${#dir} -gt 80 ]; then
    external=$(mktemp -d /tmp/miglint-pg.XXXXXX) || die "cannot create a directory under /tmp"
    chown "$user" "$external" || die "cannot give $external to $user"
    root=$external
  fi
  local data=$root/data sockdir=$root/run log=$dir/server.log
  if [ -n "$external" ]; then log=$root/server.log; fi
  # Written first, so that stop finds everything even when start fails half-way.
  {
    echo "user=$user"
    echo "bindir=$bindir"
    echo "data=$data"
    echo "port=$port"
    echo "log=$log"
    echo "external=$external"
  } >"$dir/info"
  mkdir -p "$sockdir" && chmod 0700 "$sockdir" && chown "$user" "$sockdir" || die "cannot create $sockdir"
  touch "$log" && chown "$user" "$log" || die "cannot create $log"

  # Random password, hex only (safe in a URL).
  local password pwfile
  password=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
  pwfile=$root/pwfile
  (umask 077 && printf '%s\n' "$password" >"$pwfile") && chown "$user" "$pwfile" && chmod 0600 "$pwfile" || die "cannot write $pwfile"

  echo "$me: initdb $data (PostgreSQL $(basename "$(dirname "$bindir")"), as $user)" >&2
  if ! (cd / && as "$user" "$bindir/initdb" -D "$data" -U miglint_admin --pwfile="$pwfile" \
          --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 --no-sync >"$root/initdb.log" 2>&1); then
    cat "$root/initdb.log" >&2
    rm -f "$pwfile"
    die "initdb failed"
  fi
  rm -f "$pwfile"

  # Settings: TCP only on 127.0.0.1, the socket in our own dir, quick and quiet (tests only).
  cat >>"$data/postgresql.conf" <<EOF

# --- miglint tests (tests/tools/pg_server.sh) ---
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$sockdir'
unix_socket_permissions = 0700
password_encryption = 'scram-sha-256'
max_connections = 100
fsync = off
synchronous_commit = off
full_page_writes = off
logging_collector = off
log_min_messages = warning
EOF
  # Only the socket (trust, reachable only by the server's user) and TCP on 127.0.0.1 (scram).
  cat >"$data/pg_hba.conf" <<EOF
# TYPE  DATABASE  USER  ADDRESS        METHOD
local   all       all                  trust
host    all       all   127.0.0.1/32   scram-sha-256
EOF

  if ! (cd / && as "$user" "$bindir/pg_ctl" start -D "$data" -l "$log" -w -t 60 >&2); then
    tail -n 30 "$log" >&2
    stop_server "$dir"
    die "the server did not start on 127.0.0.1:$port"
  fi

  # Bounded wait until it accepts TCP connections.
  local ok=0
  for _ in $(seq 1 120); do
    if "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" -d postgres -U miglint_admin -t 2; then
      ok=1
      break
    fi
    sleep 0.5
  done
  if [ "$ok" != 1 ]; then
    tail -n 30 "$log" >&2
    stop_server "$dir"
    die "the server does not accept connections on 127.0.0.1:$port after 60 s"
  fi

  local url="postgresql://miglint_admin:$password@127.0.0.1:$port/postgres"
  printf '%s\n' "$url" >"$dir/url.tmp" && chmod 0644 "$dir/url.tmp" && mv "$dir/url.tmp" "$dir/url" ||
    die "cannot write $dir/url"
  echo "$me: PostgreSQL ready on 127.0.0.1:$port (URL in $dir/url)" >&2
}

case "${1:-}" in
  start)
    [ $# -eq 3 ] || usage
    cmd_start "$2" "$3"
    ;;
  stop)
    [ $# -eq 2 ] || usage
    if [ -d "$2" ]; then stop_server "$(cd "$2" && pwd)"; fi
    ;;
  *) usage ;;
esac
