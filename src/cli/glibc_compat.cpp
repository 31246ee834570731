// Linked into the portable Linux binary alone (cmake/portable.cmake). The static libgcc unwinder
// and libstdc++ of a build on a newer glibc call _dl_find_object (glibc 2.35) and arc4random (glibc
// 2.36); defined here over calls glibc 2.25 has, the binary runs on glibc 2.34 (Ubuntu 22.04, RHEL 9).
// A build on glibc 2.34 or older has neither call to replace: the file is then empty.
#include <dlfcn.h>
#include <link.h>
#include <sys/random.h>

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#if defined(__GLIBC__) && __GLIBC_PREREQ(2, 35)

namespace {

struct Search {
  std::uintptr_t address;
  dl_find_object* result;
  bool found;
};

// The loaded object whose PT_LOAD segments hold the address: its extent and its
// PT_GNU_EH_FRAME, which is all the unwinder reads.
int visit(dl_phdr_info* info, std::size_t, void* data) {
  auto* search = static_cast<Search*>(data);
  std::uintptr_t start = UINTPTR_MAX;
  std::uintptr_t end = 0;
  bool holds = false;
  void* eh_frame = nullptr;
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr)& segment = info->dlpi_phdr[i];
    const std::uintptr_t from = info->dlpi_addr + segment.p_vaddr;
    if (segment.p_type == PT_LOAD) {
      if (from < start) start = from;
      if (from + segment.p_memsz > end) end = from + segment.p_memsz;
      if (search->address >= from && search->address < from + segment.p_memsz) holds = true;
    } else if (segment.p_type == PT_GNU_EH_FRAME) {
      eh_frame = reinterpret_cast<void*>(from);
    }
  }
  if (!holds) return 0;
  std::memset(search->result, 0, sizeof *search->result);
  search->result->dlfo_map_start = reinterpret_cast<void*>(start);
  search->result->dlfo_map_end = reinterpret_cast<void*>(end);
  search->result->dlfo_eh_frame = eh_frame;
  search->found = true;
  return 1;
}

}  // namespace

extern "C" int _dl_find_object(void* address, dl_find_object* result) noexcept {
  Search search{reinterpret_cast<std::uintptr_t>(address), result, false};
  dl_iterate_phdr(visit, &search);
  return search.found ? 0 : -1;
}

#endif

#if defined(__GLIBC__) && __GLIBC_PREREQ(2, 36)

extern "C" std::uint32_t arc4random() noexcept {
  std::uint32_t value = 0;
  for (;;) {
    ssize_t got = getrandom(&value, sizeof value, 0);
    if (got == static_cast<ssize_t>(sizeof value)) return value;
    if (got < 0 && errno != EINTR) std::abort();  // as glibc's own does without entropy
  }
}

#endif
