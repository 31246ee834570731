// A migration's SQL as drizzle's migrator runs it: the file split on the literal
// "--> statement-breakpoint" (no trimming), each chunk parsed with PostgreSQL's own parser
// (libpg_query, PostgreSQL 15) where the dialect is PostgreSQL.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sql/lexer.h"
#include "sql/suppressions.h"

namespace miglint {

inline constexpr std::string_view kBreakpoint = "--> statement-breakpoint";

struct SqlStatement {
  std::size_t begin = 0;  // byte offsets in the file, from its first word
  std::size_t end = 0;
  std::string kind;       // PostgreSQL: the parse node, e.g. "IndexStmt", "TransactionStmt"
  std::string tree;       // PostgreSQL: the node as libpg_query's JSON
  std::size_t tree_base = 0;  // PostgreSQL: the byte offset in the file its "location" fields count from
  std::string relation;   // PostgreSQL: the table it names first, as table_key (sql/names.h) keys it
  std::string first_word;   // other dialects: upper-cased, as a lexer sees them
  std::string second_word;
  // PostgreSQL: the statements inside the DO block older drizzle-kit versions wrap around each
  // foreign key (BEGIN ... EXCEPTION WHEN duplicate_object THEN null; END), with file offsets.
  std::vector<SqlStatement> nested;
  // PostgreSQL: the SQL statements of a DO body written in PL/pgSQL (IF ... THEN ... END IF, loops),
  // which run only on a condition: kept apart from nested, which always runs as written. Rules that
  // judge what a statement would do when it runs (a foreign key's validation) read them.
  std::vector<SqlStatement> conditional;
  // The tree, parsed on first use and kept: several rules read the same statements. An empty
  // object for a tree of more than 32 MB (an INSERT of megabytes), whose document would take
  // gigabytes: rules then see only its kind, relation and text.
  const nlohmann::json& parsed() const;
  // The kept tree, or else the tree read again and not kept: for a reader that goes through every
  // statement once (the replay), where keeping a whole folder's documents would cost tens of MB.
  nlohmann::json parsed_once() const;

 private:
  mutable std::optional<nlohmann::json> parsed_;
};

struct SqlSyntaxError {
  std::size_t offset = 0;  // in the file
  std::string message;
  // Not from PostgreSQL's parser: miglint refused to parse the statement, message says why.
  bool unparsed = false;
};

struct SqlChunk {
  std::size_t begin = 0;  // byte offsets in the file
  std::size_t end = 0;
  bool blank = false;     // no statement: white space and comments only
  std::optional<SqlSyntaxError> syntax_error;   // PostgreSQL only
  std::vector<SqlStatement> statements;         // parsed (PostgreSQL) or lexed (other dialects)
};

struct SqlAnalysis {
  std::vector<SqlChunk> chunks;
  struct HiddenBreakpoint {
    std::size_t offset = 0;  // the marker, in bytes of the file
    QuotedSpan inside;       // the string, identifier, body or comment that holds it
  };
  std::vector<HiddenBreakpoint> hidden_breakpoints;
  std::vector<Suppression> suppressions;
};

SqlAnalysis analyze_sql(std::string_view text, SqlFlavor flavor);

// A statement that begins, ends or aborts a transaction (savepoints are not): its name, and how it
// changes whether the next statement runs inside one (+1 opens, -1 ends, 0 leaves it as it is).
struct TransactionControl {
  const char* name;  // "BEGIN", "START TRANSACTION", "COMMIT", "END", "ROLLBACK", "PREPARE TRANSACTION"...
  int change;
};
std::optional<TransactionControl> transaction_control(const SqlStatement& s);

}  // namespace miglint
