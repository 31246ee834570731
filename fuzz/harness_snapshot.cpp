// meta/NNNN_snapshot.json: the snapshot loader and drizzle-kit's validation (src/load/snapshot_schema).
// The first byte picks the folder's dialect (or none, so the snapshot's own "dialect" decides).
#include "load/snapshot_loader.h"
#include "support.h"

using namespace miglint;

namespace {
std::optional<Dialect> dialect_for(char c) {
  switch (c) {
    case 'p': return Dialect::PostgreSQL;
    case 'm': return Dialect::MySQL;
    case 's': return Dialect::SQLite;
    case 'S': return Dialect::SingleStore;
    case 'g': return Dialect::Gel;
    default: return std::nullopt;
  }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::optional<Dialect> dialect = dialect_for(static_cast<char>(data[0]));
  // The loader reads through the overlay, as it reads an editor's unsaved snapshot.
  const std::filesystem::path root = "/miglint-fuzz-folder";
  Snapshot snapshot;
  snapshot.file_name = "0000_snapshot.json";
  snapshot.prefix = "0000";
  snapshot.relative_path = "meta/0000_snapshot.json";
  snapshot.display_path = "drizzle/meta/0000_snapshot.json";
  FileOverlay overlay{{root / snapshot.relative_path, std::string(fuzz::as_text(data + 1, size - 1))}};
  std::vector<Snapshot> snapshots{std::move(snapshot)};
  load_snapshots(root, snapshots, dialect, &overlay);
  const Snapshot& s = snapshots.front();
  if (s.unreadable) fuzz::fail("an overlaid snapshot was not read");
  for (const auto* problem : {&s.invalid_json, &s.schema_violation}) {
    if (*problem && (*problem)->where.begin.line == 0) fuzz::fail("a snapshot problem placed on line 0");
  }
  return 0;
}
