#include "load/migrator.h"

#include "load/model.h"

namespace miglint {

std::optional<Migrator> parse_migrator(std::string_view name) {
  if (name == "drizzle") return Migrator::Drizzle;
  if (name == "per-migration") return Migrator::PerMigration;
  if (name == "none") return Migrator::None;
  return std::nullopt;
}

std::string_view migrator_name(Migrator m) {
  switch (m) {
    case Migrator::Drizzle: return "drizzle";
    case Migrator::PerMigration: return "per-migration";
    case Migrator::None: return "none";
  }
  return "drizzle";
}

bool MigratorCommits::before(const SqlFile& file, const SqlStatement& s) {
  const bool new_file = file_ != &file;
  if (new_file) {
    file_ = &file;
    chunk_ = 0;
  }
  const auto& chunks = file.sql().chunks;
  const std::size_t was = chunk_;
  while (chunk_ + 1 < chunks.size() && s.begin >= chunks[chunk_].end) ++chunk_;
  if (migrator_ == Migrator::Drizzle) return false;
  if (migrator_ == Migrator::PerMigration) return new_file;
  return new_file || chunk_ != was;
}

}  // namespace miglint
