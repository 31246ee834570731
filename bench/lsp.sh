#!/usr/bin/env bash
# Time from save to diagnostics for `miglint lsp` on Dokploy's migrations folder (186 migrations).
#
#   bench/lsp.sh [MIGLINT] [SAVES]     (MIGLINT defaults to $MIGLINT, else build/miglint; SAVES to 40)
#
# A real LSP client (tests/tools/lsp/client.cjs on vscode-jsonrpc, installed into bench/.cache/lsp-tools
# by tests/tools/lsp/install.sh) starts the server, opens meta/_journal.json and then sends SAVES
# didSave notifications with the journal's text (alternating a trailing newline, so each save carries
# new contents), timing each from sending didSave to receiving the journal's publishDiagnostics (the
# last file the server publishes for). The corpus is never written. Prints the result and writes
# bench/results-lsp.md. Target: median at most 50 ms. Exits 1 when the target is missed.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/bench
MIGLINT=$(realpath "${1:-${MIGLINT:-$ROOT/build/miglint}}")
SAVES=${2:-40}
[ -x "$MIGLINT" ] || { echo "no miglint binary at $MIGLINT (build it or pass its path)" >&2; exit 2; }
[ "$SAVES" -ge 20 ] || { echo "use at least 20 saves" >&2; exit 2; }
DOKPLOY=$(realpath "$ROOT/../shared/corpus/Dokploy__dokploy/apps__dokploy__drizzle")
command -v jq >/dev/null || { SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo; $SUDO apt-get install -y jq; }

TOOLS=$(bash "$ROOT/tests/tools/lsp/install.sh" "$BENCH/.cache/lsp-tools")
LOAD_BEFORE=$(cut -d' ' -f1 /proc/loadavg)
OUT=$(MIGLINT_LSP_TOOLS=$TOOLS node "$ROOT/tests/tools/lsp/client.cjs" bench "$MIGLINT" "$DOKPLOY" "$SAVES")
LOAD_AFTER=$(cut -d' ' -f1 /proc/loadavg)

ms() { jq -r "$1 * 10 | round / 10" <<<"$OUT"; }
MEDIAN=$(ms .median_ms)
VERDICT=$(jq -r 'if .median_ms <= 50 then "met" else "MISSED" end' <<<"$OUT")
{
  echo "# miglint lsp: save to diagnostics"
  echo
  echo "Measured by \`bench/lsp.sh\` with a real LSP client (vscode-jsonrpc 8.2.1, \`tests/tools/lsp/client.cjs\`) on"
  echo "Dokploy's folder ($(ls "$DOKPLOY"/*.sql | wc -l) SQL files, $(ls "$DOKPLOY"/meta | wc -l) files in meta/, $(du -sh "$DOKPLOY" | cut -f1)):"
  echo "time from sending \`textDocument/didSave\` (with the journal's text) to receiving the journal's"
  echo "\`textDocument/publishDiagnostics\`, over $SAVES saves."
  echo
  echo "| | ms |"
  echo "|---|---|"
  echo "| **save → diagnostics, median** (target ≤ 50 ms: $VERDICT) | **$MEDIAN** |"
  echo "| save → diagnostics, fastest | $(ms .min_ms) |"
  echo "| save → diagnostics, slowest | $(ms .max_ms) |"
  echo "| first lint after didOpen (every snapshot parsed) | $(ms .open_ms) |"
  echo
  echo "The first lint parses and validates every snapshot (28 MB); later lints take unchanged snapshots"
  echo "from the server's cache (keyed by inode, size, mtime and ctime) and re-read only the journal, the"
  echo "SQL files and the open documents."
  echo
  echo "Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load average $LOAD_BEFORE before, $LOAD_AFTER after."
  echo "miglint: $("$MIGLINT" --version), commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)."
} >"$BENCH/results-lsp.md"
cat "$BENCH/results-lsp.md"
[ "$VERDICT" = met ]
