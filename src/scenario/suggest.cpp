#include "scenario/suggest.hpp"

#include <algorithm>
#include <cstddef>

namespace grassroots::scenario {
namespace {

// Levenshtein distance with one rolling row.
std::size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t substitution = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
            diagonal = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, substitution});
        }
    }
    return row[b.size()];
}

}  // namespace

std::string closest_match(const std::string& word, const std::vector<std::string>& candidates) {
    // A shortened name ("barabasi" for "barabasi_albert") is the likeliest slip of all.
    if (word.size() >= 3) {
        for (const std::string& candidate : candidates) {
            if (candidate.size() > word.size() && candidate.compare(0, word.size(), word) == 0) return candidate;
        }
    }
    std::string best;
    std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
    for (const std::string& candidate : candidates) {
        const std::size_t d = edit_distance(word, candidate);
        if (d < best_distance) {
            best_distance = d;
            best = candidate;
        }
    }
    return best;
}

}  // namespace grassroots::scenario
