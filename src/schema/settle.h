// A replay's result made its snapshot's model, and how the two differed: compare(snapshot's model,
// replay's result), run on the objects that are not equal (with everything else compare() reads),
// so that a step of a folder's history costs what its migration changed, not what the whole schema
// holds.
#pragma once

#include <vector>

#include "schema/compare.h"
#include "schema/from_snapshot.h"
#include "schema/model.h"
#include "schema/replay.h"

namespace miglint::schema {

// A 0.x snapshot's model, whose parts are shared.
std::vector<Difference> settle(Schema& schema, const SharedSnapshotModel& snapshot);
// Any model; `before_comparing`, when given, is applied to both sides of the objects compared
// (what neither side's flags may say), never to what `schema` becomes.
std::vector<Difference> settle(Schema& schema, const Schema& snapshot, void (*before_comparing)(Schema&) = nullptr);

// Whether a migration's SQL, replayed on `before` with these effects to give `after`, left the
// schema as it was: every statement understood, any that fails failing because what it makes is
// already there, and nothing changed. `before_comparing` as for settle().
// Whether a replay that gave `after` followed its SQL in full: every statement understood, none
// failing, nothing left unknown. Its result is then as known as the schema it started from.
bool followed_in_full(const Schema& after, const std::vector<StatementEffect>& effects);

bool leaves_as_it_was(Schema before, Schema after, const std::vector<StatementEffect>& effects,
                      void (*before_comparing)(Schema&) = nullptr);

}  // namespace miglint::schema
