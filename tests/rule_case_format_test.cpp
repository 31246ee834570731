// The SQL case format (support/case_file.h) as a contributor meets it: sections are taken byte for
// byte, a malformed file is refused with its line, and a wrong expected output fails the case.
#include <gtest/gtest.h>

#include <stdexcept>

#include "support/case_file.h"
#include "support/rule_case.h"

namespace miglint::test {
namespace {

const std::string kCase =
    "-- A case.\n"
    "-- base: generated/pg-index before 0002_seed_data\n"
    "-- applied: 0000_init\n"
    "\n"
    "-- file: 0001_add_phone_and_status_idx.sql\n"
    "SELECT 1;--> statement-breakpoint\n"
    "-- (no newline at end of file)\n"
    "-- migration: 0002_seed_data\n"
    "SELECT 2;\n"
    "\n"
    "-- $ miglint drizzle --select drop-table\n"
    "-- one\n"
    "--\n"
    "-- two\n";

std::string parse_error(const std::string& text) {
  try {
    parse_case_file(text, "x.sql");
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

TEST(RuleCaseFormat, SectionsAreTakenByteForByte) {
  const CaseFile f = parse_case_file(kCase, "x.sql");
  EXPECT_EQ(f.base, "generated/pg-index before 0002_seed_data");
  ASSERT_TRUE(f.applied.has_value());
  EXPECT_EQ(*f.applied, std::vector<std::string>{"0000_init"});
  ASSERT_EQ(f.sections.size(), 2u);
  EXPECT_FALSE(f.sections[0].migration);
  EXPECT_EQ(f.sections[0].content, "SELECT 1;--> statement-breakpoint");
  EXPECT_TRUE(f.sections[1].migration);
  EXPECT_EQ(f.sections[1].name, "0002_seed_data");
  EXPECT_EQ(f.sections[1].content, "SELECT 2;\n\n");
  EXPECT_EQ(f.command, "miglint drizzle --select drop-table");
  EXPECT_EQ(f.expected, "one\n\ntwo\n");
  EXPECT_EQ(with_expected_output(kCase, f, "one\n\ntwo\n"), kCase) << "a golden update writes the same form";
}

TEST(RuleCaseFormat, MalformedFilesAreRefusedWithTheirLine) {
  EXPECT_EQ(parse_error("-- base: generated/pg-index before 0002_seed_data\n-- migration: 0002_x\nSELECT 1;\n"),
            "x.sql:3: no \"-- $ miglint ...\" line with the expected output");
  EXPECT_EQ(parse_error("-- base: generated/pg-index before 0002_seed_data\n-- migration: 0002_x\n-- $ miglint drizzle --select drop-table\nFound\n"),
            "x.sql:4: every line of the expected output starts with \"-- \"");
  EXPECT_EQ(parse_error("-- base: generated/pg-index before 0002_seed_data\n-- migration: 0002_x\n-- (no newline at end of file)\nSELECT 1;\n"),
            "x.sql:4: \"-- (no newline at end of file)\" must come right before a marker line");
  EXPECT_EQ(parse_error("-- base: generated/pg-index before 0002_seed_data\n-- file: ../escape.sql\n"),
            "x.sql:2: \"../escape.sql\" is not a relative file path");
  EXPECT_EQ(parse_error("-- migration: 0002_x\n-- $ miglint drizzle --select drop-table\n"), "x.sql:2: no \"-- base:\" line");
}

TEST(RuleCaseFormat, AWrongExpectedOutputFailsTheCase) {
  const RuleCase real = rule_case("drop-table", "bad-drop-existing-table");
  TempDir dir;
  RuleCase copy = real;
  copy.path = dir.path() / "bad-drop-existing-table.sql";
  std::string text = read_file(real.path);
  const std::size_t warning = text.find("warning[drop-table]");
  ASSERT_NE(warning, std::string::npos);
  write_file(copy.path, text.replace(warning, 7, "error"));
  RunResult r = run_rule_case(copy, {"--select", "drop-table"});
  EXPECT_EQ(compare_case_golden(real, r.out), "") << "the case itself passes";
  EXPECT_NE(compare_case_golden(copy, r.out).find("differs at line 1"), std::string::npos);
}

}  // namespace
}  // namespace miglint::test
