#include "graph/generators.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/rng.hpp"

namespace grassroots::graph {

namespace {

using core::RandomStream;
using core::StreamId;

// One stream per generator, in a range ("GR" + number) that the model's phases do not use,
// so that a world_seed gives the same graph whatever else the world builder draws.
constexpr StreamId kErdosRenyiStream = 0x47520001;
// 0x47520002 and 0x47520005: barabasi_albert.cpp
constexpr StreamId kWattsStrogatzStream = 0x47520003;
constexpr StreamId kStochasticBlockStream = 0x47520004;

void require(bool condition, const std::string& what) {
    if (!condition) throw std::invalid_argument(what);
}

// Calls visit(i) for every i in [0, total) kept independently with probability p, in
// increasing order, drawing one uniform per kept index (plus one to finish): the gap to the
// next kept index is geometric (Batagelj & Brandes 2005), so the cost is O(kept), not
// O(total).
template <typename Visit>
void for_each_bernoulli_index(RandomStream& rng, std::uint64_t total, double p, Visit visit) {
    if (total == 0 || p <= 0.0) return;
    if (p >= 1.0) {
        for (std::uint64_t i = 0; i < total; ++i) visit(i);
        return;
    }
    const double log_q = std::log1p(-p);
    std::uint64_t next = 0;  // the first index the next gap is counted from
    for (;;) {
        // 1 - uniform() is in (0, 1], so the log is finite.
        const double gap = std::floor(std::log(1.0 - rng.uniform()) / log_q);
        // Compare as double first: a gap past the end may exceed 2^64.
        if (gap >= static_cast<double>(total - next)) return;
        const std::uint64_t i = next + static_cast<std::uint64_t>(gap);
        if (i >= total) return;
        visit(i);
        next = i + 1;
        if (next == total) return;
    }
}

// Maps increasing indices of the strictly lower triangle (pairs w < v of `size` vertices,
// row by row) to pairs, in O(size + kept) over a whole pass.
class TriangleCursor {
public:
    Edge pair_at(std::uint64_t index) {
        while (index >= row_start_ + row_) {
            row_start_ += row_;
            ++row_;
        }
        return {static_cast<VertexId>(row_), static_cast<VertexId>(index - row_start_)};
    }

private:
    std::uint64_t row_ = 1;  // vertex v; its row holds the v pairs (v, 0..v-1)
    std::uint64_t row_start_ = 0;
};

std::uint64_t pairs_among(std::uint64_t n) { return n < 2 ? 0 : n * (n - 1) / 2; }

// Room for the expected number of edges plus six standard deviations, so that the vector
// almost never reallocates (a reallocation would briefly double its memory).
std::size_t expected_capacity(std::uint64_t pairs, double p) {
    const double mean = static_cast<double>(pairs) * p;
    return static_cast<std::size_t>(mean + 6.0 * std::sqrt(mean) + 16.0);
}

// Edges {a, b} added by rewiring, as a set with open addressing. The key min << 32 | max is
// never 0 (max > min >= 0), so 0 marks an empty slot. Much smaller than a node-based
// std::unordered_set, which matters with tens of millions of rewired edges.
class EdgeSet {
public:
    explicit EdgeSet(std::size_t expected) {
        std::size_t capacity = 64;
        while (capacity < 2 * expected) capacity *= 2;
        slots_.assign(capacity, 0);
    }

    bool contains(VertexId a, VertexId b) const {
        const std::uint64_t key = key_of(a, b);
        for (std::size_t i = slot_of(key);; i = (i + 1) & (slots_.size() - 1)) {
            if (slots_[i] == key) return true;
            if (slots_[i] == 0) return false;
        }
    }

    void insert(VertexId a, VertexId b) {
        if (2 * (size_ + 1) > slots_.size()) grow();
        place(key_of(a, b));
        ++size_;
    }

private:
    static std::uint64_t key_of(VertexId a, VertexId b) {
        return (std::uint64_t{std::min(a, b)} << 32) | std::max(a, b);
    }
    std::size_t slot_of(std::uint64_t key) const {
        return static_cast<std::size_t>(core::mix64(key)) & (slots_.size() - 1);
    }
    void place(std::uint64_t key) {
        std::size_t i = slot_of(key);
        while (slots_[i] != 0) i = (i + 1) & (slots_.size() - 1);
        slots_[i] = key;
    }
    void grow() {
        std::vector<std::uint64_t> old(2 * slots_.size(), 0);
        old.swap(slots_);
        for (const std::uint64_t key : old) {
            if (key != 0) place(key);
        }
    }

