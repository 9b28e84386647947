#pragma once
// Reading scenarios: the only way a Scenario is made from user input. Every problem is
// a core::InputError with file, line, column and the dotted key.
#include <string>
#include <vector>

#include "core/error.hpp"
#include "scenario/scenario.hpp"

namespace grassroots::scenario {

// Reads and validates a scenario file, after applying `--set KEY=VALUE` overrides
// (dotted paths, list items by index) to the parsed document.
Scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides = {});

// The same from text already in memory; `file_label` names it in errors and relative
// edge-list paths are taken relative to `base_dir`. `origins[i]`, when given, is where
// override i came from (a sweep file's line); otherwise errors name "--set".
Scenario parse_scenario(const std::string& text, const std::string& file_label, const std::string& base_dir,
                        const std::vector<std::string>& overrides = {},
                        const std::vector<core::SourcePosition>& origins = {});

// The text of a scenario file; a missing, unreadable or directory path is an InputError.
std::string read_scenario_file(const std::string& path);

// The fully resolved scenario as YAML (every default filled in); parsing it gives back
// an equal Scenario.
std::string dump_scenario(const Scenario& s);

// Names of scenarios, sweeps and cohorts. A scenario's or sweep's name is its output
// directory under results/: a plain file name, never a path ("../x" or "/home/me" would
// make a run write into, and a fresh sweep clear, another directory) nor "." or "..".
inline constexpr const char* kNameRule = "1 to 64 letters, digits, '_', '-' or '.', not only dots";
bool valid_name(const std::string& s);

// Position of a dotted key in the file it came from (for errors found after parsing,
// e.g. an edge list whose node count disagrees with population.users).
core::SourcePosition position_of(const Scenario& s, const std::string& dotted_key);

}  // namespace grassroots::scenario
