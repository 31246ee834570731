// Hostile and broken inputs: each gives a finding or a clear error with exit code 2,
// never a crash or a hang, the rest of the folder is still checked, and nothing outside
// the folder is read.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "support/run.h"

namespace miglint::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// A clean real drizzle-kit folder copied into a temporary directory as ./drizzle.
class BadInput : public testing::Test {
 protected:
  void SetUp() override { copy_tree(fixtures_dir() / "generated/pg-index/drizzle", folder()); }
  fs::path folder() const { return dir_.path() / "drizzle"; }
  fs::path journal() const { return folder() / "meta/_journal.json"; }
  RunResult lint(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"drizzle", "--format", "gcc"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_miglint(args, dir_.path());
  }
  // The line reporting rule on file, or "" (also fails the test when absent).
  std::string expect_finding(const RunResult& r, const std::string& rule, const std::string& file) {
    std::istringstream lines(r.out);
    std::string line;
    while (std::getline(lines, line)) {
      if (line.starts_with(file + ":") && line.find("[" + rule + "]") != std::string::npos) return line;
    }
    ADD_FAILURE() << "no " << rule << " finding on " << file << "\nstdout:\n" << r.out << "\nstderr:\n" << r.err;
    return {};
  }
  TempDir dir_;
};

TEST_F(BadInput, MissingFolderIsAClearError) {
  RunResult r = run_miglint({"no-such-folder"}, dir_.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no-such-folder: no such folder"), std::string::npos) << r.err;
}

TEST_F(BadInput, EmptyFolderIsAClearError) {
  fs::create_directory(dir_.path() / "empty");
  RunResult r = run_miglint({"empty"}, dir_.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no Drizzle migrations here"), std::string::npos) << r.err;
}

TEST_F(BadInput, FileInsteadOfFolderSelectsItsFolder) {
  RunResult r = run_miglint({"drizzle/meta/0001_snapshot.json", "drizzle/0000_init.sql"}, dir_.path());
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("in 1 folder"), std::string::npos) << "both paths select one folder: " << r.out;
}

TEST_F(BadInput, V1LayoutIsCheckedNotMisreadAsEmpty) {
  fs::path v1 = dir_.path() / "v1";
  write_file(v1 / "20250301100000_init/migration.sql", "CREATE TABLE a (id int);");
  write_file(v1 / "20250301100000_init/snapshot.json", R"({"version":"8","dialect":"postgres","id":"x","prevIds":[]})");
  RunResult r = run_miglint({"v1"}, dir_.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("warning[folder-snapshot-version]"), std::string::npos) << r.out;
}

TEST_F(BadInput, EmptyJournal) {
  write_file(journal(), "");
  RunResult r = lint();
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(expect_finding(r, "journal-malformed", "drizzle/meta/_journal.json").find("unexpected end of file"), std::string::npos);
}

TEST_F(BadInput, TruncatedJournalPointsAtTheEnd) {
  std::string text = read_file(journal());
  write_file(journal(), text.substr(0, text.size() / 2));
  RunResult r = lint();
  EXPECT_EQ(r.exit_code, 1);
  expect_finding(r, "journal-malformed", "drizzle/meta/_journal.json");
  EXPECT_EQ(r.out.find("sql-file-orphan"), std::string::npos) << "an unreadable journal must not make every file an orphan";
}

TEST_F(BadInput, JournalNotAnObject) {
  write_file(journal(), "[1, 2, 3]");
  EXPECT_NE(expect_finding(lint(), "journal-malformed", "drizzle/meta/_journal.json").find("must be a JSON object"),
            std::string::npos);
}

TEST_F(BadInput, EntriesNotAnArray) {
  write_file(journal(), R"({"version":"7","dialect":"postgresql","entries":{"0":{}}})");
  EXPECT_NE(expect_finding(lint(), "journal-malformed", "drizzle/meta/_journal.json").find("\"entries\" must be an array"),
            std::string::npos);
}

TEST_F(BadInput, FieldsOfTheWrongTypeAreEachReported) {
  write_file(journal(), R"({"version":"7","dialect":"postgresql","entries":[
  {"idx":"0","version":"7","when":1740823200000,"tag":"0000_init","breakpoints":true},
  {"idx":1,"version":7,"when":"1740823260000","tag":"0001_add_phone_and_status_idx","breakpoints":"yes"},
  {"idx":2,"version":"7","when":1740823320000,"tag":42,"breakpoints":true},
  "not an entry"
]})");
  RunResult r = lint();
  EXPECT_EQ(r.exit_code, 1);
  for (const char* what : {"\"idx\" of entry 0 must be an integer", "\"when\" of entry 1 must be a number",
                           "\"breakpoints\" of entry 1 must be a boolean", "\"version\" of entry 1 must be a string",
                           "\"tag\" of entry 2 must be a string", "entry 3 must be an object"}) {
    EXPECT_NE(r.out.find(what), std::string::npos) << what << "\n" << r.out;
  }
}

