#pragma once
// `--set KEY=VALUE`: writes VALUE at a dotted path of the parsed YAML document before the
// scenario is read, so an override is validated exactly like the file.
#include <cstddef>
#include <string>

#include <yaml-cpp/yaml.h>

#include "core/error.hpp"

namespace grassroots::scenario {

// `origin` is where the override came from (named in errors).
void apply_override(YAML::Node& root, const std::string& assignment, const core::SourcePosition& origin);

}  // namespace grassroots::scenario
