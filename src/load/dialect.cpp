#include "load/dialect.h"

namespace miglint {

std::optional<Dialect> parse_dialect(std::string_view name) {
  if (name == "postgresql" || name == "pg") return Dialect::PostgreSQL;
  if (name == "mysql") return Dialect::MySQL;
  if (name == "sqlite" || name == "turso") return Dialect::SQLite;
  if (name == "singlestore") return Dialect::SingleStore;
  if (name == "gel") return Dialect::Gel;
  return std::nullopt;
}

std::string_view dialect_name(Dialect d) {
  switch (d) {
    case Dialect::PostgreSQL: return "postgresql";
    case Dialect::MySQL: return "mysql";
    case Dialect::SQLite: return "sqlite";
    case Dialect::SingleStore: return "singlestore";
    case Dialect::Gel: return "gel";
  }
  return "postgresql";
}

int latest_snapshot_version(Dialect d) {
  switch (d) {
    case Dialect::PostgreSQL: return 7;
    case Dialect::SQLite: return 6;
    case Dialect::MySQL: return 5;
    case Dialect::SingleStore: return 1;
    case Dialect::Gel: return 1;
  }
  return 7;
}

}  // namespace miglint
