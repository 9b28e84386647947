#include "io/atomic_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>

#include <unistd.h>

namespace grassroots::io {

void write_file_atomically(const std::filesystem::path& path, std::string_view content) {
    std::filesystem::path temporary = path;
    temporary += ".tmp";
    auto fail = [&](const char* what) {
        const std::string reason = std::strerror(errno);
        std::remove(temporary.c_str());
        throw std::runtime_error("cannot " + std::string(what) + " " + path.string() + ": " + reason);
    };
    std::FILE* file = std::fopen(temporary.c_str(), "wb");
    if (!file) fail("create");
    const bool written = std::fwrite(content.data(), 1, content.size(), file) == content.size();
    // fflush and fsync surface a full disk here rather than after the rename.
    const bool flushed = std::fflush(file) == 0 && ::fsync(fileno(file)) == 0;
    const bool closed = std::fclose(file) == 0;
    if (!written || !flushed || !closed) fail("write");
    if (std::rename(temporary.c_str(), path.c_str()) != 0) fail("rename into");
}

}  // namespace grassroots::io
