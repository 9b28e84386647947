#include "graph/edge_list.hpp"

#include <algorithm>
#include <cstring>
#include <exception>
#include <istream>
#include <memory>
#include <mutex>

#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>

#include "core/error.hpp"
#include "core/tsan.hpp"
#include "graph/edge_dedup.hpp"
#include "graph/edge_line.hpp"
#include "graph/id_map.hpp"
#include "graph/text_input.hpp"

namespace grassroots::graph {

namespace {

using detail::LineKind;
using detail::ParsedLine;
using detail::RawEdge;

// SourcePosition holds an int; a file of over 2^31 lines reports its last int line.
int line_for_message(std::uint64_t line) {
    return static_cast<int>(std::min<std::uint64_t>(line, std::numeric_limits<int>::max()));
}

// Complete lines of text (the file's last line may lack its '\n'), what they parse to,
// and what stopped the parse or the reading after them.
struct Block {
    std::unique_ptr<char[]> text;  // not a vector: growing one would zero it first
    std::size_t capacity = 0;
    std::size_t size = 0;
    std::vector<RawEdge> edges;  // the edge lines' ids, in order
    std::uint64_t lines = 0;
    bool faulted = false;          // a bad line ends the block's edges:
    std::uint64_t fault_line = 0;  // its 0-based index in the block
    ParsedLine fault;
    std::exception_ptr read_error;  // the source failed after this block's text

    void reserve(std::size_t bytes) {
        if (bytes <= capacity) return;
        const std::size_t grown = std::max(bytes, 2 * capacity);
        auto bigger = std::make_unique_for_overwrite<char[]>(grown);
        if (size > 0) std::memcpy(bigger.get(), text.get(), size);  // text is null before the first block
        text = std::move(bigger);
        capacity = grown;
    }
};

// Cuts the source into blocks at line ends. Sequential (a pipeline's first stage): for a
// gzip file, this is where inflating happens.
class BlockReader {
public:
    BlockReader(std::istream& in, const std::string& path, const std::string& key, std::size_t block_bytes)
        : in_(in), path_(path), key_(key), block_bytes_(std::max<std::size_t>(block_bytes, 1)) {
        // A stream already failed reads as empty, as std::getline would read it.
        done_ = !in.good();
        if (in.bad()) pending_error_ = read_failure();
    }

    // The next block into `b`; false when nothing is left (no text and no error).
    bool next(Block& b) {
        b.size = 0;
        b.read_error = nullptr;
        if (pending_error_) {
            b.read_error = std::exchange(pending_error_, nullptr);
            return true;
        }
        if (done_) return false;
        b.reserve(carry_.size() + block_bytes_);
        if (!carry_.empty()) std::memcpy(b.text.get(), carry_.data(), carry_.size());
        b.size = carry_.size();
        carry_.clear();
        std::size_t searched = b.size;  // the carried start of a line holds no '\n'
        for (;;) {
            b.reserve(b.size + block_bytes_);
            std::size_t got = 0;
            try {
                got = static_cast<std::size_t>(
                    in_.rdbuf()->sgetn(b.text.get() + b.size, static_cast<std::streamsize>(block_bytes_)));
            } catch (...) {
                // The text read before the failure is still parsed (its bad lines come
                // first), up to its last complete line, as std::getline would have.
                b.read_error = in_.exceptions() & std::ios::badbit ? std::current_exception() : read_failure();
                done_ = true;
                const char* last = last_newline(b, 0);
                b.size = last ? static_cast<std::size_t>(last - b.text.get()) + 1 : 0;
                return true;
            }
            if (got == 0) {
                done_ = true;
                return b.size > 0;  // the last line, without its '\n'
            }
            b.size += got;
            if (const char* last = last_newline(b, searched)) {
                const std::size_t end = static_cast<std::size_t>(last - b.text.get()) + 1;
                carry_.assign(b.text.get() + end, b.size - end);
                b.size = end;
                return true;
            }
            searched = b.size;  // a line longer than a block: read on
        }
    }

private:
    static const char* last_newline(const Block& b, std::size_t from) {
        return static_cast<const char*>(memrchr(b.text.get() + from, '\n', b.size - from));
    }

    // A stream that does not rethrow its buffer's errors only marks itself bad.
    std::exception_ptr read_failure() const {
        return std::make_exception_ptr(
            core::InputError({path_, 0, 0}, key_, "error while reading edge list '" + path_ + "'", "a readable file"));
    }

