// Migration SQL: splitting on breakpoints, the lexer, libpg_query's parse (PostgreSQL), the DO-body
// re-parse, the nesting guard and suppression comments. The first byte picks the flavor.
#include "sql/analysis.h"
#include "support.h"

using namespace miglint;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const SqlFlavor flavor = data[0] == 'm' ? SqlFlavor::MySql : data[0] == 's' ? SqlFlavor::Sqlite : SqlFlavor::Postgres;
  const std::string_view text = fuzz::as_text(data + 1, size - 1);
  SqlAnalysis analysis = analyze_sql(text, flavor);
  std::size_t previous_end = 0;
  for (const SqlChunk& chunk : analysis.chunks) {
    if (chunk.begin < previous_end || chunk.end < chunk.begin || chunk.end > text.size()) {
      fuzz::fail("chunks out of order or past the text");
    }
    previous_end = chunk.end;
    if (chunk.syntax_error && chunk.syntax_error->offset > text.size()) fuzz::fail("a syntax error past the text");
    for (const SqlStatement& statement : chunk.statements) {
      if (statement.end < statement.begin || statement.end > text.size()) fuzz::fail("a statement past the text");
      (void)transaction_control(statement);
      // The rules read the trees: parse them as the rules would.
      (void)statement.parsed();
      for (const SqlStatement& inner : statement.nested) {
        if (inner.end > text.size()) fuzz::fail("a nested statement past the text");
        (void)inner.parsed();
      }
    }
  }
  for (const Suppression& suppression : analysis.suppressions) {
    if (suppression.end > text.size() || suppression.covers_end > text.size()) fuzz::fail("a suppression past the text");
  }
  return 0;
}
