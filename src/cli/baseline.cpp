#include "cli/baseline.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/sha256.h"

namespace miglint {

namespace fs = std::filesystem;

namespace {

std::string relative_file(const Finding& f, const fs::path& base_dir, const fs::path& cwd) {
  return (cwd / f.location.file).lexically_normal().lexically_relative(base_dir).generic_string();
}

// Counts in messages ("6 entries but 5 snapshots") change with unrelated migrations.
std::string without_digits(const std::string& message) {
  std::string out;
  for (char c : message) {
    if (!std::isdigit(static_cast<unsigned char>(c))) out += c;
  }
  return out;
}

}  // namespace

std::string finding_fingerprint(const Finding& f, const fs::path& base_dir, const fs::path& cwd) {
  std::string key = std::string(f.rule) + "\n" + relative_file(f, base_dir, cwd) + "\n" +
                    (f.migration.empty() ? without_digits(f.message) : f.migration);
  return sha256_hex(key).substr(0, 20);
}

std::variant<std::monostate, std::string> write_baseline(const fs::path& file, const std::vector<Finding>& findings,
                                                         const fs::path& cwd) {
  using json = nlohmann::ordered_json;
  fs::path base_dir = (cwd / file).parent_path().lexically_normal();
  std::vector<json> entries;
  for (const Finding& f : findings) {
    entries.push_back({{"fingerprint", finding_fingerprint(f, base_dir, cwd)},
                       {"rule", f.rule},
                       {"file", relative_file(f, base_dir, cwd)},
                       {"message", f.message}});
  }
  std::sort(entries.begin(), entries.end(), [](const json& a, const json& b) {
    return std::tie(a["file"].get_ref<const std::string&>(), a["rule"].get_ref<const std::string&>(),
                    a["fingerprint"].get_ref<const std::string&>()) <
           std::tie(b["file"].get_ref<const std::string&>(), b["rule"].get_ref<const std::string&>(),
                    b["fingerprint"].get_ref<const std::string&>());
  });
  json doc = {{"version", 1}, {"tool", "miglint"}, {"findings", entries}};
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << doc.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  if (!out) return "cannot write the baseline " + file.string();
  return std::monostate{};
}

std::variant<Baseline, std::string> read_baseline(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return "cannot read the baseline " + file.string();
  std::stringstream text;
  text << in.rdbuf();
  auto doc = nlohmann::json::parse(text.str(), nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || doc.value("version", 0) != 1 || !doc.contains("findings") ||
      !doc["findings"].is_array()) {
    return file.string() + " is not a miglint baseline (write one with --write-baseline)";
  }
  Baseline b;
  b.file = file;
  for (const auto& e : doc["findings"]) {
    if (!e.is_object() || !e.contains("fingerprint") || !e["fingerprint"].is_string()) {
      return file.string() + ": every entry needs a \"fingerprint\"";
    }
    b.entries.push_back({e["fingerprint"], e.value("rule", ""), e.value("file", ""), e.value("message", "")});
  }
  return b;
}

BaselineOutcome apply_baseline(const Baseline& baseline, std::vector<Finding>& findings, const fs::path& cwd) {
  fs::path base_dir = (cwd / baseline.file).parent_path().lexically_normal();
  std::map<std::string, std::vector<const BaselineEntry*>> open;
  for (const BaselineEntry& e : baseline.entries) open[e.fingerprint].push_back(&e);
  BaselineOutcome outcome;
  std::erase_if(findings, [&](const Finding& f) {
    auto it = open.find(finding_fingerprint(f, base_dir, cwd));
    if (it == open.end() || it->second.empty()) return false;
    it->second.pop_back();
    ++outcome.suppressed;
    return true;
  });
  for (const auto& [fingerprint, left] : open) {
    for (const BaselineEntry* e : left) outcome.unused.push_back(*e);
  }
  return outcome;
}

}  // namespace miglint
