#pragma once
// Outputs are complete or absent: a file is written under a temporary name in the same
// directory, every write, the fsync and the close checked, and renamed over the final
// name. Any failure (a full disk, a file-size limit, no permission, a read-only file
// system) throws WriteError naming the file and the system's reason; the temporary file
// is removed, so no partial file is left under either name.
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

namespace grassroots::io {

// A failure to write or create something on disk: exit 1, and a sweep stops starting runs
// (the next ones would fail the same way).
class WriteError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

void write_file_atomically(const std::filesystem::path& path, std::string_view content);

// After a rename into `file`'s directory: fsyncs the directory, so that the new name
// survives a crash or power loss (the file's own fsync does not cover its directory
// entry). File systems that cannot sync a directory (EINVAL) are let be.
void sync_directory_of(const std::filesystem::path& file);

// create_directories and remove that throw WriteError with a one-line message.
void create_directories(const std::filesystem::path& dir);
void remove_file(const std::filesystem::path& path);  // a missing file is not an error
void remove_tree(const std::filesystem::path& path);

// Reads a whole file we wrote earlier (a sweep's sweep.yaml, a run's result.csv); throws
// WriteError if it cannot, since such a file going missing or unreadable is a disk fault.
std::string read_file(const std::filesystem::path& path);

}  // namespace grassroots::io
