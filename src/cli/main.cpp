// miglint's command line: parse options, find folders, run rules, render, exit.
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "cli/options.h"
#include "engine/engine.h"
#include "load/discovery.h"
#include "load/folder_loader.h"
#include "registry.h"
#include "report/report.h"

#ifndef MIGLINT_VERSION
#define MIGLINT_VERSION "0.0.0"
#endif

namespace miglint {

namespace {

constexpr int kExitClean = 0;
constexpr int kExitFindings = 1;
constexpr int kExitError = 2;

bool env_set(const char* name) {
  const char* v = std::getenv(name);
  return v && *v;
}

bool use_color(const Options& o, bool to_terminal) {
  if (o.format != Format::Text) return false;
  if (o.color != ColorMode::Auto) return o.color == ColorMode::Always;
  if (env_set("NO_COLOR")) return false;
  if (env_set("FORCE_COLOR") || env_set("CLICOLOR_FORCE")) return true;
  const char* term = std::getenv("TERM");
  return to_terminal && !(term && std::string_view(term) == "dumb");
}

// Every rule named in --select/--ignore must exist; a typo would silently check nothing.
std::optional<std::string> unknown_rule(const Options& o, std::span<const RuleInfo> rules) {
  for (const auto* list : {&o.select, &o.ignore}) {
    for (const std::string& name : *list) {
      if (find_rule(rules, name)) continue;
      std::string message = "unknown rule \"" + name + "\"";
      std::string close = closest_rule_name(rules, name);
      if (!close.empty()) message += "; did you mean \"" + close + "\"?";
      return message + " (miglint rules lists them all)";
    }
  }
  return std::nullopt;
}

void render(std::ostream& out, Format format, const Report& report, const RenderOptions& options) {
  switch (format) {
    case Format::Text: render_text(out, report, options); break;
    case Format::Gcc: render_gcc(out, report, options); break;
    case Format::Json: render_json(out, report, options); break;
    case Format::Sarif: render_sarif(out, report, options); break;
    case Format::Github: render_github(out, report, options); break;
  }
}

int emit(const Options& o, const Report& report) {
  std::ofstream file;
  if (!o.output_file.empty()) {
    file.open(o.output_file, std::ios::binary | std::ios::trunc);
    if (!file) {
      std::cerr << "miglint: cannot write " << o.output_file << "\n";
      return kExitError;
    }
  }
  std::ostream& out = o.output_file.empty() ? std::cout : file;
  RenderOptions options;
  options.color = use_color(o, o.output_file.empty() && isatty(STDOUT_FILENO));
  options.tool_version = MIGLINT_VERSION;
  options.summary = !o.quiet;
  render(out, o.format, report, options);
  out.flush();
  return out ? kExitClean : kExitError;
}

int run_check(const Options& o) {
  std::span<const RuleInfo> rules = builtin_rules();
  if (auto problem = unknown_rule(o, rules)) {
    std::cerr << "miglint: " << *problem << "\n";
    return kExitError;
  }
  std::error_code ec;
  std::filesystem::path cwd = std::filesystem::current_path(ec);
  Discovery discovery = discover_folders(o.paths, cwd);
  RuleSelection selection{o.select, o.ignore, {}};
  Report report;
  report.rules = rules;
  report.errors = discovery.errors;
  for (const FolderTarget& target : discovery.folders) {
    auto loaded = load_folder(target.path, target.display_path, o.dialect ? o.dialect : target.config_dialect);
    if (auto* error = std::get_if<FolderError>(&loaded)) {
      report.errors.push_back(error->message);
      continue;
    }
    const Folder& folder = std::get<Folder>(loaded);
    report.folders.push_back(folder.display_path);
    auto found = run_rules(folder, rules, selection);
    report.findings.insert(report.findings.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
  }
  sort_findings(report.findings);
  for (const std::string& e : report.errors) std::cerr << "miglint: error: " << e << "\n";
  if (int rc = emit(o, report); rc != kExitClean) return rc;
  if (!report.errors.empty()) return kExitError;
  bool failing = std::any_of(report.findings.begin(), report.findings.end(),
                             [&](const Finding& f) { return f.severity >= o.fail_on; });
  return failing && !o.exit_zero ? kExitFindings : kExitClean;
}

int run_rules_command() {
  for (const RuleInfo& r : builtin_rules()) {
    std::string name(r.meta.name);
    std::string severity(severity_name(r.meta.default_severity));
    name.resize(std::max<std::size_t>(name.size(), 28), ' ');
    severity.resize(8, ' ');
    std::cout << name << " " << severity << " " << r.meta.summary << "\n";
  }
  return kExitClean;
}

int run_explain(const std::string& name) {
  std::span<const RuleInfo> rules = builtin_rules();
  if (const RuleInfo* rule = find_rule(rules, name)) {
    std::cout << rule->documentation;
    if (!rule->documentation.ends_with('\n')) std::cout << "\n";
    return kExitClean;
  }
  std::cerr << "miglint: unknown rule \"" << name << "\"";
  std::string close = closest_rule_name(rules, name);
  if (!close.empty()) std::cerr << "; did you mean \"" << close << "\"?";
  std::cerr << "\n";
  return kExitError;
}

}  // namespace

int main_with_args(const std::vector<std::string>& args) {
  auto parsed = parse_options(args);
  if (auto* error = std::get_if<UsageError>(&parsed)) {
    std::cerr << "miglint: " << error->message << "\n";
    return kExitError;
  }
  const Options& o = std::get<Options>(parsed);
  switch (o.command) {
    case Command::Help: std::cout << kUsage; return kExitClean;
    case Command::Version: std::cout << "miglint " << MIGLINT_VERSION << "\n"; return kExitClean;
    case Command::Rules: return run_rules_command();
    case Command::Explain: return run_explain(o.paths.front());
    case Command::Check: return run_check(o);
  }
  return kExitError;
}

}  // namespace miglint

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  try {
    return miglint::main_with_args(args);
  } catch (const std::exception& e) {
    std::cerr << "miglint: internal error: " << e.what() << "\n";
    return 2;
  }
}
