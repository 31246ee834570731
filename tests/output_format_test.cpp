// Golden files for every output format, on the incident example and on a folder
// with findings of every severity, run through the real binary.
#include <gtest/gtest.h>

#include "support/rule_case.h"

namespace miglint::test {
namespace {

struct FormatCase {
  std::string name;     // golden file stem
  std::string folder;   // relative to the source tree (a rule case's: to where it is materialised)
  std::string format;
};

void PrintTo(const FormatCase& c, std::ostream* os) { *os << c.folder << " as " << c.format; }

// Where to run miglint on `folder` so that it prints the path `folder`.
std::filesystem::path cwd_for(const std::string& folder) {
  if (!folder.starts_with("fixtures/rules/")) return source_dir();
  materialized(rule_case_at(std::filesystem::path(folder).parent_path()));
  return materialized_tree();
}

class OutputFormatTest : public testing::TestWithParam<FormatCase> {};

TEST_P(OutputFormatTest, MatchesGolden) {
  const FormatCase& c = GetParam();
  RunResult r = run_miglint({c.folder, "--format", c.format}, cwd_for(c.folder));
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.err, "");
  std::string extension = c.format == "text" ? "txt" : c.format;
  std::string diff = compare_golden(source_dir() / "tests/golden" / (c.name + "." + extension), r.out);
  EXPECT_TRUE(diff.empty()) << diff;
}

std::vector<FormatCase> cases() {
  std::vector<FormatCase> out;
  const std::pair<std::string, std::string> folders[] = {
      {"incident", "fixtures/examples/incident/drizzle"},
      {"mixed", "fixtures/rules/journal/journal-idx-sequence/bad-merge-not-renumbered/drizzle"},
  };
  for (const auto& [name, folder] : folders) {
    for (const char* format : {"text", "gcc", "json", "sarif", "github"}) out.push_back({name, folder, format});
  }
  return out;
}

INSTANTIATE_TEST_SUITE_P(Golden, OutputFormatTest, testing::ValuesIn(cases()),
                         [](const testing::TestParamInfo<FormatCase>& p) { return p.param.name + "_" + p.param.format; });

TEST(OutputFormat, SameInputGivesByteIdenticalOutput) {
  for (const char* format : {"text", "json", "sarif"}) {
    const std::string folder = "fixtures/rules/journal/journal-idx-sequence/bad-merge-not-renumbered/drizzle";
    RunResult a = run_miglint({folder, "--format", format}, cwd_for(folder));
    RunResult b = run_miglint({folder, "--format", format}, cwd_for(folder));
    EXPECT_EQ(a.out, b.out) << format;
  }
}

TEST(OutputFormat, ColorOnlyWhenAskedAndNeverInMachineFormats) {
  const std::string folder = "fixtures/examples/incident/drizzle";
  EXPECT_EQ(run_miglint({folder}).out.find("\x1b["), std::string::npos);
  // Bold red errors. fmt's terminal styles write bold and the colour as two escapes ("\x1b[1m\x1b[31m"),
  // where miglint wrote one ("\x1b[1;31m") before it coloured with fmt; terminals show the same.
  EXPECT_NE(run_miglint({folder, "--color", "always"}).out.find("\x1b[1m\x1b[31merror["), std::string::npos);
  EXPECT_EQ(run_miglint({folder, "--color", "always", "--format", "gcc"}).out.find("\x1b["), std::string::npos);
  EXPECT_EQ(run_miglint({folder, "--color", "always", "--format", "json"}).out.find("\x1b["), std::string::npos);
  // NO_COLOR wins over FORCE_COLOR; FORCE_COLOR alone turns colour on even without a terminal.
  EXPECT_EQ(run_miglint({folder}, {}, {"FORCE_COLOR=1"}).out.find("\x1b["), std::string::npos);
}

TEST(OutputFormat, GithubEscapesPropertiesAndData) {
  TempDir dir;
  copy_tree(rule_case_folder("sql-file-orphan", "bad-handwritten-not-in-journal"), dir.path() / "a,b:c");
  RunResult r = run_miglint({"a,b:c", "--format", "github", "--select", "sql-file-orphan"}, dir.path());
  EXPECT_NE(r.out.find("::error file=a%2Cb%3Ac/0003_orders_customer_status_idx.sql,line=1,col=1,"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("%0A"), std::string::npos) << "help must follow the message on an escaped new line";
}

TEST(OutputFormat, OutputFileOptionWritesTheReport) {
  TempDir dir;
  auto file = dir.path() / "report.json";
  RunResult r = run_miglint({"fixtures/examples/incident/drizzle", "--format", "json", "-o", file.string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(read_file(file).find("\"rule\": \"snapshot-missing\""), std::string::npos);
}

}  // namespace
}  // namespace miglint::test
