#pragma once
// How the Python functions take a scenario: a file's path, or the text of one made from a
// dict by the package (labelled "<dict>" in errors); --set overrides and an optional seed.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scenario/load.hpp"

namespace grassroots::python {

struct ScenarioInput {
    std::optional<std::string> path;  // a scenario file, or
    std::optional<std::string> text;  // the text of one (JSON is YAML), relative paths from base_dir
    std::string base_dir;
    std::vector<std::string> overrides;  // KEY=VALUE, as --set
    std::optional<std::uint64_t> seed;   // replaces the scenario's seed, as --seed
};

inline scenario::Scenario load_input(const ScenarioInput& in) {
    scenario::Scenario s = in.path
                               ? scenario::load_scenario(*in.path, in.overrides)
                               : scenario::parse_scenario(in.text.value_or(""), "<dict>", in.base_dir, in.overrides);
    if (in.seed) s.seed = *in.seed;
    return s;
}

}  // namespace grassroots::python
