// A PostgreSQL snapshot's tables that repeat the previous snapshot's byte for byte are not read
// again (load/unchanged_tables.h). Whitespace means nothing in JSON, so a folder must load exactly
// as its minified copy does, which is always read in full: same ids, same problems, same models,
// same schema history, whatever the indentation.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <simdjson.h>

#include <random>
#include <string>
#include <vector>

#include "load/folder_loader.h"
#include "load/table_layout.h"
#include "schema/from_snapshot.h"
#include "schema/history.h"
#include "support/run.h"

namespace miglint {
namespace {

namespace fs = std::filesystem;
using test::read_file;
using test::write_file;

Folder load(const fs::path& path) {
  auto loaded = load_folder(path, "drizzle", std::nullopt, LoadScope::EverythingWithSchemas);
  return std::move(std::get<Folder>(loaded));
}

std::string text_of(const std::optional<Located<std::string>>& v) { return v ? v->value : "-"; }
std::string text_of(const std::optional<Problem>& p) { return p ? p->message + " at " + p->where.json_pointer : "-"; }

// What the loader made of each snapshot and what the history shows, as comparable text.
std::vector<std::string> summary(const Folder& folder) {
  std::vector<std::string> out;
  for (const Snapshot& s : folder.snapshots) {
    out.push_back(s.file_name + " id " + text_of(s.id) + " prev " + text_of(s.prev_id) + " version " +
                  text_of(s.version) + " json " + text_of(s.invalid_json) + " violation " +
                  text_of(s.schema_violation) + " modelled " + (s.schema ? s.schema->problem : "none"));
  }
  const auto history = schema::SchemaHistory::build(folder);
  for (const schema::MigrationSchemas& step : history->steps()) {
    std::string line = step.migration->name.value_or("?");
    for (const schema::Difference& d : step.differences) line += "\n  " + schema::describe(d);
    out.push_back(std::move(line));
  }
  return out;
}

void expect_same_models(const Folder& a, const Folder& b) {
  ASSERT_EQ(a.snapshots.size(), b.snapshots.size());
  for (std::size_t i = 0; i < a.snapshots.size(); ++i) {
    const auto &x = a.snapshots[i].schema, &y = b.snapshots[i].schema;
    ASSERT_EQ(x == nullptr, y == nullptr) << a.snapshots[i].file_name;
    if (!x || !x->modelled()) continue;
    const schema::Schema wx = x->whole(), wy = y->whole();
    EXPECT_TRUE(wx.tables == wy.tables && wx.enums == wy.enums && wx.views == wy.views && wx.sequences == wy.sequences)
        << a.snapshots[i].file_name;
  }
}

// Every snapshot of the folder minified, members and duplicates as they are.
void minify(const fs::path& folder) {
  for (const auto& entry : fs::directory_iterator(folder / "meta")) {
    if (!entry.path().string().ends_with("_snapshot.json")) continue;
    const std::string text = read_file(entry.path());
    std::string out(text.size(), '\0');
    std::size_t length = 0;
    if (simdjson::minify(text.data(), text.size(), out.data(), length) != simdjson::SUCCESS) continue;
    out.resize(length);
    write_file(entry.path(), out);
  }
}

// What the folder's minified copy loads as: always read in full.
struct Reference {
  std::vector<std::string> summary;
  Folder folder;
};

Reference reference_for(const fs::path& folder) {
  test::TempDir minified;
  test::copy_tree(folder, minified.path() / "drizzle");
  minify(minified.path() / "drizzle");
  Folder loaded = load(minified.path() / "drizzle");
  std::vector<std::string> lines = summary(loaded);
  return {std::move(lines), std::move(loaded)};
}

void expect_loads_as(const Reference& reference, const fs::path& folder, const std::string& label) {
  const Folder loaded = load(folder);
  const std::vector<std::string> lines = summary(loaded);
  ASSERT_EQ(lines.size(), reference.summary.size()) << label;
  for (std::size_t i = 0; i < lines.size(); ++i) EXPECT_EQ(lines[i], reference.summary[i]) << label;
  expect_same_models(loaded, reference.folder);
}

void expect_loads_as_minified(const fs::path& folder, const std::string& label) {
  expect_loads_as(reference_for(folder), folder, label);
}

fs::path snapshot_of(const fs::path& folder, int idx) {
  char name[32];
  std::snprintf(name, sizeof name, "meta/%04d_snapshot.json", idx);
  return folder / name;
}

TEST(UnchangedTables, CorpusFoldersLoadAsTheirMinifiedCopies) {
  for (const char* relative : {"Dokploy__dokploy/apps__dokploy__drizzle", "lmnr-ai__lmnr/frontend__lib__db__migrations",
                               "onlook-dev__onlook/apps__backend__supabase__migrations"}) {
    expect_loads_as_minified(test::corpus_dir() / relative, relative);
  }
}

// The layout drizzle-kit writes is recognised on its snapshots: one member per table.
TEST(UnchangedTables, DrizzleKitsLayoutIsRecognised) {
  const fs::path folder = test::corpus_dir() / "Dokploy__dokploy/apps__dokploy__drizzle";
  const std::string text = read_file(snapshot_of(folder, 100));
  const std::optional<TableLayout> layout = find_table_layout(text);
  ASSERT_TRUE(layout.has_value());
  const auto tables = nlohmann::ordered_json::parse(text)["tables"];
  ASSERT_EQ(layout->members.size(), tables.size());
  std::size_t i = 0;
  for (const auto& [key, value] : tables.items()) {
    EXPECT_EQ(layout->members[i].key, key);
    const std::string_view span = layout->members[i++].value(text);
    EXPECT_EQ(value_end(span, 0), span.size());
    EXPECT_EQ(nlohmann::ordered_json::parse(span), value) << key;
  }
  // The next snapshot, laid out knowing this one's tables: most repeat, and each member is whole.
  const std::string next = read_file(snapshot_of(folder, 101));
  const auto known = [&](std::string_view key) -> std::optional<std::string_view> {
    for (const TableMember& m : layout->members) {
      if (m.key == key) return m.value(text);
    }
    return std::nullopt;
  };
  const std::optional<TableLayout> next_layout = find_table_layout(next, known);
  ASSERT_TRUE(next_layout.has_value());
  const auto next_tables = nlohmann::ordered_json::parse(next)["tables"];
  ASSERT_EQ(next_layout->members.size(), next_tables.size());
  std::size_t repeated = 0;
  for (const TableMember& m : next_layout->members) {
    repeated += m.repeated;
    EXPECT_EQ(nlohmann::ordered_json::parse(m.value(next)), next_tables[std::string(m.key)]) << m.key;
  }
  EXPECT_GT(repeated, next_layout->members.size() / 2);
  EXPECT_LT(repeated, next_layout->members.size());
  EXPECT_FALSE(find_table_layout(nlohmann::ordered_json::parse(text).dump()).has_value()) << "minified";
  EXPECT_FALSE(find_table_layout(R"({"x": {
  "tables": {
    "public.a": {
    }
  }}})")
                   .has_value())
      << "not the top level's tables";
  EXPECT_FALSE(find_table_layout("{\n  \"tables\": {\n    \"a\\u0062\": {\n    }\n  }\n}").has_value()) << "escaped key";
  EXPECT_FALSE(find_table_layout("{\n  \"tables\": {\n    \"a\": {\n    },\n    \"a\": {\n    }\n  }\n}").has_value())
      << "duplicate keys";
  EXPECT_EQ(value_end("{\"a\": \"}\\\"\"\n    }x", 0), 17u) << "braces and quotes in strings";
  EXPECT_EQ(value_end("{\"a\": {\n    }", 0), std::string_view::npos) << "not closed";
}

