// What the next migrate meets on a live database: for each pending migration, in the order the
// migrator runs them (one transaction), whether its objects already exist there. Shared by the
// db-pending-already-applied rule and `miglint status`.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "load/model.h"
#include "schema/model.h"

namespace miglint::schema {

enum class PendingState {
  NotInSchema,     // nothing of it is there: migrate applies it
  InSchema,        // all it changes is there already (push or a hand run)
  PartlyInSchema,  // some of what it creates is there: migrate fails on it
};

struct PendingVerdict {
  const Migration* migration = nullptr;
  PendingState state = PendingState::NotInSchema;
  std::optional<std::size_t> failing_statement;  // byte offset of the first statement migrate fails on
  std::string failing_object;                    // what that statement fails on
  bool failure_is_existing = false;              // failing_object exists already (else it is missing)
  std::vector<std::string> existing;             // every object it creates that already exists
};

// pending: in the order migrate applies them. Each is replayed on what the ones before it would
// leave. Stops at a migration whose SQL file is missing (migrate throws there).
std::vector<PendingVerdict> judge_pending(const Folder& folder, const Schema& live,
                                          const std::vector<const Migration*>& pending);

const char* pending_state_name(PendingState state);  // "pending", "in schema", "partly in schema"

}  // namespace miglint::schema
