#ifdef _WIN32
#include <io.h>
#else
#include <unistd.h>
#endif

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "cli/commands.h"

#ifndef MIGLINT_VERSION
#define MIGLINT_VERSION "0.0.0"
#endif

namespace miglint {

namespace {

bool env_set(const char* name) {
  const char* v = std::getenv(name);
  return v && *v;
}

bool stdout_is_terminal() {
#ifdef _WIN32
  return _isatty(_fileno(stdout)) != 0;
#else
  return isatty(STDOUT_FILENO) != 0;
#endif
}

bool use_color(const Options& o, bool to_terminal) {
  if (o.format != Format::Text) return false;
  if (o.color != ColorMode::Auto) return o.color == ColorMode::Always;
  if (env_set("NO_COLOR")) return false;
  if (env_set("FORCE_COLOR") || env_set("CLICOLOR_FORCE")) return true;
  const char* term = std::getenv("TERM");
  return to_terminal && !(term && std::string_view(term) == "dumb");
}

void render(std::ostream& out, Format format, const Report& report, const RenderOptions& options) {
  switch (format) {
    case Format::Text: render_text(out, report, options); break;
    case Format::Gcc: render_gcc(out, report, options); break;
    case Format::Json: render_json(out, report, options); break;
    case Format::Sarif: render_sarif(out, report, options); break;
    case Format::Github: render_github(out, report, options); break;
  }
}

}  // namespace

int emit_report(const Options& o, const Report& report) {
  std::ofstream file;
  if (!o.output_file.empty()) {
    file.open(o.output_file, std::ios::binary | std::ios::trunc);
    if (!file) {
      std::cerr << "miglint: cannot write " << o.output_file << "\n";
      return kExitError;
    }
  }
  std::ostream& out = o.output_file.empty() ? std::cout : file;
  RenderOptions options;
  options.color = use_color(o, o.output_file.empty() && stdout_is_terminal());
  options.tool_version = MIGLINT_VERSION;
  options.summary = !o.quiet;
  render(out, o.format, report, options);
  out.flush();
  return out ? kExitClean : kExitError;
}

}  // namespace miglint