TEST_F(BadInput, HugeAndNegativeNumbers) {
  std::string text = read_file(journal());
  json j = json::parse(text);
  j["entries"][0]["when"] = -1;
  j["entries"][1]["idx"] = 1e30;
  write_file(journal(), j.dump(2));
  RunResult r = lint();
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("the when of entry 0 is not a plausible time"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"idx\" of entry 1 is too large"), std::string::npos) << r.out;
  write_file(journal(), R"({"version":"7","dialect":"postgresql","entries":[{"idx":0,"when":1e400,"tag":"0000_init","breakpoints":true}]})");
  expect_finding(lint(), "journal-malformed", "drizzle/meta/_journal.json");
}

TEST_F(BadInput, HugeWhenIsPrintedAsNodePrintsIt) {
  // printf("%.0f") into 32 bytes cut 1e308's 309 digits short.
  json j = json::parse(read_file(journal()));
  j["entries"][1]["when"] = 1e308;
  write_file(journal(), j.dump(2));
  std::string line = expect_finding(lint(), "journal-when-not-increasing", "drizzle/meta/_journal.json");
  EXPECT_NE(line.find("not above the 1e+308 of earlier \"0001_"), std::string::npos) << line;
}

TEST_F(BadInput, DuplicateKeysAreReportedAtTheRepeatedKey) {
  std::string text = read_file(journal());
  std::size_t at = text.find("\"tag\": \"0001_");
  text.insert(at, "\"when\": 1,\n      ");
  write_file(journal(), text);
  std::string line = expect_finding(lint(), "journal-malformed", "drizzle/meta/_journal.json");
  EXPECT_NE(line.find("the key \"when\" appears twice"), std::string::npos) << line;
}

TEST_F(BadInput, TruncatedSnapshotLeavesTheRestChecked) {
  std::string text = read_file(folder() / "meta/0001_snapshot.json");
  write_file(folder() / "meta/0001_snapshot.json", text.substr(0, 200));
  fs::remove(folder() / "0002_seed_data.sql");
  RunResult r = lint();
  expect_finding(r, "snapshot-malformed", "drizzle/meta/0001_snapshot.json");
  expect_finding(r, "sql-file-missing", "drizzle/meta/_journal.json");
  EXPECT_EQ(r.out.find("chain-broken"), std::string::npos) << "an unreadable parent is not a dangling prevId: " << r.out;
}

TEST_F(BadInput, DeepNestingIsRejectedWithoutCrashing) {
  std::string deep_array = std::string(100000, '[') + std::string(100000, ']');
  std::string deep_object;
  for (int i = 0; i < 100000; ++i) deep_object += "{\"a\":";
  deep_object += "1" + std::string(100000, '}');
  write_file(journal(), deep_array);
  write_file(folder() / "meta/0001_snapshot.json", deep_object);
  RunResult r = lint();
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(expect_finding(r, "journal-malformed", "drizzle/meta/_journal.json").find("nested deeper than"), std::string::npos);
  EXPECT_NE(expect_finding(r, "snapshot-malformed", "drizzle/meta/0001_snapshot.json").find("nested deeper than"),
            std::string::npos);
}

TEST_F(BadInput, FiftyMegabyteSnapshotIsCheckedQuickly) {
  // A valid snapshot grown to 50 MB with many tables: drizzle-kit accepts it, so must miglint.
  json snapshot = json::parse(read_file(folder() / "meta/0002_snapshot.json"));
  json table = snapshot["tables"].begin().value();
  std::string one = table.dump();
  std::size_t copies = 50u * 1024 * 1024 / one.size() + 1;
  for (std::size_t i = 0; i < copies; ++i) snapshot["tables"]["public.t" + std::to_string(i)] = table;
  write_file(folder() / "meta/0002_snapshot.json", snapshot.dump(2));
  ASSERT_GT(fs::file_size(folder() / "meta/0002_snapshot.json"), 50u * 1024 * 1024);
  auto start = std::chrono::steady_clock::now();
  RunResult r = lint();
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  // A release build takes a few seconds (the schema rule models its 58,000 tables); the sanitizer
  // build gets ten times that budget, as the scaling tests do.
#ifdef MIGLINT_SANITIZED
  EXPECT_LT(seconds, 100.0);
#else
  EXPECT_LT(seconds, 10.0);
#endif
}

