// Renderers build their text in an fmt buffer and hand it to the stream in one write.
#pragma once

#include <ostream>

#include <fmt/format.h>

namespace miglint {

inline void write_buffer(std::ostream& out, const fmt::memory_buffer& text) {
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

}  // namespace miglint
