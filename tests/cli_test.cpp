// The command line as users meet it: commands, options, exit codes, folder discovery.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "support/rule_case.h"

namespace miglint::test {
namespace {

const std::string kIncident = "fixtures/examples/incident/drizzle";
const std::string kClean = "fixtures/generated/pg-index/drizzle";

TEST(Cli, ExitCodes) {
  EXPECT_EQ(run_miglint({kClean}).exit_code, 0);
  EXPECT_EQ(run_miglint({"check", kClean}).exit_code, 0);
  EXPECT_EQ(run_miglint({kIncident}).exit_code, 1);
  EXPECT_EQ(run_miglint({kIncident, "--exit-zero"}).exit_code, 0);
  EXPECT_EQ(run_miglint({"--no-such-option"}).exit_code, 2);
  EXPECT_EQ(run_miglint({kClean, "missing-folder"}).exit_code, 2) << "one folder that cannot be checked fails the run";
}

TEST(Cli, FailOnChoosesTheLowestFailingSeverity) {
  const std::string kWarningsOnly = rule_case_folder("journal-idx-sequence", "bad-drop-middle").string();
  RunResult warnings = run_miglint({kWarningsOnly, "--select", "journal-idx-sequence"});
  EXPECT_EQ(warnings.exit_code, 0) << warnings.out;
  EXPECT_EQ(run_miglint({kWarningsOnly, "--select", "journal-idx-sequence", "--fail-on", "warning"}).exit_code, 1);
  EXPECT_EQ(run_miglint({kWarningsOnly, "--select", "journal-idx-sequence", "--fail-on=info"}).exit_code, 1);
  EXPECT_EQ(run_miglint({kWarningsOnly, "--fail-on", "fatal"}).exit_code, 2);
}

TEST(Cli, SelectAndIgnore) {
  RunResult only = run_miglint({kIncident, "--select", "snapshot-missing", "--format", "gcc"});
  EXPECT_NE(only.out.find("[snapshot-missing]"), std::string::npos);
  EXPECT_EQ(only.out.find("[snapshot-count-mismatch]"), std::string::npos);
  RunResult ignored = run_miglint({kIncident, "--ignore", "snapshot-missing,chain-latest-mismatch", "--format", "gcc"});
  EXPECT_EQ(ignored.out.find("[snapshot-missing]"), std::string::npos);
  EXPECT_NE(ignored.out.find("[snapshot-count-mismatch]"), std::string::npos);
}

// The rules' groups, from `miglint rules` (name, group, severity, summary).
std::map<std::string, std::string> group_of_rules() {
  std::map<std::string, std::string> groups;
  std::istringstream lines(run_miglint({"rules"}).out);
  std::string line, name, group;
  while (std::getline(lines, line)) {
    std::istringstream(line) >> name >> group;
    groups[name] = group;
  }
  return groups;
}

// A group name selects exactly its rules; ignoring it drops exactly them.
TEST(Cli, SelectAndIgnoreAGroup) {
  const auto groups = group_of_rules();
  auto rules_found = [](const RunResult& r) {
    std::multiset<std::string> rules;
    const nlohmann::json report = nlohmann::json::parse(r.out);
    for (const auto& f : report["findings"]) rules.insert(f["rule"].get<std::string>());
    return rules;
  };
  const auto all = rules_found(run_miglint({kIncident, "--format", "json"}));
  std::multiset<std::string> safety, not_safety;
  for (const std::string& rule : all) (groups.at(rule) == "safety" ? safety : not_safety).insert(rule);
  ASSERT_FALSE(safety.empty()) << all.size() << " findings, " << groups.size() << " rules";
  ASSERT_FALSE(not_safety.empty());
  EXPECT_EQ(rules_found(run_miglint({kIncident, "--format", "json", "--select", "safety"})), safety);
  EXPECT_EQ(rules_found(run_miglint({kIncident, "--format", "json", "--ignore", "safety"})), not_safety);
  // A group and one of another group's rules together.
  auto mixed = rules_found(run_miglint({kIncident, "--format", "json", "--select", "safety,snapshot-missing"}));
  EXPECT_EQ(mixed.count("snapshot-missing"), 1u);
  EXPECT_EQ(mixed.count("snapshot-count-mismatch"), 0u);
  // A rule ignored inside a selected group.
  auto trimmed = rules_found(run_miglint({kIncident, "--format", "json", "--select", "snapshot", "--ignore", "snapshot-missing"}));
  EXPECT_EQ(trimmed, (std::multiset<std::string>{"snapshot-count-mismatch"}));
  RunResult typo = run_miglint({kIncident, "--select", "safty"});
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_NE(typo.err.find("unknown rule \"safty\"; did you mean \"safety\"?"), std::string::npos) << typo.err;
}

TEST(Cli, RulesListsAGroup) {
  RunResult r = run_miglint({"rules", "chain", "drop-table"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::istringstream lines(r.out);
  std::string line, name, group;
  std::vector<std::string> names;
  while (std::getline(lines, line)) {
    std::istringstream(line) >> name >> group;
    names.push_back(name);
    EXPECT_TRUE(group == "chain" || name == "drop-table") << line;
  }
  EXPECT_EQ(names, (std::vector<std::string>{"chain-root", "chain-broken", "chain-fork", "chain-duplicate-id",
                                             "chain-latest-mismatch", "drop-table"}));
  RunResult typo = run_miglint({"rules", "chian"});
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_NE(typo.err.find("unknown rule or group \"chian\"; did you mean \"chain\"?"), std::string::npos) << typo.err;
}

TEST(Cli, UnknownRuleIsAnErrorWithASuggestion) {
  RunResult r = run_miglint({kClean, "--select", "snapshot-mising"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("unknown rule \"snapshot-mising\"; did you mean \"snapshot-missing\"?"), std::string::npos) << r.err;
}

TEST(Cli, RulesListsEveryRuleWithItsSeverity) {
  RunResult r = run_miglint({"rules"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("journal-when-not-increasing"), std::string::npos);
  EXPECT_NE(r.out.find("enum-value-used-in-same-transaction"), std::string::npos);
  // One column for names, one for severities, lined up on every line whatever a name's length.
  std::istringstream lines(r.out);
  std::string line;
  std::set<std::size_t> severity_columns;
  int count = 0;
  while (std::getline(lines, line)) {
    ++count;
    std::size_t after_name = line.find(' ');
    severity_columns.insert(line.find_first_not_of(' ', after_name));
  }
  EXPECT_GE(count, 47);
  EXPECT_EQ(severity_columns.size(), 1u) << r.out;
  // Every rule sits in its group's folder.
  for (const auto& [rule, group] : group_of_rules()) {
    EXPECT_TRUE(std::filesystem::exists(source_dir() / "rules" / group / (rule + ".cpp"))) << rule << " is not in rules/" << group;
  }
  EXPECT_NE(r.out.find("snapshot-orphan "), std::string::npos) << r.out;
}

TEST(Cli, ExplainPrintsThePageOrSuggests) {
  RunResult r = run_miglint({"explain", "chain-fork"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_TRUE(r.out.starts_with("# chain-fork\n"));
  RunResult typo = run_miglint({"explain", "chain-frok"});
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_NE(typo.err.find("did you mean \"chain-fork\"?"), std::string::npos);
}

TEST(Cli, VersionAndHelp) {
  RunResult v = run_miglint({"--version"});
  EXPECT_EQ(v.exit_code, 0);
  EXPECT_TRUE(v.out.starts_with("miglint ")) << v.out;
  RunResult h = run_miglint({"--help"});
  EXPECT_EQ(h.exit_code, 0);
  EXPECT_NE(h.out.find("Exit codes"), std::string::npos);
  // Every option --help shows is one the parser takes (help and parser come from one table).
  std::istringstream lines(h.out);
  std::string line;
  int options = 0;
  while (std::getline(lines, line)) {
    if (!line.starts_with("  -")) continue;
    std::string name = line.substr(2, line.find_first_of(" ,", 2) - 2);
    RunResult r = run_miglint({"rules", name, "x"});
    EXPECT_EQ(r.err.find("unknown option"), std::string::npos) << name << ": " << r.err;
    ++options;
  }
  EXPECT_GE(options, 20);
  EXPECT_NE(h.out.find("  --mark-applied TAG|IDX|FROM..TO,...   repair: record these migrations as applied\n"),
            std::string::npos) << h.out;
}

TEST(Cli, OptionValuesAreChecked) {
  RunResult flag = run_miglint({kIncident, "--quiet=yes"});
  EXPECT_EQ(flag.exit_code, 2);
  EXPECT_NE(flag.err.find("--quiet takes no value"), std::string::npos) << flag.err;
  RunResult missing = run_miglint({kIncident, "--format"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("--format needs a value"), std::string::npos) << missing.err;
  RunResult bad = run_miglint({kIncident, "--statement-timeout=0"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--statement-timeout takes whole seconds from 1 to 3600, not \"0\""), std::string::npos) << bad.err;
  RunResult alias = run_miglint({kIncident, "-q", "--format=gcc"});
  EXPECT_EQ(alias.exit_code, 1) << alias.err;
  EXPECT_EQ(alias.out.find("Found "), std::string::npos) << alias.out;
}

TEST(Cli, QuietPrintsFindingsOnly) {
  EXPECT_EQ(run_miglint({"fixtures/generated/sqlite-index/drizzle", "--quiet"}).out, "") << "a folder without findings";
  RunResult r = run_miglint({kIncident, "--quiet"});
  EXPECT_EQ(r.out.find("Found "), std::string::npos);
  EXPECT_NE(r.out.find("[snapshot-missing]"), std::string::npos);
}

TEST(Cli, DefaultFolderComesFromDrizzleConfigWithoutRunningIt) {
  TempDir dir;
  copy_tree(source_dir() / kIncident, dir.path() / "db/migrations");
  write_file(dir.path() / "drizzle.config.ts",
             "import { defineConfig } from 'drizzle-kit';\n"
             "// out: 'wrong' in a comment must be ignored\n"
             "export default defineConfig({\n  dialect: 'postgresql',\n  schema: './src/schema.ts',\n"
             "  out: './db/migrations',\n  dbCredentials: { url: process.env.DATABASE_URL! },\n});\n");
  RunResult r = run_miglint({"--format", "gcc"}, dir.path());
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("db/migrations/meta/_journal.json"), std::string::npos) << r.out;
}

TEST(Cli, ComputedOutIsNotGuessed) {
  TempDir dir;
  write_file(dir.path() / "drizzle.config.js", "module.exports = { out: path.join(__dirname, 'drizzle') };\n");
  RunResult r = run_miglint({}, dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("\"out\" is computed"), std::string::npos) << r.err;
}

TEST(Cli, WithoutConfigTheDefaultIsDrizzle) {
  TempDir dir;
  copy_pg_index_without_findings(dir.path() / "drizzle");
  RunResult r = run_miglint({}, dir.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("No problems found in 1 folder"), std::string::npos) << r.out;
}

TEST(Cli, SeveralFoldersAndAbsolutePathsAreDeduplicated) {
  TempDir dir;
  copy_tree(source_dir() / kClean, dir.path() / "a/drizzle");
  copy_tree(source_dir() / kIncident, dir.path() / "b/drizzle");
  std::string abs_file = (dir.path() / "a/drizzle/meta/_journal.json").string();
  RunResult r = run_miglint({abs_file, "a/drizzle", "b/drizzle/0005_make_sessions_programid_nullable.sql", "--format", "json"},
                            dir.path());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("\"folders\": [\n    \"a/drizzle\",\n    \"b/drizzle\"\n  ]"), std::string::npos) << r.out;
}

TEST(Cli, DeletedFileSelectsItsFolder) {
  TempDir dir;
  copy_tree(source_dir() / kClean, dir.path() / "drizzle");
  RunResult r = run_miglint({"drizzle/meta/0009_snapshot.json"}, dir.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST(Cli, DialectOptionIsCheckedAgainstTheJournal) {
  RunResult r = run_miglint({kClean, "--dialect", "mysql", "--format", "gcc"});
  EXPECT_NE(r.out.find("[journal-dialect] the journal says \"postgresql\" but miglint was asked to check mysql"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(run_miglint({kClean, "--dialect", "oracle"}).exit_code, 2);
}

}  // namespace
}  // namespace miglint::test