    std::vector<std::uint64_t> slots_;
    std::size_t size_ = 0;
};

}  // namespace

SocialGraph erdos_renyi(VertexId n, double mean_degree, std::uint64_t seed) {
    require(n >= 1, "erdos_renyi: n must be at least 1");
    require(mean_degree >= 0.0 && mean_degree <= static_cast<double>(n - 1),
            "erdos_renyi: mean_degree must be in [0, n - 1]");
    const double p = n > 1 ? mean_degree / static_cast<double>(n - 1) : 0.0;
    RandomStream rng(seed, 0, kErdosRenyiStream, 0);
    std::vector<Edge> edges;
    edges.reserve(expected_capacity(pairs_among(n), p));
    TriangleCursor cursor;
    for_each_bernoulli_index(rng, pairs_among(n), p, [&](std::uint64_t i) { edges.push_back(cursor.pair_at(i)); });
    return SocialGraph::from_edges(n, edges, false);
}

SocialGraph watts_strogatz(VertexId n, std::uint32_t k, double beta, std::uint64_t seed) {
    require(k >= 2 && k % 2 == 0 && k < n, "watts_strogatz: k must be even with 2 <= k < n");
    require(beta >= 0.0 && beta <= 1.0, "watts_strogatz: beta must be in [0, 1]");
    const std::uint32_t half = k / 2;
    // Lattice edge (u, u + j mod n) sits at index u * half + j - 1 and keeps that value
    // until it is rewired, which is how has_edge tells a surviving lattice edge.
    std::vector<Edge> edges;
    edges.reserve(std::uint64_t{n} * half);
    for (VertexId u = 0; u < n; ++u) {
        for (std::uint32_t j = 1; j <= half; ++j) {
            edges.emplace_back(u, static_cast<VertexId>((std::uint64_t{u} + j) % n));
        }
    }
    const double expected_rewired = static_cast<double>(edges.size()) * beta;
    EdgeSet rewired(static_cast<std::size_t>(expected_rewired + 6.0 * std::sqrt(expected_rewired)));
    const auto has_edge = [&](VertexId a, VertexId b) {
        const VertexId forward = static_cast<VertexId>((std::uint64_t{b} + n - a) % n);
        const VertexId backward = n - forward;
        const bool a_first = forward <= half;
        const VertexId base = a_first ? a : b;
        const VertexId step = a_first ? forward : backward;
        if (step >= 1 && step <= half) {
            const Edge& lattice = edges[std::uint64_t{base} * half + step - 1];
            if (lattice.first == base && lattice.second == (a_first ? b : a)) return true;
        }
        return rewired.contains(a, b);
    };
    // Degrees are tracked only to skip a vertex already linked to everyone, for which no
    // valid target exists (possible only when k is close to n).
    std::vector<VertexId> degree(n, k);
    RandomStream rng(seed, 0, kWattsStrogatzStream, 0);
    for (std::uint64_t e = 0; e < edges.size(); ++e) {
        if (!rng.bernoulli(beta)) continue;
        const auto [u, old_target] = edges[e];
        if (degree[u] >= n - 1) continue;
        VertexId target = 0;
        do {
            target = static_cast<VertexId>(rng.below(n));
        } while (target == u || has_edge(u, target));
        edges[e] = {u, target};
        rewired.insert(u, target);
        --degree[old_target];
        ++degree[target];
    }
    return SocialGraph::from_edges(n, edges, false);
}

std::uint32_t block_of(VertexId v, VertexId n, std::uint32_t blocks) {
    const VertexId size = n / blocks;
    return std::min(v / size, blocks - 1);
}

SocialGraph stochastic_block(VertexId n, std::uint32_t blocks, double p_in, double p_out, std::uint64_t seed) {
    require(blocks >= 1 && blocks <= n, "stochastic_block: blocks must be in [1, n]");
    require(p_in >= 0.0 && p_in <= 1.0 && p_out >= 0.0 && p_out <= 1.0,
            "stochastic_block: p_in and p_out must be in [0, 1]");
    const VertexId size = n / blocks;
    const auto first_of = [&](std::uint32_t b) { return static_cast<VertexId>(b * size); };
    const auto size_of = [&](std::uint32_t b) -> VertexId { return b + 1 == blocks ? n - first_of(b) : size; };
    std::uint64_t pairs_in = 0;
    for (std::uint32_t b = 0; b < blocks; ++b) pairs_in += pairs_among(size_of(b));
    const std::uint64_t pairs_out = pairs_among(n) - pairs_in;
    std::vector<Edge> edges;
    edges.reserve(expected_capacity(pairs_in, p_in) + expected_capacity(pairs_out, p_out));

    // One stream, consumed block by block: first the pairs within each block, then, for each
    // block, its pairs with every later block at once (the later blocks are one contiguous
    // range of vertices), so the cost is O(blocks + edges), not O(blocks^2).
    RandomStream rng(seed, 0, kStochasticBlockStream, 0);
    for (std::uint32_t b = 0; b < blocks; ++b) {
        const VertexId offset = first_of(b);
        TriangleCursor cursor;
        for_each_bernoulli_index(rng, pairs_among(size_of(b)), p_in, [&](std::uint64_t i) {
            const Edge e = cursor.pair_at(i);
            edges.emplace_back(offset + e.first, offset + e.second);
        });
    }
    for (std::uint32_t b = 0; b + 1 < blocks; ++b) {
        const VertexId rows_offset = first_of(b);
        const VertexId columns_offset = first_of(b + 1);
        const VertexId columns = n - columns_offset;
        const std::uint64_t cells = std::uint64_t{size_of(b)} * columns;
        for_each_bernoulli_index(rng, cells, p_out, [&](std::uint64_t i) {
            edges.emplace_back(rows_offset + static_cast<VertexId>(i / columns),
                               columns_offset + static_cast<VertexId>(i % columns));
        });
    }
    return SocialGraph::from_edges(n, edges, false);
}

SocialGraph complete(VertexId n) {
    std::vector<Edge> edges;
    edges.reserve(pairs_among(n));
    for (VertexId v = 1; v < n; ++v) {
        for (VertexId w = 0; w < v; ++w) edges.emplace_back(v, w);
    }
    return SocialGraph::from_edges(n, edges, false);
}

}  // namespace grassroots::graph
