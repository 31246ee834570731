// What a run produced, handed to a renderer. Renderers know the rule table
// only as data (names, summaries, pages), never a particular rule.
#pragma once

#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <vector>

#include "core/finding.h"
#include "engine/rule_api.h"

namespace miglint {

struct Report {
  std::vector<std::string> folders;   // display paths of the folders checked
  std::vector<Finding> findings;      // sorted
  std::vector<std::string> errors;    // problems that stopped a folder from being checked
  std::span<const RuleInfo> rules;    // every known rule
  // With --baseline: how many findings it held back, and its entries that match nothing now.
  bool baseline_used = false;
  std::size_t baselined = 0;
  std::vector<std::string> stale_baseline;  // "rule file: message"
  // How many migrations were judged as history (--since, or applied to the database), when any were judged so.
  std::optional<std::size_t> history_migrations;
};

struct RenderOptions {
  bool color = false;
  std::string tool_version;
  bool summary = true;  // text: the closing count line
};

struct SeverityCounts {
  std::size_t error = 0, warning = 0, info = 0;
};
SeverityCounts count_severities(const std::vector<Finding>& findings);

void render_text(std::ostream& out, const Report& report, const RenderOptions& options);
void render_gcc(std::ostream& out, const Report& report, const RenderOptions& options);
void render_json(std::ostream& out, const Report& report, const RenderOptions& options);
void render_sarif(std::ostream& out, const Report& report, const RenderOptions& options);
void render_github(std::ostream& out, const Report& report, const RenderOptions& options);

}  // namespace miglint