TEST_F(BadInput, InvalidUtf8) {
  std::string text = read_file(journal());
  text.insert(text.find("0000_init"), "\xff\xfe");
  write_file(journal(), text);
  write_file(folder() / "meta/0001_snapshot.json", "{\"id\": \"\xc3\x28\"}");
  RunResult r = lint();
  EXPECT_NE(expect_finding(r, "journal-malformed", "drizzle/meta/_journal.json").find("not valid UTF-8"), std::string::npos);
  EXPECT_NE(expect_finding(r, "snapshot-malformed", "drizzle/meta/0001_snapshot.json").find("not valid UTF-8"),
            std::string::npos);
}

TEST_F(BadInput, ByteOrderMark) {
  write_file(journal(), "\xEF\xBB\xBF" + read_file(journal()));
  write_file(folder() / "meta/0001_snapshot.json", "\xEF\xBB\xBF" + read_file(folder() / "meta/0001_snapshot.json"));
  RunResult r = lint();
  EXPECT_NE(expect_finding(r, "journal-malformed", "drizzle/meta/_journal.json").find("byte order mark"), std::string::npos);
  EXPECT_NE(expect_finding(r, "snapshot-malformed", "drizzle/meta/0001_snapshot.json").find("byte order mark"),
            std::string::npos);
}

TEST_F(BadInput, CrlfLineEndingsKeepPositionsRight) {
  std::string text = read_file(journal());
  std::string crlf;
  for (char c : text) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  json j = json::parse(text);
  j["entries"][2]["when"] = j["entries"][1]["when"];
  std::string bad = j.dump(2);
  std::string bad_crlf;
  for (char c : bad) bad_crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  write_file(journal(), bad_crlf);
  std::string line = expect_finding(lint(), "journal-when-not-increasing", "drizzle/meta/_journal.json");
  // entries[2].when sits on line 23 of the 2-space layout whatever the line ending.
  EXPECT_TRUE(line.starts_with("drizzle/meta/_journal.json:23:")) << line;
}

TEST_F(BadInput, NulBytes) {
  write_file(journal(), std::string("{\"version\":\"7\",\0\"entries\":[]}", 28));
  write_file(folder() / "0000_init.sql", std::string("CREATE TABLE a (\0);", 19));
  RunResult r = lint();
  EXPECT_NE(expect_finding(r, "journal-malformed", "drizzle/meta/_journal.json").find("NUL byte"), std::string::npos);
}

TEST_F(BadInput, DirectoryNamedLikeASnapshot) {
  fs::remove(folder() / "meta/0001_snapshot.json");
  fs::create_directory(folder() / "meta/0001_snapshot.json");
  fs::create_directory(folder() / "meta/notes");
  RunResult r = lint();
  EXPECT_NE(expect_finding(r, "snapshot-malformed", "drizzle/meta/0001_snapshot.json").find("is a directory"), std::string::npos);
  EXPECT_NE(expect_finding(r, "meta-stray-file", "drizzle/meta/notes").find("is a directory"), std::string::npos);
}

TEST_F(BadInput, UnreadableFile) {
  fs::path snapshot = folder() / "meta/0001_snapshot.json";
  fs::permissions(snapshot, fs::perms::none);
  RunResult r;
  if (geteuid() == 0) {
    // root reads anything: run as nobody, with the folder readable to all but that file.
    fs::permissions(dir_.path(), fs::perms::all);
    ASSERT_EQ(run_shell("chmod -R a+rX drizzle && chmod 000 drizzle/meta/0001_snapshot.json", dir_.path()).exit_code, 0);
    r = run_shell("setpriv --reuid=65534 --regid=65534 --clear-groups " MIGLINT_BINARY " drizzle --format gcc", dir_.path());
  } else {
    r = lint();
  }
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(expect_finding(r, "snapshot-malformed", "drizzle/meta/0001_snapshot.json").find("could not be opened"),
            std::string::npos);
}

TEST_F(BadInput, SymlinksLeadingOutsideAreNotFollowed) {
  // Outside files whose content would produce a distinctive finding if they were read.
  write_file(dir_.path() / "outside/secret.json", "SECRET-NOT-JSON");
  write_file(dir_.path() / "outside/secret.sql", "SECRET");
  fs::remove(folder() / "meta/0001_snapshot.json");
  fs::create_symlink(dir_.path() / "outside/secret.json", folder() / "meta/0001_snapshot.json");
  fs::remove(folder() / "0001_add_phone_and_status_idx.sql");
  fs::create_symlink("../outside/secret.sql", folder() / "0001_add_phone_and_status_idx.sql");
  RunResult r = lint();
  EXPECT_NE(expect_finding(r, "snapshot-malformed", "drizzle/meta/0001_snapshot.json").find("symbolic link"), std::string::npos);
  EXPECT_NE(expect_finding(r, "sql-file-missing", "drizzle/meta/_journal.json").find("symbolic link"), std::string::npos);
  EXPECT_EQ(r.out.find("SECRET"), std::string::npos);
  EXPECT_EQ(r.out.find("invalid JSON"), std::string::npos) << "the outside file was read: " << r.out;
}