// Hand edits a repeated table cannot hide: a version whose schema the repeated tables do not
// satisfy (a v7 table under "version": "6", which knows no "isRLSEnabled"), and a changed table
// that breaks the schema after unchanged ones.
TEST(UnchangedTables, RepeatedTablesAreValidatedAgainUnderAnotherVersion) {
  test::TempDir dir;
  const fs::path folder = dir.path() / "drizzle";
  test::copy_tree(test::fixtures_dir() / "generated/pg-everything/drizzle", folder);
  std::string second = read_file(snapshot_of(folder, 1));
  ASSERT_NE(second.find("\"version\": \"7\""), std::string::npos);
  ASSERT_NE(second.find("\"isRLSEnabled\""), std::string::npos);
  second.replace(second.find("\"version\": \"7\""), 14, "\"version\": \"6\"");
  write_file(snapshot_of(folder, 1), second);
  std::string third = read_file(snapshot_of(folder, 2));
  const std::size_t last_not_null = third.rfind("\"notNull\": false");
  ASSERT_NE(last_not_null, std::string::npos);
  third.replace(last_not_null, 16, "\"notNull\": \"no\"");
  write_file(snapshot_of(folder, 2), third);
  const Folder loaded = load(folder);
  ASSERT_EQ(loaded.snapshots.size(), 3u);
  EXPECT_TRUE(loaded.snapshots[1].schema_violation.has_value());
  EXPECT_TRUE(loaded.snapshots[2].schema_violation.has_value());
  expect_loads_as_minified(folder, "edited pg-everything");
}

// Lines re-indented at random, by the widths the layout is told by: a table seen to end early
// (or a member seen where there is none) must never stand for what the file says.
TEST(UnchangedTables, ReindentedLinesChangeNothing) {
  const fs::path source = test::corpus_dir() / "lmnr-ai__lmnr/frontend__lib__db__migrations";
  const Reference reference = reference_for(source);
  std::mt19937 random(20261207);
  for (int round = 0; round < 6; ++round) {
    test::TempDir dir;
    const fs::path folder = dir.path() / "drizzle";
    test::copy_tree(source, folder);
    for (int idx = 1; fs::exists(snapshot_of(folder, idx)); ++idx) {
      std::string text = read_file(snapshot_of(folder, idx)), out;
      std::size_t at = 0;
      while (at < text.size()) {
        std::size_t end = text.find('\n', at);
        end = end == std::string::npos ? text.size() : end + 1;
        std::string_view line(text.data() + at, end - at);
        if (random() % 40 == 0) {
          static constexpr const char* kIndents[] = {"", "  ", "    ", "      "};
          line.remove_prefix(std::min(line.find_first_not_of(' '), line.size()));
          out += kIndents[random() % 4];
        }
        out += line;
        at = end;
      }
      write_file(snapshot_of(folder, idx), out);
    }
    expect_loads_as(reference, folder, "round " + std::to_string(round));
  }
}

}  // namespace
}  // namespace miglint
