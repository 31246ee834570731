#include "load/snapshot_loader.h"

#include <simdjson.h>

#include <fmt/core.h>

#include "core/json_scan.h"
#include "load/folder_file_reader.h"
#include "load/safe_read.h"
#include "load/snapshot_fields.h"
#include "load/snapshot_schema.h"
#include "load/snapshot_threads.h"
#include "load/table_layout.h"
#include "load/unchanged_tables.h"
#include "schema/from_snapshot.h"

namespace miglint {

namespace {

class SnapshotJudge {
 public:
  SnapshotJudge(Snapshot& s, std::string_view bytes) : s_(s), bytes_(bytes) {}

  // The document, when the file is JSON: valid until the parser parses again.
  std::optional<simdjson::dom::element> judge(simdjson::dom::parser& parser, std::optional<Dialect> folder_dialect) {
    if (bytes_.starts_with("\xEF\xBB\xBF")) {
      s_.invalid_json = Problem{"the file starts with a UTF-8 byte order mark, which JSON.parse in drizzle-kit rejects", at(0, 3)};
      return std::nullopt;
    }
    simdjson::dom::element root;
    // The reader leaves simdjson's padding readable past the bytes.
    if (auto error = parser.parse(bytes_.data(), bytes_.size(), false).get(root)) {
      s_.invalid_json = json_syntax_problem(s_, bytes_, error, at(0, 0));
      return std::nullopt;
    }
    read_top_level(root);
    std::optional<Dialect> dialect = folder_dialect;
    if (!dialect && s_.dialect) dialect = parse_dialect(s_.dialect->value);
    if (!dialect || *dialect == Dialect::Gel) return root;
    // drizzle-kit stops before validating a snapshot newer than it knows; snapshot-version reports it.
    if (snapshot_version_is_unsupported(root, dialect_name(*dialect))) return root;
    if (auto violation = validate_snapshot(root, dialect_name(*dialect))) {
      s_.schema_violation = Problem{violation->message, locate(violation->json_pointer, violation->missing)};
    } else {
      valid_ = true;
    }
    return root;
  }

  // Whether the snapshot was validated and passed.
  bool valid() const { return valid_; }

 private:
  Location at(std::size_t begin, std::size_t end, std::string pointer = {}) const {
    return location_in(s_.display_path, bytes_, begin, end, std::move(pointer));
  }


  // Keeps the values rules compare; their positions are found only if a finding needs them.
  void read_top_level(simdjson::dom::element root) {
    simdjson::dom::object object;
    if (root.get_object().get(object)) return;
    const SnapshotField fields[] = {
        {"id", &s_.id}, {"prevId", &s_.prev_id}, {"version", &s_.version}, {"dialect", &s_.dialect}};
    read_snapshot_fields(object, fields, s_, "meta/" + s_.file_name);
  }

  // Where a violation is shown: the offending key or value, or for a missing member its parent object.
  Location locate(const std::string& pointer, bool missing) const {
    std::string target = pointer;
    if (missing) target = pointer.substr(0, pointer.rfind('/'));
    if (auto span = locate_json_pointer(bytes_, target)) {
      bool at_key = !missing && span->key_begin != std::string_view::npos;
      std::size_t begin = at_key ? span->key_begin : span->value_begin;
      std::size_t end = missing ? begin + 1 : span->value_end;
      return at(begin, end, pointer);
    }
    return at(0, 0, pointer);
  }

