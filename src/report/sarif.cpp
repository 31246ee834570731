// SARIF 2.1.0 as GitHub code scanning ingests it: every rule described, every
// result with a repository-relative file location, no timestamps, no absolute paths.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "report/report.h"

namespace miglint {

namespace {

using json = nlohmann::ordered_json;

const char* sarif_level(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "note";
  }
  return "warning";
}

// journal-when-not-increasing -> JournalWhenNotIncreasing
std::string pascal_case(std::string_view name) {
  std::string out;
  bool upper = true;
  for (char c : name) {
    if (c == '-') {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out;
}

// SARIF viewers show messages as sentences.
std::string sentence(std::string text) {
  if (!text.empty() && text.back() != '.' && text.back() != '?' && text.back() != '!') text += '.';
  return text;
}

json describe_rule(const RuleInfo& rule) {
  std::string summary(rule.meta.summary);
  return json{{"id", rule.meta.name},
              {"name", pascal_case(rule.meta.name)},
              {"shortDescription", {{"text", summary}}},
              {"fullDescription", {{"text", summary}}},
              {"defaultConfiguration", {{"level", sarif_level(rule.meta.default_severity)}}},
              {"help", {{"text", std::string(rule.documentation)}, {"markdown", std::string(rule.documentation)}}},
              {"properties",
               {{"tags", {"drizzle", "migrations", rule.meta.group}},
                {"precision", "very-high"},
                {"problem.severity", rule.meta.default_severity == Severity::Info ? "recommendation"
                                                                                   : sarif_level(rule.meta.default_severity)}}}};
}

json describe_result(const Finding& f, std::size_t rule_index) {
  const Location& l = f.location;
  std::string text = f.help.empty() ? sentence(f.message) : fmt::format("{} {}", sentence(f.message), sentence(f.help));
  json location = {{"physicalLocation",
                    {{"artifactLocation", {{"uri", l.file}, {"uriBaseId", "%SRCROOT%"}}},
                     {"region",
                      {{"startLine", l.begin.line},
                       {"startColumn", l.begin.column},
                       {"endLine", l.end.line},
                       {"endColumn", std::max(l.end.column, l.begin.line == l.end.line ? l.begin.column : 1u)}}}}}};
  if (!l.json_pointer.empty()) {
    location["logicalLocations"] =
        json::array({{{"fullyQualifiedName", fmt::format("{}#{}", l.file, l.json_pointer)}, {"kind", "member"}}});
  }
  json result = {{"ruleId", f.rule},
                 {"ruleIndex", rule_index},
                 {"level", sarif_level(f.severity)},
                 {"message", {{"text", text}}},
                 {"locations", json::array({location})}};
  if (!f.migration.empty()) result["properties"] = {{"migration", f.migration}};
  return result;
}

}  // namespace

void render_sarif(std::ostream& out, const Report& report, const RenderOptions& options) {
  json rules = json::array();
  for (const RuleInfo& rule : report.rules) rules.push_back(describe_rule(rule));
  json results = json::array();
  for (const Finding& f : report.findings) {
    std::size_t index = 0;
    while (index < report.rules.size() && report.rules[index].meta.name != f.rule) ++index;
    results.push_back(describe_result(f, index));
  }
  json invocation = {{"executionSuccessful", report.errors.empty()}};
  if (!report.errors.empty()) {
    json notes = json::array();
    for (const std::string& e : report.errors) notes.push_back({{"level", "error"}, {"message", {{"text", sentence(e)}}}});
    invocation["toolExecutionNotifications"] = std::move(notes);
  }
  json doc = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
              {"version", "2.1.0"},
              {"runs",
               json::array({{{"tool",
                              {{"driver",
                                {{"name", "miglint"},
                                 {"version", options.tool_version},
                                 {"semanticVersion", options.tool_version},
                                 {"rules", std::move(rules)}}}}},
                             {"automationDetails", {{"id", "miglint/"}}},
                             {"invocations", json::array({std::move(invocation)})},
                             {"columnKind", "unicodeCodePoints"},
                             {"results", std::move(results)}}})}};
  out << doc.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
}

}  // namespace miglint