    std::istream& in_;
    const std::string& path_;
    const std::string& key_;
    std::size_t block_bytes_;
    std::string carry_;  // the start of a line the last block could not end
    bool done_ = false;
    std::exception_ptr pending_error_;
};

// The block's lines to raw ids, up to its first bad line. Runs on many blocks at once.
void parse_block(Block& b) {
    b.edges.clear();
    b.lines = 0;
    b.faulted = false;
    const char* p = b.text.get();
    const char* const end = p + b.size;
    while (p != end) {
        const char* newline = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
        const char* stop = newline ? newline : end;
        if (stop != p && stop[-1] == '\r') --stop;
        RawEdge edge;
        LineKind kind = detail::parse_simple_edge_line(p, stop, edge);
        if (kind == LineKind::fault) {
            ParsedLine exact = detail::parse_edge_line({p, static_cast<std::size_t>(stop - p)});
            kind = exact.kind;
            edge = exact.edge;
            if (kind == LineKind::fault) {
                b.faulted = true;
                b.fault_line = b.lines;
                b.fault = std::move(exact);
                return;
            }
        }
        if (kind == LineKind::edge) b.edges.push_back(edge);
        ++b.lines;
        p = newline ? newline + 1 : end;
    }
}

// Turns blocks of raw ids into dense edges, one block after the other in file order (the
// pipeline's last stage), and reports the first error in file order.
class Remapper {
public:
    Remapper(std::vector<Edge>& edges, bool directed, const std::string& path, const std::string& key,
             std::uint64_t max_vertices)
        : ids_(max_vertices), edges_(edges), directed_(directed), path_(path), key_(key), max_(max_vertices) {}

    void take(const Block& b) {
        // How many edges ahead to prefetch: enough to overlap a few dozen misses of a
        // table larger than the cache, few enough that the lines are still there.
        constexpr std::size_t kAhead = 16;
        const std::vector<RawEdge>& raw = b.edges;
        for (std::size_t i = 0; i < raw.size(); ++i) {
            if (i + kAhead < raw.size()) {
                ids_.prefetch(raw[i + kAhead].first);
                ids_.prefetch(raw[i + kAhead].second);
            }
            VertexId u = 0;
            VertexId v = 0;
            if (!ids_.find_or_add(raw[i].first, u)) too_many_ids(b, i, false);
            if (!ids_.find_or_add(raw[i].second, v)) too_many_ids(b, i, true);
            if (u == v) {
                ++self_loops_;
                continue;
            }
            // An undirected edge is stored once, in a canonical orientation, so that v-u
            // after u-v is recognised as a duplicate.
            edges_.push_back(directed_ ? Edge{u, v} : Edge{std::min(u, v), std::max(u, v)});
        }
        if (b.faulted) {
            throw core::InputError(
                {path_, line_for_message(lines_before_ + b.fault_line + 1), static_cast<int>(b.fault.fault_column) + 1},
                key_, b.fault.problem, b.fault.expected);
        }
        if (b.read_error) std::rethrow_exception(b.read_error);
        lines_before_ += b.lines;
    }

    VertexId vertex_count() const { return static_cast<VertexId>(ids_.size()); }
    std::uint64_t self_loops() const { return self_loops_; }

private:
    // The edge-th edge of the block has one id too many: find its line and column again.
    [[noreturn]] void too_many_ids(const Block& b, std::size_t edge, bool second) const {
        std::uint64_t line = 0;
        std::size_t edges_seen = 0;
        const char* p = b.text.get();
        const char* const end = p + b.size;
        for (;; ++line) {
            const char* newline = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
            const char* stop = newline ? newline : end;
            if (stop != p && stop[-1] == '\r') --stop;
            const ParsedLine parsed = detail::parse_edge_line({p, static_cast<std::size_t>(stop - p)});
            if (parsed.kind == LineKind::edge && edges_seen++ == edge) {
                throw core::InputError({path_, line_for_message(lines_before_ + line + 1),
                                        static_cast<int>(second ? parsed.second_column : parsed.first_column) + 1},
                                       key_, "more than " + std::to_string(max_) + " distinct node ids",
                                       "a graph whose vertex count fits in 32 bits");
            }
            p = newline + 1;  // the edge is in the block: never past its end
        }
    }

