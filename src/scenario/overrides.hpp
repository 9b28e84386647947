#pragma once
// `--set KEY=VALUE`: writes VALUE at a dotted path of the parsed YAML document before the
// scenario is read, so an override is validated exactly like the file.
#include <cstddef>
#include <string>

#include <yaml-cpp/yaml.h>

namespace grassroots::scenario {

// `index` is the override's position among the --set options (named in errors).
void apply_override(YAML::Node& root, const std::string& assignment, std::size_t index);

}  // namespace grassroots::scenario
