#include "sql/analysis.h"

#include <fmt/core.h>
#include <pg_query.h>
#include <simdjson.h>

#include <algorithm>
#include <cctype>
#include <string>

#include "core/excerpt.h"
#include "core/utf8.h"
#include "sql/names.h"
#include "sql/nesting.h"
#include "sql/pg_json.h"

namespace miglint {

namespace {

// The quoted spans of a text one after another, never all held at once: a 50 MB INSERT has
// millions of string literals.
class SpanCursor {
 public:
  SpanCursor(std::string_view text, SqlFlavor flavor) : text_(text), flavor_(flavor) { advance(0); }
  // The first span that ends after offset (offsets asked for never decrease), or null.
  const QuotedSpan* first_ending_after(std::size_t offset) {
    while (found_ && span_.end <= offset) advance(span_.end);
    return found_ ? &span_ : nullptr;
  }

 private:
  void advance(std::size_t from) {
    found_ = false;
    for (std::size_t i = from; i < text_.size() && !found_; ++i) {
      if (auto span = quoted_span_at(text_, i, flavor_)) {
        span_ = *span;
        found_ = true;
      }
    }
  }
  std::string_view text_;
  SqlFlavor flavor_;
  QuotedSpan span_;
  bool found_ = false;
};

// Statement trees larger than this are not turned into documents (SqlStatement::parsed).
constexpr std::size_t kMaxDocumentBytes = 32u * 1024u * 1024u;

// libpg_query reports errors at a 1-based character position; the file needs bytes.
std::size_t byte_offset_of_character(std::string_view text, int character) {
  int seen = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!is_utf8_continuation(text[i]) && ++seen == character) return i;
  }
  return text.size();
}

bool starts_with_word(std::string_view text, std::size_t at, std::string_view word) {
  if (text.size() - at < word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(text[at + i])) != word[i]) return false;
  }
  return true;
}

// The statements of a DO body that is a plain block, as [begin, end) in the body: "BEGIN
// <statements> [EXCEPTION <handlers>] END", as older drizzle-kit versions wrapped each foreign key
// ("... EXCEPTION WHEN duplicate_object THEN null; END") and people write by hand. Whether they are
// plain SQL (no DECLARE, IF, LOOP...) shows when they are parsed.
std::optional<std::pair<std::size_t, std::size_t>> do_block_statements(std::string_view body) {
  std::size_t begin = body.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos || !starts_with_word(body, begin, "BEGIN")) return std::nullopt;
  begin += 5;
  std::size_t end = body.find_last_not_of(" \t\r\n;");
  if (end == std::string_view::npos || end < begin + 3 || !starts_with_word(body, end - 2, "END")) return std::nullopt;
  end -= 2;
  if (const std::size_t handler = body.rfind("EXCEPTION", end); handler != std::string_view::npos && handler > begin) {
    end = handler;
  }
  return std::pair{begin, end};
}

// The SQL statements PL/pgSQL runs as written in a DO body (inside IF, loops, inner blocks), as
// [begin, end) ranges of the body: found by libpg_query's PL/pgSQL parser, which keeps each
// statement's text as written, then located in the body in order. EXECUTE's strings are left out.
// A body with very many blocks is not read: the parser's output writer recurses on nesting.
void collect_plpgsql_queries(simdjson::dom::element node, std::vector<std::string_view>& queries) {
  simdjson::dom::object object;
  simdjson::dom::array array;
  if (!node.get_array().get(array)) {
    for (simdjson::dom::element item : array) collect_plpgsql_queries(item, queries);
  } else if (!node.get_object().get(object)) {
    std::string_view query;
    if (!node["PLpgSQL_stmt_execsql"]["sqlstmt"]["PLpgSQL_expr"]["query"].get_string().get(query)) {
      queries.push_back(query);
      return;
    }
    for (auto field : object) collect_plpgsql_queries(field.value, queries);
  }
}

