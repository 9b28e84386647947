#pragma once
// "Did you mean ...?" for misspelt keys and values.
#include <string>
#include <vector>

namespace grassroots::scenario {

// The candidate closest to `word` by edit distance, or "" when none is close enough
// (more than a third of the word's letters would have to change).
std::string closest_match(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace grassroots::scenario
