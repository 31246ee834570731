// The hash drizzle's migrator records for a migration file.
#pragma once

#include <string>
#include <string_view>

namespace miglint {

// Lowercase hex sha256 of bytes.
std::string sha256_hex(std::string_view bytes);

// What drizzle-orm computes: sha256 of readFileSync(file).toString(), that is of the file
// decoded as UTF-8 (invalid sequences become U+FFFD) and encoded again. Equals sha256_hex
// of the raw bytes whenever they are valid UTF-8.
std::string drizzle_migration_hash(std::string_view file_bytes);

// The bytes decoded as UTF-8 the way Node does (WHATWG decoder, maximal subparts
// replaced by U+FFFD) and encoded again.
std::string reencode_utf8_as_node(std::string_view bytes);

}  // namespace miglint
