#include "sql/analysis.h"

#include <pg_query.h>
#include <simdjson.h>

#include <set>
#include <string>

namespace miglint {

namespace {

// libpg_query reports errors at a 1-based character position; the file needs bytes.
std::size_t byte_offset_of_character(std::string_view text, int character) {
  int seen = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && ++seen == character) return i;
  }
  return text.size();
}

void parse_postgres(std::string_view file, SqlChunk& chunk, simdjson::dom::parser& json) {
  std::string text(file.substr(chunk.begin, chunk.end - chunk.begin));
  PgQueryParseResult result = pg_query_parse(text.c_str());
  if (result.error) {
    int position = result.error->cursorpos > 0 ? result.error->cursorpos : 1;
    std::string message = result.error->message;
    for (char& c : message) {
      if (c == '\n' || c == '\r' || c == '\t') c = ' ';  // it quotes the statement; findings are one line
    }
    chunk.syntax_error = SqlSyntaxError{chunk.begin + byte_offset_of_character(text, position), message};
    pg_query_free_parse_result(result);
    return;
  }
  simdjson::dom::element root;
  std::string tree = result.parse_tree;
  pg_query_free_parse_result(result);
  if (json.parse(tree).get(root)) return;
  simdjson::dom::array stmts;
  if (root["stmts"].get_array().get(stmts)) return;  // no statements: blank
  for (simdjson::dom::element raw : stmts) {
    // Absent when zero: the first statement starts the chunk, the last runs to its end.
    int64_t location = 0, length = 0;
    if (auto r = raw["stmt_location"].get_int64(); !r.error()) location = r.value_unsafe();
    if (auto r = raw["stmt_len"].get_int64(); !r.error()) length = r.value_unsafe();
    SqlStatement s;
    s.end = length > 0 ? chunk.begin + static_cast<std::size_t>(location + length) : chunk.end;
    // The parser's statement starts right after the previous ';': point at its first word instead.
    s.begin = skip_blank(file, chunk.begin + static_cast<std::size_t>(location), s.end, SqlFlavor::Postgres);
    simdjson::dom::object node;
    if (!raw["stmt"].get_object().get(node)) {
      for (auto field : node) {
        s.kind = std::string(field.key);
        s.tree = simdjson::minify(field.value);
        std::string_view name, schema;
        if (!field.value["relation"]["relname"].get_string().get(name)) {
          if (field.value["relation"]["schemaname"].get_string().get(schema) || schema == "public") schema = {};
          s.relation = schema.empty() ? std::string(name) : std::string(schema) + "." + std::string(name);
        }
        break;
      }
    }
    chunk.statements.push_back(std::move(s));
  }
}

}  // namespace

const nlohmann::json& SqlStatement::parsed() const {
  if (!parsed_) {
    parsed_ = nlohmann::json::parse(tree, nullptr, false);
    if (parsed_->is_discarded()) parsed_ = nlohmann::json::object();
  }
  return *parsed_;
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
  std::vector<QuotedSpan> spans = quoted_spans(text, flavor);
  for (std::size_t i = 0, k = 0; i + 1 < a.chunks.size(); ++i) {
    std::size_t at = a.chunks[i].end;
    while (k < spans.size() && spans[k].end <= at) ++k;
    // A breakpoint opens a line comment of its own; one inside another span is hidden there. At the
    // very end of a line comment it cuts nothing: the rest of that comment is empty.
    if (k < spans.size() && spans[k].begin < at) {
      if (spans[k].kind == QuotedSpan::Kind::LineComment &&
          text.substr(at + kBreakpoint.size(), spans[k].end - at - kBreakpoint.size()).find_first_not_of(" \t\r") ==
              std::string_view::npos) {
        continue;
      }
      a.hidden_breakpoints.push_back({at, spans[k]});
    }
  }
  simdjson::dom::parser json;
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
  // Which statements touch a table this file created before them (their hazards do not apply).
  std::set<std::string> created;
  for (SqlChunk& chunk : a.chunks) {
    for (SqlStatement& s : chunk.statements) {
      if (s.relation.empty()) continue;
      s.relation_created_earlier = created.count(s.relation) > 0;
      if (s.kind == "CreateStmt") created.insert(s.relation);
    }
  }
  a.suppressions = find_suppressions(text, a.chunks);
  return a;
}

}  // namespace miglint
