// Writes a rule case out as the folder miglint checks. A case is either
//  - a SQL case file <case>.sql (support/case_file.h): its base folder, then each section: a
//    migration becomes the next journal entry with its SQL file and a snapshot chained to the
//    previous one (as `drizzle-kit generate --custom` writes it), a file replaces or adds one; or
//  - a case folder <case>/ whose case.md starts with "base: PATH" (a folder under fixtures/ holding
//    drizzle/) and "deleted: PATH" lines (relative to the case): the base, minus those, plus every
//    other file of the case folder laid over it. Without "base:", the case folder is whole. A
//    "committed: BASE" (or "committed: before TAG", the case cut there) line makes it a git
//    repository that committed that folder, for the history rules (--since HEAD).
// A case's migrations table (database.sql, or "-- applied:") becomes a SQLite file beside it.
#pragma once

#include <filesystem>
#include <string>

namespace miglint::test {

struct Materialized {
  std::filesystem::path root;  // holds drizzle/ (and any other file of the case): run miglint here
  std::string database_url;    // "sqlite:FILE", or "" when the case has no database
  std::string since;           // "HEAD" when root is a git repository holding the case's history
};

// Materialises the case at `path` (a .sql file or a folder) in the empty or missing folder `into`.
// Throws std::runtime_error on a malformed case.
Materialized materialize_case(const std::filesystem::path& path, const std::filesystem::path& into);

}  // namespace miglint::test
