#pragma once
// Helpers for model tests: scenarios from inline YAML or from tests/inputs, built like the
// CLI builds them.
#include <string>
#include <vector>

#include "model/build_graph.hpp"
#include "model/simulation.hpp"
#include "scenario/load.hpp"

namespace grassroots::testing {

// Every mechanism on (elites, entry and exit, all four feed sources, a head cap, traffic
// pools, merchants with mini programs, local services, live commerce). The model,
// checkpoint and command-line tests share it; each sets the size and length it needs with
// overrides.
constexpr const char* kEverythingPath = GRASSROOTS_SOURCE_DIR "/tests/inputs/good/everything.yaml";

inline scenario::Scenario scenario_from(const std::string& yaml, const std::vector<std::string>& overrides = {}) {
    return scenario::parse_scenario(yaml, "test.yaml", GRASSROOTS_SOURCE_DIR, overrides);
}

inline model::Simulation simulation_from(const std::string& yaml) {
    scenario::Scenario s = scenario_from(yaml);
    graph::SocialGraph g = model::build_graph(s);
    return model::Simulation(s, std::move(g));
}

// `overrides` followed by `more`: a test's world plus the changes one run makes to it.
inline std::vector<std::string> with(std::vector<std::string> overrides, const std::vector<std::string>& more) {
    overrides.insert(overrides.end(), more.begin(), more.end());
    return overrides;
}

}  // namespace grassroots::testing
