// A whole migrations folder through the lint pipeline (loader, layout, every rule, suppressions) and
// the renderers. The input is a little archive:
//   optional first line: a dialect to ask for ("postgresql", "mysql", "sqlite", ...)
//   then files, each "### <path>\n" followed by its bytes up to the next "\n### ";
//   paths are a file name or meta/<file name> (anything else is skipped).
#include <sstream>

#include "engine/pipeline.h"
#include "registry.h"
#include "report/report.h"
#include "support.h"

using namespace miglint;
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kFileMark = "### ";
constexpr std::size_t kMaxFiles = 64;

bool safe_name(std::string_view name) {
  if (name.empty() || name.size() > 100 || name == "." || name == "..") return false;
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-' && c != '.') return false;
  }
  return true;
}

bool safe_path(std::string_view path) {
  if (path.starts_with("meta/")) path.remove_prefix(5);
  return safe_name(path);
}

// Writes the archive's files into dir; returns the first line when it is not a file.
std::string lay_out(std::string_view input, const fs::path& dir) {
  std::string preamble;
  std::size_t at = 0;
  if (!input.starts_with(kFileMark)) {
    const std::size_t next = input.find(std::string("\n").append(kFileMark));
    preamble = std::string(input.substr(0, std::min(input.find('\n'), next)));
    if (next == std::string_view::npos) return preamble;
    at = next + 1;
  }
  for (std::size_t files = 0; at < input.size() && files < kMaxFiles; ++files) {
    const std::size_t name_end = std::min(input.find('\n', at), input.size());
    const std::string_view path = input.substr(at + kFileMark.size(), name_end - std::min(name_end, at + kFileMark.size()));
    const std::size_t body = std::min(name_end + 1, input.size());
    std::size_t next = input.find(std::string("\n").append(kFileMark), body);
    const std::size_t body_end = next == std::string_view::npos ? input.size() : next;
    if (safe_path(path)) fuzz::write_file(dir / path, input.substr(body, body_end - body));
    if (next == std::string_view::npos) break;
    at = next + 1;
  }
  return preamble;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const fs::path dir = fuzz::scratch_dir() / "drizzle";
  fuzz::empty_dir(dir);
  const std::string preamble = lay_out(fuzz::as_text(data, size), dir);

  LintSettings settings;
  settings.rules = builtin_rules();
  settings.dialect = parse_dialect(preamble);
  settings.base = fuzz::scratch_dir();
  auto linted = lint_folder(FolderTarget{dir, "drizzle", std::nullopt}, settings);
  Report report;
  report.rules = settings.rules;
  if (auto* error = std::get_if<FolderError>(&linted)) {
    if (error->message.empty()) fuzz::fail("a folder error without a message");
    report.errors.push_back(error->message);
  } else {
    LintedFolder& folder = std::get<LintedFolder>(linted);
    report.folders.push_back(folder.display_path);
    report.findings = std::move(folder.findings);
  }
  for (const Finding& finding : report.findings) {
    if (finding.message.empty()) fuzz::fail("a finding without a message");
  }
  // Every renderer, on whatever the findings hold.
  std::ostringstream out;
  const RenderOptions options{.color = true, .tool_version = "0.0.0-fuzz", .summary = true};
  render_text(out, report, options);
  render_gcc(out, report, options);
  render_json(out, report, options);
  render_sarif(out, report, options);
  render_github(out, report, options);
  return 0;
}
