// file:// URIs as LSP clients send them, and back.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace miglint::lsp {

// The absolute, lexically normal path of a file:// URI; nothing for other schemes or remote hosts.
std::optional<std::filesystem::path> path_of_uri(const std::string& uri);
std::string uri_of_path(const std::filesystem::path& path);

}  // namespace miglint::lsp
