#pragma once
// Outputs are complete or absent: a file is written under a temporary name in the same
// directory, flushed, checked, and renamed over the final name. A failure throws
// std::runtime_error (exit 1) and leaves no partial file under the final name.
#include <filesystem>
#include <string_view>

namespace grassroots::io {

void write_file_atomically(const std::filesystem::path& path, std::string_view content);

}  // namespace grassroots::io
