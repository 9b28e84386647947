#pragma once
// How much memory a run will need at its peak, from the scenario alone, so that a run
// too large for the machine is refused before it allocates anything. The figures are the
// sizes of the actual arrays (world.hpp, tick.hpp, the graph generators), with the
// quantities that depend on the dynamics (follows, shares, creators who enter) bounded
// from above by expected rates; calibrated against measured peak RSS (docs in README.md,
// "Memory").
#include <cstdint>
#include <optional>
#include <string>

#include "scenario/scenario.hpp"

namespace grassroots::model {

// What a first pass over an edge-list file tells: at most `lines` edges, and at most
// min(2 * lines, max_id + 1) distinct nodes.
struct EdgeListShape {
    std::uint64_t lines = 0;         // lines that are not blank or comments
    std::uint64_t max_id = 0;        // the largest number on them
    std::uint64_t longest_line = 0;  // bytes: a block of the loader holds at least a whole line
    std::uint64_t bytes = 0;         // of text (inflated, for gzip)
};

// Reads the file once without storing it; nullopt if it cannot be read (the loader then
// reports why, as bad input).
std::optional<EdgeListShape> scan_edge_list(const std::string& path);

struct MemoryEstimate {
    double users = 0;
    double edges = 0;        // expected (generators) or at most (edge lists)
    double follows = 0;      // at the end of the run, bounded from above
    double creators = 0;     // at most
    double graph_bytes = 0;  // the peak while the graph is built
    double run_bytes = 0;    // the peak of the world, its buffers and the output text
    double fixed_bytes = 0;  // of both: the process itself, which concurrent runs share
    double bytes() const { return graph_bytes > run_bytes ? graph_bytes : run_bytes; }
};

// `edge_list` is needed for graph.type edgelist (without it the file's graph counts as
// empty). `threads` adds per-thread scratch.
MemoryEstimate estimate_memory(const scenario::Scenario& s, int threads,
                               const std::optional<EdgeListShape>& edge_list = std::nullopt);

// One line for messages and `check`: "users 1000000, edges 1.0e+07, ...".
std::string describe(const MemoryEstimate& e);

}  // namespace grassroots::model
