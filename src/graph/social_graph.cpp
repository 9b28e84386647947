#include "graph/social_graph.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include <boost/iterator/counting_iterator.hpp>
#include <boost/iterator/transform_iterator.hpp>

namespace grassroots::graph {

namespace {

// Presents an edge vector to Boost as a sequence of arcs without materialising it: arc i
// is edge i / 2 in one orientation or the other (undirected), or edge i itself, possibly
// reversed (directed in/out). Boost's multi-pass constructor reads the sequence twice
// (count, then place), so peak memory is the input plus the finished CSR arrays.
struct ArcOf {
    const std::vector<Edge>* edges = nullptr;
    bool both_ways = false;
    bool reversed = false;

    Edge operator()(std::uint64_t i) const {
        if (both_ways) {
            const Edge& e = (*edges)[i / 2];
            return (i % 2 == 0) ? e : Edge{e.second, e.first};
        }
        const Edge& e = (*edges)[i];
        return reversed ? Edge{e.second, e.first} : e;
    }
};

template <typename Csr>
Csr build_csr(VertexId vertex_count, const std::vector<Edge>& edges, bool both_ways, bool reversed) {
    const std::uint64_t arcs = both_ways ? 2 * edges.size() : edges.size();
    const ArcOf arc_of{&edges, both_ways, reversed};
    auto first = boost::make_transform_iterator(boost::counting_iterator<std::uint64_t>(0), arc_of);
    auto last = boost::make_transform_iterator(boost::counting_iterator<std::uint64_t>(arcs), arc_of);
    Csr csr(boost::edges_are_unsorted_multi_pass, first, last, vertex_count);

    // Rows come out in input order; sorting them makes the graph independent of the order
    // edges were generated or listed in, and lets later code binary-search a row.
    auto& rowstart = csr.m_forward.m_rowstart;
    auto& column = csr.m_forward.m_column;
    for (VertexId v = 0; v < vertex_count; ++v) {
        std::sort(column.begin() + static_cast<std::ptrdiff_t>(rowstart[v]),
                  column.begin() + static_cast<std::ptrdiff_t>(rowstart[v + 1]));
    }
    return csr;
}

}  // namespace

SocialGraph SocialGraph::from_edges(VertexId vertex_count, const std::vector<Edge>& edges, bool directed) {
    // Boost only asserts ids in debug builds; an out-of-range id would write out of bounds.
    for (const Edge& e : edges) {
        if (e.first >= vertex_count || e.second >= vertex_count) {
            throw std::invalid_argument("SocialGraph::from_edges: edge (" + std::to_string(e.first) + ", " +
                                        std::to_string(e.second) +
                                        ") names a vertex >= " + std::to_string(vertex_count));
        }
    }
    SocialGraph g;
    g.vertex_count_ = vertex_count;
    g.edge_count_ = edges.size();
    g.directed_ = directed;
    if (directed) {
        g.out_ = build_csr<Csr>(vertex_count, edges, false, false);
        g.in_ = build_csr<Csr>(vertex_count, edges, false, true);
    } else {
        g.out_ = build_csr<Csr>(vertex_count, edges, true, false);
    }
    return g;
}

}  // namespace grassroots::graph
