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
    if (m.repeated) {
      const schema::Table* model = members_.find(m.key)->second.model;
      if (!models || model) {
        cut.reused.emplace_back(i, model);
        continue;
      }
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
                               const std::vector<const schema::Table*>& models, std::string_view version) {
  members_.clear();
  text_ = text;
  version_.assign(version);
  for (std::size_t i = 0; i < layout.members.size(); ++i) {
    const TableMember& m = layout.members[i];
    const auto key_at = static_cast<std::size_t>(m.key.data() - text.data());
    members_[text_.substr(key_at, m.key.size())] = Seen{m.value(text_), i < models.size() ? models[i] : nullptr};
  }
}

}  // namespace miglint
