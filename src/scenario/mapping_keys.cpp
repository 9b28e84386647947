#include "scenario/mapping_keys.hpp"

#include <algorithm>

#include "scenario/suggest.hpp"

namespace grassroots::scenario {
namespace {

std::string dotted(const std::string& prefix, const std::string& name) {
    return prefix.empty() ? name : prefix + "." + name;
}

}  // namespace

std::optional<KeyProblem> malformed_key(const YAML::Node& map, const std::string& prefix) {
    std::vector<std::string> seen;
    for (const auto& entry : map) {
        if (!entry.first.IsScalar()) return KeyProblem{entry.first, prefix, "a key is not a plain name", "scalar keys"};
        const std::string& name = entry.first.Scalar();
        if (std::find(seen.begin(), seen.end(), name) != seen.end()) {
            return KeyProblem{entry.first, dotted(prefix, name), "duplicate key", "each key once per mapping"};
        }
        seen.push_back(name);
    }
    return std::nullopt;
}

std::optional<KeyProblem> unknown_key(const YAML::Node& map, const std::string& prefix,
                                      const std::vector<std::string>& known) {
    for (const auto& entry : map) {
        const std::string& name = entry.first.Scalar();
        if (std::find(known.begin(), known.end(), name) != known.end()) continue;
        std::string problem = "unknown key";
        const std::string guess = closest_match(name, known);
        if (!guess.empty()) problem += " (did you mean " + dotted(prefix, guess) + "?)";
        std::string expected = "one of";
        for (std::size_t i = 0; i < known.size(); ++i) expected += (i ? ", " : " ") + known[i];
        return KeyProblem{entry.first, dotted(prefix, name), problem, expected};
    }
    return std::nullopt;
}

}  // namespace grassroots::scenario
