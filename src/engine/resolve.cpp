#include "engine/resolve.h"

#include <map>

#include "core/json_scan.h"
#include "core/text_file.h"
#include "load/safe_read.h"

namespace miglint {

void resolve_locations(const Folder& folder, std::vector<Finding>& findings) {
  std::map<std::string, std::vector<Location*>> pending;
  for (Finding& f : findings) {
    if (!f.location.pending_file.empty()) pending[f.location.pending_file].push_back(&f.location);
  }
  for (auto& [file, locations] : pending) {
    auto read = read_file_within(folder.path, folder.path / file, folder.overlay);
    const std::string* bytes = std::get_if<std::string>(&read);
    std::vector<std::string> pointers;
    for (const Location* l : locations) pointers.push_back(l->json_pointer);
    auto spans = bytes ? locate_json_pointers(*bytes, pointers) : std::vector<std::optional<JsonSpan>>(pointers.size());
    for (std::size_t k = 0; k < locations.size(); ++k) {
      Location& l = *locations[k];
      if (spans[k]) {
        Location placed = location_in(l.file, *bytes, spans[k]->value_begin, spans[k]->value_end, l.json_pointer);
        l.begin = placed.begin;
        l.end = placed.end;
        l.excerpt = std::move(placed.excerpt);
      }
      l.pending_file.clear();  // if the file changed meanwhile, line 1 is the honest answer
    }
  }
}

}  // namespace miglint