    detail::IdMap ids_;
    std::vector<Edge>& edges_;
    bool directed_;
    const std::string& path_;
    const std::string& key_;
    std::uint64_t max_;
    std::uint64_t self_loops_ = 0;
    std::uint64_t lines_before_ = 0;  // in the blocks already taken
};

// Blocks in flight, recycled so that their buffers are allocated once.
class BlockPool {
public:
    BlockPool() = default;
    BlockPool(const BlockPool&) = delete;
    BlockPool& operator=(const BlockPool&) = delete;
    // The pipeline's last put happened on a worker thread, and TBB's hand-back to the
    // caller is invisible to ThreadSanitizer: taking the lock orders that put before the
    // vectors are freed here.
    ~BlockPool() { const std::lock_guard lock(mutex_); }

    Block* get() {
        const std::lock_guard lock(mutex_);
        if (free_.empty()) {
            all_.push_back(std::make_unique<Block>());
            return all_.back().get();
        }
        Block* b = free_.back();
        free_.pop_back();
        return b;
    }
    void put(Block* b) {
        const std::lock_guard lock(mutex_);
        free_.push_back(b);
    }

private:
    std::mutex mutex_;
    std::vector<std::unique_ptr<Block>> all_;
    std::vector<Block*> free_;
};

}  // namespace

EdgeListEdges parse_edge_list(std::istream& in, const std::string& path, bool directed, const std::string& key,
                              const EdgeListOptions& options) {
    EdgeListEdges out;
    {
        BlockReader reader(in, path, key, options.block_bytes);
        Remapper remapper(out.edges, directed, path, key,
                          std::min<std::uint64_t>(options.max_vertices, std::numeric_limits<VertexId>::max()));
        BlockPool pool;
        // Edges TBB's scheduler guarantees but ThreadSanitizer cannot see (core/tsan.hpp).
        core::HappensBefore to_reader, to_remapper, done;
        to_reader.release();
        // Two blocks per thread: one being parsed while the next is read or remapped.
        const auto tokens = static_cast<std::size_t>(2 * tbb::this_task_arena::max_concurrency() + 1);
        tbb::parallel_pipeline(
            tokens, tbb::make_filter<void, Block*>(tbb::filter_mode::serial_in_order,
                                                   [&](tbb::flow_control& control) -> Block* {
                                                       const core::PipelineStage stage(to_reader, to_reader, done);
                                                       Block* b = pool.get();
                                                       if (!reader.next(*b)) {
                                                           pool.put(b);
                                                           control.stop();
                                                           return nullptr;
                                                       }
                                                       return b;
                                                   }) &
                        tbb::make_filter<Block*, Block*>(tbb::filter_mode::parallel,
                                                         [&](Block* b) {
                                                             const core::PipelineStage stage(to_reader, to_remapper,
                                                                                             done);
                                                             parse_block(*b);
                                                             return b;
                                                         }) &
                        tbb::make_filter<Block*, void>(tbb::filter_mode::serial_in_order, [&](Block* b) {
                            const core::PipelineStage stage(to_remapper, to_remapper, done);
                            remapper.take(*b);
                            pool.put(b);
                        }));
        done.acquire();
        out.vertex_count = remapper.vertex_count();
        out.self_loops_dropped = remapper.self_loops();
    }  // the id map and the blocks are freed before the edges are sorted
    if (out.edges.empty()) {
        throw core::InputError({path, 0, 0}, key, "edge list '" + path + "' has no edges",
                               "at least one line 'u v' with u != v");
    }
    out.duplicates_dropped = detail::sort_unique_edges(out.edges, out.vertex_count);
    out.edges.shrink_to_fit();
    return out;
}

LoadedGraph read_edge_list(std::istream& in, const std::string& path, bool directed, const std::string& key,
                           const EdgeListOptions& options) {
    EdgeListEdges parsed = parse_edge_list(in, path, directed, key, options);
    LoadedGraph loaded;
    loaded.self_loops_dropped = parsed.self_loops_dropped;
    loaded.duplicates_dropped = parsed.duplicates_dropped;
    loaded.graph = SocialGraph::from_edges(parsed.vertex_count, parsed.edges, directed);
    return loaded;
}

LoadedGraph load_edge_list(const std::string& path, bool directed, const std::string& key,
                           const EdgeListOptions& options) {
    TextInput input(path, key);
    return read_edge_list(input.stream(), path, directed, key, options);
}

}  // namespace grassroots::graph
