// The snapshot loaders' threads (0.x and 1.0 layouts): snapshots dominate a folder's bytes, and two
// threads match the machines linters run on.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <optional>
#include <thread>
#include <vector>

#include "core/short_run_memory.h"

namespace miglint {

// Runs body(take) on this thread and, for a folder with enough snapshots to pay for it, on one
// more; take() hands out each index below `count` once (nothing when none is left), so that each
// body keeps its own parser and reader.
template <typename Body>
void on_snapshot_threads(std::size_t count, Body body) {
  std::size_t threads = count >= 8 ? std::min<std::size_t>(2, std::thread::hardware_concurrency()) : 1;
  if (threads == 0) threads = 1;
  std::atomic<std::size_t> next{0};
  auto take = [&next, count]() -> std::optional<std::size_t> {
    const std::size_t i = next++;
    return i < count ? std::optional<std::size_t>(i) : std::nullopt;
  };
  std::vector<std::thread> helpers;
  for (std::size_t t = 1; t < threads; ++t) helpers.emplace_back([&] {
    advise_huge_pages_for_this_thread();
    body(take);
  });
  body(take);
  for (auto& t : helpers) t.join();
}

}  // namespace miglint
