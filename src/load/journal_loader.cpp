#include "load/journal_loader.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include <fmt/core.h>

#include "core/finding_cap.h"
#include "core/json_scan.h"

namespace miglint {

namespace {

using nlohmann::json;

std::string type_name(const json& v) {
  if (v.is_string()) return "a string";
  if (v.is_boolean()) return "a boolean";
  if (v.is_number()) return "a number";
  if (v.is_null()) return "null";
  if (v.is_array()) return "an array";
  return "an object";
}

class JournalReader {
 public:
  explicit JournalReader(Journal& journal) : j_(journal), index_(index_json(journal.file.bytes())) {}

  // Frees each entry's parse once read, so that a large journal is not held twice.
  void read(json& root) {
    for (const auto& dup : index_.duplicates) {
      problem_at(dup.pointer,
                 fmt::format("the key \"{}\" appears twice in one object; JSON.parse keeps only the last one, so the "
                             "other is silently lost",
                             last_token(dup.pointer)),
                 /*at_key=*/true);
    }
    if (!root.is_object()) {
      problem_at("", fmt::format("the journal must be a JSON object with an \"entries\" array, but it is {}",
                                 type_name(root)));
      return;
    }
    if (auto it = root.find("version"); it != root.end() && it->is_string()) {
      j_.version = Located<std::string>{it->get<std::string>(), where("/version")};
    }
    if (auto it = root.find("dialect"); it != root.end()) {
      // Kept as text even when it is not a string, so journal-dialect can name it.
      j_.dialect = Located<std::string>{it->is_string() ? it->get<std::string>() : it->dump(), where("/dialect")};
    }
    auto entries = root.find("entries");
    if (entries == root.end()) {
      problem_at("", "the journal has no \"entries\" array; drizzle's migrator reads journal.entries and fails");
      return;
    }
    if (!entries->is_array()) {
      problem_at("/entries", fmt::format("\"entries\" must be an array, but it is {}", type_name(*entries)));
      return;
    }
    j_.entries.reserve(entries->size());
    for (std::size_t i = 0; i < entries->size(); ++i) {
      read_entry(i, (*entries)[i]);
      (*entries)[i] = nullptr;
    }
    j_.entries_read = true;
  }

 private:
  static std::string last_token(const std::string& pointer) { return pointer.substr(pointer.rfind('/') + 1); }

  Location where(const std::string& pointer, bool at_key = false) const {
    const JsonSpan* span = index_.find(pointer);
    if (!span) return j_.file.location(0, 0, pointer);
    std::size_t begin = at_key && span->key_begin != std::string_view::npos ? span->key_begin : span->value_begin;
    return j_.file.location(begin, span->value_end, pointer);
  }

  // Past the per-file cap only the first problem is placed; the rest are counted, not located.
  void problem_at(const std::string& pointer, std::string message, bool at_key = false) {
    if (j_.problems.size() < kFindingsShownPerFile) {
      j_.problems.push_back(Problem{std::move(message), where(pointer, at_key)});
      return;
    }
    if (!j_.first_problem_left_out) j_.first_problem_left_out = Problem{std::move(message), where(pointer, at_key)};
    ++j_.problems_left_out;
  }

  void read_entry(std::size_t i, const json& e) {
    const std::string base = "/entries/" + std::to_string(i);
    JournalEntry entry;
    entry.position = i;
    if (!e.is_object()) {
      problem_at(base, fmt::format("entry {} must be an object, but it is {}", i, type_name(e)));
      entry.where = where(base);
      j_.entries.push_back(std::move(entry));
      return;
    }
    auto field = [&](const char* key, bool (json::*is)() const noexcept, const char* wanted) -> const json* {
      auto it = e.find(key);
      if (it == e.end()) return nullptr;
      if (!((*it).*is)()) {
        problem_at(base + "/" + key,
                   fmt::format("\"{}\" of entry {} must be {}, but it is {}", key, i, wanted, type_name(*it)));
        return nullptr;
      }
      return &*it;
    };
    auto require = [&](const char* key) {
      if (e.find(key) == e.end()) {
        problem_at(base, fmt::format("entry {} has no \"{}\"", i, key));
      }
    };
    for (const char* key : {"idx", "when", "tag", "breakpoints"}) require(key);

    if (const json* v = field("idx", &json::is_number, "an integer")) {
      double d = v->get<double>();
      if (v->is_number_float() && d != std::floor(d)) {
        problem_at(base + "/idx", fmt::format("\"idx\" of entry {} must be an integer", i));
      } else if (std::fabs(d) < 9.0e15) {
        entry.idx = Located<std::int64_t>{static_cast<std::int64_t>(d), where(base + "/idx")};
      } else {
        problem_at(base + "/idx", fmt::format("\"idx\" of entry {} is too large to be an index", i));
      }
    }
    if (const json* v = field("when", &json::is_number, "a number (milliseconds since 1970)")) {
      entry.when = Located<double>{v->get<double>(), where(base + "/when")};
    }
    if (const json* v = field("tag", &json::is_string, "a string")) {
      entry.tag = Located<std::string>{v->get<std::string>(), where(base + "/tag")};
    }
    if (const json* v = field("breakpoints", &json::is_boolean, "a boolean")) {
      entry.breakpoints = Located<bool>{v->get<bool>(), where(base + "/breakpoints")};
    }
    if (const json* v = field("version", &json::is_string, "a string")) {
      entry.version = Located<std::string>{v->get<std::string>(), where(base + "/version")};
    }
    entry.where = entry.tag ? entry.tag->where : where(base);
    j_.entries.push_back(std::move(entry));
  }

  Journal& j_;
  JsonIndex index_;
};

}  // namespace

Journal parse_journal(std::string display_path, std::string bytes) {
  Journal journal;
  journal.present = true;
  journal.file = TextFile(std::move(display_path), std::move(bytes));
  const std::string& text = journal.file.bytes();
  if (text.starts_with("\xEF\xBB\xBF")) {
    journal.problems.push_back(Problem{
        "the journal starts with a UTF-8 byte order mark; drizzle's migrator passes it to JSON.parse, which rejects it",
        journal.file.location(0, 3)});
    return journal;
  }
  if (auto error = check_json_syntax(text)) {
    journal.problems.push_back(Problem{fmt::format("invalid JSON: {}", error->message),
                                       journal.file.location(error->offset, error->offset + 1)});
    return journal;
  }
  json root = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded()) {  // syntax was fine, so a number was out of range
    journal.problems.push_back(Problem{"invalid JSON: a number is too large to represent", journal.file.location(0, 0)});
    return journal;
  }
  JournalReader(journal).read(root);
  return journal;
}

}  // namespace miglint
