#pragma once
// Homophily: attributes laid out along the social graph's neighbourhoods, so that friends
// tend to share a cohort, a region or an interest (McPherson, Smith-Lovin & Cook 2001).
#include <cstdint>
#include <vector>

#include "core/rng.hpp"
#include "graph/social_graph.hpp"

namespace grassroots::model {

// Categories 0..counts.size()-1 for the graph's users, exactly counts[k] users in category
// k (the counts sum to the users). A share `strength` of users, chosen at random, take
// their category from where they stand in a neighbourhood order of the graph (regions
// grown by breadth-first search from random seeds, so friends stand close); the others
// from a random place. 0 is a uniformly random assignment, 1 puts whole neighbourhoods in
// one category. Drawn from (world_seed, stream): a pure function of them and the graph.
std::vector<std::uint32_t> lay_out_along_graph(const graph::SocialGraph& g, const std::vector<std::uint64_t>& counts,
                                               double strength, std::uint64_t world_seed, core::StreamId stream);

}  // namespace grassroots::model
