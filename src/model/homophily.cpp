#include "model/homophily.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace grassroots::model {
namespace {

// Users per neighbourhood grown from one seed. Small enough that a neighbourhood is a
// ball of radius one or two around its seed on the shipped graphs (mean degree 8-44), so
// that most of its edges stay inside it; assumed, and what it gives is measured (the
// summary's same_*_edges). The neighbourhoods are then ordered by a breadth-first search
// over them, so that neighbouring neighbourhoods stand close in the order too.
constexpr std::uint64_t kNeighbourhoodUsers = 64;

// Every user's place in an order of the graph in which friends stand close: multi-source
// breadth-first search from random seeds labels each user with the nearest seed's
// neighbourhood (ties to the seed that reached it first); users no seed reaches start
// neighbourhoods of their own, in id order.
std::vector<std::uint32_t> neighbourhood_rank(const graph::SocialGraph& g, std::uint64_t world_seed,
                                              core::StreamId stream) {
    const std::uint32_t n = g.vertex_count();
    constexpr std::uint32_t kNone = ~std::uint32_t{0};
    std::vector<std::uint32_t> label(n, kNone);
    std::vector<std::uint32_t> queue;
    queue.reserve(n);
    const std::uint64_t seeds = std::max<std::uint64_t>(1, n / kNeighbourhoodUsers);
    core::RandomStream rng(world_seed, 0, stream, 0);
    std::uint32_t cells = 0;
    for (std::uint64_t i = 0; i < seeds && n > 0; ++i) {
        const auto v = static_cast<std::uint32_t>(rng.below(n));
        if (label[v] != kNone) continue;  // drawn twice: one seed fewer
        label[v] = cells++;
        queue.push_back(v);
    }
    const auto grow = [&](std::size_t head) {
        for (; head < queue.size(); ++head) {
            const std::uint32_t v = queue[head];
            for (const std::uint32_t f : g.friends(v)) {
                if (label[f] != kNone) continue;
                label[f] = label[v];
                queue.push_back(f);
            }
        }
    };
    grow(0);
    for (std::uint32_t v = 0; v < n; ++v) {
        if (label[v] != kNone) continue;
        label[v] = cells++;
        const std::size_t head = queue.size();
        queue.push_back(v);
        grow(head);
    }

    // Members of each neighbourhood in the order the search reached them (a counting sort
    // of the search's queue by label).
    std::vector<std::uint64_t> first(std::size_t{cells} + 1, 0);
    for (std::uint32_t v = 0; v < n; ++v) ++first[label[v] + 1];
    std::partial_sum(first.begin(), first.end(), first.begin());
    std::vector<std::uint32_t> members(n);
    {
        std::vector<std::uint64_t> cursor(first.begin(), first.end() - 1);
        for (const std::uint32_t v : queue) members[cursor[label[v]]++] = v;
    }
    queue = {};

    // The neighbourhoods' order: breadth-first over the graph of neighbourhoods (two are
    // adjacent when an edge joins them), from neighbourhood 0; users are ranked by their
    // neighbourhood's turn, then by the order the search reached them.
    std::vector<std::uint8_t> cell_seen(cells, 0);
    std::vector<std::uint32_t> cell_queue;
    cell_queue.reserve(cells);
    std::vector<std::uint32_t> rank(n);
    std::uint32_t next_rank = 0;
    for (std::uint32_t start = 0; start < cells; ++start) {
        if (cell_seen[start]) continue;
        cell_seen[start] = 1;
        cell_queue.push_back(start);
        for (std::size_t head = cell_queue.size() - 1; head < cell_queue.size(); ++head) {
            const std::uint32_t cell = cell_queue[head];
            for (std::uint64_t i = first[cell]; i < first[cell + 1]; ++i) {
                const std::uint32_t v = members[i];
                rank[v] = next_rank++;
                for (const std::uint32_t f : g.friends(v)) {
                    if (cell_seen[label[f]]) continue;
                    cell_seen[label[f]] = 1;
                    cell_queue.push_back(label[f]);
                }
            }
        }
    }
    return rank;
}

}  // namespace

std::vector<std::uint32_t> lay_out_along_graph(const graph::SocialGraph& g, const std::vector<std::uint64_t>& counts,
                                               double strength, std::uint64_t world_seed, core::StreamId stream) {
    const std::uint32_t n = g.vertex_count();
    const std::vector<std::uint32_t> rank = neighbourhood_rank(g, world_seed, stream);
    // Each user's place in [0, 1): its rank's, or a uniformly random one. Sorting by place
    // and cutting into runs of counts[k] users gives the categories.
    std::vector<double> place(n);
    for (std::uint32_t u = 0; u < n; ++u) {
        core::RandomStream rng(world_seed, 1, stream, u);
        const bool along_graph = rng.bernoulli(strength);
        const double random_place = rng.uniform();
        place[u] = along_graph ? (static_cast<double>(rank[u]) + 0.5) / static_cast<double>(n) : random_place;
    }
    std::vector<std::uint32_t> order(n);
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(),
              [&](std::uint32_t a, std::uint32_t b) { return place[a] != place[b] ? place[a] < place[b] : a < b; });
    std::vector<std::uint32_t> category(n, 0);
    std::size_t next = 0;
    for (std::size_t k = 0; k < counts.size(); ++k) {
        for (std::uint64_t i = 0; i < counts[k] && next < n; ++i)
            category[order[next++]] = static_cast<std::uint32_t>(k);
    }
    return category;
}

}  // namespace grassroots::model
