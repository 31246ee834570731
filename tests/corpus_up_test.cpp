// Two real 0.x folders of ../shared/corpus (karakeep: SQLite; onlook: PostgreSQL, with SQL and
// safety findings) moved to Drizzle Kit 1.0 by the real `drizzle-kit up` (1.0.0-rc.5,
// fixtures/drizzle-kit-1), as a user would move them: what `miglint --target 1.0` said of the 0.x
// folder beforehand must hold of what up made of it, and miglint must judge the 1.0 result's SQL as
// it judged the same SQL in the 0.x folder.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <algorithm>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <variant>

#include "load/folder_loader.h"
#include "support/kit1_tools.h"
#include "support/run.h"
#include "upgrade/upgrade_plan.h"

namespace miglint::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct CorpusFolder {
  std::string name;     // the copies' names in the temporary directory
  std::string corpus;   // under ../shared/corpus
  std::string dialect;  // as the project's drizzle.config gives it to up
};

// The rule groups that judge the SQL itself, whatever the layout around it, and the schema rules,
// which compare it with the snapshots (0.x ones, or what up made of them).
const char* const kSqlGroups = "sql,safety,sqlite,suppression,schema";

json lint(const fs::path& cwd, std::vector<std::string> args) {
  args.insert(args.end(), {"--format", "json"});
  RunResult r = run_miglint(args, cwd);
  EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << args[0] << " exited " << r.exit_code << ": " << r.err;
  json report = json::parse(r.out, nullptr, false);
  return report.is_object() ? report : json::object({{"findings", json::array()}});
}

std::string text(const json& value) { return value.is_string() ? value.get<std::string>() : ""; }

void replace_all(std::string& in, const std::string& what, const std::string& with) {
  if (what.empty()) return;
  for (std::size_t at = in.find(what); at != std::string::npos; at = in.find(what, at + with.size())) {
    in.replace(at, what.size(), with);
  }
}

// A finding as the user reads it, its migration named by the folder up gives it, the paths in its
// message (which differ between the layouts) left out.
std::multiset<std::string> sql_findings(const json& report, const std::map<std::string, std::string>& folder_of) {
  std::multiset<std::string> out;
  for (const json& f : report["findings"]) {
    std::string migration = text(f["migration"]);
    if (auto it = folder_of.find(migration); it != folder_of.end()) migration = it->second;
    std::string message = text(f["message"]);
    replace_all(message, text(f["file"]), "<file>");
    // A snapshot's path: meta/NNNN_snapshot.json in 0.x, <folder>/snapshot.json in 1.0.
    const std::string own = text(f["migration"]);
    for (const std::string& path : {"meta/" + own.substr(0, own.find('_')) + "_snapshot.json", own + "/snapshot.json"}) {
      replace_all(message, path, "<snapshot>");
    }
    replace_all(message, own, "<migration>");
    out.insert(text(f["rule"]) + " " + text(f["severity"]) + " " + migration + ":" + f["line"].dump() + " " + message);
  }
  return out;
}

std::string joined(const std::multiset<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += "  " + line + "\n";
  return out;
}

