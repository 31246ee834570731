#include "db/pg_client.h"

#include "db/libpq.h"

namespace miglint::pg {

namespace {

// Results and fields exist only once a Connection loaded the library.
const libpq::Api& api() { return *libpq::load(nullptr); }

// Notices ("schema already exists, skipping") are not miglint's output.
void ignore_notice(void*, const char*) {}

}  // namespace

bool Field::is_null() const { return api().getisnull(result_, row_, column_) != 0; }

const char* Field::c_str() const { return api().getvalue(result_, row_, column_); }

Result::~Result() {
  if (result_) api().clear(result_);
}

int Result::size() const { return result_ ? api().ntuples(result_) : 0; }

Connection::Connection(const std::string& conninfo) {
  std::string why;
  const libpq::Api* pq = libpq::load(&why);
  if (!pq) throw Error(Error::Kind::Library, why);
  conn_ = pq->connectdb(conninfo.c_str());
  if (!conn_) throw Error(Error::Kind::Connection, "out of memory");
  if (pq->status(conn_) != CONNECTION_OK) {
    std::string message = pq->error_message(conn_);
    pq->finish(conn_);
    conn_ = nullptr;
    throw Error(Error::Kind::Connection, message);
  }
  pq->set_notice_processor(conn_, ignore_notice, nullptr);
}

Connection::~Connection() {
  if (conn_) api().finish(conn_);
}

Result Connection::checked(pg_result* raw) {
  Result result(raw);
  const libpq::Api& pq = api();
  ExecStatusType status = raw ? pq.result_status(raw) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) return result;
  if (!raw || pq.status(conn_) != CONNECTION_OK) throw Error(Error::Kind::Connection, pq.error_message(conn_));
  const char* state = pq.result_error_field(raw, PG_DIAG_SQLSTATE);
  throw Error(Error::Kind::Sql, pq.result_error_message(raw), state ? state : "");
}

Result Connection::exec(const std::string& sql) { return checked(api().exec(conn_, sql.c_str())); }

Result Connection::exec(const std::string& sql, const std::vector<std::string>& parameters) {
  std::vector<const char*> values;
  for (const std::string& p : parameters) values.push_back(p.c_str());
  // Text parameters whose types the server infers.
  return checked(api().exec_params(conn_, sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(),
                                   nullptr, nullptr, 0));
}

int Connection::server_version() const { return api().server_version(conn_); }

bool Connection::in_transaction() const {
  PGTransactionStatusType status = api().transaction_status(conn_);
  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR;
}

std::string Connection::quote_name(const std::string& name) const {
  const libpq::Api& pq = api();
  char* quoted = pq.escape_identifier(conn_, name.c_str(), name.size());
  if (!quoted) throw Error(Error::Kind::Sql, pq.error_message(conn_));
  std::string out = quoted;
  pq.freemem(quoted);
  return out;
}

void Connection::trace(std::FILE* to) {
  if (to) api().trace(conn_, to);
  else api().untrace(conn_);
}

ReadOnlyTransaction::ReadOnlyTransaction(Connection& connection) : connection_(connection) {
  connection_.exec("BEGIN READ ONLY");
}

ReadOnlyTransaction::~ReadOnlyTransaction() {
  if (!open_) return;
  try {
    connection_.exec("ROLLBACK");
  } catch (const Error&) {
    // The connection is gone or unusable: the server ends the transaction itself.
  }
}

void ReadOnlyTransaction::commit() {
  open_ = false;
  connection_.exec("COMMIT");
}

}  // namespace miglint::pg
