// Every SARIF document that miglint writes in these tests is checked against the official SARIF 2.1.0
// JSON schema, the SARIF Multitool's SARIF and GitHub (GHAS) ingestion rules, GitHub's upload limits
// and the promises of SPEC section 3, by tests/tools/validate_sarif.sh (one call for all files).
//
// The validators come from the npm registry at test time (cached in <build dir>/test-tools, or
// $MIGLINT_TOOLS_DIR). Without npm or the registry these tests FAIL; set
// MIGLINT_SKIP_SARIF_VALIDATION=1 to skip them on purpose for a quick local run.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include <sys/resource.h>

#include "support/rule_case.h"

namespace miglint::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

bool skip_requested() {
  const char* skip = std::getenv("MIGLINT_SKIP_SARIF_VALIDATION");
  return skip != nullptr && std::string(skip) == "1";
}

#define SKIP_IF_REQUESTED()                                                                      \
  do {                                                                                           \
    if (skip_requested()) GTEST_SKIP() << "MIGLINT_SKIP_SARIF_VALIDATION=1: SARIF validation skipped"; \
  } while (0)

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

// Where validate_sarif.sh caches its npm install: $MIGLINT_TOOLS_DIR, else <build dir>/test-tools.
fs::path tools_dir() {
  if (const char* dir = std::getenv("MIGLINT_TOOLS_DIR"); dir != nullptr && *dir != '\0') return dir;
  return fs::path(MIGLINT_BINARY).parent_path() / "test-tools";
}

// Runs validate_sarif.sh over all files at once (the Multitool costs about a second per call).
RunResult validate(const std::vector<fs::path>& files) {
  std::string cmd = "MIGLINT_TOOLS_DIR=" + shell_quote(tools_dir().string()) + " bash " +
                    shell_quote((source_dir() / "tests" / "tools" / "validate_sarif.sh").string());
  for (const fs::path& f : files) cmd += " " + shell_quote(f.string());
  return run_shell(cmd, source_dir());
}

// CPU seconds (user + system) of the child processes that ended so far: what a phase costs a
// machine whatever else runs on it.
double children_cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_CHILDREN, &usage);
  auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// A folder as the user would type it from the source tree (SARIF URIs are relative to the cwd).
std::string relative_to_source(const fs::path& folder) {
  return fs::relative(folder, source_dir()).generic_string();
}

std::vector<fs::path> subdirectories(const fs::path& dir) {
  std::vector<fs::path> out;
  if (!fs::is_directory(dir)) return out;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_directory()) out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string file_name_for(std::string label) {
  for (char& c : label) {
    if (c == '/' || c == ' ') c = '_';
  }
  return label + ".sarif";
}

struct Case {
  std::string label;                // unique, used for the SARIF file name
  std::vector<std::string> folders; // relative to cwd
  std::string database_url = {};    // a rule case's migrations table
  fs::path cwd = source_dir();      // a rule case's: the tree it is materialised in
};

std::vector<Case> all_cases() {
  std::vector<Case> cases;
  for (const fs::path& repo : subdirectories(corpus_dir())) {
    for (const fs::path& folder : subdirectories(repo)) {
      cases.push_back({"corpus-" + repo.filename().string() + "-" + folder.filename().string(),
                       {relative_to_source(folder)}});
    }
  }
  for (const RuleCase& c : rule_cases()) {
    const Materialized m = materialized(c);
    cases.push_back({"rules-" + c.rule + "-" + c.name,
                     {fs::relative(m.root / "drizzle", materialized_tree()).generic_string()}, m.database_url,
                     materialized_tree()});
  }
  for (const fs::path& g : subdirectories(fixtures_dir() / "generated")) {
    if (fs::is_directory(g / "drizzle")) {
      cases.push_back({"generated-" + g.filename().string(), {relative_to_source(g / "drizzle")}});
    }
  }
  cases.push_back({"incident", {relative_to_source(fixtures_dir() / "examples" / "incident" / "drizzle")}});
  // Several folders in one run.
  cases.push_back({"two-folders",
                   {relative_to_source(fixtures_dir() / "examples" / "incident" / "drizzle"),
                    relative_to_source(fixtures_dir() / "generated" / "pg-index" / "drizzle")}});
  return cases;
}

