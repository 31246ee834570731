// Every case folder under fixtures/rules/<rule>/<case>/ runs through the real binary:
// a bad-* case must report its rule, a good-* case must not, and the text output of
// that rule must match the case's expected.txt golden.
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "support/rule_case.h"

namespace miglint::test {
namespace {

namespace fs = std::filesystem;

struct RuleCase {
  std::string rule;
  std::string name;
  fs::path dir;
};

// Readable names in test logs instead of the parameter's bytes.
void PrintTo(const RuleCase& c, std::ostream* os) { *os << c.rule << "/" << c.name; }

std::vector<RuleCase> discover_cases() {
  std::vector<RuleCase> cases;
  for (const auto& rule_dir : fs::directory_iterator(fixtures_dir() / "rules")) {
    if (!rule_dir.is_directory()) continue;
    for (const auto& case_dir : fs::directory_iterator(rule_dir.path())) {
      if (case_dir.is_directory()) {
        cases.push_back({rule_dir.path().filename().string(), case_dir.path().filename().string(), case_dir.path()});
      }
    }
  }
  std::sort(cases.begin(), cases.end(), [](const RuleCase& a, const RuleCase& b) { return a.dir < b.dir; });
  return cases;
}

std::string test_name(const testing::TestParamInfo<RuleCase>& info) {
  std::string name = info.param.rule + "__" + info.param.name;
  std::replace_if(name.begin(), name.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); }, '_');
  return name;
}

class RuleCaseTest : public testing::TestWithParam<RuleCase> {};

TEST_P(RuleCaseTest, ReportsExactlyWhatTheCaseExpects) {
  const RuleCase& c = GetParam();
  RunResult r = run_rule_case(c.dir, {"--select", c.rule});
  ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
  bool reported = r.out.find("[" + c.rule + "]") != std::string::npos;
  if (c.name.starts_with("bad")) {
    EXPECT_TRUE(reported) << c.rule << " was not reported on " << c.dir << "\n" << r.out;
  } else {
    EXPECT_FALSE(reported) << c.rule << " was reported on a good case " << c.dir << "\n" << r.out;
    EXPECT_EQ(r.exit_code, 0) << r.out;
  }
  std::string diff = compare_golden(c.dir / "expected.txt", r.out);
  EXPECT_TRUE(diff.empty()) << diff;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, RuleCaseTest, testing::ValuesIn(discover_cases()), test_name);

TEST(RuleCases, EveryRuleHasAFailingAndAPassingCase) {
  RunResult rules = run_miglint({"rules"});
  ASSERT_EQ(rules.exit_code, 0);
  std::vector<RuleCase> cases = discover_cases();
  std::istringstream lines(rules.out);
  std::string line;
  int count = 0;
  while (std::getline(lines, line)) {
    std::string rule = line.substr(0, line.find(' '));
    ++count;
    auto has = [&](const char* prefix) {
      return std::any_of(cases.begin(), cases.end(),
                         [&](const RuleCase& c) { return c.rule == rule && c.name.starts_with(prefix); });
    };
    EXPECT_TRUE(has("bad")) << rule << " has no bad-* case under fixtures/rules/" << rule;
    EXPECT_TRUE(has("good")) << rule << " has no good-* case under fixtures/rules/" << rule;
  }
  EXPECT_GE(count, 21);
}

}  // namespace
}  // namespace miglint::test
