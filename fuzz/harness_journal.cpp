// meta/_journal.json: the JSON scanner (syntax, pointers, duplicate keys) and the journal loader.
#include "core/json_scan.h"
#include "load/journal_loader.h"
#include "support.h"

using namespace miglint;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(fuzz::as_text(data, size));
  Journal journal = parse_journal("drizzle/meta/_journal.json", bytes);
  for (const JournalEntry& entry : journal.entries) {
    (void)entry.tag_prefix();
    (void)entry.snapshot_file_name();
    if (entry.where.begin.line == 0 || entry.where.begin.column == 0) fuzz::fail("a journal entry placed at line or column 0");
  }
  (void)journal.whole();
  // The scanner's other entry points, on the same bytes.
  (void)locate_json_pointers(bytes, {"/entries/0/tag", "/entries/1/when", "/dialect", "/entries/0"});
  JsonIndex index = index_json(bytes);
  for (const DuplicateKey& duplicate : index.duplicates) {
    if (duplicate.span.value_end > bytes.size()) fuzz::fail("a duplicate key's span ends past the text");
  }
  return 0;
}
