#include "model/local_cells.hpp"

#include <algorithm>
#include <cmath>

namespace grassroots::model {

bool weighted_choice(const scenario::Scenario& s) {
    return s.commerce.local.reputation > 0.0 || s.commerce.local.price_elasticity > 0.0;
}

double choice_weight(const scenario::Scenario& s, std::uint64_t orders, Cents price, double mean_price) {
    const auto& local = s.commerce.local;
    double weight = 1.0;
    if (local.reputation > 0.0) weight *= std::pow(static_cast<double>(orders) + 1.0, local.reputation);
    if (local.price_elasticity > 0.0) {
        weight *= std::pow(static_cast<double>(price) / mean_price, -local.price_elasticity);
    }
    return weight;
}

void index_online_cells(TickContext& ctx) {
    const Merchants& m = ctx.world.merchants;
    const auto kinds = static_cast<std::size_t>(ctx.scenario.merchants.local_kinds);
    Buffers& b = ctx.buffers;
    auto& order = b.local_by_cell;
    if (order.empty()) {
        for (MerchantId id = 0; id < m.size(); ++id) {
            if (m.category[id] == MerchantCategory::local) order.push_back(id);
        }
        std::stable_sort(order.begin(), order.end(),
                         [&](MerchantId a, MerchantId c) { return cell_of(m, a, kinds) < cell_of(m, c, kinds); });
    }
    b.cell_keys.clear();
    b.cell_start.clear();
    b.cell_merchants.clear();
    for (const MerchantId id : order) {
        if (!m.online[id]) continue;
        const std::uint64_t cell = cell_of(m, id, kinds);
        if (b.cell_keys.empty() || b.cell_keys.back() != cell) {
            b.cell_keys.push_back(cell);
            b.cell_start.push_back(b.cell_merchants.size());
        }
        b.cell_merchants.push_back(id);
    }
    b.cell_start.push_back(b.cell_merchants.size());

    b.cell_weight.clear();
    if (!weighted_choice(ctx.scenario)) return;
    b.cell_weight.resize(b.cell_merchants.size());
    for (std::size_t at = 0; at < b.cell_keys.size(); ++at) {
        const std::size_t begin = b.cell_start[at], end = b.cell_start[at + 1];
        double prices = 0.0;
        for (std::size_t i = begin; i < end; ++i) prices += static_cast<double>(m.price[b.cell_merchants[i]]);
        const double mean_price = prices / static_cast<double>(end - begin);
        double sum = 0.0;
        for (std::size_t i = begin; i < end; ++i) {
            const MerchantId id = b.cell_merchants[i];
            sum += choice_weight(ctx.scenario, m.orders[id], m.price[id], mean_price);
            b.cell_weight[i] = sum;
        }
    }
}

std::size_t find_cell(const Buffers& b, std::uint64_t cell) {
    const auto found = std::lower_bound(b.cell_keys.begin(), b.cell_keys.end(), cell);
    if (found == b.cell_keys.end() || *found != cell) return b.cell_keys.size();
    return static_cast<std::size_t>(found - b.cell_keys.begin());
}

MerchantId choose_merchant(const Buffers& b, std::size_t at, bool weighted, core::RandomStream& rng) {
    const std::size_t begin = b.cell_start[at], end = b.cell_start[at + 1];
    if (!weighted) return b.cell_merchants[begin + rng.below(end - begin)];
    const double total = b.cell_weight[end - 1];
    const double target = rng.uniform() * total;
    // The first merchant whose cumulative weight exceeds the target; the last if rounding
    // leaves the target at the total.
    const auto first = b.cell_weight.begin() + static_cast<std::ptrdiff_t>(begin);
    const auto last = b.cell_weight.begin() + static_cast<std::ptrdiff_t>(end);
    const auto hit = std::upper_bound(first, last, target);
    const std::size_t i = hit == last ? end - 1 : static_cast<std::size_t>(hit - b.cell_weight.begin());
    return b.cell_merchants[i];
}

}  // namespace grassroots::model
