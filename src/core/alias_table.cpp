#include "core/alias_table.hpp"

namespace grassroots::core {

void build_alias(std::span<const double> weights, std::span<float> probability, std::span<std::uint32_t> alias,
                 std::vector<std::uint32_t>& small, std::vector<std::uint32_t>& large) {
    const std::size_t n = weights.size();
    double total = 0.0;
    for (double w : weights) total += w;
    small.clear();
    large.clear();
    // Scaled weights live in `probability` (as float they lose nothing that matters:
    // a relative error of 1e-7 in a sampling weight).
    for (std::size_t i = 0; i < n; ++i) {
        const double scaled = total > 0.0 ? weights[i] * static_cast<double>(n) / total : 1.0;
        probability[i] = static_cast<float>(scaled);
        alias[i] = static_cast<std::uint32_t>(i);
        (scaled < 1.0 ? small : large).push_back(static_cast<std::uint32_t>(i));
    }
    while (!small.empty() && !large.empty()) {
        const std::uint32_t s = small.back();
        small.pop_back();
        const std::uint32_t l = large.back();
        alias[s] = l;
        probability[l] = (probability[l] + probability[s]) - 1.0f;
        if (probability[l] < 1.0f) {
            large.pop_back();
            small.push_back(l);
        }
    }
    // Whatever is left is 1 up to rounding.
    for (std::uint32_t i : small) probability[i] = 1.0f;
    for (std::uint32_t i : large) probability[i] = 1.0f;
}

void pack_alias(std::span<const float> probability, std::span<const std::uint32_t> alias,
                std::span<const std::uint32_t> values, std::span<AliasSlot> slots) {
    const auto name = [&](std::uint32_t i) { return values.empty() ? i : values[i]; };
    for (std::size_t i = 0; i < slots.size(); ++i) {
        slots[i] = {probability[i], name(static_cast<std::uint32_t>(i)), name(alias[i])};
    }
}

}  // namespace grassroots::core
