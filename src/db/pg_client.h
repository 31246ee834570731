// A small PostgreSQL client over libpq's C API (db/libpq.h): a connection, statements with their
// parameters passed as parameters (never spliced into the text), results read as text, and a
// read-only transaction that rolls back unless committed.
#pragma once

#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

struct pg_conn;
struct pg_result;

namespace miglint::pg {

class Error : public std::runtime_error {
 public:
  enum class Kind {
    Library,     // libpq could not be loaded: the message says what to install
    Connection,  // could not connect, or the connection was lost
    Sql,         // the server refused a statement
  };
  Error(Kind kind, const std::string& message, std::string sqlstate = "")
      : std::runtime_error(message), kind_(kind), sqlstate_(std::move(sqlstate)) {}
  Kind kind() const { return kind_; }
  const std::string& sqlstate() const { return sqlstate_; }  // "42501"; empty when the server sent none

 private:
  Kind kind_;
  std::string sqlstate_;
};

class Field {
 public:
  Field(const pg_result* result, int row, int column) : result_(result), row_(row), column_(column) {}
  bool is_null() const;
  const char* c_str() const;  // "" when NULL

 private:
  const pg_result* result_;
  int row_;
  int column_;
};

class Row {
 public:
  Row(const pg_result* result, int row) : result_(result), row_(row) {}
  Field operator[](int column) const { return Field(result_, row_, column); }

 private:
  const pg_result* result_;
  int row_;
};

class Result {
 public:
  explicit Result(pg_result* owned) : result_(owned) {}
  Result(Result&& other) noexcept : result_(other.result_) { other.result_ = nullptr; }
  Result(const Result&) = delete;
  Result& operator=(const Result&) = delete;
  Result& operator=(Result&&) = delete;
  ~Result();

  int size() const;  // rows
  Row operator[](int row) const { return Row(result_, row); }

  class Iterator {
   public:
    Iterator(const pg_result* result, int row) : result_(result), row_(row) {}
    Row operator*() const { return Row(result_, row_); }
    Iterator& operator++() {
      ++row_;
      return *this;
    }
    bool operator!=(const Iterator& other) const { return row_ != other.row_; }

   private:
    const pg_result* result_;
    int row_;
  };
  Iterator begin() const { return Iterator(result_, 0); }
  Iterator end() const { return Iterator(result_, size()); }

 private:
  pg_result* result_;
};

class Connection {
 public:
  // Loads libpq if needed and connects; throws Error (Library or Connection).
  explicit Connection(const std::string& conninfo);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  // One statement, or several separated by ';' when there are no parameters.
  Result exec(const std::string& sql);
  Result exec(const std::string& sql, const std::vector<std::string>& parameters);
  int server_version() const;                 // 150004 for 15.4
  bool in_transaction() const;                // inside BEGIN ... COMMIT
  std::string quote_name(const std::string& name) const;  // "name", escaped as libpq does
  void trace(std::FILE* to);                  // libpq's protocol trace, nullptr to stop

 private:
  Result checked(pg_result* result);
  pg_conn* conn_ = nullptr;
};

// BEGIN READ ONLY on construction; ROLLBACK on destruction unless commit() ran.
class ReadOnlyTransaction {
 public:
  explicit ReadOnlyTransaction(Connection& connection);
  ReadOnlyTransaction(const ReadOnlyTransaction&) = delete;
  ReadOnlyTransaction& operator=(const ReadOnlyTransaction&) = delete;
  ~ReadOnlyTransaction();
  void commit();

 private:
  Connection& connection_;
  bool open_ = true;
};

}  // namespace miglint::pg
