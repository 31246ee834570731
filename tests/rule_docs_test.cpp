// Every rule has a documentation page with the fixed headings, and the example output
// on each page is exactly what miglint prints on the fixture case the page names by path.
#include <gtest/gtest.h>

#include <regex>
#include <sstream>

#include "support/rule_case.h"

namespace miglint::test {
namespace {

struct ListedRule {
  std::string name;
  std::string group;
  // A rule's page sits beside its code, in its group's folder.
  std::filesystem::path page() const { return source_dir() / "rules" / group / (name + ".md"); }
};

// The rules as `miglint rules` lists them: name, group, severity, summary.
std::vector<ListedRule> listed_rules() {
  std::vector<ListedRule> rules;
  std::istringstream lines(run_miglint({"rules"}).out);
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    ListedRule r;
    words >> r.name >> r.group;
    rules.push_back(r);
  }
  return rules;
}

TEST(RuleDocs, EveryRuleHasAPageWithTheFixedHeadings) {
  const std::vector<std::string> headings = {"## Why it matters", "## Bad", "## Good", "## How to fix",
                                             "## Example output"};
  for (const auto& [rule, group] : listed_rules()) {
    std::string page = read_file(ListedRule{rule, group}.page());
    ASSERT_TRUE(page.starts_with("# " + rule + "\n")) << rule << ".md must start with its name as title";
    std::size_t at = 0;
    for (const std::string& h : headings) {
      std::size_t found = page.find("\n" + h + "\n", at);
      EXPECT_NE(found, std::string::npos) << rule << ".md lacks \"" << h << "\" (or has it out of order)";
      if (found != std::string::npos) at = found;
    }
    RunResult explain = run_miglint({"explain", rule});
    EXPECT_EQ(explain.exit_code, 0);
    EXPECT_EQ(explain.out, page) << "miglint explain must print the page as it is";
  }
}

TEST(RuleDocs, ExampleOutputIsWhatMiglintPrints) {
  // fixtures/rules/<group>/<rule>/<case> (a folder) or .../<case>.sql (a SQL case file).
  const std::regex case_path(R"(`(fixtures/rules/[a-z]+/[a-z-]+/[a-z0-9-]+(\.sql)?)`)");
  for (const auto& [rule, group] : listed_rules()) {
    auto page_path = ListedRule{rule, group}.page();
    std::string page = read_file(page_path);
    std::size_t section = page.find("## Example output");
    ASSERT_NE(section, std::string::npos) << rule;
    std::smatch m;
    std::string rest = page.substr(section);
    ASSERT_TRUE(std::regex_search(rest, m, case_path)) << rule << ".md must name the fixture case of its example";
    const RuleCase example = rule_case_at(m[1].str());
    ASSERT_EQ(example.rule, rule) << rule << ".md must show one of its own cases";
    RunResult r = run_rule_case(example, {"--select", rule});
    std::size_t open = page.find("```text\n", section);
    std::size_t close = page.find("\n```", open + 8);
    ASSERT_TRUE(open != std::string::npos && close != std::string::npos) << rule;
    std::string shown = page.substr(open + 8, close - open - 8);
    std::string actual = r.out.substr(0, r.out.find_last_not_of('\n') + 1);
    if (const char* update = std::getenv("MIGLINT_UPDATE_GOLDEN"); update && std::string(update) == "1") {
      write_file(page_path, page.substr(0, open + 8) + actual + page.substr(close));
      continue;
    }
    EXPECT_EQ(shown, actual) << rule << ".md shows an example output that miglint no longer prints";
  }
}

}  // namespace
}  // namespace miglint::test
