#include "core/rule_selectors.h"

#include <algorithm>

namespace miglint {

void RuleSelectors::add_rule(std::string_view rule, std::string_view group) {
  members_[std::string(rule)] = {std::string(rule)};
  names_.push_back(rule);
  auto [it, added] = members_.try_emplace(std::string(group));
  it->second.emplace_back(rule);
  if (added) names_.push_back(group);
}

bool RuleSelectors::is_group(std::string_view selector) const {
  auto it = members_.find(selector);
  return it != members_.end() && !(it->second.size() == 1 && it->second.front() == selector);
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