std::vector<std::pair<std::size_t, std::size_t>> plpgsql_statements(std::string_view body,
                                                                    simdjson::dom::parser& json) {
  constexpr std::string_view kQuote = "$miglint_do_body$";
  std::vector<std::pair<std::size_t, std::size_t>> out;
  constexpr std::size_t kMaxPlpgsqlBlocks = 256;
  auto word_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  std::size_t blocks = 0;
  for (std::size_t i = 0; i < body.size() && blocks <= kMaxPlpgsqlBlocks;) {
    std::size_t end = i;
    while (end < body.size() && word_char(body[end])) ++end;
    const std::size_t length = end - i;
    blocks += (length == 4 && (starts_with_word(body, i, "THEN") || starts_with_word(body, i, "LOOP"))) ||
              (length == 5 && starts_with_word(body, i, "BEGIN"));
    i = end > i ? end : i + 1;
  }
  if (blocks > kMaxPlpgsqlBlocks || body.find(kQuote) != std::string_view::npos) return out;
  const std::string function = fmt::format("CREATE FUNCTION miglint_do_body() RETURNS void LANGUAGE plpgsql AS {}{}{}",
                                           kQuote, body, kQuote);
  PgQueryPlpgsqlParseResult result = pg_query_parse_plpgsql(function.c_str());
  simdjson::dom::element tree;
  std::vector<std::string_view> queries;
  if (!result.error && result.plpgsql_funcs && !json.parse(simdjson::padded_string(std::string_view(result.plpgsql_funcs))).get(tree)) {
    collect_plpgsql_queries(tree, queries);
  }
  std::size_t from = 0;
  for (std::string_view query : queries) {
    const std::size_t at = body.find(query, from);
    if (at == std::string_view::npos) continue;
    out.emplace_back(at, at + query.size());
    from = at + query.size();
  }
  pg_query_free_plpgsql_parse_result(result);
  return out;
}

// Where a DoStmt's body lies in the file, when it is written $tag$ ... $tag$ (a quoted body would
// not map byte for byte).
std::optional<std::pair<std::size_t, std::size_t>> do_body(std::string_view file, std::size_t chunk_begin,
                                                           std::size_t statement_end, simdjson::dom::element node) {
  simdjson::dom::array args;
  if (node["args"].get_array().get(args)) return std::nullopt;
  for (simdjson::dom::element arg : args) {
    std::string_view name, body;
    int64_t at = 0;
    if (arg["DefElem"]["defname"].get_string().get(name) || name != "as" ||
        arg["DefElem"]["arg"]["String"]["sval"].get_string().get(body) ||
        arg["DefElem"]["location"].get_int64().get(at)) {
      continue;
    }
    const std::size_t quote = chunk_begin + static_cast<std::size_t>(at);
    if (quote >= file.size() || file[quote] != '$') return std::nullopt;
    const std::size_t tag_end = file.find('$', quote + 1);
    if (tag_end == std::string_view::npos || tag_end + 1 + body.size() > statement_end ||
        file.substr(tag_end + 1, body.size()) != body) {
      return std::nullopt;
    }
    return std::pair{tag_end + 1, tag_end + 1 + body.size()};
  }
  return std::nullopt;
}

// libpg_query's JSON for a tree of kMaxSqlNesting levels nests two or three times as deep.
constexpr std::size_t kMaxTreeDepth = 4 * kMaxSqlNesting;

simdjson::dom::parser tree_parser() {
  simdjson::dom::parser parser;
  if (parser.allocate(simdjson::SIMDJSON_PADDING, kMaxTreeDepth) != simdjson::SUCCESS) {
    return simdjson::dom::parser();  // out of memory: parse() will say so
  }
  return parser;
}

// DO blocks inside DO blocks are read this deep, no deeper: each level parses its body again.
constexpr int kMaxDoNesting = 4;

SqlSyntaxError too_deep(std::size_t offset) {
  return SqlSyntaxError{offset,
                        "miglint did not parse this statement: it nests more than " + std::to_string(kMaxSqlNesting) +
                            " levels deep (brackets and chained operators such as 1+1+...+1), more than miglint "
                            "parses safely, so neither its syntax nor the safety rules were checked; PostgreSQL may "
                            "refuse it too (\"stack depth limit exceeded\")",
                        true};
}

