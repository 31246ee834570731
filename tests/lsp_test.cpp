// `miglint lsp` driven by a real LSP client: tests/tools/lsp/client.cjs on vscode-jsonrpc (the
// JSON-RPC layer of VS Code's language client, pinned in tests/tools/lsp/package-lock.json and
// installed once into <build dir>/lsp-tools by tests/tools/lsp/install.sh). The client runs a
// scenario and prints, per step, the diagnostics the server published; the assertions are here.
// The robustness tests feed raw bytes to the server and need no client.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <sstream>

#include "core/utf8.h"
#include "support/rule_case.h"

namespace miglint::test {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

const fs::path kFixture = "fixtures/generated/pg-index/drizzle";
const std::string kJournal = "meta/_journal.json";

// The directory with vscode-jsonrpc, installed on first use; "" after failing the test.
std::string lsp_tools() {
  static std::string tools;
  if (!tools.empty()) return tools;
  fs::path dir = fs::path(MIGLINT_BINARY).parent_path() / "lsp-tools";
  if (const char* env = std::getenv("MIGLINT_LSP_TOOLS_DIR"); env != nullptr && *env != '\0') dir = env;
  RunResult r = run_shell("bash " + sh_quote((source_dir() / "tests/tools/lsp/install.sh").string()) + " " +
                          sh_quote(dir.string()));
  if (r.exit_code != 0) {
    ADD_FAILURE() << "cannot install the LSP test client (vscode-jsonrpc from npm):\n" << r.err;
    return {};
  }
  tools = dir.string();
  return tools;
}

// Runs a client scenario; null after failing the test.
json run_client(const std::string& scenario, const fs::path& folder = {}, const std::string& arg = {}) {
  std::string tools = lsp_tools();
  if (tools.empty()) return nullptr;
  std::string command = "MIGLINT_LSP_TOOLS=" + sh_quote(tools) + " timeout 120 node " +
                        sh_quote((source_dir() / "tests/tools/lsp/client.cjs").string()) + " " + scenario + " " +
                        sh_quote(MIGLINT_BINARY);
  if (!folder.empty()) command += " " + sh_quote(folder.string());
  if (!arg.empty()) command += " " + sh_quote(arg);
  RunResult r = run_shell(command);
  if (r.exit_code != 0) {
    ADD_FAILURE() << "client.cjs " << scenario << " exited with " << r.exit_code << ":\n" << r.err << r.out;
    return nullptr;
  }
  json out = json::parse(r.out, nullptr, false);
  if (out.is_discarded()) {
    ADD_FAILURE() << "client.cjs " << scenario << " printed no JSON:\n" << r.out;
    return nullptr;
  }
  return out;
}

// A copy of the pg-index fixture without findings.
fs::path copy_fixture(const TempDir& dir) {
  fs::path folder = dir.path() / "drizzle";
  copy_pg_index_without_findings(folder);
  return folder;
}

json range(int line, int begin, int end) {
  return json{{"start", {{"line", line}, {"character", begin}}}, {"end", {{"line", line}, {"character", end}}}};
}

// The diagnostic of that rule in a step's publication for file, or null.
json find_code(const json& step, const std::string& file, const std::string& code) {
  if (!step.contains(file)) return nullptr;
  for (const json& d : step[file]) {
    if (d.value("code", "") == code) return d;
  }
  return nullptr;
}

// Line (0-based) and UTF-16 offset of needle in text, counted independently of the server.
std::pair<int, int> utf16_position(const std::string& text, const std::string& needle) {
  std::size_t at = text.find(needle);
  std::size_t line_start = text.rfind('\n', at);
  line_start = line_start == std::string::npos ? 0 : line_start + 1;
  int line = static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(line_start), '\n'));
  int units = 0;
  for (std::size_t i = line_start; i < at; ++i) {
    if (is_utf8_continuation(text[i])) continue;
    units += static_cast<unsigned char>(text[i]) >= 0xF0 ? 2 : 1;
  }
  return {line, units};
}