  Snapshot& s_;
  std::string_view bytes_;
  bool valid_ = false;
};

// Snapshot models the loader keeps for the whole run: as long as they fit the budget, past which
// the schema history models the remaining snapshots itself, letting each go once the next is
// compared (history.cpp). A folder whose snapshots share most tables stays far within it; one that
// changes a big table in every migration would otherwise keep every version of it. 8 MiB holds
// Dokploy's 186 snapshots; 32 MiB let a 2,000-migration folder peak at 86 MB instead of 63 MB.
constexpr std::size_t kModelBudgetBytes = 8u * 1024u * 1024u;

struct SchemaRequest {
  // A constructor rather than aggregate initialisation, which clang 14 does not do in emplace().
  SchemaRequest(Dialect d, std::shared_ptr<schema::PartPool> p) : dialect(d), pool(std::move(p)) {}
  Dialect dialect;
  std::shared_ptr<schema::PartPool> pool;
  std::atomic<std::size_t> modelled_bytes{0};  // by all threads, approximate_bytes()
};

// One loader thread's tools.
struct LoaderThread {
  LoaderThread(const std::filesystem::path& root, const FileOverlay* overlay, std::shared_ptr<schema::PartPool> pool)
      : reader(root, overlay), parts(std::move(pool)) {}
  FolderFileReader reader;
  simdjson::dom::parser parser;
  schema::PartCache parts;
  UnchangedTables unchanged;  // PostgreSQL folders only
};

// Whether the root holds one "tables" object whose members are `keys`, in that order.
bool tables_are(simdjson::dom::element root, const std::vector<std::string_view>& keys) {
  simdjson::dom::object object, tables;
  if (root.get_object().get(object)) return false;
  int count = 0;
  for (simdjson::dom::key_value_pair member : object) {
    if (member.key != "tables") continue;
    if (++count > 1 || member.value.get_object().get(tables)) return false;
  }
  if (count != 1 || tables.size() != keys.size()) return false;
  std::size_t i = 0;
  for (simdjson::dom::key_value_pair member : tables) {
    if (member.key != keys[i++]) return false;
  }
  return true;
}

// Reads the snapshot through the cut of the tables it repeats; false, with `s` untouched, when
// anything differs from reading it in full (then it is read in full).
bool load_through_cut(LoaderThread& t, Snapshot& s, std::string_view bytes, const TableLayout& layout,
                      const UnchangedTables::Cut& cut, std::optional<Dialect> dialect, SchemaRequest* schema) {
  Snapshot trial = s;
  SnapshotJudge judge(trial, cut.text);
  schema::make_room(t.parser, cut.text.size());
  auto document = judge.judge(t.parser, dialect);
  if (!document || !judge.valid() || !trial.version || trial.version->value != t.unchanged.version() ||
      !tables_are(*document, cut.kept_keys)) {
    return false;
  }
  std::vector<const schema::Table*> in_order;
  if (schema) {
    const std::size_t before = t.parts.made_bytes();
    auto model = schema::shared_schema_from_snapshot(*document, schema->dialect, t.parts, cut.reused, &in_order);
    if (!model.modelled() || in_order.size() != layout.members.size()) return false;
    trial.schema = std::make_shared<const schema::SharedSnapshotModel>(std::move(model));
    schema->modelled_bytes += t.parts.made_bytes() - before;
  }
  s = std::move(trial);
  t.unchanged.remember(bytes, layout, in_order, s.version->value);
  return true;
}

void load_one(LoaderThread& t, const std::filesystem::path& root, Snapshot& s, std::optional<Dialect> dialect,
              SchemaRequest* schema) {
  auto result = t.reader.read(root / s.relative_path);
  if (auto* failure = std::get_if<ReadFailure>(&result)) {
    s.unreadable = Problem{fmt::format("{} {}", s.file_name, failure->reason), s.whole()};
    t.unchanged.forget();  // the read may have taken the buffer the last snapshot is in
    return;
  }
  const std::string_view bytes = std::get<std::string_view>(result);
  if (schema && schema->modelled_bytes.load() >= kModelBudgetBytes) schema = nullptr;
  const bool postgres = dialect == Dialect::PostgreSQL && (!schema || schema->dialect == Dialect::PostgreSQL);
  const std::optional<TableLayout> layout =
      postgres ? find_table_layout(bytes, [&t](std::string_view key) { return t.unchanged.known(key); }) : std::nullopt;
  if (layout) {
    if (auto cut = t.unchanged.cut(bytes, *layout, schema != nullptr)) {
      if (load_through_cut(t, s, bytes, *layout, *cut, dialect, schema)) return;
    }
  }
  schema::make_room(t.parser, bytes.size());
  SnapshotJudge judge(s, bytes);
  auto document = judge.judge(t.parser, dialect);
  std::vector<const schema::Table*> in_order;
  if (document && schema) {
    const std::size_t before = t.parts.made_bytes();
    s.schema = std::make_shared<const schema::SharedSnapshotModel>(
        schema::shared_schema_from_snapshot(*document, schema->dialect, t.parts, {}, &in_order));
    schema->modelled_bytes += t.parts.made_bytes() - before;
  }
  if (layout && judge.valid() && s.version &&
      (!schema || (s.schema->modelled() && in_order.size() == layout->members.size()))) {
    t.unchanged.remember(bytes, *layout, in_order, s.version->value);
  } else {
    t.unchanged.forget();
  }
}

}  // namespace

void load_snapshots(const std::filesystem::path& root, std::vector<Snapshot>& snapshots, std::optional<Dialect> dialect,
                    const FileOverlay* overlay, std::optional<Dialect> schema_as) {
  // Consecutive snapshots repeat most tables and enums: each distinct part is modelled once.
  std::optional<SchemaRequest> schema;
  if (schema_as) schema.emplace(*schema_as, std::make_shared<schema::PartPool>());
  on_snapshot_threads(snapshots.size(), [&](auto take) {
    LoaderThread thread(root, overlay, schema ? schema->pool : nullptr);
    while (const std::optional<std::size_t> i = take()) {
      load_one(thread, root, snapshots[*i], dialect, schema ? &*schema : nullptr);
    }
  });
}

}  // namespace miglint
