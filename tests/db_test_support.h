// Shared steps of the database tests: psql, the real drizzle-orm migrator, and folder edits.
#pragma once

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/run.h"

namespace miglint::test {

// Runs SQL with psql against url; fails the test on error.
inline void psql(const std::string& url, const std::string& sql) {
  RunResult r = run_shell("psql " + sh_quote(url) + " -X -q -v ON_ERROR_STOP=1 -c " + sh_quote(sql));
  ASSERT_EQ(r.exit_code, 0) << sql << "\n" << r.err;
}

inline std::string psql_value(const std::string& url, const std::string& sql) {
  RunResult r = run_shell("psql " + sh_quote(url) + " -X -q -A -t -v ON_ERROR_STOP=1 -c " + sh_quote(sql));
  EXPECT_EQ(r.exit_code, 0) << sql << "\n" << r.err;
  while (!r.out.empty() && r.out.back() == '\n') r.out.pop_back();
  return r.out;
}

// drizzle-orm's real migrate() on folder; returns its result.
inline RunResult drizzle_migrate(const std::filesystem::path& folder, const std::string& url) {
  return run_shell(drizzle_command() + " migrate " + sh_quote(folder.string()) + " " + sh_quote(url));
}

inline RunResult drizzle_rows(const std::string& url) {
  return run_shell(drizzle_command() + " rows " + sh_quote(url));
}

// Drops the last journal entry and its files: the folder as it was before that migration.
inline void drop_last_migration(const std::filesystem::path& folder) {
  auto journal_path = folder / "meta/_journal.json";
  auto journal = nlohmann::ordered_json::parse(read_file(journal_path));
  std::string tag = journal["entries"].back()["tag"];
  journal["entries"].erase(journal["entries"].size() - 1);
  write_file(journal_path, journal.dump(2));
  std::filesystem::remove(folder / (tag + ".sql"));
  std::filesystem::remove(folder / "meta" / (tag.substr(0, tag.find('_')) + "_snapshot.json"));
}

// miglint --format json, parsed.
inline nlohmann::json lint_json(const std::filesystem::path& folder, const std::string& url,
                                const std::vector<std::string>& extra = {}) {
  std::vector<std::string> args = {folder.string(), "--format", "json", "--database-url", url};
  args.insert(args.end(), extra.begin(), extra.end());
  RunResult r = run_miglint(args);
  EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
  return nlohmann::json::parse(r.out.empty() ? "{}" : r.out);
}

inline std::vector<std::string> rules_reported(const nlohmann::json& report, const std::string& prefix = "db-") {
  std::vector<std::string> out;
  for (const auto& f : report["findings"]) {
    std::string rule = f["rule"];
    if (rule.starts_with(prefix)) out.push_back(rule + " " + (f["migration"].is_string() ? f["migration"].get<std::string>() : ""));
  }
  return out;
}

}  // namespace miglint::test
