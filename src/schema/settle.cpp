#include "schema/settle.h"

#include <algorithm>
#include <utility>

namespace miglint::schema {

namespace {

// Objects of one kind, the replay's against the snapshot's (both in name order): those the
// replay left equal to the snapshot's stay in `settled` as they are, since compare() finds nothing
// in equal objects; the others are set apart in `expected` and `actual` for the comparison, and
// the snapshot's goes to `settled`.
template <typename T, typename Recorded, typename ObjectOf>
void split(std::map<QualifiedName, T>& replayed, const Recorded& recorded, ObjectOf object_of,
           std::map<QualifiedName, T>& settled, std::map<QualifiedName, T>& expected, std::map<QualifiedName, T>& actual) {
  auto ours = replayed.begin();
  auto theirs = recorded.begin();
  while (ours != replayed.end() || theirs != recorded.end()) {
    if (theirs == recorded.end() || (ours != replayed.end() && ours->first < object_of(*theirs).name)) {
      actual.insert(actual.end(), replayed.extract(ours++));
      continue;
    }
    const T& snapshot_object = object_of(*theirs++);
    const bool both = ours != replayed.end() && !(snapshot_object.name < ours->first);
    if (both && ours->second == snapshot_object) {
      settled.insert(settled.end(), replayed.extract(ours++));
      continue;
    }
    if (both) actual.insert(actual.end(), replayed.extract(ours++));
    expected.emplace_hint(expected.end(), snapshot_object.name, snapshot_object);
    settled.emplace_hint(settled.end(), snapshot_object.name, snapshot_object);
  }
}

// The replay's objects against the snapshot's: its tables and enums as `table_of` and `enum_of` read
// their entries, everything else from `rest`.
template <typename Tables, typename TableOf, typename Enums, typename EnumOf>
std::vector<Difference> settle_with(Schema& schema, const Schema& rest, const Tables& recorded_tables, TableOf table_of,
                                    const Enums& recorded_enums, EnumOf enum_of, void (*before_comparing)(Schema&)) {
  // Every part named, so that a part added to Schema cannot be left out here.
  auto& [schemas, tables, enums, sequences, views, unknown_schemas, everything_unknown, foreign_key_names_in_sql] =
      schema;
  Schema expected, actual, settled;
  for (Schema* recorded : {&expected, &settled}) {
    recorded->schemas = rest.schemas;
    recorded->unknown_schemas = rest.unknown_schemas;
    recorded->everything_unknown = rest.everything_unknown;
    recorded->foreign_key_names_in_sql = rest.foreign_key_names_in_sql;
  }
  actual.schemas = std::move(schemas);
  actual.unknown_schemas = std::move(unknown_schemas);
  actual.everything_unknown = everything_unknown;
  actual.foreign_key_names_in_sql = foreign_key_names_in_sql;
  split(tables, recorded_tables, table_of, settled.tables, expected.tables, actual.tables);
  split(enums, recorded_enums, enum_of, settled.enums, expected.enums, actual.enums);
  auto second = [](const auto& entry) -> const auto& { return entry.second; };
  split(sequences, rest.sequences, second, settled.sequences, expected.sequences, actual.sequences);
  split(views, rest.views, second, settled.views, expected.views, actual.views);
  schema = std::move(settled);
  if (before_comparing) {
    before_comparing(expected);
    before_comparing(actual);
  }
  return compare(expected, actual);
}

}  // namespace

std::vector<Difference> settle(Schema& schema, const SharedSnapshotModel& snapshot) {
  auto pointed = [](const auto* part) -> const auto& { return *part; };
  return settle_with(schema, snapshot.rest->schema, snapshot.tables, pointed, snapshot.rest->enums, pointed, nullptr);
}

std::vector<Difference> settle(Schema& schema, const Schema& snapshot, void (*before_comparing)(Schema&)) {
  auto second = [](const auto& entry) -> const auto& { return entry.second; };
  return settle_with(schema, snapshot, snapshot.tables, second, snapshot.enums, second, before_comparing);
}

bool followed_in_full(const Schema& after, const std::vector<StatementEffect>& effects) {
  return !after.everything_unknown && after.unknown_schemas.empty() &&
         std::all_of(effects.begin(), effects.end(), [](const StatementEffect& e) { return e.understood && !e.fails; });
}

bool leaves_as_it_was(Schema before, Schema after, const std::vector<StatementEffect>& effects,
                      void (*before_comparing)(Schema&)) {
  const bool known = std::all_of(effects.begin(), effects.end(), [](const StatementEffect& e) {
    return e.understood && (!e.fails || (!e.already_exist.empty() && e.missing.empty()));
  });
  if (!known || !after.unknown_schemas.empty()) return false;
  // The replay stops at a failure, as migrate does, which alone left the rest unknown.
  after.everything_unknown = false;
  if (before_comparing) {
    before_comparing(before);
    before_comparing(after);
  }
  return compare(before, after).empty();
}

}  // namespace miglint::schema
