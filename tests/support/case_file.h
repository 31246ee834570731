// A SQL rule case: one file, fixtures/rules/<group>/<rule>/<bad|good>-<name>.sql, that lays a few
// migrations (or edits) over a base folder made by the real drizzle-kit and ends with the output
// miglint must print. The format, line by line:
//
//   -- What the case shows and what must be reported (any comment lines).
//   -- base: generated/pg-index before 0002_seed_data
//                                       the folder it starts from: fixtures/<base>/drizzle, cut
//                                       before that migration (fixtures/rules/BASES.md)
//   -- applied: 0000_init               optional: also check against a SQLite migrations table that
//                                       records these migrations (none listed: the table is empty)
//   -- migrate: applied 3               optional: what drizzle-orm's SQLite migrator prints on a fresh
//                                       database (checked by fixtures/rules/check_sqlite_cases.sh)
//   -- migration: 0002_seed_data        a new journal entry and snapshot; the lines up to the next
//   <SQL>                               marker are its SQL file, byte for byte
//   -- file: 0001_add_phone_and_status_idx.sql
//   <text>                              replaces (or adds) that file of the migrations folder
//   -- (no newline at end of file)      the section above ends without a newline
//   -- $ miglint drizzle --select RULE  then the expected output, each line behind "-- "
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace miglint::test {

struct CaseSection {
  bool migration = false;  // a new migration, else a file of the folder
  std::string name;        // the migration's tag, or the file's path inside drizzle/
  std::string content;
};

struct CaseFile {
  std::string base;
  std::optional<std::vector<std::string>> applied;
  std::vector<CaseSection> sections;
  std::string command;         // the line after "-- $ "
  std::string expected;        // the expected output
  std::size_t expected_at = 0; // offset of the "-- $ " line, where a golden update rewrites the file
};

// Reads a case file; throws std::runtime_error naming `where` and the line on a malformed one.
CaseFile parse_case_file(const std::string& text, const std::string& where);

// The case file's text with its expected output replaced by `output` (for MIGLINT_UPDATE_GOLDEN=1).
std::string with_expected_output(const std::string& text, const CaseFile& file, const std::string& output);

}  // namespace miglint::test
