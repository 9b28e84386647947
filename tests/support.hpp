#pragma once
// Helpers for model tests: scenarios from inline YAML, built like the CLI builds them.
#include <string>

#include "model/build_graph.hpp"
#include "model/simulation.hpp"
#include "scenario/load.hpp"

namespace grassroots::testing {

inline scenario::Scenario scenario_from(const std::string& yaml) {
    return scenario::parse_scenario(yaml, "test.yaml", GRASSROOTS_SOURCE_DIR);
}

inline model::Simulation simulation_from(const std::string& yaml) {
    scenario::Scenario s = scenario_from(yaml);
    graph::SocialGraph g = model::build_graph(s);
    return model::Simulation(s, std::move(g));
}

}  // namespace grassroots::testing
