#pragma once
// sensitivity.csv: one row per metric x index x key (x key2 for S2), long form
// (results/README.md describes the columns).
#include <string>
#include <vector>

#include "analysis/analyze.hpp"

namespace grassroots::analysis {

// The header and one line per row. Numbers in the shortest form that reads back to the
// same double; a value or bound that is not a number (no interval) is an empty field.
std::string sensitivity_csv(const std::vector<SensitivityRow>& rows);

}  // namespace grassroots::analysis
