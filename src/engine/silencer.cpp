#include "engine/silencer.h"

#include <algorithm>

namespace miglint {

Silencer::Silencer(std::vector<SuppressionUse>& uses) : uses_(uses) {
  for (std::size_t u = 0; u < uses.size(); ++u) {
    const SqlFile& file = *uses[u].file;
    const Suppression& s = *uses[u].suppression;
    Entry entry{u, 0, 0, 0};
    if (!s.file_wide) {
      if (s.covers_end <= s.covers_begin) continue;  // followed by no statement
      entry.first_line = file.file.position_of(s.covers_begin).line;
      entry.last_line = file.file.position_of(s.covers_end - 1).line;
    }
    for (std::size_t r = 0; r < s.rules.size(); ++r) {
      // A name given twice in one comment: the first gets the credit.
      if (std::find(s.rules.begin(), s.rules.begin() + static_cast<std::ptrdiff_t>(r), s.rules[r]) !=
          s.rules.begin() + static_cast<std::ptrdiff_t>(r)) {
        continue;
      }
      entry.rule = r;
      if (s.file_wide) {
        file_by_path_.try_emplace({s.rules[r], file.file.display_path()}, entry);
        if (!file.tag.empty()) file_by_migration_.try_emplace({s.rules[r], file.tag}, entry);
      } else {
        statement_[{s.rules[r], file.file.display_path()}].push_back(entry);
      }
    }
  }
}

bool Silencer::silence(const Finding& f) {
  const Entry* best = nullptr;
  auto consider = [&](const Entry* e) {
    if (e && (!best || e->use < best->use)) best = e;
  };
  const std::string rule(f.rule);
  if (auto it = file_by_path_.find(Key{rule, f.location.file}); it != file_by_path_.end()) consider(&it->second);
  if (!f.migration.empty()) {
    if (auto it = file_by_migration_.find(Key{rule, f.migration}); it != file_by_migration_.end()) consider(&it->second);
  }
  if (auto it = statement_.find(Key{rule, f.location.file}); it != statement_.end()) {
    // Comments and the statements they cover come in file order, so both line bounds only grow:
    // the first entry that ends at or after the line is the only one that can hold it first.
    const std::uint32_t line = f.location.begin.line;
    const std::vector<Entry>& entries = it->second;
    auto e = std::lower_bound(entries.begin(), entries.end(), line,
                              [](const Entry& x, std::uint32_t l) { return x.last_line < l; });
    if (e != entries.end() && e->first_line <= line) consider(&*e);
  }
  if (!best) return false;
  ++uses_[best->use].silenced[best->rule];
  return true;
}

}  // namespace miglint
