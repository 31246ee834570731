// Which suppression comment silences a finding, found in logarithmic time: a folder can hold
// tens of thousands of comments and findings, and trying every pair takes minutes.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "engine/rule_api.h"

namespace miglint {

class Silencer {
 public:
  // uses must outlive the Silencer; their order decides which comment gets the credit when
  // several would silence one finding (the first one, as the comments appear).
  explicit Silencer(std::vector<SuppressionUse>& uses);
  // Counts the finding against the comment that silences it; false when none does.
  bool silence(const Finding& f);

 private:
  struct Entry {
    std::size_t use = 0;
    std::size_t rule = 0;  // index in the comment's rules
    std::uint32_t first_line = 0;  // statement suppressions: the lines of the statement covered
    std::uint32_t last_line = 0;
  };
  using Key = std::pair<std::string, std::string>;  // rule name, and a file's display path or a migration tag
  std::vector<SuppressionUse>& uses_;
  std::map<Key, std::vector<Entry>, std::less<>> statement_;  // by file; lines never decrease
  std::map<Key, Entry, std::less<>> file_by_path_;            // the first file-wide comment per file
  std::map<Key, Entry, std::less<>> file_by_migration_;       // ... and per migration
};

}  // namespace miglint