TEST(Lsp, JournalEditedIntoAnErrorAndFixed) {
  TempDir dir;
  fs::path folder = copy_fixture(dir);
  json out = run_client("journal", folder);
  ASSERT_FALSE(out.is_null());
  EXPECT_EQ(out["initialize"]["capabilities"]["textDocumentSync"],
            json::parse(R"({"openClose": true, "change": 1, "save": {"includeText": true}})"));
  EXPECT_EQ(out["initialize"]["serverInfo"]["name"], "miglint");
  const json& steps = out["steps"];

  // Opening the clean journal publishes its (empty) list.
  EXPECT_EQ(steps["open"], json::parse(R"({"meta/_journal.json": []})"));

  // Entry 2's when below entry 1's: exactly that diagnostic, on the value, for the journal's URI.
  ASSERT_TRUE(steps["broken"].contains(kJournal)) << steps.dump(2);
  const json& broken = steps["broken"][kJournal];
  ASSERT_EQ(broken.size(), 1u) << broken.dump(2);
  EXPECT_EQ(broken[0]["code"], "journal-when-not-increasing");
  EXPECT_EQ(broken[0]["severity"], 1);
  EXPECT_EQ(broken[0]["source"], "miglint");
  EXPECT_EQ(broken[0]["range"], range(21, 14, 27)) << "line 22, columns 15-28: the value 1740823200000";
  EXPECT_NE(broken[0]["message"].get<std::string>().find("\"0002_seed_data\" has when 1740823200000"), std::string::npos);
  EXPECT_NE(broken[0]["message"].get<std::string>().find("help: "), std::string::npos) << "message + help";
  auto [line, character] = utf16_position(out["broken_text"], "1740823200000");
  EXPECT_EQ(line, 21);
  EXPECT_EQ(character, 14);
  EXPECT_EQ(steps["broken"].size(), 1u) << "no other file has findings: " << steps["broken"].dump(2);

  // Fixed: the server clears what it published.
  EXPECT_EQ(steps["fixed"], json::parse(R"({"meta/_journal.json": []})"));

  // A duplicated tag: findings on the journal and on files the journal no longer names.
  EXPECT_FALSE(find_code(steps["duplicate"], kJournal, "journal-tag-duplicate").is_null()) << steps["duplicate"].dump(2);
  EXPECT_EQ(find_code(steps["duplicate"], kJournal, "journal-tag-duplicate")["range"], range(22, 13, 44));
  EXPECT_FALSE(find_code(steps["duplicate"], "0002_seed_data.sql", "sql-file-orphan").is_null());

  // didClose drops the unsaved contents: linted from disk (clean), every file is cleared.
  EXPECT_EQ(steps["closed"],
            json::parse(R"({"0002_seed_data.sql": [], "meta/0002_snapshot.json": [], "meta/_journal.json": []})"));

  EXPECT_TRUE(out["shutdown"].is_null());
  EXPECT_EQ(out["exit_code"], 0);
}

TEST(Lsp, SqlFileDeletedWhileOpenIsReportedOnTheJournal) {
  TempDir dir;
  fs::path folder = copy_fixture(dir);
  json out = run_client("sql", folder, "0001_add_phone_and_status_idx.sql");
  ASSERT_FALSE(out.is_null());
  const json& steps = out["steps"];
  EXPECT_EQ(steps["open"], json::parse(R"({"0001_add_phone_and_status_idx.sql": []})"));

  // Editing the .sql file (deleted from disk meanwhile) publishes for the journal, which is not open.
  json missing = find_code(steps["deleted"], kJournal, "sql-file-missing");
  ASSERT_FALSE(missing.is_null()) << steps["deleted"].dump(2);
  EXPECT_EQ(missing["range"], range(15, 13, 44)) << "the tag of entry 1";
  EXPECT_EQ(steps["deleted"][kJournal].size(), 1u);

  // Saved back to disk: the journal's list is cleared.
  ASSERT_TRUE(steps["restored"].contains(kJournal)) << steps["restored"].dump(2);
  EXPECT_EQ(steps["restored"][kJournal], json::array());

  // An orphan .sql file gets its own diagnostic, cleared once it is gone.
  json orphan = find_code(steps["orphan"], "0099_orphan.sql", "sql-file-orphan");
  ASSERT_FALSE(orphan.is_null()) << steps["orphan"].dump(2);
  EXPECT_EQ(orphan["range"], range(0, 0, 9)) << "a finding about a whole file underlines its first line";
  EXPECT_EQ(steps["orphan_closed"]["0099_orphan.sql"], json::array());
  EXPECT_EQ(out["exit_code"], 0);
}

