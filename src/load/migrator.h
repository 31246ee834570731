// How the migrations of a folder are run: by drizzle's own migrator, or by a team's runner that
// reads the same folder. Rules about transactions, `when` order and empty statements judge the
// folder by what the chosen migrator does (README, "The migrator").
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace miglint {

enum class Migrator {
  // drizzle-orm's migrate() (also drizzle-kit migrate): every pending migration in one
  // transaction, a migration pending when its `when` is above the newest applied one's, each
  // chunk between breakpoints sent as it is.
  Drizzle,
  // A runner of the team's own: one transaction per migration, migrations told apart by name or
  // hash (not by `when`), chunks without a statement skipped.
  PerMigration,
  // The same, with no transaction: each chunk commits on its own.
  None,
};

std::optional<Migrator> parse_migrator(std::string_view name);
std::string_view migrator_name(Migrator m);
inline constexpr std::string_view kMigratorNames = "drizzle, per-migration or none";

struct SqlFile;
struct SqlStatement;

// Follows the statements in the order migrate runs them and tells where the migrator commits on
// its own: between migrations (per-migration), between chunks (none; PostgreSQL runs a chunk of
// several statements as one implicit transaction). BEGIN and COMMIT in the SQL are not counted.
class MigratorCommits {
 public:
  explicit MigratorCommits(Migrator migrator) : migrator_(migrator) {}
  // Whether s runs in another transaction than the statement given before it.
  bool before(const SqlFile& file, const SqlStatement& s);

 private:
  Migrator migrator_;
  const SqlFile* file_ = nullptr;
  std::size_t chunk_ = 0;
};

}  // namespace miglint
