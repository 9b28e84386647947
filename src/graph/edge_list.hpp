#pragma once
// SNAP-style edge list loader: '#' comment lines, whitespace- or comma-separated pairs,
// CRLF line ends, arbitrary sparse non-negative ids remapped to dense ids in order of
// first appearance (line by line, the first column before the second); self loops and
// duplicate edges are dropped and counted. Malformed input throws core::InputError naming
// the file, line and column of the first bad line.
//
// The text is cut into blocks at line ends, blocks are parsed in parallel (TBB, on the
// threads of the caller's task arena: one thread parses them one after the other), and
// ids are made dense block by block in file order, so the graph, the counts and the error
// are the same at any thread count and block size.
#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <limits>
#include <string>
#include <vector>

#include "graph/social_graph.hpp"

namespace grassroots::graph {

struct LoadedGraph {
    SocialGraph graph;
    std::uint64_t self_loops_dropped = 0;
    std::uint64_t duplicates_dropped = 0;  // for undirected graphs, u-v and v-u are duplicates
};

// How the loader cuts its work; tests shrink both to reach block boundaries and limits
// with small inputs.
struct EdgeListOptions {
    // Bytes of text read and parsed as one block (a block grows to hold a longer line).
    std::size_t block_bytes = std::size_t{1} << 20;
    // Distinct node ids allowed: a vertex count must fit in VertexId.
    std::uint64_t max_vertices = std::numeric_limits<VertexId>::max();
};

// The edges as SocialGraph::from_edges takes them: dense ids, self loops and duplicates
// removed, sorted; undirected edges as (smaller, larger).
struct EdgeListEdges {
    VertexId vertex_count = 0;
    std::vector<Edge> edges;
    std::uint64_t self_loops_dropped = 0;
    std::uint64_t duplicates_dropped = 0;
};

// `key` is the scenario key to name in errors (e.g. "graph.path"). The file may be
// gzip-compressed (graph/text_input.hpp).
LoadedGraph load_edge_list(const std::string& path, bool directed, const std::string& key = "graph.path",
                           const EdgeListOptions& options = {});

// The same from an open stream; `path` only names it in errors (the fuzz target and tests
// read from memory).
LoadedGraph read_edge_list(std::istream& in, const std::string& path, bool directed,
                           const std::string& key = "graph.path", const EdgeListOptions& options = {});

// read_edge_list without building the graph (the benchmark times the two apart).
EdgeListEdges parse_edge_list(std::istream& in, const std::string& path, bool directed,
                              const std::string& key = "graph.path", const EdgeListOptions& options = {});

// The loader as it was before it ran in parallel: std::getline, then each id looked up in
// a std::unordered_map. Kept as the plain statement of the semantics that the tests hold
// read_edge_list to, and as the benchmark's baseline.
LoadedGraph read_edge_list_sequential(std::istream& in, const std::string& path, bool directed,
                                      const std::string& key = "graph.path");

}  // namespace grassroots::graph
