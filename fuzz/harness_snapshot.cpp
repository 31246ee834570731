// meta/NNNN_snapshot.json: the snapshot loader and drizzle-kit's validation (src/load/snapshot_schema).
// The first byte picks the folder's dialect (or none, so the snapshot's own "dialect" decides).
// 'P' instead: two consecutive PostgreSQL snapshots, split at the first "\n\f\n" (the second repeats
// the first when there is none), loaded with their models as written and minified. Whitespace means
// nothing in JSON, and a minified snapshot is always read in full, so the loader's reuse of tables the
// previous snapshot held alike (load/unchanged_tables.h) must make the same of both.
#include <fmt/core.h>
#include <simdjson.h>

#include "load/snapshot_loader.h"
#include "schema/from_snapshot.h"
#include "support.h"

using namespace miglint;

namespace {

const std::filesystem::path kRoot = "/miglint-fuzz-folder";

std::optional<Dialect> dialect_for(char c) {
  switch (c) {
    case 'p': return Dialect::PostgreSQL;
    case 'm': return Dialect::MySQL;
    case 's': return Dialect::SQLite;
    case 'S': return Dialect::SingleStore;
    case 'g': return Dialect::Gel;
    default: return std::nullopt;
  }
}

// The snapshots of `texts`, read through the overlay as the loader reads an editor's unsaved ones.
std::vector<Snapshot> load(const std::vector<std::string>& texts, std::optional<Dialect> dialect,
                           std::optional<Dialect> schema_as = std::nullopt) {
  std::vector<Snapshot> snapshots(texts.size());
  FileOverlay overlay;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    Snapshot& s = snapshots[i];
    s.prefix = fmt::format("{:04}", i);
    s.file_name = s.prefix + "_snapshot.json";
    s.relative_path = "meta/" + s.file_name;
    s.display_path = "drizzle/" + s.relative_path;
    overlay.emplace(kRoot / s.relative_path, texts[i]);
  }
  load_snapshots(kRoot, snapshots, dialect, &overlay, schema_as);
  for (const Snapshot& s : snapshots) {
    if (s.unreadable) fuzz::fail("an overlaid snapshot was not read");
    for (const auto* problem : {&s.invalid_json, &s.schema_violation}) {
      if (*problem && (*problem)->where.begin.line == 0) fuzz::fail("a snapshot problem placed on line 0");
    }
  }
  return snapshots;
}

std::optional<std::string> minified(const std::string& text) {
  std::string out(text.size(), '\0');
  std::size_t length = 0;
  if (simdjson::minify(text.data(), text.size(), out.data(), length) != simdjson::SUCCESS) return std::nullopt;
  out.resize(length);
  return out;
}

std::string value_of(const std::optional<Located<std::string>>& v) { return v ? v->value : "-"; }
std::string problem_of(const std::optional<Problem>& p) { return p ? p->message + " at " + p->where.json_pointer : "-"; }

void expect_alike(const Snapshot& written, const Snapshot& reference) {
  if (value_of(written.id) != value_of(reference.id) || value_of(written.prev_id) != value_of(reference.prev_id) ||
      value_of(written.version) != value_of(reference.version) ||
      problem_of(written.schema_violation) != problem_of(reference.schema_violation)) {
    fuzz::fail("a snapshot reads otherwise minified: ids, version or violation");
  }
  if ((written.schema == nullptr) != (reference.schema == nullptr)) fuzz::fail("modelled only one way");
  if (!written.schema) return;
  if (written.schema->problem != reference.schema->problem) fuzz::fail("modelled otherwise minified");
  if (!written.schema->modelled()) return;
  const schema::Schema a = written.schema->whole(), b = reference.schema->whole();
  if (a.tables != b.tables || a.enums != b.enums || a.views != b.views || a.sequences != b.sequences ||
      a.schemas != b.schemas) {
    fuzz::fail("a model differs from the minified snapshot's");
  }
}

void compare_with_minified(std::string_view input) {
  constexpr std::string_view kSeparator = "\n\f\n";
  const std::size_t split = input.find(kSeparator);
  std::vector<std::string> texts{std::string(input.substr(0, split))};
  texts.push_back(split == std::string_view::npos ? texts[0] : std::string(input.substr(split + kSeparator.size())));
  const std::vector<Snapshot> written = load(texts, Dialect::PostgreSQL, Dialect::PostgreSQL);
  std::vector<std::string> small;
  for (const std::string& text : texts) {
    std::optional<std::string> m = minified(text);
    if (!m) return;  // not JSON: nothing to compare
    small.push_back(std::move(*m));
  }
  const std::vector<Snapshot> reference = load(small, Dialect::PostgreSQL, Dialect::PostgreSQL);
  for (std::size_t i = 0; i < written.size(); ++i) {
    if (written[i].invalid_json || reference[i].invalid_json) return;  // positions differ; not compared
    expect_alike(written[i], reference[i]);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view rest = fuzz::as_text(data + 1, size - 1);
  if (data[0] == 'P') {
    compare_with_minified(rest);
    return 0;
  }
  (void)load({std::string(rest)}, dialect_for(static_cast<char>(data[0])));
  return 0;
}
