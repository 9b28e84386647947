// Barabási-Albert preferential attachment, two ways of drawing the same model.
//
// The model (Batagelj & Brandes 2005): vertices 0..m form a clique; every later vertex v
// adds m edges (v, target), edge by edge. A vertex appears among the endpoints of the
// edges made before v once per unit of its degree, so a uniform endpoint of those edges is
// a degree-proportional choice; a target v already took is drawn again, so that v gets m
// distinct neighbours.
//
// Parallel draws (the default). Edges are numbered in the order the model makes them, and
// an endpoint is (edge, side). The first side of a non-clique edge is its source, known
// from the edge's number alone; the second side is the target that edge drew, which is
// itself an endpoint of an earlier edge. So a vertex's targets depend only on its own
// random numbers and the targets of earlier edges (Sanders & Schulz 2016, "Scalable
// generation of scale-free graphs", Inf. Process. Lett. 116, use the same observation for
// a communication-free generator). Each vertex v draws from its own counter-based stream,
// (seed, v), which makes its targets a pure function of the seed: any thread may compute
// them, in any order, and gets the same graph.
//
// Vertices are computed in waves. A wave of vertices [a, b) runs in parallel; a draw that
// lands on the second side of an edge of the same wave whose target is not known yet
// computes that edge's vertex on the spot (recursively; the value is the same whoever
// computes it). Waves are short enough (b - a <= a / (32 m)) that such a draw has chance
// below 1 / (64 m) and the recursion dies out at once; the first vertices, where waves
// would be tiny, run sequentially. Memory: 4 bytes per non-clique edge for the targets,
// beside the finished rows.
#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <stdexcept>
#include <vector>

#include "core/parallel.hpp"
#include "core/rng.hpp"
#include "graph/generators.hpp"

namespace grassroots::graph {

namespace {

using core::RandomStream;
using core::StreamId;

constexpr StreamId kSequentialStream = 0x47520002;
constexpr StreamId kParallelStream = 0x47520005;  // one stream per vertex (agent = v)
constexpr VertexId kUnknown = std::numeric_limits<VertexId>::max();
// Vertices below this many run one after another (waves there would hold a few vertices).
constexpr VertexId kSequentialPrefix = 1 << 14;
// A wave holds at most 1 / (kWaveDivisor m) of the vertices made before it.
constexpr std::uint64_t kWaveDivisor = 32;
// Up to this m, a vertex's first draws are kept on the stack.
constexpr std::uint32_t kStackDraws = 64;

std::uint64_t pairs_among(std::uint64_t n) { return n < 2 ? 0 : n * (n - 1) / 2; }

// The distinct targets of one vertex so far: a linear scan for small m, an open-addressing
// set beyond (m may be up to 10,000).
class TakenTargets {
public:
    explicit TakenTargets(std::uint32_t m) {
        if (m > kLinearLimit) {
            std::size_t capacity = 64;
            while (capacity < 2 * std::size_t{m}) capacity *= 2;
            slots_.assign(capacity, kUnknown);
        }
    }

    // Inserts t unless out[0..j) already holds it; returns whether it was inserted.
    bool insert(std::span<const VertexId> taken, VertexId t) {
        if (slots_.empty()) return std::find(taken.begin(), taken.end(), t) == taken.end();
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t i = static_cast<std::size_t>(core::mix64(t)) & mask;; i = (i + 1) & mask) {
            if (slots_[i] == t) return false;
            if (slots_[i] == kUnknown) {
                slots_[i] = t;
                return true;
            }
        }
    }

    // Empties the set (O(m): the set holds 2m to 4m slots).
    void clear() { std::fill(slots_.begin(), slots_.end(), kUnknown); }

private:
    static constexpr std::uint32_t kLinearLimit = 32;
    std::vector<VertexId> slots_;
};

class ParallelAttachment {
public:
    ParallelAttachment(VertexId n, std::uint32_t m, std::uint64_t seed)
        : n_(n),
          m_(m),
          seed_(seed),
          clique_edges_(pairs_among(std::uint64_t{m} + 1)),
          targets_(std::uint64_t{n - m - 1} * m, kUnknown) {}

    void draw_all() {
        std::vector<VertexId> out(m_);
        TakenTargets taken(m_);
        VertexId v = m_ + 1;
        for (; v < n_ && v < kSequentialPrefix; ++v) compute_and_store(v, out, taken);
        while (v < n_) {
            const std::uint64_t wave = std::max<std::uint64_t>(1, v / (kWaveDivisor * m_));
            const VertexId end = static_cast<VertexId>(std::min<std::uint64_t>(n_, v + wave));
            core::for_each_chunk(v, end, 16, [&](std::size_t first, std::size_t last) {
                std::vector<VertexId> chunk_out(m_);
                TakenTargets chunk_taken(m_);
                for (std::size_t w = first; w < last; ++w) {
                    compute_and_store(static_cast<VertexId>(w), chunk_out, chunk_taken);
                }
            });
            v = end;
        }
    }

    std::uint64_t edge_count() const { return clique_edges_ + targets_.size(); }

    Edge edge(std::uint64_t e) const {
        if (e < clique_edges_) return clique_edge(e);
        return {source_of(e), targets_[e - clique_edges_]};
    }

private:
    // Clique edge e is (v, w), w < v, numbered v (v - 1) / 2 + w.
    static Edge clique_edge(std::uint64_t e) {
        auto v = static_cast<std::uint64_t>((1.0 + std::sqrt(1.0 + 8.0 * static_cast<double>(e))) / 2.0);
        while (pairs_among(v) > e) --v;
        while (pairs_among(v + 1) <= e) ++v;
        return {static_cast<VertexId>(v), static_cast<VertexId>(e - pairs_among(v))};
    }

