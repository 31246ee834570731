// Every safety finding on two real folders, as golden files: a change in what the safety rules
// report on real migrations shows up in review. (See README "Safety rules" for how many of these
// are real hazards.)
#include <gtest/gtest.h>

#include <sstream>

#include "support/run.h"

namespace miglint::test {
namespace {

std::string safety_rules() {
  const char* names[] = {"drop-table", "drop-column", "add-column-not-null-without-default", "set-not-null",
                         "alter-column-type", "add-foreign-key-without-not-valid", "add-column-volatile-default",
                         "add-check-constraint-without-not-valid", "create-index-on-existing-table",
                         "add-unique-or-primary-key", "rename-column", "rename-table",
                         "enum-value-used-in-same-transaction"};
  std::string list;
  for (const char* n : names) list += (list.empty() ? "" : ",") + std::string(n);
  return list;
}

void check(const std::string& folder, const std::string& golden) {
  RunResult r = run_miglint({folder, "--format", "gcc", "--select", safety_rules()}, corpus_dir());
  EXPECT_EQ(r.exit_code, 0) << "safety findings are warnings: " << r.err;
  std::string diff = compare_golden(source_dir() / "tests/golden" / golden, r.out);
  EXPECT_TRUE(diff.empty()) << diff;
}

TEST(SafetyCorpus, Lmnr) { check("lmnr-ai__lmnr/frontend__lib__db__migrations", "safety-lmnr.txt"); }
TEST(SafetyCorpus, Dokploy) { check("Dokploy__dokploy/apps__dokploy__drizzle", "safety-dokploy.txt"); }

}  // namespace
}  // namespace miglint::test