TEST_F(BadInput, SqlFileLinkedOutsideGetsOnlyTheRefusal) {
  write_file(dir_.path() / "outside.sql", "SELECT 1;");
  fs::remove(folder() / "0002_seed_data.sql");
  fs::create_symlink(dir_.path() / "outside.sql", folder() / "0002_seed_data.sql");
  RunResult r = lint();
  EXPECT_NE(expect_finding(r, "sql-file-missing", "drizzle/meta/_journal.json").find("symbolic link"), std::string::npos);
  EXPECT_EQ(r.out.find("sql-empty-statement"), std::string::npos) << "a file not read holds no empty statement: " << r.out;
}

TEST_F(BadInput, FifoNamedLikeASqlFileIsNotARegularFile) {
  fs::remove(folder() / "0002_seed_data.sql");
  ASSERT_EQ(mkfifo((folder() / "0002_seed_data.sql").c_str(), 0644), 0);
  std::string line = expect_finding(lint(), "sql-file-missing", "drizzle/meta/_journal.json");
  EXPECT_NE(line.find("0002_seed_data.sql is not a regular file"), std::string::npos) << line;
}

TEST_F(BadInput, MetaLinkedToItselfIsSaid) {
  fs::remove_all(folder() / "meta");
  fs::create_directory_symlink("meta", folder() / "meta");
  RunResult r = lint();
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(expect_finding(r, "journal-malformed", "drizzle/meta/_journal.json").find("meta/ is a symbolic link that leads back to itself"),
            std::string::npos);
  EXPECT_EQ(r.out.find("journal-missing"), std::string::npos) << r.out;
}

TEST_F(BadInput, SymlinkInsideTheFolderIsFollowed) {
  fs::rename(folder() / "0000_init.sql", folder() / "init.sql.txt");
  fs::create_symlink("init.sql.txt", folder() / "0000_init.sql");
  EXPECT_EQ(lint().exit_code, 0);
}

TEST_F(BadInput, MetaFolderLinkedOutsideIsNotRead) {
  fs::rename(folder() / "meta", dir_.path() / "elsewhere");
  fs::create_directory_symlink(dir_.path() / "elsewhere", folder() / "meta");
  RunResult r = lint();
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(expect_finding(r, "journal-malformed", "drizzle/meta/_journal.json").find("outside the migrations folder"),
            std::string::npos);
}

// Files are judged by where their directory resolves, once per directory: a plain snapshot file
// inside a meta/ linked outside is refused like the journal beside it, and never parsed.
TEST_F(BadInput, SnapshotInMetaLinkedOutsideIsNotRead) {
  fs::rename(folder() / "meta", dir_.path() / "elsewhere");
  write_file(dir_.path() / "elsewhere/0001_snapshot.json", "SECRET-NOT-JSON");
  fs::create_directory_symlink(dir_.path() / "elsewhere", folder() / "meta");
  RunResult r = lint();
  EXPECT_NE(expect_finding(r, "snapshot-malformed", "drizzle/meta/0001_snapshot.json").find("outside the migrations folder"),
            std::string::npos);
  EXPECT_EQ(r.out.find("SECRET"), std::string::npos);
  EXPECT_EQ(r.out.find("invalid JSON"), std::string::npos) << "the outside file was read: " << r.out;
}

TEST_F(BadInput, TagReachingOutsideIsNeverRead) {
  write_file(dir_.path() / "etc/passwd.sql", "SECRET");
  write_file(dir_.path() / "etc_snapshot.json", "SECRET");
  std::string text = read_file(journal());
  std::size_t at = text.find("0002_seed_data");
  text.replace(at, 14, "../etc/passwd");
  write_file(journal(), text);
  RunResult r = lint();
  std::string line = expect_finding(r, "journal-tag-invalid", "drizzle/meta/_journal.json");
  EXPECT_NE(line.find("\"..\""), std::string::npos) << line;
  EXPECT_EQ(r.out.find("SECRET"), std::string::npos);
  EXPECT_EQ(r.out.find("sql-file-missing"), std::string::npos) << "an invalid tag names no file: " << r.out;
  // The linter never opened the files the tag names.
  RunResult traced = run_shell("strace -f -e trace=open,openat,stat,newfstatat,lstat -o trace.txt " MIGLINT_BINARY
                               " drizzle >/dev/null; grep -c passwd trace.txt",
                               dir_.path());
  EXPECT_EQ(traced.out, "0\n") << traced.err << read_file(dir_.path() / "trace.txt");
}

}  // namespace
}  // namespace miglint::test
