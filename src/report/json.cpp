#include <nlohmann/json.hpp>

#include "report/report.h"

namespace miglint {

namespace {
nlohmann::ordered_json or_null(const std::string& s) {
  return s.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(s);
}
nlohmann::ordered_json objects_json(const std::vector<ObjectDifference>& objects) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const ObjectDifference& o : objects) {
    nlohmann::ordered_json item{{"change", o.change}, {"kind", o.kind}, {"object", o.object}};
    if (o.change == "changed") {
      item["field"] = o.field;
      item["expected"] = o.expected;
      item["actual"] = o.actual;
    }
    list.push_back(std::move(item));
  }
  return list;
}

}  // namespace

void render_json(std::ostream& out, const Report& report, const RenderOptions& options) {
  using json = nlohmann::ordered_json;
  json findings = json::array();
  for (const Finding& f : report.findings) {
    const Location& l = f.location;
    json finding{{"rule", f.rule},
                 {"severity", severity_name(f.severity)},
                 {"message", f.message},
                 {"file", l.file},
                 {"line", l.begin.line},
                 {"column", l.begin.column},
                 {"end_line", l.end.line},
                 {"end_column", l.end.column},
                 {"migration", or_null(f.migration)},
                 {"json_pointer", or_null(l.json_pointer)},
                 {"help", or_null(f.help)}};
    // Only schema rules set it; other findings keep the shape they always had.
    if (!f.objects.empty()) finding["objects"] = objects_json(f.objects);
    findings.push_back(std::move(finding));
  }
  SeverityCounts n = count_severities(report.findings);
  json doc = {{"version", 1},
              {"tool", {{"name", "miglint"}, {"version", options.tool_version}}},
              {"folders", report.folders},
              {"findings", std::move(findings)},
              {"errors", report.errors},
              {"baseline", report.baseline_used ? json{{"suppressed", report.baselined}, {"unused", report.stale_baseline}}
                                                : json(nullptr)},
              {"summary", {{"error", n.error}, {"warning", n.warning}, {"info", n.info}}}};
  if (report.history_migrations) doc["summary"]["history_migrations"] = *report.history_migrations;
  // Invalid UTF-8 from a file name must not abort the report: replace it.
  out << doc.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
}

}  // namespace miglint