TEST(CorpusUp, TwoCorpusFoldersAfterTheRealUp) {
  const std::vector<CorpusFolder> folders = {
      {"karakeep", "karakeep-app__karakeep/packages__db__drizzle", "sqlite"},
      {"onlook", "onlook-dev__onlook/apps__backend__supabase__migrations", "postgresql"},
  };
  TempDir dir;
  std::map<std::string, std::map<std::string, std::string>> folder_of;  // per copy: tag -> folder up names
  json up_list = json::array();
  std::size_t sql_findings_compared = 0;
  for (const CorpusFolder& c : folders) {
    const fs::path source = corpus_dir() / c.corpus;
    ASSERT_TRUE(fs::is_directory(source)) << source;
    copy_tree(source, dir.path() / (c.name + "-0x"));
    copy_tree(source, dir.path() / c.name);

    auto loaded = load_folder(source, c.name, std::nullopt);
    ASSERT_TRUE(std::holds_alternative<Folder>(loaded)) << c.name;
    const Folder& folder = std::get<Folder>(loaded);
    const upgrade::Plan plan = upgrade::plan(folder);
    ASSERT_FALSE(plan.moves.empty()) << c.name;
    EXPECT_EQ(plan.moves.size(), folder.journal.entries.size()) << c.name << ": an entry up will not move";
    for (const upgrade::Move& move : plan.moves) {
      ASSERT_TRUE(move.folder) << c.name << " " << move.tag;
      folder_of[c.name][move.tag] = *move.folder;
    }

    // Before: the readiness report predicts nothing that blocks, drops, reorders or collides.
    json before = lint(dir.path(), {c.name + "-0x", "--target", "1.0"});
    for (const json& f : before["findings"]) {
      const std::string rule = text(f["rule"]);
      EXPECT_FALSE(rule == "upgrade-blocked" || rule == "upgrade-migration-dropped" || rule == "upgrade-order-changes" ||
                   rule == "upgrade-folder-collision")
          << c.name << ": " << f.dump();
    }
    up_list.push_back({c.name, c.dialect});
  }

  // Both ups in one node process, through drizzle-kit's SDK (tests/tools/kit1_up.cjs).
  const fs::path modules = kit1_tools() / "node_modules";
  RunResult up = run_shell("node " + sh_quote((source_dir() / "tests/tools/kit1_up.cjs").string()) + " " +
                               sh_quote(modules.string()) + " " + sh_quote(up_list.dump()),
                           dir.path());
  ASSERT_EQ(up.exit_code, 0) << up.out << up.err;
  std::size_t converted = 0;
  std::istringstream lines(up.out);
  for (std::string line; std::getline(lines, line);) {
    json result = json::parse(line, nullptr, false);
    ASSERT_TRUE(result.is_object()) << line;
    EXPECT_EQ(result["result"]["status"], "ok") << line;
    ++converted;
  }
  EXPECT_EQ(converted, folders.size()) << up.out;

  for (const CorpusFolder& c : folders) {
    // up made one folder per journal entry, named as miglint predicted, and deleted meta/.
    std::set<std::string> made, predicted;
    for (const auto& entry : fs::directory_iterator(dir.path() / c.name)) {
      if (entry.is_directory()) made.insert(entry.path().filename().string());
      else ADD_FAILURE() << c.name << ": up left " << entry.path().filename();
    }
    for (const auto& [tag, name] : folder_of[c.name]) predicted.insert(name);
    EXPECT_EQ(made, predicted) << c.name;
    EXPECT_FALSE(made.contains("meta")) << c.name;

    // After: the 1.0 folder has no folder-* error, and its SQL findings are the 0.x folder's.
    json after = lint(dir.path(), {c.name});
    for (const json& f : after["findings"]) {
      EXPECT_FALSE(text(f["rule"]).starts_with("folder-") && text(f["severity"]) == "error") << c.name << ": " << f.dump();
    }
    const auto sql_before = sql_findings(lint(dir.path(), {c.name + "-0x", "--select", kSqlGroups}), folder_of[c.name]);
    const auto sql_after = sql_findings(lint(dir.path(), {c.name, "--select", kSqlGroups}), folder_of[c.name]);
    sql_findings_compared += sql_before.size();
    std::multiset<std::string> only_before, only_after;
    std::set_difference(sql_before.begin(), sql_before.end(), sql_after.begin(), sql_after.end(),
                        std::inserter(only_before, only_before.end()));
    std::set_difference(sql_after.begin(), sql_after.end(), sql_before.begin(), sql_before.end(),
                        std::inserter(only_after, only_after.end()));
    EXPECT_TRUE(only_before.empty() && only_after.empty())
        << c.name << ": findings on the 0.x folder only:\n" << joined(only_before) << "on the 1.0 folder only:\n" << joined(only_after);
  }
  EXPECT_GT(sql_findings_compared, 0u) << "no SQL finding to compare";
}

}  // namespace
}  // namespace miglint::test
