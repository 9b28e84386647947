#pragma once
// The social graph: users are vertices 0..n-1 (user id = vertex id), stored as compressed
// sparse rows (graph/adjacency_rows.hpp). friends(v) are the users v pays attention to
// (whose online status and shares v sees); audience(v) are those who pay attention to v.
// Undirected graphs store each edge both ways, so the two are the same.
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "graph/adjacency_rows.hpp"

namespace grassroots::graph {

class SocialGraph {
public:
    SocialGraph() = default;

    // Builds from an edge list whose self loops and duplicates were already removed.
    // Undirected: each {u, v} appears once (either orientation). Directed: u -> v means
    // "u pays attention to v".
    static SocialGraph from_edges(VertexId vertex_count, const std::vector<Edge>& edges, bool directed);
    // Takes rows already built (generators that never hold an edge vector). Undirected:
    // `out` holds every edge both ways and `in` is empty.
    static SocialGraph from_rows(std::uint64_t edge_count, AdjacencyRows out, AdjacencyRows in, bool directed);

    VertexId vertex_count() const { return out_.vertex_count(); }
    // Undirected edges are counted once, directed arcs once each.
    std::uint64_t edge_count() const { return edge_count_; }
    bool directed() const { return directed_; }

    std::span<const VertexId> friends(VertexId v) const { return out_.row(v); }
    std::span<const VertexId> audience(VertexId v) const { return directed_ ? in_.row(v) : out_.row(v); }

    // Bytes held by the rows (for the memory report).
    std::uint64_t bytes() const { return out_.bytes() + in_.bytes(); }

private:
    AdjacencyRows out_;
    AdjacencyRows in_;  // only built for directed graphs
    std::uint64_t edge_count_ = 0;
    bool directed_ = false;
};

}  // namespace grassroots::graph
