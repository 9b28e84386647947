#pragma once
// The scenario's social graph, from world_seed. For an edge list it also fills in
// population.users (when omitted) and checks it against the file's node count.
#include "graph/social_graph.hpp"
#include "scenario/scenario.hpp"

namespace grassroots::model {

// Throws core::InputError for sizes the generator cannot make or a bad edge list.
graph::SocialGraph build_graph(scenario::Scenario& s);

// The checks of build_graph that need no graph (and no edge-list file): sizes against
// users. Lets a sweep validate every point before any run starts.
void check_graph(const scenario::Scenario& s);

}  // namespace grassroots::model
