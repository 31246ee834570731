// .miglint.toml: found by walking up, --config overrides it, the command line beats it, and
// a wrong key or value stops the run naming the key and the nearest valid one.
#include <gtest/gtest.h>

#include "load/config_file.h"
#include "support/rule_case.h"

namespace miglint::test {
namespace {

namespace fs = std::filesystem;

const fs::path kIncident = "fixtures/examples/incident/drizzle";

class Config : public testing::Test {
 protected:
  void SetUp() override {
    copy_tree(source_dir() / kIncident, dir_.path() / "db/migrations");
    fs::create_directory(dir_.path() / ".git");  // the repository root ends the search
    fs::create_directories(dir_.path() / "src/deep");
  }
  void config(const std::string& text) { write_file(dir_.path() / ".miglint.toml", text); }
  RunResult lint(std::vector<std::string> args, const fs::path& cwd = {}) {
    args.push_back("--format");
    args.push_back("gcc");
    return run_miglint(args, cwd.empty() ? dir_.path() : cwd);
  }
  TempDir dir_;
};

TEST_F(Config, FoundByWalkingUpWithFoldersRelativeToIt) {
  config("folders = [\"db/migrations\"]\n");
  RunResult r = lint({}, dir_.path() / "src/deep");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("../../db/migrations/meta/_journal.json"), std::string::npos) << r.out;
}

TEST_F(Config, SearchStopsAtTheRepositoryRoot) {
  write_file(dir_.path() / "inner/.git/HEAD", "");
  write_file(dir_.path() / ".miglint.toml", "folders = [\"db/migrations\"]\n");
  RunResult r = lint({}, dir_.path() / "inner");
  EXPECT_EQ(r.exit_code, 2) << "the outer file belongs to another repository: " << r.out;
}

TEST_F(Config, SelectIgnoreSeverityAndFailOn) {
  config("folders = [\"db/migrations\"]\nignore = [\"chain-latest-mismatch\"]\nfail_on = \"error\"\n"
         "[severity]\nsnapshot-missing = \"warning\"\nsnapshot-count-mismatch = \"info\"\n");
  RunResult r = lint({});
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("warning[snapshot-missing]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("info[snapshot-count-mismatch]"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("chain-latest-mismatch"), std::string::npos) << r.out;
  // The command line wins over the file.
  EXPECT_EQ(lint({"--fail-on", "warning"}).exit_code, 1);
  EXPECT_NE(lint({"--ignore", "snapshot-missing"}).out.find("chain-latest-mismatch"), std::string::npos);
}

// A group stands for its rules in select, ignore, [severity] and per_path_ignores; in [severity]
// a rule named on its own wins over its group, wherever it stands in the file.
TEST_F(Config, GroupsStandForTheirRules) {
  config("folders = [\"db/migrations\"]\nignore = [\"safety\"]\n"
         "[severity]\nsnapshot-missing = \"info\"\nsnapshot = \"warning\"\n");
  RunResult r = lint({});
  EXPECT_EQ(r.exit_code, 1) << r.out;  // chain-latest-mismatch is still an error
  EXPECT_NE(r.out.find("info[snapshot-missing]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("warning[snapshot-count-mismatch]"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("create-index-on-existing-table"), std::string::npos) << r.out;
  config("folders = [\"db/migrations\"]\nselect = [\"chain\", \"snapshot\"]\n"
         "[per_path_ignores]\n\"db/migrations/meta/*.json\" = [\"chain\"]\n");
  RunResult selected = lint({});
  EXPECT_NE(selected.out.find("[snapshot-missing]"), std::string::npos) << selected.out;
  EXPECT_EQ(selected.out.find("[chain-latest-mismatch]"), std::string::npos) << selected.out;
  EXPECT_EQ(selected.out.find("create-index-on-existing-table"), std::string::npos) << selected.out;
  config("folders = [\"db/migrations\"]\nselect = [\"chian\"]\n");
  RunResult typo = lint({});
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_NE(typo.err.find("unknown rule \"chian\" in \"select\"; did you mean \"chain\"?"), std::string::npos) << typo.err;
}

TEST_F(Config, PerPathIgnores) {
  config("folders = [\"db/migrations\"]\n[per_path_ignores]\n\"db/migrations/meta/*.json\" = [\"snapshot-missing\", "
         "\"snapshot-count-mismatch\", \"chain-latest-mismatch\"]\n");
  RunResult r = lint({});
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(r.out.find("[snapshot-missing]"), std::string::npos) << r.out;
}

TEST_F(Config, ExplicitConfigFileOverridesTheSearch) {
  config("this is not toml");
  write_file(dir_.path() / "ci.toml", "folders = [\"db/migrations\"]\nselect = [\"snapshot-missing\"]\n");
  RunResult r = lint({"--config", "ci.toml"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("[snapshot-missing]"), std::string::npos);
  EXPECT_EQ(r.out.find("[snapshot-count-mismatch]"), std::string::npos);
  EXPECT_EQ(lint({"--config", "missing.toml"}).exit_code, 2);
}

TEST_F(Config, UnknownKeysAndBadValuesStopTheRunWithASuggestion) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"selct = [\"chain-fork\"]\n", ".miglint.toml:1:1: unknown key \"selct\"; did you mean \"select\"?"},
      {"ignore = [\"chain-frok\"]\n", "unknown rule \"chain-frok\" in \"ignore\"; did you mean \"chain-fork\"?"},
      {"dialect = \"oracle\"\n", "\"dialect\" must be postgresql, mysql, sqlite, turso or singlestore, not \"oracle\""},
      {"fail_on = \"fatal\"\n", "\"fail_on\" must be \"error\", \"warning\" or \"info\", not \"fatal\""},
      {"folders = \"drizzle\"\n", "\"folders\" must be an array of strings"},
      {"[severity]\nsnapshot-mising = \"error\"\n", "unknown rule \"snapshot-mising\" in [severity]; did you mean \"snapshot-missing\"?"},
      {"[severity]\nsnapshot-missing = \"loud\"\n", "\"snapshot-missing\" must be \"error\", \"warning\" or \"info\", not \"loud\""},
      {"migrations_table = 3\n", "\"migrations_table\" must be a string"},
      {"folders = [\n", ".miglint.toml:"},
  };
  for (const auto& [text, expected] : cases) {
    config(text);
    RunResult r = lint({});
    EXPECT_EQ(r.exit_code, 2) << text;
    EXPECT_NE(r.err.find(expected), std::string::npos) << text << "\n" << r.err;
  }
}

TEST_F(Config, DatabaseSettings) {
  // A SQLite database whose drizzle table has a custom name, as the config says.
  make_sqlite_database(dir_.path() / "app.db",
                       "CREATE TABLE migrations_log (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric);");
  config("folders = [\"db/migrations\"]\ndatabase_url_env = \"APP_DB\"\nmigrations_table = \"migrations_log\"\n");
  RunResult with_db = run_miglint({"--format", "gcc", "--fail-on", "info"}, dir_.path(),
                                  {"APP_DB=sqlite:" + (dir_.path() / "app.db").string()});
  EXPECT_NE(with_db.out.find("[db-migration-pending]"), std::string::npos) << with_db.out << with_db.err;
  EXPECT_EQ(with_db.out.find("db-migrations-table-missing"), std::string::npos) << with_db.out;
  // Without the variable, check stays offline and says so; status needs it.
  RunResult offline = lint({});
  EXPECT_EQ(offline.exit_code, 1);
  EXPECT_NE(offline.err.find("APP_DB is not set, so the database checks of .miglint.toml are skipped"), std::string::npos)
      << offline.err;
  // --offline wins over the file even when the variable is set (hooks use it).
  RunResult forced = run_miglint({"--format", "gcc", "--fail-on", "info", "--offline"}, dir_.path(),
                                 {"APP_DB=sqlite:" + (dir_.path() / "app.db").string()});
  EXPECT_EQ(forced.out.find("db-"), std::string::npos) << forced.out;
  RunResult status = run_miglint({"status"}, dir_.path());
  EXPECT_EQ(status.exit_code, 2);
  EXPECT_NE(status.err.find("APP_DB"), std::string::npos) << status.err;
}

// README.md's example .miglint.toml (under "### Configuration") reads without a complaint: every
// key it documents is accepted.
TEST_F(Config, EveryKeyOfTheReadmeExampleIsAccepted) {
  std::string readme = read_file(source_dir() / "README.md");
  size_t section = readme.find("### Configuration: `.miglint.toml`");
  ASSERT_NE(section, std::string::npos);
  size_t start = readme.find("```toml\n", section);
  ASSERT_NE(start, std::string::npos);
  start += 8;
  std::string example = readme.substr(start, readme.find("```\n", start) - start);
  ASSERT_NE(example.find("migrations_table"), std::string::npos) << example;
  config(example);
  // Its `since` names origin/main: a repository where that exists.
  ASSERT_EQ(run_shell("git init -q && git -c user.name=t -c user.email=t@t commit -q --allow-empty -m base && "
                      "git update-ref refs/remotes/origin/main HEAD",
                      dir_.path())
                .exit_code,
            0);
  RunResult r = lint({"db/migrations"});
  EXPECT_EQ(r.err.find(".miglint.toml:"), std::string::npos) << r.err;
  EXPECT_NE(r.exit_code, 2) << r.err;
  config("migrations_tabel = \"x\"\n" + example);
  RunResult typo = lint({"db/migrations"});
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_NE(typo.err.find("unknown key \"migrations_tabel\"; did you mean \"migrations_table\"?"), std::string::npos)
      << typo.err;
}

// TOML allows characters beyond ASCII in strings and comments only. toml++ 3.3 reached code it
// marks unreachable on some of them, in code and in valid files alike (found by fuzzing): it is
// given an ASCII rewrite, so the file means the same and positions are the file's.
TEST_F(Config, CharactersBeyondAsciiOutsideStringsAreRefusedWithAPosition) {
  config("\xEF\xBB\xBBse");
  RunResult r = lint({});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(".miglint.toml:1:1: a character beyond ASCII (U+FEFB) outside a string or a comment"),
            std::string::npos)
      << r.err;
  config("# caf\xC3\xA9\nfolders = [\"db/migrations\"] # d\xC3\xA9j\xC3\xA0\nignore = ['''chain-latest-mismatch''']\n"
         "\xC3\xA9 = 1\n");
  r = lint({});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(".miglint.toml:4:1: a character beyond ASCII (U+00E9)"), std::string::npos) << r.err;
  config("# caf\xC3\xA9\nfolders = [\"db/migrations\"] # d\xC3\xA9j\xC3\xA0\n");
  EXPECT_EQ(lint({}).exit_code, 1) << "beyond ASCII in comments is fine";
  config("folders = [\"db/migrations\"]\nselect = [\"caf\xC3\xA9\xFF\"]\n");
  r = lint({});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(".miglint.toml:2:16: a byte that is not UTF-8 (0xFF); TOML files are UTF-8"), std::string::npos)
      << r.err;
}

