// --database-url: postgres:// URLs, libpq key=value strings, sqlite:/file: paths. Oracle: a password
// never shows in the description users see, nor in an error message.
//
// The first byte picks the shape; the rest is "PASSWORD\nREST":
//   'u' postgres://u:<MARK PASSWORD MARK>@REST     (PASSWORD without '/', '?', '#': they end the authority)
//   'q' the same with postgresql://
//   'k' password='<MARK PASSWORD MARK>' REST        (key=value, PASSWORD quoted as libpq wants)
//   anything else: the bytes after it as the URL, with no oracle (never crash, always a message).
#include <algorithm>

#include "db/database_url.h"
#include "support.h"

using namespace miglint;

namespace {

constexpr std::string_view kMark = "Pw7Mark";

// REST as libpq might unquote or decode it: if the mark could come from there, the oracle is off.
bool could_spell_mark(std::string_view rest) {
  std::string plain;
  for (std::size_t i = 0; i < rest.size(); ++i) {
    if (rest[i] == '%' && i + 2 < rest.size() && std::isxdigit(static_cast<unsigned char>(rest[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(rest[i + 2]))) {
      plain += static_cast<char>(std::stoi(std::string(rest.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else if (rest[i] != '\\' && rest[i] != '\'' && rest[i] != '"') {
      plain += rest[i];
    }
  }
  return plain.find(kMark) != std::string::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const char shape = static_cast<char>(data[0]);
  // URLs come from the command line or the environment, which cannot hold a NUL byte.
  std::string bytes(fuzz::as_text(data + 1, size - 1));
  std::erase(bytes, '\0');
  const std::string_view input = bytes;
  const std::size_t newline = std::min(input.find('\n'), input.size());
  std::string password(input.substr(0, newline));
  const std::string_view rest = newline < input.size() ? input.substr(newline + 1) : std::string_view{};
  std::string url;
  bool oracle = true;
  if (shape == 'u' || shape == 'q') {
    std::erase_if(password, [](char c) { return c == '/' || c == '?' || c == '#'; });
    url = std::string(shape == 'u' ? "postgres://" : "postgresql://") + "u:" + std::string(kMark) + password +
          std::string(kMark) + "@" + std::string(rest);
  } else if (shape == 'k') {
    std::string quoted;
    for (char c : password) {
      if (c == '\\' || c == '\'') quoted += '\\';
      quoted += c;
    }
    url = "password='" + std::string(kMark) + quoted + std::string(kMark) + "' " + std::string(rest);
  } else {
    url = std::string(input);
    oracle = false;
  }
  if (oracle && could_spell_mark(rest)) oracle = false;
  auto result = parse_database_url(url, ConnectOptions{});
  std::string shown;
  if (auto* error = std::get_if<TargetError>(&result)) {
    if (error->message.empty()) fuzz::fail("an error without a message");
    shown = error->message;
  } else if (auto* pg = std::get_if<PostgresTarget>(&std::get<DatabaseTarget>(result))) {
    shown = pg->description;
    if (!pg->password.empty() && scrub(pg->description, pg->password).find(pg->password) != std::string::npos &&
        pg->password.find('*') == std::string::npos) {
      fuzz::fail("scrub left the password in");
    }
  } else {
    shown = std::get<SqliteTarget>(std::get<DatabaseTarget>(result)).description;
  }
  if (oracle && shown.find(kMark) != std::string::npos) fuzz::fail("the password shows in what users see: " + shown);
  return 0;
}
