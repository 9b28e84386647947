// The one-line-at-a-time loader (edge_list.hpp, read_edge_list_sequential).
#include <algorithm>
#include <istream>
#include <limits>
#include <unordered_map>
#include <vector>

#include "core/error.hpp"
#include "graph/edge_line.hpp"
#include "graph/edge_list.hpp"

namespace grassroots::graph {

LoadedGraph read_edge_list_sequential(std::istream& in, const std::string& path, bool directed,
                                      const std::string& key) {
    const auto fail_file = [&](const std::string& problem, const std::string& expected) {
        throw core::InputError({path, 0, 0}, key, problem, expected);
    };
    constexpr std::uint64_t kMaxVertices = std::numeric_limits<VertexId>::max();
    std::unordered_map<std::uint64_t, VertexId> dense;
    std::vector<Edge> edges;
    LoadedGraph loaded;
    std::string line;
    std::uint64_t line_number = 0;
    while (std::getline(in, line)) {
        ++line_number;
        std::string_view text = line;
        if (text.ends_with('\r')) text.remove_suffix(1);
        const detail::ParsedLine parsed = detail::parse_edge_line(text);
        // SourcePosition holds an int; a file of over 2^31 lines reports its last int line.
        const int at = static_cast<int>(std::min<std::uint64_t>(line_number, std::numeric_limits<int>::max()));
        if (parsed.kind == detail::LineKind::fault) {
            throw core::InputError({path, at, static_cast<int>(parsed.fault_column) + 1}, key, parsed.problem,
                                   parsed.expected);
        }
        if (parsed.kind == detail::LineKind::skip) continue;
        const auto dense_id = [&](std::uint64_t id, std::size_t column) {
            const auto [it, inserted] = dense.try_emplace(id, static_cast<VertexId>(dense.size()));
            if (inserted && dense.size() > kMaxVertices) {
                throw core::InputError({path, at, static_cast<int>(column) + 1}, key,
                                       "more than " + std::to_string(kMaxVertices) + " distinct node ids",
                                       "a graph whose vertex count fits in 32 bits");
            }
            return it->second;
        };
        const VertexId u = dense_id(parsed.edge.first, parsed.first_column);
        const VertexId v = dense_id(parsed.edge.second, parsed.second_column);
        if (u == v) {
            ++loaded.self_loops_dropped;
            continue;
        }
        // An undirected edge is stored once, in a canonical orientation, so that v-u after
        // u-v is recognised as a duplicate below.
        edges.push_back(directed ? Edge{u, v} : Edge{std::min(u, v), std::max(u, v)});
    }
    if (in.bad()) fail_file("error while reading edge list '" + path + "'", "a readable file");
    if (edges.empty()) {
        fail_file("edge list '" + path + "' has no edges", "at least one line 'u v' with u != v");
    }

    std::sort(edges.begin(), edges.end());
    const auto unique_end = std::unique(edges.begin(), edges.end());
    loaded.duplicates_dropped = static_cast<std::uint64_t>(edges.end() - unique_end);
    edges.erase(unique_end, edges.end());
    edges.shrink_to_fit();
    loaded.graph = SocialGraph::from_edges(static_cast<VertexId>(dense.size()), edges, directed);
    return loaded;
}

}  // namespace grassroots::graph
