#pragma once
// A text file read through a std::istream whether it is plain or gzip-compressed (SNAP
// distributes its edge lists as .gz). Compression is recognised by the gzip magic bytes,
// not by the name. A corrupt or truncated gzip stream is bad input: reading throws
// core::InputError naming the file and `key`, with zlib's reason.
#include <exception>
#include <istream>
#include <memory>
#include <streambuf>
#include <string>

namespace grassroots::graph {

// Inflates gzip members (one or several, as `cat a.gz b.gz` makes) from `source`.
class GzipBuffer : public std::streambuf {
public:
    // `path` and `key` only name the input in errors.
    GzipBuffer(std::streambuf& source, std::string path, std::string key);
    ~GzipBuffer() override;
    GzipBuffer(const GzipBuffer&) = delete;
    GzipBuffer& operator=(const GzipBuffer&) = delete;

protected:
    int_type underflow() override;
    // Reads of whole blocks (the edge-list loader's) inflate straight into the caller's
    // memory, in the same steps as underflow. When a step fails after others succeeded,
    // their text is returned and the error is thrown by the next read, so that the reader
    // sees all the text that came before it, as it would a character at a time.
    std::streamsize xsgetn(char_type* s, std::streamsize n) override;

private:
    [[noreturn]] void fail(const std::string& problem) const;
    bool fill_input();  // false at the end of the source
    // One step: inflates up to kOutputBytes into `out`; the bytes made, 0 at the end.
    std::size_t inflate_step(char* out);

    std::streambuf& source_;
    std::string path_;
    std::string key_;
    struct State;
    std::unique_ptr<State> state_;
    std::exception_ptr failed_;  // thrown again by every later read
};

// True when `source` begins with the gzip magic bytes; leaves it at its start. Throws
// std::ios_base::failure when it cannot seek back (files and string buffers can).
bool starts_gzip(std::streambuf& source);

// An open input file, decompressed when it is gzip. Throws core::InputError for a
// directory or a file that cannot be opened ("<noun> 'PATH' is a directory (expected a text
// file of <contents>)"). The stream rethrows a GzipBuffer's errors (its exception mask has
// badbit).
class TextInput {
public:
    TextInput(const std::string& path, const std::string& key, const std::string& noun = "edge list",
              const std::string& contents = "edges");
    // The same over bytes already open (tests and the fuzz target read from memory);
    // `source` must outlive this and be seekable; `path` only names it in errors.
    TextInput(std::streambuf& source, const std::string& path, const std::string& key);
    ~TextInput();
    std::istream& stream() { return *stream_; }
    bool compressed() const { return gzip_ != nullptr; }

private:
    void open(std::streambuf& source, const std::string& path, const std::string& key);

    std::unique_ptr<std::filebuf> file_;
    std::unique_ptr<GzipBuffer> gzip_;
    std::unique_ptr<std::istream> stream_;
};

}  // namespace grassroots::graph
