#pragma once
// The strict checks on a YAML mapping's keys that scenario and sweep files share: every
// key a plain scalar, each once, and (against a list) each known, with a did-you-mean.
// The caller turns a problem into an InputError at the key's position, as it computes it.
#include <optional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace grassroots::scenario {

struct KeyProblem {
    YAML::Node key;      // the offending key, for its position
    std::string dotted;  // the key's dotted path (the mapping's, for a key that is no name)
    std::string problem;
    std::string expected;
};

// A key that is not a scalar, or that repeats an earlier one.
std::optional<KeyProblem> malformed_key(const YAML::Node& map, const std::string& prefix);

// The first key that is not in `known`.
std::optional<KeyProblem> unknown_key(const YAML::Node& map, const std::string& prefix,
                                      const std::vector<std::string>& known);

}  // namespace grassroots::scenario
