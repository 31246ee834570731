// Every rule case under fixtures/rules/<group>/<rule>/ runs through the real binary on its
// materialised folder: a bad-* case must report its rule, a good-* case must not, and the text
// output of that rule must match the case's expected output.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <sstream>

#include "support/rule_case.h"

namespace miglint::test {
namespace {

std::string test_name(const testing::TestParamInfo<RuleCase>& info) {
  std::string name = info.param.rule + "__" + info.param.name;
  std::replace_if(name.begin(), name.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); }, '_');
  return name;
}

// name -> group, as `miglint rules` lists them.
std::map<std::string, std::string> listed_rules() {
  RunResult rules = run_miglint({"rules"});
  EXPECT_EQ(rules.exit_code, 0);
  std::map<std::string, std::string> out;
  std::istringstream lines(rules.out);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream words(line);
    std::string name, group;
    words >> name >> group;
    out[name] = group;
  }
  return out;
}

class RuleCaseTest : public testing::TestWithParam<RuleCase> {};

TEST_P(RuleCaseTest, ReportsExactlyWhatTheCaseExpects) {
  const RuleCase& c = GetParam();
  RunResult r = run_rule_case(c, {"--select", c.rule});
  ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
  bool reported = r.out.find("[" + c.rule + "]") != std::string::npos;
  if (c.name.starts_with("bad")) {
    EXPECT_TRUE(reported) << c.rule << " was not reported on " << c.path << "\n" << r.out;
  } else {
    EXPECT_FALSE(reported) << c.rule << " was reported on a good case " << c.path << "\n" << r.out;
    EXPECT_EQ(r.exit_code, 0) << r.out;
  }
  std::string diff = compare_case_golden(c, r.out);
  EXPECT_TRUE(diff.empty()) << diff;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, RuleCaseTest, testing::ValuesIn(rule_cases()), test_name);

std::vector<RuleCase> sql_cases() {
  std::vector<RuleCase> out = rule_cases();
  std::erase_if(out, [](const RuleCase& c) { return c.path.extension() != ".sql"; });
  return out;
}

// A SQL case adds its migrations the way drizzle-kit does, so the journal, snapshot and chain
// rules find nothing in it: what it shows comes from its SQL alone.
class SqlCaseTest : public testing::TestWithParam<RuleCase> {};

TEST_P(SqlCaseTest, FolderIsOtherwiseClean) {
  RunResult r = run_rule_case(GetParam(), {"--select", "journal,snapshot,chain"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("No problems found in 1 folder."), std::string::npos) << r.out;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, SqlCaseTest, testing::ValuesIn(sql_cases()), test_name);

TEST(RuleCases, EveryRuleHasAFailingAndAPassingCaseInItsGroupsFolder) {
  const std::vector<RuleCase> cases = rule_cases();
  const std::map<std::string, std::string> rules = listed_rules();
  for (const auto& [rule, group] : rules) {
    auto has = [&, &rule = rule](const char* prefix) {  // clang 14 cannot capture a structured binding
      return std::any_of(cases.begin(), cases.end(),
                         [&](const RuleCase& c) { return c.rule == rule && c.name.starts_with(prefix); });
    };
    EXPECT_TRUE(has("bad")) << rule << " has no bad-* case under fixtures/rules/" << group << "/" << rule;
    EXPECT_TRUE(has("good")) << rule << " has no good-* case under fixtures/rules/" << group << "/" << rule;
  }
  for (const RuleCase& c : cases) {
    auto listed = rules.find(c.rule);
    ASSERT_NE(listed, rules.end()) << c.path << ": no rule " << c.rule;
    EXPECT_EQ(c.group, listed->second) << c.path << ": " << c.rule << " belongs to the group " << listed->second;
    EXPECT_TRUE(c.name.starts_with("bad-") || c.name.starts_with("good-")) << c.path;
  }
  EXPECT_GE(rules.size(), 21u);
}

}  // namespace
}  // namespace miglint::test
