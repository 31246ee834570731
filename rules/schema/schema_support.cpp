#include "schema/schema_support.h"

#include <fmt/core.h>

namespace miglint::schema_findings {

namespace {

const char* change_name(schema::Difference::Kind kind) {
  switch (kind) {
    case schema::Difference::Kind::Missing: return "missing";
    case schema::Difference::Kind::Extra: return "extra";
    case schema::Difference::Kind::Changed: return "changed";
  }
  return "changed";
}

std::string phrase(const schema::Difference& d, const Views& views) {
  switch (d.kind) {
    case schema::Difference::Kind::Missing:
      return fmt::format("{} {} is in {} but not in {}", d.object_kind, d.object, views.expected, views.actual);
    case schema::Difference::Kind::Extra:
      return fmt::format("{} {} is in {} but not in {}", d.object_kind, d.object, views.actual, views.expected);
    case schema::Difference::Kind::Changed: break;
  }
  return fmt::format("{} {}: {} {} in {}, {} in {}", d.object_kind, d.object, d.field, d.expected, views.expected,
                     d.actual, views.actual);
}

}  // namespace

std::vector<ObjectDifference> as_objects(const std::vector<schema::Difference>& differences) {
  std::vector<ObjectDifference> objects;
  objects.reserve(differences.size());
  for (const schema::Difference& d : differences) {
    objects.push_back({change_name(d.kind), d.object_kind, d.object, d.field, d.expected, d.actual});
  }
  return objects;
}

std::string list(const std::vector<schema::Difference>& differences, const Views& views, std::size_t limit) {
  std::string text;
  for (std::size_t i = 0; i < differences.size() && i < limit; ++i) {
    if (i) text += "; ";
    text += phrase(differences[i], views);
  }
  if (differences.size() > limit) text += fmt::format("; and {} more", differences.size() - limit);
  return text;
}

}  // namespace miglint::schema_findings

namespace miglint::schema_findings {

Location word_at(const SqlFile& sql, std::size_t offset) {
  if (offset == std::string::npos) {
    offset = sql.file.bytes().size();
    for (const SqlChunk& chunk : sql.sql().chunks) {
      if (!chunk.statements.empty()) {
        offset = chunk.statements.front().begin;
        break;
      }
    }
  }
  const std::string& bytes = sql.file.bytes();
  std::size_t end = offset;
  while (end < bytes.size() && end - offset < 80 && bytes[end] != ' ' && bytes[end] != '\n' && bytes[end] != '(') ++end;
  return sql.file.location(offset, end);
}

}  // namespace miglint::schema_findings
