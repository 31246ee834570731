#include "core/rule_selectors.h"

#include <algorithm>

namespace miglint {

void RuleSelectors::add_rule(std::string_view rule, std::string_view group) {
  members_[std::string(rule)] = {std::string(rule)};
  names_.push_back(rule);
  members_[std::string(group)].emplace_back(rule);
  if (groups_.emplace(group).second) names_.push_back(group);
}

std::vector<std::string> RuleSelectors::expand(std::string_view selector) const {
  auto it = members_.find(selector);
  return it != members_.end() ? it->second : std::vector<std::string>{std::string(selector)};
}

std::vector<std::string> RuleSelectors::expand(const std::vector<std::string>& selectors) const {
  std::vector<std::string> out;
  for (const std::string& selector : selectors) {
    for (std::string& rule : expand(selector)) {
      if (std::find(out.begin(), out.end(), rule) == out.end()) out.push_back(std::move(rule));
    }
  }
  return out;
}

}  // namespace miglint