// Parses file[begin, end) and appends its statements; returns the error, if any. do_nesting:
// how many DO bodies file[begin, end) lies in.
std::optional<SqlSyntaxError> parse_statements(std::string_view file, std::size_t begin, std::size_t end,
                                               std::vector<SqlStatement>& out, simdjson::dom::parser& json,
                                               int do_nesting) {
  // libpg_query writes its tree out by recursion and would overflow the stack.
  if (auto deep = sql_nesting_exceeds(file.substr(begin, end - begin), kMaxSqlNesting)) {
    return too_deep(skip_blank(file, begin, begin + *deep, SqlFlavor::Postgres));
  }
  // PostgreSQL's scanner would take time growing with the square of the run's length.
  if (auto run = sql_operator_run_exceeds(file.substr(begin, end - begin), kMaxOperatorRun)) {
    return SqlSyntaxError{begin + *run,
                          fmt::format("miglint did not parse this statement: it holds a run of operator characters "
                                      "(or of \"/*\" in a comment) over {} long, which PostgreSQL's scanner reads in "
                                      "time growing with the square of its length, so neither its syntax nor the "
                                      "safety rules were checked",
                                      kMaxOperatorRun),
                          true};
  }
  std::string text(file.substr(begin, end - begin));
  PgQueryParseResult result = pg_query_parse(text.c_str());
  if (result.error) {
    int position = result.error->cursorpos > 0 ? result.error->cursorpos : 1;
    // It may quote the statement, megabytes of it; findings are one line.
    std::string message = cut_quoted(result.error->message);
    for (char& c : message) {
      if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    }
    pg_query_free_parse_result(result);
    return SqlSyntaxError{begin + byte_offset_of_character(text, position), message};
  }
  text = {};
  const auto slices = statement_slices(result.parse_tree);
  // A tree deeper than the estimate foresaw is refused as well: rules would walk it by recursion.
  const bool too_deep_tree = slices && std::any_of(slices->begin(), slices->end(), [](const StatementSlice& slice) {
    return slice.depth > kMaxTreeDepth;
  });
  if (!slices || too_deep_tree) {
    pg_query_free_parse_result(result);
    const std::size_t at = skip_blank(file, begin, end, SqlFlavor::Postgres);
    if (too_deep_tree) return too_deep(at);
    return SqlSyntaxError{at, "miglint could not read PostgreSQL's parse of this statement, so the safety rules did not check it", true};
  }
  struct DoBody {
    std::size_t statement;  // index in out
    std::size_t begin;      // the body, in bytes of the file
    std::size_t end;
  };
  std::vector<DoBody> do_bodies;
  for (const StatementSlice& slice : *slices) {
    SqlStatement s;
    // Absent when zero: the first statement starts the chunk, the last runs to its end.
    s.end = slice.length > 0 ? begin + static_cast<std::size_t>(slice.location + slice.length) : end;
    // The parser's statement starts right after the previous ';': point at its first word instead.
    s.begin = skip_blank(file, begin + static_cast<std::size_t>(slice.location), s.end, SqlFlavor::Postgres);
    s.kind = std::string(slice.kind);
    s.tree = std::string(slice.tree);
    s.tree_base = begin;
    // Only small parts are read as documents: the whole tree can be hundreds of megabytes.
    simdjson::dom::element relation;
    if (const std::string_view text_of = member_value(s.tree, "relation"); !text_of.empty() &&
        !json.parse(simdjson::padded_string(text_of)).get(relation)) {
      std::string_view name, schema;
      if (!relation["relname"].get_string().get(name)) {
        if (relation["schemaname"].get_string().get(schema)) schema = {};
        s.relation = table_key(schema, name);
      }
    }
    simdjson::dom::element node;
    if (s.kind == "DoStmt" && !json.parse(simdjson::padded_string(s.tree)).get(node)) {
      if (auto body = do_body(file, begin, s.end, node)) do_bodies.push_back({out.size(), body->first, body->second});
    }
    out.push_back(std::move(s));
  }
  pg_query_free_parse_result(result);
  if (do_nesting >= kMaxDoNesting) do_bodies.clear();
  for (const DoBody& d : do_bodies) {
    const std::string_view body = file.substr(d.begin, d.end - d.begin);
    const auto inner = do_block_statements(body);
    std::vector<SqlStatement> nested;
    if (inner && !parse_statements(file, d.begin + inner->first, d.begin + inner->second, nested, json, do_nesting + 1)) {
      out[d.statement].nested = std::move(nested);
      continue;
    }
    for (const auto& [from, to] : plpgsql_statements(body, json)) {
      std::vector<SqlStatement> part;
      if (parse_statements(file, d.begin + from, d.begin + to, part, json, do_nesting + 1)) continue;
      for (SqlStatement& p : part) out[d.statement].conditional.push_back(std::move(p));
    }
  }
  return std::nullopt;
}

void parse_postgres(std::string_view file, SqlChunk& chunk, simdjson::dom::parser& json) {
  chunk.syntax_error = parse_statements(file, chunk.begin, chunk.end, chunk.statements, json, 0);
}

}  // namespace

namespace {

// A statement's tree as a document; an empty object for one too large (as a document it would take
// gigabytes: rules see no details) or unreadable.
nlohmann::json tree_document(const std::string& tree) {
  if (tree.size() > kMaxDocumentBytes) return nlohmann::json::object();
  thread_local simdjson::dom::parser parser = tree_parser();
  simdjson::dom::element root;
  return parser.parse(tree).get(root) ? nlohmann::json::object() : to_nlohmann(root);
}

}  // namespace

nlohmann::json SqlStatement::parsed_once() const { return parsed_ ? *parsed_ : tree_document(tree); }

