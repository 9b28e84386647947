#include "io/atomic_file.hpp"

#include <cerrno>
#include <cstring>
#include <system_error>

#include <fcntl.h>
#include <unistd.h>

namespace grassroots::io {
namespace {

[[noreturn]] void fail(const std::string& what, int error) {
    throw WriteError("cannot " + what + ": " + std::strerror(error));
}

// Writes all of `content`, resuming after short writes and signals; returns 0 or errno.
int write_all(int fd, std::string_view content) {
    while (!content.empty()) {
        const ssize_t n = ::write(fd, content.data(), content.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            return errno;
        }
        content.remove_prefix(static_cast<std::size_t>(n));
    }
    return 0;
}

}  // namespace

void write_file_atomically(const std::filesystem::path& path, std::string_view content) {
    std::filesystem::path temporary = path;
    temporary += ".tmp";
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) fail("write " + path.string(), errno);
    int error = write_all(fd, content);
    // fsync surfaces a full disk that the page cache hid from write() (delayed allocation,
    // quotas, network file systems) before the rename makes the file look finished.
    if (error == 0 && ::fsync(fd) != 0) error = errno;
    if (::close(fd) != 0 && error == 0) error = errno;
    if (error != 0) {
        ::unlink(temporary.c_str());
        fail("write " + path.string(), error);
    }
    if (::rename(temporary.c_str(), path.c_str()) != 0) {
        error = errno;
        ::unlink(temporary.c_str());
        fail("rename " + temporary.string() + " to " + path.string(), error);
    }
    sync_directory_of(path);
}

void sync_directory_of(const std::filesystem::path& file) {
    std::filesystem::path dir = file.parent_path();
    if (dir.empty()) dir = ".";
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) fail("open directory " + dir.string() + " to sync it", errno);
    int error = ::fsync(fd) != 0 ? errno : 0;
    ::close(fd);
    if (error == EINVAL) error = 0;
    if (error != 0) fail("sync directory " + dir.string(), error);
}

void create_directories(const std::filesystem::path& dir) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) fail("create directory " + dir.string(), ec.value());
}

void remove_file(const std::filesystem::path& path) {
    std::error_code ec;
    std::filesystem::remove(path, ec);
    if (ec) fail("remove " + path.string(), ec.value());
}

void remove_tree(const std::filesystem::path& path) {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
    if (ec) fail("remove " + path.string(), ec.value());
}

std::string read_file(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) fail("read " + path.string(), errno);
    std::string text;
    char buffer[1 << 16];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n == 0) break;
        if (n < 0) {
            if (errno == EINTR) continue;
            const int error = errno;
            ::close(fd);
            fail("read " + path.string(), error);
        }
        text.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return text;
}

}  // namespace grassroots::io
