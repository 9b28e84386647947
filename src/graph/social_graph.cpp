#include "graph/social_graph.hpp"

#include <stdexcept>
#include <string>

namespace grassroots::graph {

SocialGraph SocialGraph::from_edges(VertexId vertex_count, const std::vector<Edge>& edges, bool directed) {
    // An out-of-range id would write out of bounds.
    for (const Edge& e : edges) {
        if (e.first >= vertex_count || e.second >= vertex_count) {
            throw std::invalid_argument("SocialGraph::from_edges: edge (" + std::to_string(e.first) + ", " +
                                        std::to_string(e.second) +
                                        ") names a vertex >= " + std::to_string(vertex_count));
        }
    }
    const auto edge_at = [&](std::uint64_t i) { return edges[i]; };
    if (directed) {
        return from_rows(edges.size(), AdjacencyRows::build(vertex_count, edges.size(), false, false, edge_at),
                         AdjacencyRows::build(vertex_count, edges.size(), false, true, edge_at), true);
    }
    return from_rows(edges.size(), AdjacencyRows::build(vertex_count, edges.size(), true, false, edge_at), {}, false);
}

SocialGraph SocialGraph::from_rows(std::uint64_t edge_count, AdjacencyRows out, AdjacencyRows in, bool directed) {
    SocialGraph g;
    g.out_ = std::move(out);
    g.in_ = std::move(in);
    g.edge_count_ = edge_count;
    g.directed_ = directed;
    return g;
}

}  // namespace grassroots::graph