const char* kCleanFolder = "fixtures/generated/sqlite-index/drizzle";  // no finding at all
const char* kMissingFolder = "does-not-exist/drizzle";

json parse_sarif(const fs::path& path) {
  return json::parse(read_file(path), nullptr, /*allow_exceptions=*/false);
}

TEST(SarifValidation, EverySarifMiglintWritesIsValid) {
  SKIP_IF_REQUESTED();
  TempDir tmp;
  std::vector<Case> cases = all_cases();
  ASSERT_GE(cases.size(), 100u) << "expected the corpus and the rule fixtures; corpus: " << corpus_dir();

  const double cpu_at_start = children_cpu_seconds();
  std::vector<fs::path> files;
  for (const Case& c : cases) {
    fs::path out = tmp.path() / file_name_for(c.label);
    std::vector<std::string> args = {"--format", "sarif", "-o", out.string()};
    args.insert(args.end(), c.folders.begin(), c.folders.end());
    if (!c.database_url.empty()) {
      args.push_back("--database-url");
      args.push_back(c.database_url);
    }
    RunResult r = run_miglint(args, c.cwd);
    EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1)
        << c.label << ": miglint exited " << r.exit_code << "\n" << r.err;
    ASSERT_TRUE(fs::exists(out)) << c.label << ": no SARIF written\n" << r.err;
    json doc = parse_sarif(out);
    ASSERT_FALSE(doc.is_discarded()) << c.label << ": SARIF is not JSON";
    files.push_back(out);
  }

  // A clean folder: no results, "results": [] still present, the run succeeded.
  {
    fs::path out = tmp.path() / "clean.sarif";
    RunResult r = run_miglint({"--format", "sarif", "-o", out.string(), kCleanFolder}, source_dir());
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    json doc = parse_sarif(out);
    ASSERT_FALSE(doc.is_discarded()) << read_file(out);
    const json& run = doc["runs"][0];
    ASSERT_TRUE(run.contains("results")) << "a clean run must still carry \"results\": []";
    EXPECT_TRUE(run["results"].is_array() && run["results"].empty()) << run["results"].dump(2);
    EXPECT_EQ(run["invocations"][0]["executionSuccessful"], true);
    files.push_back(out);
  }

  // A folder that could not be checked: exit 2, but the SARIF is still written and says so.
  {
    fs::path out = tmp.path() / "not-checked.sarif";
    RunResult r = run_miglint({"--format", "sarif", "-o", out.string(), kMissingFolder}, source_dir());
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    ASSERT_TRUE(fs::exists(out)) << "no SARIF written when a folder could not be checked\n" << r.err;
    json doc = parse_sarif(out);
    ASSERT_FALSE(doc.is_discarded()) << read_file(out);
    const json& invocation = doc["runs"][0]["invocations"][0];
    EXPECT_EQ(invocation["executionSuccessful"], false) << invocation.dump(2);
    EXPECT_TRUE(invocation.contains("toolExecutionNotifications") && !invocation["toolExecutionNotifications"].empty())
        << "the reason belongs in toolExecutionNotifications: " << invocation.dump(2);
    files.push_back(out);
  }

  // A database that cannot be read: exit 2, the offline results and the reason, never the password.
  {
    fs::path out = tmp.path() / "database-unreachable.sarif";
    RunResult r = run_miglint({"--format", "sarif", "-o", out.string(), "fixtures/examples/incident/drizzle",
                               "--database-url", "postgresql://someone:S3cretPassw0rd@127.0.0.1:1/app"},
                              source_dir());
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    std::string text = read_file(out);
    EXPECT_EQ(text.find("S3cretPassw0rd"), std::string::npos);
    json doc = parse_sarif(out);
    ASSERT_FALSE(doc.is_discarded()) << text;
    EXPECT_EQ(doc["runs"][0]["invocations"][0]["executionSuccessful"], false);
    EXPECT_FALSE(doc["runs"][0]["results"].empty()) << "the offline findings are still reported";
    files.push_back(out);
  }

  const double miglint_cpu = children_cpu_seconds() - cpu_at_start;
  auto start = std::chrono::steady_clock::now();
  RunResult v = validate(files);
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double validation_cpu = children_cpu_seconds() - cpu_at_start - miglint_cpu;
  EXPECT_EQ(v.exit_code, 0) << "SARIF validation failed (exit " << v.exit_code << "; 3 = validators not installable)\n"
                            << v.out << v.err;
  std::cout << "[ sarif    ] wrote " << files.size() << " SARIF files with " << miglint_cpu << " s of CPU; validated them in "
            << seconds << " s (" << validation_cpu << " s of CPU)\n";
  // Multitool warnings that do not fail the run (e.g. SARIF2005) are worth seeing once.
  if (v.exit_code == 0 && !v.err.empty()) std::cout << v.err;
}

