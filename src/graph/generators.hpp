#pragma once
// Random graph generators. Each is a pure function of its parameters and the seed
// (draws come from core::RandomStream keyed by the seed), so a world_seed fixes the graph.
#include <cstdint>

#include "graph/social_graph.hpp"

namespace grassroots::graph {

// G(n, p) with p = mean_degree / (n - 1), by geometric skipping (Batagelj & Brandes 2005).
SocialGraph erdos_renyi(VertexId n, double mean_degree, std::uint64_t seed);
// Preferential attachment: each new vertex links to m distinct existing vertices chosen
// in proportion to degree, starting from a clique of m + 1 vertices. Needs n > m >= 1.
// `parallel` draws each vertex's targets from its own random stream and builds on every
// thread, the same graph at any thread count; `sequential` is the one-stream generator of
// grassroots before issue 14 (the same model, other draws: kept so that earlier results
// can be reproduced). barabasi_albert.cpp says how.
enum class AttachmentDraws { parallel, sequential };
SocialGraph barabasi_albert(VertexId n, std::uint32_t m, std::uint64_t seed,
                            AttachmentDraws draws = AttachmentDraws::parallel);
// Ring lattice where every vertex links to its k nearest (k even), each edge rewired with
// probability beta (no self loops, no duplicates).
SocialGraph watts_strogatz(VertexId n, std::uint32_t k, double beta, std::uint64_t seed);
// `blocks` equal-sized blocks (the last takes the remainder); edges inside a block with
// p_in, across blocks with p_out. block_of(v, n, blocks) tells a vertex's block.
SocialGraph stochastic_block(VertexId n, std::uint32_t blocks, double p_in, double p_out, std::uint64_t seed);
std::uint32_t block_of(VertexId v, VertexId n, std::uint32_t blocks);
SocialGraph complete(VertexId n);

}  // namespace grassroots::graph
