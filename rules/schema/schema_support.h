// What the schema rules share: differences between two views of the schema, as findings carry
// them (data for json) and as a short readable list in a message.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"
#include "load/model.h"
#include "schema/compare.h"

namespace miglint::schema_findings {

std::vector<ObjectDifference> as_objects(const std::vector<schema::Difference>& differences);

// The two views compared, named as a message names them: e.g. {"meta/0003_snapshot.json", "the SQL"}.
struct Views {
  std::string_view expected;
  std::string_view actual;
};

// "table public.audit_log is in the SQL but not in meta/0005_snapshot.json; column public.users.email:
// type text in ..., character varying(255) in ...", the first `limit` differences and a count of
// the rest.
std::string list(const std::vector<schema::Difference>& differences, const Views& views, std::size_t limit = 3);

}  // namespace miglint::schema_findings

namespace miglint::schema_findings {

// The first word of the statement at `offset` of the file (or of its first statement when
// offset is npos), for findings about a statement or a whole file.
Location word_at(const SqlFile& sql, std::size_t offset = std::string::npos);

// A migration's name as findings give it ("" when its journal entry has no tag).
inline const std::string& name_of(const Migration& m) {
  static const std::string none;
  return m.name ? *m.name : none;
}

}  // namespace miglint::schema_findings
