// libpq's C API, loaded with dlopen the first time a PostgreSQL database is asked for. miglint is
// not linked with libpq: a plain offline run does not load it (nor the libraries it needs), and the
// binary runs on a machine without it, saying what to install when a database check needs it.
#pragma once

#include <libpq-fe.h>

#include <string>

namespace miglint::libpq {

// The functions miglint calls, with libpq's own declared types.
struct Api {
  decltype(&PQconnectdb) connectdb;
  decltype(&PQstatus) status;
  decltype(&PQerrorMessage) error_message;
  decltype(&PQfinish) finish;
  decltype(&PQexec) exec;
  decltype(&PQexecParams) exec_params;
  decltype(&PQresultStatus) result_status;
  decltype(&PQresultErrorMessage) result_error_message;
  decltype(&PQresultErrorField) result_error_field;
  decltype(&PQntuples) ntuples;
  decltype(&PQnfields) nfields;
  decltype(&PQgetvalue) getvalue;
  decltype(&PQgetisnull) getisnull;
  decltype(&PQclear) clear;
  decltype(&PQserverVersion) server_version;
  decltype(&PQtransactionStatus) transaction_status;
  decltype(&PQescapeIdentifier) escape_identifier;
  decltype(&PQfreemem) freemem;
  decltype(&PQsetNoticeProcessor) set_notice_processor;
  decltype(&PQconninfoParse) conninfo_parse;
  decltype(&PQconninfoFree) conninfo_free;
  decltype(&PQtrace) trace;
  decltype(&PQuntrace) untrace;
};

// The loaded library, or nullptr with why (what is missing and how to install it) in *why.
// Loads once per process; MIGLINT_LIBPQ names the file to load instead of the usual names.
const Api* load(std::string* why);

}  // namespace miglint::libpq
