#pragma once
// Sorts an edge list and removes its duplicates, in parallel, with the result std::sort
// followed by std::unique gives (the edges ascending by (first, second)). A radix step
// deals the edges into buckets of consecutive first vertices, then each bucket, small
// enough for the cache, is sorted by a counting sort on its first vertices and its rows
// by insertion. The work is cut by the edge and vertex counts only, never by the threads,
// and the result is one sorted set anyway.
#include <cstdint>
#include <vector>

#include "graph/social_graph.hpp"

namespace grassroots::graph::detail {

// Every id in `edges` is below `vertex_count`. Returns how many edges were dropped.
// Memory beyond `edges`: 8 bytes per edge (a second copy) and under 3 MB, freed before it
// returns.
std::uint64_t sort_unique_edges(std::vector<Edge>& edges, VertexId vertex_count);

}  // namespace grassroots::graph::detail
