#include "graph/text_input.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <zlib.h>

#include "core/error.hpp"

namespace grassroots::graph {

namespace {
constexpr std::size_t kInputBytes = 1 << 16;
constexpr std::size_t kOutputBytes = 1 << 18;
constexpr unsigned char kGzipMagic[2] = {0x1f, 0x8b};
}  // namespace

struct GzipBuffer::State {
    z_stream z{};
    bool started = false;    // inflateInit2 has been called
    bool in_member = false;  // inside a gzip member (false before the first and between members)
    std::array<char, kInputBytes> in{};
    std::array<char, kOutputBytes> out{};
};

GzipBuffer::GzipBuffer(std::streambuf& source, std::string path, std::string key)
    : source_(source), path_(std::move(path)), key_(std::move(key)), state_(std::make_unique<State>()) {
    // 15 + 16: a gzip header and trailer (not zlib's, not raw deflate), with a 32 KiB window.
    if (inflateInit2(&state_->z, 15 + 16) != Z_OK) fail("zlib could not start");
    state_->started = true;
    setg(state_->out.data(), state_->out.data(), state_->out.data());
}

GzipBuffer::~GzipBuffer() {
    if (state_->started) inflateEnd(&state_->z);
}

void GzipBuffer::fail(const std::string& problem) const {
    throw core::InputError({path_, 0, 0}, key_, "'" + path_ + "' is not a valid gzip file: " + problem,
                           "a plain text file or a complete gzip file");
}

bool GzipBuffer::fill_input() {
    z_stream& z = state_->z;
    const std::streamsize got = source_.sgetn(state_->in.data(), static_cast<std::streamsize>(state_->in.size()));
    z.next_in = reinterpret_cast<Bytef*>(state_->in.data());
    z.avail_in = static_cast<uInt>(got > 0 ? got : 0);
    return z.avail_in > 0;
}

std::size_t GzipBuffer::inflate_step(char* out) {
    z_stream& z = state_->z;
    for (;;) {
        if (z.avail_in == 0 && !fill_input()) {
            // The source has ended: fine between members, a truncation inside one.
            if (state_->in_member) fail("it ends in the middle of a compressed stream (truncated?)");
            return 0;
        }
        state_->in_member = true;
        z.next_out = reinterpret_cast<Bytef*>(out);
        z.avail_out = static_cast<uInt>(kOutputBytes);
        const int rc = inflate(&z, Z_NO_FLUSH);
        const std::size_t produced = kOutputBytes - z.avail_out;
        if (rc == Z_STREAM_END) {
            // A member ended (its CRC and length checked): another may follow.
            state_->in_member = false;
            if (inflateReset(&z) != Z_OK) fail("zlib could not restart");
        } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
            fail(z.msg ? z.msg : "zlib error " + std::to_string(rc));
        }
        if (produced > 0) return produced;
    }
}

GzipBuffer::int_type GzipBuffer::underflow() {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    if (failed_) std::rethrow_exception(failed_);
    try {
        const std::size_t produced = inflate_step(state_->out.data());
        if (produced == 0) return traits_type::eof();
        setg(state_->out.data(), state_->out.data(), state_->out.data() + produced);
        return traits_type::to_int_type(*gptr());
    } catch (...) {
        failed_ = std::current_exception();
        throw;
    }
}

std::streamsize GzipBuffer::xsgetn(char_type* s, std::streamsize n) {
    std::streamsize got = 0;
    while (got < n) {
        if (gptr() < egptr()) {
            const std::streamsize take = std::min<std::streamsize>(egptr() - gptr(), n - got);
            std::memcpy(s + got, gptr(), static_cast<std::size_t>(take));
            gbump(static_cast<int>(take));
            got += take;
            continue;
        }
        try {
            if (n - got >= static_cast<std::streamsize>(kOutputBytes) && !failed_) {
                const std::size_t produced = inflate_step(s + got);
                if (produced == 0) break;
                got += static_cast<std::streamsize>(produced);
            } else if (traits_type::eq_int_type(underflow(), traits_type::eof())) {
                break;
            }
        } catch (...) {
            failed_ = std::current_exception();
            if (got == 0) throw;
            break;
        }
    }
    return got;
}

bool starts_gzip(std::streambuf& source) {
    char two[2];
    const bool magic = source.sgetn(two, 2) == 2 && static_cast<unsigned char>(two[0]) == kGzipMagic[0] &&
                       static_cast<unsigned char>(two[1]) == kGzipMagic[1];
    // The two bytes are read again by whoever reads the text: a source that cannot seek
    // back (a pipe) would lose them silently.
    if (source.pubseekpos(0, std::ios::in) != std::streampos(0)) {
        throw std::ios_base::failure("cannot seek back to the start");
    }
    return magic;
}

TextInput::TextInput(const std::string& path, const std::string& key, const std::string& noun,
                     const std::string& contents)
    : file_(std::make_unique<std::filebuf>()) {
    std::error_code ignored;
    if (std::filesystem::is_directory(path, ignored)) {
        throw core::InputError({path, 0, 0}, key, noun + " '" + path + "' is a directory",
                               "a text file of " + contents);
    }
    if (!file_->open(path, std::ios::in | std::ios::binary)) {
        throw core::InputError({path, 0, 0}, key, "cannot open " + noun + " '" + path + "'",
                               "a readable text file of " + contents);
    }
    open(*file_, path, key);
}

TextInput::TextInput(std::streambuf& source, const std::string& path, const std::string& key) {
    open(source, path, key);
}

void TextInput::open(std::streambuf& source, const std::string& path, const std::string& key) {
    std::streambuf* buffer = &source;
    bool gzip = false;
    try {
        gzip = starts_gzip(source);
    } catch (const std::ios_base::failure&) {
        throw core::InputError({path, 0, 0}, key, "cannot read '" + path + "' twice (a pipe?)",
                               "a regular file, read once to size the run and once to load it");
    }
    if (gzip) {
        gzip_ = std::make_unique<GzipBuffer>(source, path, key);
        buffer = gzip_.get();
    }
    stream_ = std::make_unique<std::istream>(buffer);
    stream_->exceptions(std::ios::badbit);
}

TextInput::~TextInput() = default;

}  // namespace grassroots::graph