// Strings of every kind keep their value, characters beyond ASCII and escapes included, and a
// position after such a string is where the file has it (in characters).
TEST_F(Config, StringsBeyondAsciiKeepTheirValueAndPositions) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"select = [\"s\xC3\xA9" "curit\xC3\xA9\"]", "s\xC3\xA9" "curit\xC3\xA9"},
      {"select = ['C:\\d\xC3\xA9j\xC3\xA0 \"x\"']", "C:\\d\xC3\xA9j\xC3\xA0 \"x\""},
      // The line after a trailing backslash: the valid file that made toml++ reach unreachable code.
      {"select = [\"\"\"\\\n    \xC3\xA9" "cole\"\"\"]", "\xC3\xA9" "cole"},
      {"select = ['''\n\xE3\x80\x81 \\ \"\"\" ''\xF0\x9F\x98\x80''''']", "\xE3\x80\x81 \\ \"\"\" ''\xF0\x9F\x98\x80''"},
  };
  for (const auto& [line, value] : cases) {
    config("folders = [\"db/migrations\"]\n" + line + "\n");
    RunResult r = lint({});
    EXPECT_EQ(r.exit_code, 2) << line;
    EXPECT_NE(r.err.find(".miglint.toml:2:10: unknown rule \"" + value + "\" in \"select\""), std::string::npos)
        << line << "\n" << r.err;
  }
  config("folders = [\"db/migrations\"]\nselect = ['\xC3\xA9\xC3\xA9', \"\xC3\xA9\" x]\n");
  RunResult r = lint({});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(".miglint.toml:2:21: "), std::string::npos) << r.err;
  config("\xEF\xBB\xBF# a byte order mark first\nfolders = [\"db/migrations\"]\n");
  EXPECT_EQ(lint({}).exit_code, 1) << "toml++ skips a byte order mark";
}

}  // namespace
}  // namespace miglint::test
