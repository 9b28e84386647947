#pragma once
// Compressed sparse rows: row v of a graph is columns[offsets[v], offsets[v + 1]). Offsets
// are 32-bit when the arcs fit (2 billion arcs: 200 million users at m = 5 still do), which
// saves 4 bytes a user; rows are sorted, so a row's content does not depend on the order
// edges were made or listed in, and a row can be binary-searched.
//
// build() is a counting sort split by source vertex among the threads: count each
// vertex's arcs, prefix-sum the counts into row starts, place each arc at its row's
// cursor, sort each row (so the rows are the same whatever the thread count). It never
// holds a second copy of the row starts (the cursors become the next row's start and are
// shifted back), so its peak is the rows plus the caller's input.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <span>
#include <utility>
#include <vector>

#include <tbb/task_arena.h>

#include "core/parallel.hpp"

namespace grassroots::graph {

using VertexId = std::uint32_t;
using Edge = std::pair<VertexId, VertexId>;

class AdjacencyRows {
public:
    AdjacencyRows() = default;

    VertexId vertex_count() const {
        const std::size_t starts = narrow_ ? narrow_offsets_.size() : wide_offsets_.size();
        return starts == 0 ? 0 : static_cast<VertexId>(starts - 1);
    }
    std::uint64_t arc_count() const { return columns_.size(); }

    std::span<const VertexId> row(VertexId v) const {
        std::uint64_t begin = 0, end = 0;
        if (narrow_) {
            begin = narrow_offsets_[v];
            end = narrow_offsets_[v + 1];
        } else {
            begin = wide_offsets_[v];
            end = wide_offsets_[v + 1];
        }
        return {columns_.data() + begin, static_cast<std::size_t>(end - begin)};
    }

    std::uint64_t bytes() const {
        return narrow_offsets_.size() * sizeof(std::uint32_t) + wide_offsets_.size() * sizeof(std::uint64_t) +
               columns_.size() * sizeof(VertexId);
    }

    // Bytes of offsets per vertex for a graph of `arcs` arcs (the memory estimate's figure).
    static double offset_bytes(double arcs) {
        return arcs <= static_cast<double>(std::numeric_limits<std::uint32_t>::max()) ? 4.0 : 8.0;
    }

    // edge_at(i) for i in [0, edges) gives edge i. both_ways: each edge makes the arcs
    // u -> v and v -> u (an undirected graph); otherwise the arc u -> v, or v -> u when
    // `reversed` (a directed graph's in-rows). Ids must be below n. `wide` forces 64-bit
    // offsets (for tests: graphs that need them have billions of arcs).
    template <class EdgeAt>
    static AdjacencyRows build(VertexId n, std::uint64_t edges, bool both_ways, bool reversed, const EdgeAt& edge_at,
                               bool wide = false) {
        AdjacencyRows rows;
        const std::uint64_t arcs = both_ways ? 2 * edges : edges;
        rows.narrow_ = !wide && arcs <= std::numeric_limits<std::uint32_t>::max();
        if (rows.narrow_) {
            rows.columns_ = place_arcs(rows.narrow_offsets_, n, edges, both_ways, reversed, edge_at);
        } else {
            rows.columns_ = place_arcs(rows.wide_offsets_, n, edges, both_ways, reversed, edge_at);
        }
        return rows;
    }

private:
    template <class Offset, class EdgeAt>
    static std::vector<VertexId> place_arcs(std::vector<Offset>& offsets, VertexId n, std::uint64_t edges,
                                            bool both_ways, bool reversed, const EdgeAt& edge_at) {
        offsets.assign(std::size_t{n} + 1, 0);
        // One part of the vertices per thread; each part scans every edge and keeps the arcs
        // leaving its own vertices. A scan is a sequential read, cheap beside the random
        // writes it saves from atomics (a locked increment waits for its cache miss, so the
        // misses of one thread could not overlap).
        const auto parts = static_cast<std::size_t>(std::max(1, tbb::this_task_arena::max_concurrency()));
        const auto for_each_part_arc = [&](auto&& visit) {
            core::for_each_chunk(0, parts, 1, [&](std::size_t first, std::size_t last) {
                for (std::size_t part = first; part < last; ++part) {
                    const auto lo = static_cast<VertexId>(std::uint64_t{n} * part / parts);
                    const auto hi = static_cast<VertexId>(std::uint64_t{n} * (part + 1) / parts);
                    const auto keep = [&](VertexId from, VertexId to) {
                        if (from >= lo && from < hi) visit(from, to);
                    };
                    for (std::uint64_t i = 0; i < edges; ++i) {
                        const Edge e = edge_at(i);
                        if (both_ways) {
                            keep(e.first, e.second);
                            keep(e.second, e.first);
                        } else if (reversed) {
                            keep(e.second, e.first);
                        } else {
                            keep(e.first, e.second);
                        }
                    }
                }
            });
        };
        for_each_part_arc([&](VertexId from, VertexId) { ++offsets[from]; });
        Offset start = 0;
        for (VertexId v = 0; v < n; ++v) {
            const Offset count = offsets[v];
            offsets[v] = start;
            start += count;
        }
        offsets[n] = start;
        std::vector<VertexId> columns(start);
        for_each_part_arc([&](VertexId from, VertexId to) { columns[offsets[from]++] = to; });
        // Each cursor now points at the next row's start: shift them back by one row.
        std::copy_backward(offsets.begin(), offsets.begin() + n, offsets.begin() + n + 1);
        offsets[0] = 0;
        core::for_each_block(n, [&](std::size_t, std::size_t begin, std::size_t end) {
            for (std::size_t v = begin; v < end; ++v) {
                std::sort(columns.begin() + static_cast<std::ptrdiff_t>(offsets[v]),
                          columns.begin() + static_cast<std::ptrdiff_t>(offsets[v + 1]));
            }
        });
        return columns;
    }

    bool narrow_ = true;
    std::vector<std::uint32_t> narrow_offsets_;
    std::vector<std::uint64_t> wide_offsets_;
    std::vector<VertexId> columns_;
};

}  // namespace grassroots::graph