// In a git repository the server judges as a pre-commit hook would, against HEAD: a committed
// migration's safety finding is history until the file changes.
TEST(Lsp, ComparesWithHeadInAGitRepository) {
  TempDir dir;
  copy_tree(fixtures_dir() / "generated/pg-index/drizzle", dir.path() / "drizzle");
  RunResult git = run_shell("git init -q && git add -A && git -c user.email=lsp@test.invalid -c user.name=Lsp "
                            "-c commit.gpgsign=false commit -q -m base",
                            dir.path());
  ASSERT_EQ(git.exit_code, 0) << git.err;
  const std::string sql = "0001_add_phone_and_status_idx.sql";
  json out = run_client("sql", dir.path() / "drizzle", sql);
  ASSERT_FALSE(out.is_null());
  const json& steps = out["steps"];
  EXPECT_EQ(steps["open"], json::parse(R"({"0001_add_phone_and_status_idx.sql": []})")) << steps.dump(2);
  // Saved with an edit: the committed migration changed, and its statements are judged again.
  EXPECT_FALSE(find_code(steps["restored"], sql, "history-migration-edited").is_null()) << steps["restored"].dump(2);
  EXPECT_FALSE(find_code(steps["restored"], sql, "create-index-on-existing-table").is_null()) << steps["restored"].dump(2);
}

TEST(Lsp, PositionsCountUtf16CodeUnits) {
  TempDir dir;
  fs::path folder = copy_fixture(dir);
  // Entry 2, on one line, with a tag holding a two-unit (astral) and a one-unit (é) character before
  // its when, which is below entry 1's.
  const std::string tag = "0002_s\xC3\xA9" "ed_\xF0\x9F\x98\x80";  // 0002_séed_😀
  fs::rename(folder / "0002_seed_data.sql", folder / (tag + ".sql"));
  std::string text = read_file(folder / kJournal);
  std::size_t entry = text.find("    {\n      \"idx\": 2");
  ASSERT_NE(entry, std::string::npos);
  std::size_t entry_end = text.find('}', entry) + 1;
  text.replace(entry, entry_end - entry,
               "    { \"idx\": 2, \"version\": \"7\", \"tag\": \"" + tag +
                   "\", \"when\": 1740823200000, \"breakpoints\": true }");
  fs::path edited = dir.path() / "journal.json";
  write_file(edited, text);

  json out = run_client("text", folder, edited.string());
  ASSERT_FALSE(out.is_null());
  json d = find_code(out["steps"]["open"], kJournal, "journal-when-not-increasing");
  ASSERT_FALSE(d.is_null()) << out["steps"].dump(2);
  auto [line, character] = utf16_position(text, "1740823200000");
  std::size_t line_start = text.rfind('\n', text.find("1740823200000")) + 1;
  std::size_t bytes = text.find("1740823200000") - line_start;
  ASSERT_EQ(character, static_cast<int>(bytes) - 3) << "é is 2 bytes and 1 unit, 😀 is 4 bytes and 2 units";
  EXPECT_EQ(d["range"], range(line, character, character + 13)) << "code points would give " << character - 1;
  EXPECT_EQ(out["exit_code"], 0);
}

TEST(Lsp, LifecycleErrors) {
  json out = run_client("lifecycle");
  ASSERT_FALSE(out.is_null());
  EXPECT_EQ(out["early"]["code"], -32002) << "a request before initialize";
  EXPECT_EQ(out["unknown"]["code"], -32601) << "an unknown request";
  EXPECT_EQ(out["exit_code"], 1) << "exit without shutdown";
}

