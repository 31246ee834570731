// run_git() on Windows: CreateProcessW with three pipes, the outputs drained by threads so that
// neither side waits on a full pipe (git_runner_posix.cpp polls instead).
#include "load/git_runner.h"

#define WIN32_LEAN_AND_MEAN
#include <windows.h>

#include <string>
#include <thread>

namespace miglint {

namespace {

// One argument as the C runtime's command-line parser reads it back: quoted, with the backslashes
// before a quote doubled.
void append_quoted(std::wstring& line, const std::wstring& arg) {
  if (!line.empty()) line += L' ';
  if (!arg.empty() && arg.find_first_of(L" \t\n\v\"") == std::wstring::npos) {
    line += arg;
    return;
  }
  line += L'"';
  std::size_t backslashes = 0;
  for (wchar_t c : arg) {
    if (c == L'\\') {
      ++backslashes;
      continue;
    }
    line.append(c == L'"' ? backslashes * 2 + 1 : backslashes, L'\\');
    backslashes = 0;
    line += c;
  }
  line.append(backslashes * 2, L'\\');
  line += L'"';
}

std::wstring widen(const std::string& utf8) {
  if (utf8.empty()) return {};
  const int n = MultiByteToWideChar(CP_UTF8, 0, utf8.data(), static_cast<int>(utf8.size()), nullptr, 0);
  std::wstring out(static_cast<std::size_t>(n), L'\0');
  MultiByteToWideChar(CP_UTF8, 0, utf8.data(), static_cast<int>(utf8.size()), out.data(), n);
  return out;
}

void drain(HANDLE from, std::string& into) {
  char buffer[65536];
  DWORD got = 0;
  while (ReadFile(from, buffer, sizeof buffer, &got, nullptr) && got > 0) into.append(buffer, got);
}

struct Handle {
  HANDLE h = nullptr;
  ~Handle() { close(); }
  void close() {
    if (h) CloseHandle(h);
    h = nullptr;
  }
};

// A pipe whose `child` end is inherited and whose other end is not.
bool make_pipe(Handle& read, Handle& write, bool child_reads) {
  SECURITY_ATTRIBUTES inherit{sizeof(SECURITY_ATTRIBUTES), nullptr, TRUE};
  if (!CreatePipe(&read.h, &write.h, &inherit, 0)) return false;
  return SetHandleInformation(child_reads ? write.h : read.h, HANDLE_FLAG_INHERIT, 0) != 0;
}

}  // namespace

GitOutput run_git(const std::filesystem::path& dir, const std::vector<std::string>& args, std::string_view input) {
  GitOutput result;
  std::wstring line;
  append_quoted(line, L"git");
  append_quoted(line, L"-C");
  append_quoted(line, dir.wstring());
  for (const std::string& a : args) append_quoted(line, widen(a));

  Handle in_read, in_write, out_read, out_write, err_read, err_write;
  if (!make_pipe(in_read, in_write, true) || !make_pipe(out_read, out_write, false) ||
      !make_pipe(err_read, err_write, false)) {
    return result;
  }
  STARTUPINFOW startup{};
  startup.cb = sizeof startup;
  startup.dwFlags = STARTF_USESTDHANDLES;
  startup.hStdInput = in_read.h;
  startup.hStdOutput = out_write.h;
  startup.hStdError = err_write.h;
  PROCESS_INFORMATION process{};
  if (!CreateProcessW(nullptr, line.data(), nullptr, nullptr, TRUE, CREATE_NO_WINDOW, nullptr, nullptr, &startup,
                      &process)) {
    return result;  // git is not installed (or not on PATH)
  }
  result.started = true;
  in_read.close();
  out_write.close();
  err_write.close();
  std::thread out_thread(drain, out_read.h, std::ref(result.out));
  std::thread err_thread(drain, err_read.h, std::ref(result.err));
  std::size_t sent = 0;
  while (sent < input.size()) {
    DWORD wrote = 0;
    const auto chunk = static_cast<DWORD>(std::min<std::size_t>(input.size() - sent, 65536));
    if (!WriteFile(in_write.h, input.data() + sent, chunk, &wrote, nullptr)) break;  // git stopped reading
    sent += wrote;
  }
  in_write.close();
  out_thread.join();
  err_thread.join();
  WaitForSingleObject(process.hProcess, INFINITE);
  DWORD code = 1;
  GetExitCodeProcess(process.hProcess, &code);
  CloseHandle(process.hThread);
  CloseHandle(process.hProcess);
  result.exit_code = static_cast<int>(code);
  return result;
}

}  // namespace miglint
