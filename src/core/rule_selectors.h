// What --select, --ignore and the config may name: a rule, or a group that stands for its rules
// (as ruff's linter prefixes and Biome's groups do). Groups are expanded where settings are read,
// so the engine only ever sees rule names.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace miglint {

class RuleSelectors {
 public:
  void add_rule(std::string_view rule, std::string_view group);
  bool known(std::string_view selector) const { return members_.count(selector) != 0; }
  bool is_group(std::string_view selector) const { return groups_.count(selector) != 0; }
  // The rules a selector stands for, in list order: the rule itself, or every rule of the group.
  // An unknown selector stands for itself, so that whoever checks names can still report it.
  std::vector<std::string> expand(std::string_view selector) const;
  std::vector<std::string> expand(const std::vector<std::string>& selectors) const;
  // Every rule and group name, for "did you mean" suggestions.
  const std::vector<std::string_view>& names() const { return names_; }

 private:
  std::map<std::string, std::vector<std::string>, std::less<>> members_;  // rule or group -> its rules
  std::set<std::string, std::less<>> groups_;
  std::vector<std::string_view> names_;
};

}  // namespace miglint