TEST(Lsp, SettingsFileApplies) {
  TempDir dir;
  fs::create_directories(dir.path() / ".git");  // find_config stops at a repository root
  write_file(dir.path() / ".miglint.toml", "[severity]\njournal-when-not-increasing = \"warning\"\n");
  fs::path folder = copy_fixture(dir);
  json out = run_client("journal", folder);
  ASSERT_FALSE(out.is_null());
  json d = find_code(out["steps"]["broken"], kJournal, "journal-when-not-increasing");
  ASSERT_FALSE(d.is_null()) << out["steps"].dump(2);
  EXPECT_EQ(d["severity"], 2) << "the settings file makes it a warning";

  write_file(dir.path() / ".miglint.toml", "ignore = [\"journal-when-not-increasing\"]\n");
  out = run_client("journal", folder);
  ASSERT_FALSE(out.is_null());
  EXPECT_EQ(out["steps"]["broken"], json::parse(R"({"meta/_journal.json": []})"));
}

// --- Raw input, no client -------------------------------------------------------------------

std::string frame(const std::string& body) { return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body; }

RunResult run_raw(const TempDir& dir, const std::string& input) {
  fs::path in = dir.path() / "input";
  write_file(in, input);
  return run_shell("timeout 20 " + sh_quote(MIGLINT_BINARY) + " lsp < " + sh_quote(in.string()));
}

const std::string kInitialize = R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}})";

TEST(Lsp, ShutdownThenExitIsExitCodeZero) {
  TempDir dir;
  RunResult r = run_raw(dir, frame(kInitialize) + frame(R"({"jsonrpc":"2.0","id":2,"method":"shutdown"})") +
                                 frame(R"({"jsonrpc":"2.0","method":"exit"})"));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find(R"("id":2,"jsonrpc":"2.0","result":null)"), std::string::npos) << r.out;
}

