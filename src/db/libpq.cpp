#include "db/libpq.h"

#include <fmt/core.h>

#include <cstdlib>
#include <vector>

#ifdef _WIN32
#include <windows.h>
#else
#include <dlfcn.h>
#endif

namespace miglint::libpq {

namespace {

// The names a packaged libpq 10 or later is found by (the major version of its ABI is 5).
std::vector<std::string> candidates() {
  if (const char* chosen = std::getenv("MIGLINT_LIBPQ"); chosen && *chosen) return {chosen};
#if defined(_WIN32)
  return {"libpq.dll"};
#elif defined(__APPLE__)
  // Homebrew's libpq is keg-only: it is not on the default search path.
  return {"libpq.5.dylib", "/opt/homebrew/opt/libpq/lib/libpq.5.dylib", "/usr/local/opt/libpq/lib/libpq.5.dylib"};
#else
  return {"libpq.so.5"};
#endif
}

#ifdef _WIN32
using Handle = HMODULE;
Handle open_library(const std::string& name) { return LoadLibraryA(name.c_str()); }
void* symbol(Handle h, const char* name) { return reinterpret_cast<void*>(GetProcAddress(h, name)); }
std::string last_error() { return fmt::format("error {}", GetLastError()); }
#else
using Handle = void*;
Handle open_library(const std::string& name) { return dlopen(name.c_str(), RTLD_NOW | RTLD_LOCAL); }
void* symbol(Handle h, const char* name) { return dlsym(h, name); }
std::string last_error() {
  const char* e = dlerror();
  return e ? e : "unknown error";
}
#endif

template <typename F>
bool bind(Handle h, F& target, const char* name, std::string& missing) {
  void* found = symbol(h, name);
  if (!found) missing += missing.empty() ? name : fmt::format(", {}", name);
  target = reinterpret_cast<F>(found);
  return found != nullptr;
}

std::string install_advice() {
  return "Install it: libpq5 on Debian and Ubuntu (apt-get install libpq5), libpq on Fedora and RHEL (dnf install "
         "libpq), brew install libpq on macOS; or set MIGLINT_LIBPQ to the library's path. Nothing else miglint "
         "does needs it";
}

struct Loaded {
  Api api{};
  bool ok = false;
  std::string why;
};

Loaded load_once() {
  Loaded out;
  std::string tried;
  Handle h{};
  for (const std::string& name : candidates()) {
    h = open_library(name);
    if (h) break;
    tried += fmt::format("{}{}", tried.empty() ? "" : "; ", last_error());
  }
  if (!h) {
    out.why = fmt::format("checking a PostgreSQL database needs libpq, PostgreSQL's client library, which could "
                          "not be loaded ({}). {}",
                          tried, install_advice());
    return out;
  }
  std::string missing;
  Api& a = out.api;
  bind(h, a.connectdb, "PQconnectdb", missing);
  bind(h, a.status, "PQstatus", missing);
  bind(h, a.error_message, "PQerrorMessage", missing);
  bind(h, a.finish, "PQfinish", missing);
  bind(h, a.exec, "PQexec", missing);
  bind(h, a.exec_params, "PQexecParams", missing);
  bind(h, a.result_status, "PQresultStatus", missing);
  bind(h, a.result_error_message, "PQresultErrorMessage", missing);
  bind(h, a.result_error_field, "PQresultErrorField", missing);
  bind(h, a.ntuples, "PQntuples", missing);
  bind(h, a.nfields, "PQnfields", missing);
  bind(h, a.getvalue, "PQgetvalue", missing);
  bind(h, a.getisnull, "PQgetisnull", missing);
  bind(h, a.clear, "PQclear", missing);
  bind(h, a.server_version, "PQserverVersion", missing);
  bind(h, a.transaction_status, "PQtransactionStatus", missing);
  bind(h, a.escape_identifier, "PQescapeIdentifier", missing);
  bind(h, a.freemem, "PQfreemem", missing);
  bind(h, a.set_notice_processor, "PQsetNoticeProcessor", missing);
  bind(h, a.conninfo_parse, "PQconninfoParse", missing);
  bind(h, a.conninfo_free, "PQconninfoFree", missing);
  bind(h, a.trace, "PQtrace", missing);
  bind(h, a.untrace, "PQuntrace", missing);
  if (!missing.empty()) {
    out.why = fmt::format("the libpq that was loaded lacks {} (it is older than PostgreSQL 10's). {}", missing,
                          install_advice());
    return out;
  }
  out.ok = true;  // the library stays loaded for the rest of the run
  return out;
}

}  // namespace

const Api* load(std::string* why) {
  static const Loaded loaded = load_once();
  if (!loaded.ok && why) *why = loaded.why;
  return loaded.ok ? &loaded.api : nullptr;
}

}  // namespace miglint::libpq
