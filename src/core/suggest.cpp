#include "core/suggest.h"

#include <algorithm>

namespace miglint {

namespace {
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}
}  // namespace

std::string closest_name(const std::vector<std::string_view>& candidates, std::string_view name) {
  std::string best;
  std::size_t best_distance = name.size() / 2 + 2;  // beyond this the suggestion would confuse
  for (std::string_view c : candidates) {
    // The distance is at least the difference in length: a name of megabytes is not compared.
    const std::size_t longer = std::max(name.size(), c.size()), shorter = std::min(name.size(), c.size());
    if (longer - shorter >= best_distance) continue;
    std::size_t d = edit_distance(name, c);
    if (d < best_distance) {
      best_distance = d;
      best = std::string(c);
    }
  }
  return best;
}

}  // namespace miglint
