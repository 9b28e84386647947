#include "model/build_graph.hpp"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "core/error.hpp"
#include "graph/edge_list.hpp"
#include "graph/generators.hpp"
#include "scenario/load.hpp"

namespace grassroots::model {
namespace {

using scenario::GraphType;

// A complete graph of this many users already holds 200 million edges.
constexpr std::int64_t kMaxCompleteUsers = 20000;

void require(bool ok, const scenario::Scenario& s, const std::string& key, const std::string& problem,
             const std::string& expected) {
    if (!ok) throw core::InputError(scenario::position_of(s, key), key, problem, expected);
}

}  // namespace

void check_graph(const scenario::Scenario& s) {
    const auto& g = s.graph;
    const std::int64_t n = s.population.users;
    switch (g.type) {
        case GraphType::erdos_renyi:
            require(g.mean_degree <= static_cast<double>(n - 1), s, "graph.mean_degree",
                    "mean degree exceeds users - 1", "at most " + std::to_string(n - 1));
            break;
        case GraphType::barabasi_albert:
            require(g.m < n, s, "graph.m", "m must be below the number of users", "at most " + std::to_string(n - 1));
            break;
        case GraphType::watts_strogatz:
            // Rewiring redraws a target until it is not yet a neighbour: with k near the
            // users almost none is left, and the draws grow like n / (n - k) per edge (hours
            // at k = n - 2). A ring lattice that dense is no small world anyway.
            require(g.k <= n / 2, s, "graph.k", "k is more than half the number of users",
                    n < 4 ? std::string("at least 4 users for a watts_strogatz graph (k >= 2, at most half the users)")
                          : "an even integer at most " + std::to_string(n / 2) + " (half the users)");
            break;
        case GraphType::stochastic_block:
            require(g.blocks <= n, s, "graph.blocks", "more blocks than users", "at most " + std::to_string(n));
            break;
        case GraphType::complete:
            require(n <= kMaxCompleteUsers, s, "population.users", "too many users for a complete graph",
                    "at most " + std::to_string(kMaxCompleteUsers) + " with graph.type complete");
            break;
        case GraphType::edgelist:
            break;  // the file is checked when it is read
    }
    require(g.type == GraphType::edgelist || s.creators.elite.initial_followers < n, s,
            "creators.elite.initial_followers", "as many as the users or more",
            "fewer than the " + std::to_string(n) + " users");
}

graph::SocialGraph build_graph(scenario::Scenario& s) {
    check_graph(s);
    const auto& g = s.graph;
    const auto users = static_cast<graph::VertexId>(s.population.users);
    switch (g.type) {
        case GraphType::erdos_renyi:
            return graph::erdos_renyi(users, g.mean_degree, s.world_seed);
        case GraphType::barabasi_albert:
            return graph::barabasi_albert(users, static_cast<std::uint32_t>(g.m), s.world_seed,
                                          g.draws == scenario::AttachmentDraws::parallel
                                              ? graph::AttachmentDraws::parallel
                                              : graph::AttachmentDraws::sequential);
        case GraphType::watts_strogatz:
            return graph::watts_strogatz(users, static_cast<std::uint32_t>(g.k), g.beta, s.world_seed);
        case GraphType::stochastic_block:
            return graph::stochastic_block(users, static_cast<std::uint32_t>(g.blocks), g.p_in, g.p_out, s.world_seed);
        case GraphType::complete:
            return graph::complete(users);
        case GraphType::edgelist: {
            auto loaded = graph::load_edge_list(g.path, g.directed, "graph.path");
            const auto nodes = static_cast<std::int64_t>(loaded.graph.vertex_count());
            const std::int64_t n = s.population.users;
            require(n == 0 || n == nodes, s, "population.users",
                    "users = " + std::to_string(n) + " but the edge list has " + std::to_string(nodes) + " nodes",
                    "the node count " + std::to_string(nodes) + ", or the key omitted");
            spdlog::info("edge list {}: {} nodes, {} edges; dropped {} self loops, {} duplicate edges", g.path, nodes,
                         loaded.graph.edge_count(), loaded.self_loops_dropped, loaded.duplicates_dropped);
            s.population.users = nodes;
            return std::move(loaded.graph);
        }
    }
    return {};
}

}  // namespace grassroots::model
