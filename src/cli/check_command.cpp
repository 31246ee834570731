#include <algorithm>
#include <iostream>

#include <fmt/core.h>

#include "cli/baseline.h"
#include "cli/commands.h"
#include "core/excerpt.h"
#include "engine/pipeline.h"
#include "load/discovery.h"
#include "registry.h"

namespace miglint {

namespace {

// Every rule named in --select/--ignore must exist; a typo would silently check nothing.
std::optional<std::string> unknown_rule(const Options& o, std::span<const RuleInfo> rules) {
  for (const auto* list : {&o.select, &o.ignore}) {
    for (const std::string& name : *list) {
      if (find_rule(rules, name)) continue;
      std::string close = closest_rule_name(rules, name);
      return fmt::format("unknown rule \"{}\"{} (miglint rules lists them all)", cut_excerpt(name),
                         close.empty() ? "" : fmt::format("; did you mean \"{}\"?", close));
    }
  }
  return std::nullopt;
}

}  // namespace

int run_check(const Settings& settings) {
  const Options& o = settings.options;
  std::span<const RuleInfo> rules = builtin_rules();
  if (auto problem = unknown_rule(o, rules)) {
    std::cerr << "miglint: " << *problem << "\n";
    return kExitError;
  }
  std::error_code ec;
  const std::filesystem::path cwd = std::filesystem::current_path(ec);
  Discovery discovery = discover_folders(o.paths, cwd);
  if (o.wants_database() && discovery.folders.size() > 1) {
    std::cerr << "miglint: a database belongs to one migrations folder; check the folders one at a time\n";
    return kExitError;
  }
  LintSettings lint_settings;
  lint_settings.rules = rules;
  lint_settings.selection.select = o.select;
  lint_settings.selection.ignore = o.ignore;
  if (settings.config) lint_settings.selection.severity = settings.config->severity;
  lint_settings.dialect = o.dialect;
  lint_settings.migrator = o.migrator;
  lint_settings.driver = o.driver;
  lint_settings.config = settings.config ? &*settings.config : nullptr;
  lint_settings.base = cwd;
  lint_settings.since = o.since;
  lint_settings.target_v1 = o.target_v1;
  LintSources sources;
  if (o.wants_database()) sources.database = [&o](const Folder& folder) { return check_database(o, folder); };
  Report report;
  report.rules = rules;
  report.errors = discovery.errors;
  for (const FolderTarget& target : discovery.folders) {
    lint_settings.keep_folder_to_exit = &target == &discovery.folders.back();
    auto linted = lint_folder(target, lint_settings, sources);
    if (auto* error = std::get_if<FolderError>(&linted)) {
      report.errors.push_back(error->message);
      continue;
    }
    LintedFolder& folder = std::get<LintedFolder>(linted);
    report.folders.push_back(folder.display_path);
    // The offline findings are reported even when the database cannot be read.
    if (folder.database_error) report.errors.push_back(*folder.database_error);
    if (folder.history_note && !o.quiet) std::cerr << "miglint: note: " << *folder.history_note << "\n";
    if (folder.history_migrations) report.history_migrations = report.history_migrations.value_or(0) + *folder.history_migrations;
    report.findings.insert(report.findings.end(), std::make_move_iterator(folder.findings.begin()),
                           std::make_move_iterator(folder.findings.end()));
  }
  // Each folder's findings are sorted; the folders' together are sorted once more.
  sort_findings(report.findings);
  if (!o.write_baseline_file.empty()) {
    auto written = write_baseline(o.write_baseline_file, report.findings, cwd);
    if (auto* error = std::get_if<std::string>(&written)) {
      std::cerr << "miglint: " << *error << "\n";
      return kExitError;
    }
    std::cerr << "miglint: wrote " << report.findings.size() << " finding(s) to the baseline " << o.write_baseline_file
              << "; with --baseline " << o.write_baseline_file << " only new findings are reported\n";
    return report.errors.empty() ? kExitClean : kExitError;
  }
  if (!o.baseline_file.empty()) {
    auto baseline = read_baseline(o.baseline_file);
    if (auto* error = std::get_if<std::string>(&baseline)) {
      std::cerr << "miglint: " << *error << "\n";
      return kExitError;
    }
    BaselineOutcome outcome = apply_baseline(std::get<Baseline>(baseline), report.findings, cwd);
    report.baseline_used = true;
    report.baselined = outcome.suppressed;
    for (const BaselineEntry& e : outcome.unused) {
      report.stale_baseline.push_back(e.rule + " " + e.file + ": " + e.message);
      std::cerr << "miglint: note: the baseline entry " << e.rule << " " << e.file
                << " matches nothing any more; rewrite the baseline with --write-baseline\n";
    }
  }
  for (const std::string& e : report.errors) std::cerr << "miglint: error: " << e << "\n";
  if (int rc = emit_report(o, report); rc != kExitClean) return rc;
  if (!report.errors.empty()) return kExitError;
  bool failing = std::any_of(report.findings.begin(), report.findings.end(),
                             [&](const Finding& f) { return f.severity >= o.fail_on; });
  return failing && !o.exit_zero ? kExitFindings : kExitClean;
}

}  // namespace miglint
