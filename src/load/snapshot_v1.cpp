// drizzle-kit 1.0.0-rc.5 reads a snapshot with JSON.parse, then compares Number(version) with the
// latest for its dialect (missing, zero or newer: "unsupported version"; older: "run drizzle-kit
// up"), then checks the top-level fields: version and dialect exactly, id a string, prevIds an
// array, and per dialect either ddl and renames arrays, or for PostgreSQL (format 9) type "base"
// with ddl or "diff" with deltas, plus footprints. Those top-level checks are made here; the
// entries inside ddl, deltas and footprints are not judged.
#include "load/snapshot_v1.h"

#include <simdjson.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include <fmt/core.h>

#include "core/json_scan.h"
#include "core/text_file.h"
#include "load/folder_file_reader.h"
#include "load/safe_read.h"
#include "load/snapshot_fields.h"
#include "load/snapshot_threads.h"
#include "schema/snapshot_v1_state.h"

namespace miglint::drizzle_kit_1 {

namespace {

struct DialectFormat {
  std::string_view name;  // as snapshots spell it
  int latest;
};
constexpr DialectFormat kFormats[] = {{"postgres", 9}, {"sqlite", 7},   {"mysql", 6},
                                      {"singlestore", 2}, {"mssql", 2}, {"cockroach", 1}};

Location pending_at(const Snapshot& s, std::string pointer) {
  Location where;
  where.file = s.display_path;
  where.json_pointer = std::move(pointer);
  where.pending_file = s.relative_path;
  return where;
}

class Reader {
 public:
  Reader(Snapshot& s, std::string_view bytes) : s_(s), bytes_(bytes) {}

  void read(simdjson::dom::parser& parser) {
    simdjson::dom::element root;
    // The reader leaves simdjson's padding readable past the bytes.
    if (auto error = parser.parse(bytes_.data(), bytes_.size(), false).get(root)) return syntax_error(error);
    simdjson::dom::object object;
    if (root.get_object().get(object)) return violation("the snapshot is not a JSON object", "");
    header(object);
    if (!s_.version) return;  // drizzle-kit refuses it as an unsupported version: the version rule's
    if (!s_.dialect) return violation("the snapshot has no dialect", "");
    s_.latest_version = latest_snapshot_version(s_.dialect->value);
    const std::string dialect = s_.dialect->value;
    // 1.0 names PostgreSQL "postgres" in snapshots; the folder's dialect is judged by the usual names.
    if (dialect == "postgres") s_.dialect->value = "postgresql";
    // An older or newer version is the version rule's business: drizzle-kit validates no further.
    if (!s_.latest_version || version_number() != *s_.latest_version) return;
    shape(object, dialect, fmt::format("{}", *s_.latest_version));
    if (s_.schema_violation) return;
    // Checked while the document is parsed; the schema history reads the rows when it needs them.
    s_.v1_rows_readable = schema::v1::has_rows(object, s_.kind && s_.kind->value == "diff");
  }

 private:
  double version_number() const {
    const std::string& text = s_.version->value;
    char* end = nullptr;
    double v = std::strtod(text.c_str(), &end);
    return end == text.c_str() + text.size() && !text.empty() ? v : std::nan("");
  }

  void header(simdjson::dom::object object) {
    const SnapshotField fields[] = {
        {"id", &s_.id}, {"version", &s_.version}, {"dialect", &s_.dialect}, {"type", &s_.kind}};
    read_snapshot_fields(object, fields, s_, s_.relative_path);
    simdjson::dom::array parents;
    if (object["prevIds"].get_array().get(parents)) return;
    std::size_t k = 0;
    for (simdjson::dom::element parent : parents) {
      if (parent.is_string()) {
        s_.prev_ids.push_back({std::string(parent.get_string().value_unsafe()), pending_at(s_, fmt::format("/prevIds/{}", k))});
      }
      ++k;
    }
  }

  // The fields drizzle-kit's validator for this dialect and version requires.
  void shape(simdjson::dom::object object, std::string_view dialect, const std::string& version) {
    auto require = [&](const char* key, bool ok, std::string_view what) {
      if (s_.schema_violation) return;
      simdjson::dom::element value;
      if (object[key].get(value)) {
        violation(fmt::format("the snapshot lacks \"{}\", which drizzle-kit 1.0 requires", key), "");
      } else if (!ok) {
        violation(fmt::format("\"{}\" must be {}", key, what), std::string("/") + key);
      }
    };
    auto is_array = [&](const char* key) {
      simdjson::dom::element v;
      return !object[key].get(v) && v.is_array();
    };
    auto equals = [&](const char* key, std::string_view want) {
      simdjson::dom::element v;
      return !object[key].get(v) && v.is_string() && v.get_string().value_unsafe() == want;
    };
    bool strings_only = true;
    simdjson::dom::array parents;
    if (!object["prevIds"].get_array().get(parents)) {
      for (simdjson::dom::element p : parents) strings_only = strings_only && p.is_string();
    }
    require("version", equals("version", version), fmt::format("the string \"{}\"", version));
    require("id", s_.id && equals("id", s_.id->value), "a string");
    const bool postgres = dialect == "postgres";
    require("prevIds", is_array("prevIds") && (!postgres || strings_only), postgres ? "an array of ids" : "an array");
    if (postgres) {
      const bool diff = equals("type", "diff");
      require("type", diff || equals("type", "base"), "\"base\" or \"diff\"");
      require(diff ? "deltas" : "ddl", is_array(diff ? "deltas" : "ddl"), "an array");
      require("footprints", is_array("footprints"), "an array");
    } else {
      require("ddl", is_array("ddl"), "an array");
      require("renames", is_array("renames"), "an array");
    }
  }

  void syntax_error(simdjson::error_code error) { s_.invalid_json = json_syntax_problem(s_, bytes_, error, s_.whole()); }

  void violation(std::string message, std::string pointer) {
    Location where = s_.whole();
    if (!pointer.empty()) {
      if (auto span = locate_json_pointer(bytes_, pointer)) {
        where = location_in(s_.display_path, bytes_, span->value_begin, span->value_end, pointer);
      }
    }
    s_.schema_violation = Problem{std::move(message), std::move(where)};
  }

  Snapshot& s_;
  std::string_view bytes_;
};

}  // namespace

std::optional<int> latest_snapshot_version(std::string_view snapshot_dialect) {
  for (const DialectFormat& f : kFormats) {
    if (f.name == snapshot_dialect) return f.latest;
  }
  return std::nullopt;
}

void load_snapshots(const std::filesystem::path& root, std::vector<Snapshot>& snapshots, const FileOverlay* overlay) {
  // On two threads, as the 0.x loader reads its snapshots: a 1.0 folder's snapshots are its index,
  // read before anything else can start.
  on_snapshot_threads(snapshots.size(), [&](auto take) {
    simdjson::dom::parser parser;
    FolderFileReader reader(root, overlay);
    while (const std::optional<std::size_t> i = take()) {
      Snapshot& s = snapshots[*i];
      auto result = reader.read(root / s.relative_path);
      if (auto* failure = std::get_if<ReadFailure>(&result)) {
        s.unreadable = Problem{fmt::format("{} {}", s.relative_path, failure->reason), s.whole()};
        continue;
      }
      Reader(s, std::get<std::string_view>(result)).read(parser);
    }
  });
}

}  // namespace miglint::drizzle_kit_1
