#pragma once
// Helpers for the Catch2 tests: scenarios from inline YAML or from tests/inputs, built like
// the CLI builds them; temporary files.
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

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

// A file with the given bytes in the temporary directory, removed with the object.
class TempFile {
public:
    explicit TempFile(const std::string& contents, const std::string& suffix = ".txt") {
        static int counter = 0;
        path_ = (std::filesystem::temp_directory_path() /
                 ("grassroots_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + suffix))
                    .string();
        std::ofstream(path_, std::ios::binary) << contents;
    }
    ~TempFile() { std::filesystem::remove(path_); }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

}  // namespace grassroots::testing
