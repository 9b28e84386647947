#pragma once
// SNAP-style edge list loader: '#' comment lines, whitespace- or comma-separated pairs,
// CRLF line ends, arbitrary sparse non-negative ids remapped to dense ids in order of
// first appearance; self loops and duplicate edges are dropped and counted.
// Malformed input throws core::InputError naming the file, line and column.
#include <cstdint>
#include <iosfwd>
#include <string>

#include "graph/social_graph.hpp"

namespace grassroots::graph {

struct LoadedGraph {
    SocialGraph graph;
    std::uint64_t self_loops_dropped = 0;
    std::uint64_t duplicates_dropped = 0;  // for undirected graphs, u-v and v-u are duplicates
};

// `key` is the scenario key to name in errors (e.g. "graph.path"). The file may be
// gzip-compressed (graph/text_input.hpp).
LoadedGraph load_edge_list(const std::string& path, bool directed, const std::string& key = "graph.path");

// The same from an open stream; `path` only names it in errors (the fuzz target and tests
// read from memory).
LoadedGraph read_edge_list(std::istream& in, const std::string& path, bool directed,
                           const std::string& key = "graph.path");

}  // namespace grassroots::graph