// The gate itself must bite: a SARIF file that breaks the schema, GitHub's rules and SPEC 3 fails,
// and each problem is named.
TEST(SarifValidation, ValidatorRejectsBrokenSarif) {
  SKIP_IF_REQUESTED();
  TempDir tmp;
  fs::path good = tmp.path() / "good.sarif";
  RunResult r = run_miglint({"--format", "sarif", "-o", good.string(), "fixtures/examples/incident/drizzle"},
                            source_dir());
  ASSERT_TRUE(fs::exists(good)) << r.err;
  json doc = parse_sarif(good);
  ASSERT_FALSE(doc.is_discarded());
  json& run = doc["runs"][0];
  ASSERT_GE(run["results"].size(), 3u) << "the incident example should have findings";

  json& r0 = run["results"][0];
  r0["locations"][0]["physicalLocation"]["region"]["startLine"] = 0;  // schema: minimum 1
  json& r1 = run["results"][1];
  r1["ruleIndex"] = r1["ruleIndex"].get<int>() + 1;  // points at another rule
  r1["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] =
      "file:///home/ci/repo/drizzle/meta/_journal.json";  // absolute
  json& r2 = run["results"][2];
  r2["ruleId"] = "no-such-rule";
  r2.erase("message");  // schema and GitHub: message is required
  run["invocations"][0]["startTimeUtc"] = "2024-01-01T00:00:00Z";  // a timestamp
  fs::path bad = tmp.path() / "broken.sarif";
  write_file(bad, doc.dump(2));

  RunResult v = validate({bad});
  ASSERT_NE(v.exit_code, 3) << "the SARIF validators could not be installed\n" << v.out << v.err;
  EXPECT_EQ(v.exit_code, 1) << v.out << v.err;
  const std::string all = v.out + v.err;
  for (const char* expected : {
           "schema: ",                                   // ajv reported something
           "must have required property 'message'",      // ajv
           "must be >= 1",                               // ajv, startLine 0
           "multitool: error",                           // the Multitool found errors
           "results[0].locations[0]: physicalLocation.region.startLine is missing or < 1",
           "results[1]: ruleIndex",                      // wrong ruleIndex
           "absolute URI \"file:///home/ci/repo/drizzle/meta/_journal.json\"",
           "results[2]: ruleId \"no-such-rule\" is not in tool.driver.rules",
           "results[2]: message.text is missing or empty",
           "startTimeUtc: timestamp property",
       }) {
    EXPECT_NE(all.find(expected), std::string::npos) << "missing \"" << expected << "\" in:\n" << all;
  }
}

}  // namespace
}  // namespace miglint::test
