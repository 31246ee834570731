#include "core/short_run_memory.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

// Not under AddressSanitizer, whose allocator is not glibc's.
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MIGLINT_OTHER_ALLOCATOR 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define MIGLINT_OTHER_ALLOCATOR 1
#endif

#if defined(__GLIBC__) && defined(__linux__) && !defined(MIGLINT_OTHER_ALLOCATOR)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#define MIGLINT_GLIBC_HEAPS 1
#endif

namespace miglint {

namespace {

std::atomic<bool> huge_pages_prepared{false};

#ifdef MIGLINT_GLIBC_HEAPS
constexpr std::uintptr_t kHugePage = std::uintptr_t{2} << 20;
// glibc gives each thread but the first a heap of its own, 64 MB on 64-bit systems, aligned to its
// size, whose first bytes hold the heap's bookkeeping.
constexpr std::uintptr_t kThreadHeap = std::uintptr_t{64} << 20;
// MADV_COLLAPSE (Linux 6.1), which the C library's headers may not name yet; older kernels refuse
// it and nothing changes.
constexpr int kCollapseIntoHugePages = 25;

std::uintptr_t address(const void* p) { return reinterpret_cast<std::uintptr_t>(p); }
void* pointer(std::uintptr_t a) { return reinterpret_cast<void*>(a); }

// A block from this thread's heap (glibc makes the heap on a thread's first allocation).
std::uintptr_t somewhere_in_this_threads_heap(std::size_t bytes) {
  void* volatile block = std::malloc(bytes);  // volatile: the pair is not optimised away
  const std::uintptr_t at = address(block);
  std::free(block);
  return at;
}
#endif

}  // namespace

void prepare_memory_for_a_short_run() {
#ifdef MIGLINT_GLIBC_HEAPS
  // Snapshots are read into buffers of a few hundred kilobytes, which glibc would serve with mmap
  // and return with munmap, faulting them in afresh each time: they come from the heap instead,
  // and what is freed stays there for reuse.
  mallopt(M_MMAP_THRESHOLD, 64 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  mallopt(M_TOP_PAD, 64 << 20);
#endif
#if defined(MIGLINT_GLIBC_HEAPS) && defined(MADV_HUGEPAGE)
  if constexpr (sizeof(void*) == 8) {
    // The first thread's heap grows by the top pad now, and that range is advised.
    const std::uintptr_t before = address(sbrk(0));
    somewhere_in_this_threads_heap(std::size_t{1} << 20);
    const std::uintptr_t end = address(sbrk(0));
    const std::uintptr_t start = (before + kHugePage - 1) & ~(kHugePage - 1);
    if (end > start) madvise(pointer(start), end - start, MADV_HUGEPAGE);
    huge_pages_prepared.store(true, std::memory_order_relaxed);
  }
#endif
}

void advise_huge_pages_for_this_thread() {
  if (!huge_pages_prepared.load(std::memory_order_relaxed)) return;
#if defined(MIGLINT_GLIBC_HEAPS) && defined(MADV_HUGEPAGE)
  // A run starts a handful of threads, far fewer than glibc's heaps (eight per core), so the
  // thread has a heap of its own. Its first 2 MB were touched for the bookkeeping before the
  // advice, so they are collapsed into a huge page, which later faults there then find.
  const std::uintptr_t heap = somewhere_in_this_threads_heap(64) & ~(kThreadHeap - 1);
  if (madvise(pointer(heap), kThreadHeap, MADV_HUGEPAGE) == 0) madvise(pointer(heap), kHugePage, kCollapseIntoHugePages);
#endif
}

}  // namespace miglint
