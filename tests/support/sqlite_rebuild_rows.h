// Shared by the tests that run drizzle's real SQLite migrators on fixtures/generated/sqlite-rebuild
// (made by the real drizzle-kit 0.31.11) with rows in every table, and compare the rows lost with
// the rebuild findings miglint reports.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

namespace miglint::test {

// fixtures/generated/sqlite-rebuild/drizzle: 0000 makes the tables, 0001 rebuilds notes (referenced
// by nothing) and teams (members ON DELETE CASCADE, projects SET NULL), 0002 rebuilds labels
// (label_uses NO ACTION).
const std::filesystem::path& sqlite_rebuild_folder();

// A row in every table, one statement a line: two teams with a member each, a project of team 1
// and one of no team, a label used by project 1, a note. Without the lines naming `leave_empty`.
std::string sqlite_rebuild_rows(const std::string& leave_empty = "");

// The folder's first `count` migrations, as a folder of their own under `to`.
std::filesystem::path first_rebuild_migrations(std::size_t count, const std::filesystem::path& to);

// Puts `before` and `after` (statements, each ending in a breakpoint but the last) around the SQL
// of the migration whose tag starts with `prefix` ("0001") in `folder`.
void wrap_migration(const std::filesystem::path& folder, const std::string& prefix, const std::string& before,
                    const std::string& after);

// Tables whose rows differ between two dumps ({table: [row, ...]}).
std::set<std::string> changed_tables(const nlohmann::json& before, const nlohmann::json& after);

struct RebuildFindings {
  std::set<std::string> harmed;    // tables the deletes-rows findings say lose or change rows
  std::set<std::string> blocking;  // tables the blocked findings say make migrate fail
  std::vector<std::string> messages;
  std::vector<std::string> helps;
};

// The two rebuild rules' findings on `folder` (with `extra` arguments, e.g. --driver d1), the
// tables each names before its "DROP TABLE".
RebuildFindings rebuild_findings(const std::filesystem::path& folder, const std::vector<std::string>& extra = {});

std::string joined(const std::vector<std::string>& lines);

}  // namespace miglint::test
