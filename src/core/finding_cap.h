// A cap on the findings shown per file: a pathological file (a journal of 100,000 empty entries)
// would otherwise give hundreds of thousands of findings, a report nobody reads and every output
// format's writer has to carry. What is left out is said, never dropped silently.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "core/finding.h"

namespace miglint {

inline constexpr std::size_t kFindingsShownPerFile = 1000;

// The finding that stands for `count` findings of `rule` left out of one file, placed at the first
// of them.
Finding summary_of_left_out(std::string_view rule, Finding first, std::size_t count,
                            std::size_t per_file = kFindingsShownPerFile);

// `findings` sorted by file, then position (sort_findings). Keeps the first `per_file` findings of
// each file and, for each rule that lost some there, adds one finding of that rule, at its first
// finding left out, with its most severe severity, saying how many were not shown (summaries
// made earlier, by the rule's Reporter, count for what they stand for). The result is still sorted.
void cap_findings_per_file(std::vector<Finding>& findings, std::size_t per_file = kFindingsShownPerFile);

}  // namespace miglint
