// Memory settings for a run that lasts a moment (the command line, not the language server).
// A check of a large folder touches about 20 MB of fresh memory on three threads; with 4 KB pages
// that is thousands of page faults, which took about a fifth of its time on Dokploy's folder.
// Where the heaps use transparent huge pages, one fault maps 2 MB. glibc on Linux only: elsewhere
// these do nothing.
#pragma once

namespace miglint {

// At the start of the run, on its first thread: freed memory is kept for reuse, and the heap of
// this thread, and of the threads that call advise_huge_pages_for_this_thread, asks for huge pages.
void prepare_memory_for_a_short_run();

// At the start of a worker thread: its heap asks for huge pages too, when the run prepared for it.
void advise_huge_pages_for_this_thread();

}  // namespace miglint
