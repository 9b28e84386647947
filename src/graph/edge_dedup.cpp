#include "graph/edge_dedup.hpp"

#include <algorithm>
#include <memory>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include "core/tsan.hpp"

namespace grassroots::graph::detail {

namespace {

// Buckets of the radix step: 4096 write streams still fit the cache's lines and the TLB.
constexpr int kBucketBits = 12;
// Chunks of edges dealt in parallel, each with its own bucket counts (chunks x buckets x 8
// bytes: 2 MB at most).
constexpr std::size_t kMaxChunks = 64;
constexpr std::size_t kMinChunkEdges = 1 << 16;

// fn(i) for i in [0, count), in parallel, one index per task at least; marks for
// ThreadSanitizer the hand-overs libtbb makes (as core::for_each_block does).
template <class Fn>
void for_each_index(std::size_t count, Fn&& fn) {
    core::HappensBefore before, after;
    before.release();
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, count, 1), [&](const tbb::blocked_range<std::size_t>& r) {
        before.acquire();
        for (std::size_t i = r.begin(); i != r.end(); ++i) fn(i);
        after.release();
    });
    after.acquire();
}

// An edge as one number, ordered as the pair is.
std::uint64_t key_of(const Edge& e) { return (std::uint64_t{e.first} << 32) | e.second; }
VertexId first_of(std::uint64_t key) { return static_cast<VertexId>(key >> 32); }

}  // namespace

std::uint64_t sort_unique_edges(std::vector<Edge>& edges, VertexId vertex_count) {
    const std::size_t m = edges.size();
    if (m == 0) return 0;
    int shift = 0;
    while ((std::uint64_t{vertex_count} - 1) >> shift >= (std::uint64_t{1} << kBucketBits)) ++shift;
    const std::size_t buckets = static_cast<std::size_t>((std::uint64_t{vertex_count} - 1) >> shift) + 1;
    const std::size_t chunks = std::clamp<std::size_t>(m / kMinChunkEdges, 1, kMaxChunks);
    const auto chunk_begin = [&](std::size_t c) { return m * c / chunks; };

    // Where each chunk's edges of each bucket go: buckets in order, chunks in order inside
    // a bucket.
    std::vector<std::uint64_t> cursor(chunks * buckets, 0);
    for_each_index(chunks, [&](std::size_t c) {
        std::uint64_t* count = &cursor[c * buckets];
        for (std::size_t i = chunk_begin(c); i < chunk_begin(c + 1); ++i) ++count[edges[i].first >> shift];
    });
    std::vector<std::uint64_t> bucket_start(buckets + 1, 0);
    std::uint64_t sum = 0;
    for (std::size_t b = 0; b < buckets; ++b) {
        bucket_start[b] = sum;
        for (std::size_t c = 0; c < chunks; ++c) {
            const std::uint64_t count = cursor[c * buckets + b];
            cursor[c * buckets + b] = sum;
            sum += count;
        }
    }
    bucket_start[buckets] = sum;
    const auto keys = std::make_unique_for_overwrite<std::uint64_t[]>(m);
    for_each_index(chunks, [&](std::size_t c) {
        std::uint64_t* next = &cursor[c * buckets];
        for (std::size_t i = chunk_begin(c); i < chunk_begin(c + 1); ++i) {
            keys[next[edges[i].first >> shift]++] = key_of(edges[i]);
        }
    });

    // Each bucket: a counting sort by first vertex into scratch, rows sorted, duplicates
    // dropped, the distinct edges written back to the bucket's start.
    std::vector<std::uint64_t> kept(buckets, 0);
    for_each_index(buckets, [&](std::size_t b) {
        const std::uint64_t begin = bucket_start[b];
        const std::uint64_t end = bucket_start[b + 1];
        const VertexId low = static_cast<VertexId>(std::uint64_t{b} << shift);
        std::vector<std::uint64_t> row((std::size_t{1} << shift) + 1, 0);
        for (std::uint64_t k = begin; k < end; ++k) ++row[first_of(keys[k]) - low + 1];
        for (std::size_t r = 1; r < row.size(); ++r) row[r] += row[r - 1];
        std::vector<std::uint64_t> sorted(end - begin);
        for (std::uint64_t k = begin; k < end; ++k) sorted[row[first_of(keys[k]) - low]++] = keys[k];
        // row[r] is now the end of row r, and row r - 1's end its start.
        std::uint64_t out = begin;
        std::size_t start = 0;
        for (std::size_t r = 0; r + 1 < row.size() && start < sorted.size(); ++r) {
            const std::size_t stop = row[r];
            std::sort(sorted.begin() + static_cast<std::ptrdiff_t>(start),
                      sorted.begin() + static_cast<std::ptrdiff_t>(stop));
            for (std::size_t k = start; k < stop; ++k) {
                if (k == start || sorted[k] != sorted[k - 1]) keys[out++] = sorted[k];
            }
            start = stop;
        }
        kept[b] = out - begin;
    });

    std::vector<std::uint64_t> offset(buckets + 1, 0);
    for (std::size_t b = 0; b < buckets; ++b) offset[b + 1] = offset[b] + kept[b];
    for_each_index(buckets, [&](std::size_t b) {
        for (std::uint64_t k = 0; k < kept[b]; ++k) {
            const std::uint64_t key = keys[bucket_start[b] + k];
            edges[offset[b] + k] = Edge{first_of(key), static_cast<VertexId>(key)};
        }
    });
    edges.resize(offset[buckets]);
    return m - offset[buckets];
}

}  // namespace grassroots::graph::detail
