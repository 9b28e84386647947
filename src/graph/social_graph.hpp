#pragma once
// The social graph: users are vertices 0..n-1 (user id = vertex id), stored as a Boost.Graph
// compressed sparse row graph. friends(v) are the users v pays attention to (whose online
// status and shares v sees); audience(v) are those who pay attention to v. Undirected
// graphs store each edge both ways, so the two are the same.
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include <boost/graph/compressed_sparse_row_graph.hpp>

namespace grassroots::graph {

using VertexId = std::uint32_t;
using Edge = std::pair<VertexId, VertexId>;

class SocialGraph {
public:
    SocialGraph() = default;

    // Builds from an edge list whose self loops and duplicates were already removed.
    // Undirected: each {u, v} appears once (either orientation). Directed: u -> v means
    // "u pays attention to v".
    static SocialGraph from_edges(VertexId vertex_count, const std::vector<Edge>& edges, bool directed);

    VertexId vertex_count() const { return vertex_count_; }
    // Undirected edges are counted once, directed arcs once each.
    std::uint64_t edge_count() const { return edge_count_; }
    bool directed() const { return directed_; }

    std::span<const VertexId> friends(VertexId v) const { return row(out_, v); }
    std::span<const VertexId> audience(VertexId v) const { return directed_ ? row(in_, v) : row(out_, v); }

private:
    using Csr = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, boost::no_property,
                                                   boost::no_property, VertexId, std::uint64_t>;
    static std::span<const VertexId> row(const Csr& g, VertexId v) {
        const auto begin = g.m_forward.m_rowstart[v];
        const auto end = g.m_forward.m_rowstart[v + 1];
        return {g.m_forward.m_column.data() + begin, static_cast<std::size_t>(end - begin)};
    }

    Csr out_;
    Csr in_;  // only built for directed graphs
    VertexId vertex_count_ = 0;
    std::uint64_t edge_count_ = 0;
    bool directed_ = false;
};

}  // namespace grassroots::graph