TEST(Lsp, SurvivesBadInput) {
  TempDir dir;
  std::string input;
  input += frame("{not json");
  input += frame("[1, 2]");
  input += "garbage without a header\r\n\r\n";
  input += "Content-Length: abc\r\n\r\n";
  input += frame(kInitialize);
  input += frame(R"({"jsonrpc":"2.0","id":2,"method":"textDocument/didOpen","params":"wrong"})");
  input += frame(R"({"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":42}})");
  input += frame(R"({"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///x.sql"},"contentChanges":[{"range":{"start":"no"},"text":"x"}]}})");
  input += frame(R"({"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"http://example.com/a.sql","text":"x"}}})");
  input += frame(std::string(R"({"jsonrpc":"2.0","method":"x","params":{"deep":)") + std::string(1000000, '[') +
                 std::string(1000000, ']') + "}}");
  input += frame(R"({"jsonrpc":"2.0","id":3,"method":"shutdown"})");
  input += "Content-Length: 999999999999\r\n\r\n{}";  // more than the server accepts, then the input ends
  RunResult r = run_raw(dir, input);
  EXPECT_EQ(r.exit_code, 0) << "input ended after shutdown\n" << r.err;
  EXPECT_NE(r.out.find("-32700"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("-32600"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(R"("id":3,"jsonrpc":"2.0","result":null)"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("publishDiagnostics"), std::string::npos) << r.out;

  RunResult eof = run_raw(dir, frame(kInitialize) + "Content-Length: 100\r\n\r\n{\"jsonrpc\"");
  EXPECT_EQ(eof.exit_code, 1) << "input ended in a message, without shutdown";
}

TEST(Lsp, ABadFrameCostsOnlyItself) {
  // A frame with an unreadable Content-Length was skipped without its body, which then swallowed
  // the next header: every later message was lost, initialize included.
  const std::string ping = R"({"jsonrpc":"2.0","method":"x"})";
  for (const char* length : {"-1", "9223372036854775808", "0x10", "garbage", "", "99999999999"}) {
    SCOPED_TRACE(length);
    TempDir dir;
    std::string input = std::string("Content-Length: ") + length + "\r\n\r\n" + ping;
    input += frame(kInitialize);
    input += "Content-Type: application/vscode-jsonrpc\r\nContent-Length: " + std::string(length) + "\r\n\r\n" + ping + "\n";
    input += frame(R"({"jsonrpc":"2.0","id":2,"method":"shutdown"})") + frame(R"({"jsonrpc":"2.0","method":"exit"})");
    RunResult r = run_raw(dir, input);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find(R"("id":1,"jsonrpc":"2.0","result":{"capabilities")"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(R"("id":2,"jsonrpc":"2.0","result":null)"), std::string::npos) << r.out;
    EXPECT_NE(r.err.find("skipping to the next Content-Length header"), std::string::npos) << r.err;
  }
}

TEST(Lsp, FilesOutsideMigrationsFoldersGetNothing) {
  TempDir dir;
  write_file(dir.path() / "notes" / "query.sql", "SELECT 1;\n");
  write_file(dir.path() / "notes" / "meta" / "x.json", "{}");
  std::string uri = "file://" + fs::canonical(dir.path()).string();
  std::string input = frame(kInitialize);
  for (const char* file : {"/notes/query.sql", "/notes/meta/x.json", "/nowhere/0001_x.sql"}) {
    input += frame(json{{"jsonrpc", "2.0"}, {"method", "textDocument/didOpen"},
                        {"params", {{"textDocument", {{"uri", uri + file}, {"languageId", "sql"}, {"version", 1}, {"text", "x"}}}}}}
                       .dump());
  }
  input += frame(R"({"jsonrpc":"2.0","id":2,"method":"shutdown"})") + frame(R"({"jsonrpc":"2.0","method":"exit"})");
  RunResult r = run_raw(dir, input);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.find("publishDiagnostics"), std::string::npos) << r.out;
}

// The VS Code task with a problem matcher for --format gcc (hooks/vscode-tasks.json, shown
// in the README) reads every finding of every rule fixture exactly as the JSON format reports it.
TEST(Lsp, VsCodeProblemMatcherReadsGccFormat) {
  for (const RuleCase& c : rule_cases()) materialized(c);
  const std::string folders = "fixtures/rules/*/*/*/drizzle";
  RunResult gcc = run_shell(sh_quote(MIGLINT_BINARY) + " check " + folders + " --format gcc --exit-zero 2>/dev/null | node " +
                                sh_quote((source_dir() / "tests/tools/lsp/problem_matcher.cjs").string()),
                            materialized_tree());
  ASSERT_EQ(gcc.exit_code, 0) << gcc.err;
  RunResult js = run_shell(sh_quote(MIGLINT_BINARY) + " check " + folders + " --format json --exit-zero 2>/dev/null",
                           materialized_tree());
  json report = json::parse(js.out, nullptr, false);
  ASSERT_FALSE(report.is_discarded());
  std::vector<json> matched;
  std::istringstream lines(gcc.out);
  for (std::string line; std::getline(lines, line);) matched.push_back(json::parse(line));
  const json& findings = report["findings"];
  ASSERT_GT(findings.size(), 100u);
  ASSERT_EQ(matched.size(), findings.size());
  for (std::size_t i = 0; i < matched.size(); ++i) {
    SCOPED_TRACE(matched[i].dump());
    ASSERT_FALSE(matched[i].contains("unmatched"));
    EXPECT_EQ(matched[i]["file"], findings[i]["file"]);
    EXPECT_EQ(matched[i]["line"], findings[i]["line"]);
    EXPECT_EQ(matched[i]["column"], findings[i]["column"]);
    EXPECT_EQ(matched[i]["severity"], findings[i]["severity"]);
    EXPECT_EQ(matched[i]["code"], findings[i]["rule"]);
    EXPECT_EQ(matched[i]["message"], findings[i]["message"]);
  }
}

}  // namespace
}  // namespace miglint::test
