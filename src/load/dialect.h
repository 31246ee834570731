// Drizzle dialects and the snapshot versions drizzle-kit 0.31 writes for each.
#pragma once

#include <optional>
#include <string_view>

namespace miglint {

enum class Dialect { PostgreSQL, MySQL, SQLite, SingleStore, Gel };

// Accepts drizzle's names and their aliases: "pg" (kit <= 0.20) and "turso" (written as sqlite).
std::optional<Dialect> parse_dialect(std::string_view name);
std::string_view dialect_name(Dialect d);
// The snapshot version drizzle-kit 0.31 writes and asks `up` to reach.
int latest_snapshot_version(Dialect d);

}  // namespace miglint
