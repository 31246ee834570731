// Baselines: record today's findings so that only new ones are reported, for adopting
// miglint on an old folder without rewriting its history first.
#pragma once

#include <filesystem>
#include <string>
#include <variant>
#include <vector>

#include "core/finding.h"

namespace miglint {

// What identifies a finding across unrelated edits: its rule, its file (relative to the
// baseline's folder) and the migration it concerns, or else its message without numbers.
// Line numbers take no part.
std::string finding_fingerprint(const Finding& f, const std::filesystem::path& base_dir, const std::filesystem::path& cwd);

struct BaselineEntry {
  std::string fingerprint;
  std::string rule;
  std::string file;
  std::string message;
};

struct Baseline {
  std::filesystem::path file;
  std::vector<BaselineEntry> entries;
};

// Writes the findings as a baseline file (sorted, stable).
std::variant<std::monostate, std::string> write_baseline(const std::filesystem::path& file,
                                                         const std::vector<Finding>& findings,
                                                         const std::filesystem::path& cwd);

std::variant<Baseline, std::string> read_baseline(const std::filesystem::path& file);

struct BaselineOutcome {
  std::size_t suppressed = 0;
  std::vector<BaselineEntry> unused;  // entries no finding matched
};

// Removes the findings the baseline holds (each entry absorbs one finding).
BaselineOutcome apply_baseline(const Baseline& baseline, std::vector<Finding>& findings, const std::filesystem::path& cwd);

}  // namespace miglint