const nlohmann::json& SqlStatement::parsed() const {
  if (!parsed_) parsed_ = tree_document(tree);
  return *parsed_;
}

std::optional<TransactionControl> transaction_control(const SqlStatement& s) {
  if (s.kind == "TransactionStmt") {
    struct Kind {
      const char* node;  // libpg_query's TransactionStmtKind
      TransactionControl control;
    };
    static const Kind kinds[] = {{"TRANS_STMT_BEGIN", {"BEGIN", +1}},
                                 {"TRANS_STMT_START", {"START TRANSACTION", +1}},
                                 {"TRANS_STMT_COMMIT", {"COMMIT", -1}},
                                 {"TRANS_STMT_ROLLBACK", {"ROLLBACK", -1}},
                                 {"TRANS_STMT_PREPARE", {"PREPARE TRANSACTION", 0}},
                                 {"TRANS_STMT_COMMIT_PREPARED", {"COMMIT PREPARED", 0}},
                                 {"TRANS_STMT_ROLLBACK_PREPARED", {"ROLLBACK PREPARED", 0}}};
    for (const Kind& k : kinds) {
      if (s.tree.find(std::string("\"kind\":\"") + k.node + "\"") != std::string::npos) return k.control;
    }
    return std::nullopt;  // savepoints are fine inside the migrator's transaction
  }
  const std::string& w = s.first_word;  // other dialects, as the lexer saw them
  if (w == "BEGIN" && s.second_word != "NOT") return TransactionControl{"BEGIN", +1};  // BEGIN NOT ATOMIC: a block
  if (w == "START" && s.second_word == "TRANSACTION") return TransactionControl{"START TRANSACTION", +1};
  if (w == "COMMIT") return TransactionControl{"COMMIT", -1};
  if (w == "END") return TransactionControl{"END", -1};
  if (w == "ROLLBACK" && s.second_word != "TO") return TransactionControl{"ROLLBACK", -1};
  return std::nullopt;
}

SqlAnalysis analyze_sql(std::string_view text, SqlFlavor flavor) {
  SqlAnalysis a;
  // Exactly the runtime's query.split('--> statement-breakpoint').
  std::size_t begin = 0;
  for (;;) {
    std::size_t at = text.find(kBreakpoint, begin);
    std::size_t end = at == std::string_view::npos ? text.size() : at;
    SqlChunk chunk;
    chunk.begin = begin;
    chunk.end = end;
    a.chunks.push_back(chunk);
    if (at == std::string_view::npos) break;
    begin = at + kBreakpoint.size();
  }
  // A breakpoint the runtime splits on although it sits inside a string, identifier or comment.
  SpanCursor spans(text, flavor);
  std::size_t last_code_of = std::string_view::npos, last_code = 0;  // a line comment's last non-blank byte
  for (std::size_t i = 0; i + 1 < a.chunks.size(); ++i) {
    std::size_t at = a.chunks[i].end;
    const QuotedSpan* span = spans.first_ending_after(at);
    // A breakpoint opens a line comment of its own; one inside another span is hidden there. At the
    // very end of a line comment it cuts nothing: the rest of that comment is empty.
    if (span && span->begin < at) {
      if (span->kind == QuotedSpan::Kind::LineComment) {
        if (last_code_of != span->begin) {  // once per comment: a line can hold a million breakpoints
          last_code_of = span->begin;
          last_code = text.find_last_not_of(" \t\r", span->end - 1);
        }
        if (last_code < at + kBreakpoint.size()) continue;
      }
      a.hidden_breakpoints.push_back({at, *span});
    }
  }
  simdjson::dom::parser json = tree_parser();
  for (SqlChunk& chunk : a.chunks) {
    std::string_view piece = text.substr(chunk.begin, chunk.end - chunk.begin);
    if (flavor == SqlFlavor::Postgres) {
      // Comments go to the parser too: an unterminated /* is an error there, not an empty statement.
      if (piece.find_first_not_of(" \t\r\n") != std::string_view::npos) parse_postgres(text, chunk, json);
      chunk.blank = !chunk.syntax_error && chunk.statements.empty();
      continue;
    }
    for (const LexedStatement& lexed : lex_statements(piece, flavor)) {
      SqlStatement s;
      s.begin = chunk.begin + lexed.begin;
      s.end = chunk.begin + lexed.end;
      s.first_word = lexed.first_word;
      s.second_word = lexed.second_word;
      chunk.statements.push_back(std::move(s));
    }
    chunk.blank = chunk.statements.empty();
  }
  a.suppressions = find_suppressions(text, a.chunks);
  return a;
}

}  // namespace miglint
