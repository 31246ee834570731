#include "load/unchanged_tables.h"

#include <simdjson.h>

namespace miglint {

std::optional<UnchangedTables::Cut> UnchangedTables::cut(std::string_view text, const TableLayout& layout,
                                                         bool models) {
  if (members_.empty()) return std::nullopt;
  Cut cut;
  cut_.clear();
  cut_.reserve(text.size() + simdjson::SIMDJSON_PADDING);
  cut_.append(text.substr(0, layout.open + 1));
  bool first = true;
  for (std::size_t i = 0; i < layout.members.size(); ++i) {
    const TableMember& m = layout.members[i];
    const auto seen = members_.find(m.key);
    if (seen != members_.end() && seen->second.value == m.value(text) && (!models || seen->second.model)) {
      cut.reused.emplace_back(i, seen->second.model);
      continue;
    }
    if (!first) cut_.push_back(',');
    first = false;
    cut_.append(text.substr(m.begin, m.end - m.begin));
    cut.kept_keys.push_back(m.key);
  }
  if (cut.reused.empty()) return std::nullopt;
  cut_.append(text.substr(layout.close));
  cut.text = cut_;
  return cut;
}

void UnchangedTables::remember(std::string_view text, const TableLayout& layout,
                               const std::vector<const schema::Table*>& models, std::string_view version,
                               const Cut* cut) {
  members_.clear();
  text_ = text;
  version_.assign(version);
  std::size_t next_reused = 0;
  for (std::size_t i = 0; i < layout.members.size(); ++i) {
    const TableMember& m = layout.members[i];
    const bool was_reused = cut && next_reused < cut->reused.size() && cut->reused[next_reused].first == i;
    if (was_reused) ++next_reused;
    const std::string_view value = m.value(text_);
    // A span read for the first time is trusted only once it is seen to be the whole table.
    if (!was_reused && !is_one_object(value)) continue;
    const auto key_at = static_cast<std::size_t>(m.key.data() - text.data());
    members_[text_.substr(key_at, m.key.size())] = Seen{value, i < models.size() ? models[i] : nullptr};
  }
}

}  // namespace miglint