    VertexId source_of(std::uint64_t e) const { return static_cast<VertexId>(m_ + 1 + (e - clique_edges_) / m_); }

    std::uint64_t first_edge_of(VertexId v) const { return clique_edges_ + std::uint64_t{v - m_ - 1} * m_; }

    VertexId endpoint(std::uint64_t r) {
        const std::uint64_t e = r / 2;
        const bool second = (r % 2) == 1;
        if (e < clique_edges_) {
            const Edge c = clique_edge(e);
            return second ? c.second : c.first;
        }
        if (!second) return source_of(e);
        const VertexId known = std::atomic_ref<VertexId>(targets_[e - clique_edges_]).load(std::memory_order_relaxed);
        if (known != kUnknown) return known;
        // An edge of the current wave not drawn yet: draw its vertex here (rare).
        const VertexId w = source_of(e);
        std::vector<VertexId> out(m_);
        TakenTargets taken(m_);
        compute_and_store(w, out, taken);
        return out[(e - clique_edges_) % m_];
    }

    void compute_and_store(VertexId v, std::vector<VertexId>& out, TakenTargets& taken) {
        RandomStream rng(seed_, 0, kParallelStream, v);
        const std::uint64_t endpoints = 2 * first_edge_of(v);
        // The first m draws are made together and the targets they name prefetched, so that
        // their cache misses overlap; a repeat takes the stream's next draw, as if drawn
        // one by one.
        std::array<std::uint64_t, kStackDraws> stack_ahead;  // recursion-safe: no shared buffer
        std::vector<std::uint64_t> heap_ahead(m_ > kStackDraws ? m_ : 0);
        std::uint64_t* ahead = m_ > kStackDraws ? heap_ahead.data() : stack_ahead.data();
        for (std::uint32_t j = 0; j < m_; ++j) {
            ahead[j] = rng.below(endpoints);
            const std::uint64_t e = ahead[j] / 2;
            if (e >= clique_edges_) __builtin_prefetch(&targets_[e - clique_edges_]);
        }
        std::uint32_t next_ahead = 0;
        for (std::uint32_t j = 0; j < m_; ++j) {
            VertexId t = 0;
            do {
                t = endpoint(next_ahead < m_ ? ahead[next_ahead++] : rng.below(endpoints));
            } while (!taken.insert(std::span<const VertexId>(out.data(), j), t));
            out[j] = t;
        }
        taken.clear();
        const std::uint64_t base = first_edge_of(v) - clique_edges_;
        for (std::uint32_t j = 0; j < m_; ++j) {
            std::atomic_ref<VertexId>(targets_[base + j]).store(out[j], std::memory_order_relaxed);
        }
    }

    VertexId n_;
    std::uint32_t m_;
    std::uint64_t seed_;
    std::uint64_t clique_edges_;
    std::vector<VertexId> targets_;  // per non-clique edge, kUnknown until drawn
};

SocialGraph parallel_barabasi_albert(VertexId n, std::uint32_t m, std::uint64_t seed) {
    ParallelAttachment attachment(n, m, seed);
    attachment.draw_all();
    const auto edge_at = [&](std::uint64_t e) { return attachment.edge(e); };
    const std::uint64_t edges = attachment.edge_count();
    return SocialGraph::from_rows(edges, AdjacencyRows::build(n, edges, true, false, edge_at), {}, false);
}

// grassroots before issue 14: one stream for the whole graph, so each draw depends on how
// many came before and the loop cannot be split.
SocialGraph sequential_barabasi_albert(VertexId n, std::uint32_t m, std::uint64_t seed) {
    const std::uint64_t clique_edges = pairs_among(std::uint64_t{m} + 1);
    std::vector<Edge> edges;
    edges.reserve(clique_edges + std::uint64_t{m} * (n - m - 1));
    for (VertexId v = 1; v <= m; ++v) {
        for (VertexId w = 0; w < v; ++w) edges.emplace_back(v, w);
    }
    // The edge vector itself is the endpoint list; chosen_by[w] == v marks w as taken.
    RandomStream rng(seed, 0, kSequentialStream, 0);
    std::vector<VertexId> chosen_by(n, std::numeric_limits<VertexId>::max());
    for (VertexId v = m + 1; v < n; ++v) {
        const std::uint64_t endpoints = 2 * edges.size();
        for (std::uint32_t j = 0; j < m; ++j) {
            VertexId target = 0;
            do {
                const std::uint64_t r = rng.below(endpoints);
                const Edge& e = edges[r / 2];
                target = (r % 2 == 0) ? e.first : e.second;
            } while (chosen_by[target] == v);
            chosen_by[target] = v;
            edges.emplace_back(v, target);
        }
    }
    return SocialGraph::from_edges(n, edges, false);
}

}  // namespace

SocialGraph barabasi_albert(VertexId n, std::uint32_t m, std::uint64_t seed, AttachmentDraws draws) {
    if (!(m >= 1 && n > m)) throw std::invalid_argument("barabasi_albert: needs n > m >= 1");
    return draws == AttachmentDraws::parallel ? parallel_barabasi_albert(n, m, seed)
                                              : sequential_barabasi_albert(n, m, seed);
}

}  // namespace grassroots::graph
