// Phase 6, commerce off the feed. Mini programs: an offline merchant goes online with
// probability base + peer * (online share of its chat group: same category and kind)
// + economic * value / (value + cost), value being what an online peer of its group
// earns over payback_days at the merchant's margin. Local services: each online user has
// needs at need_rate a day, each of a random kind; an online merchant of that kind in
// the user's region takes the order ("find a nearby master"), else the need is lost.
#include <algorithm>
#include <atomic>

#include "core/parallel.hpp"
#include "model/streams.hpp"
#include "model/tick.hpp"

namespace grassroots::model {
namespace {

// Chat groups: goods merchants form one group, local merchants one per kind.
std::size_t group_of(const Merchants& m, MerchantId id) {
    return m.category[id] == MerchantCategory::goods ? 0 : 1 + m.kind[id];
}

}  // namespace

void run_mini_programs(TickContext& ctx) {
    Merchants& m = ctx.world.merchants;
    const auto& spec = ctx.scenario.merchants;
    const auto& program = spec.mini_program;
    const std::size_t groups = 1 + static_cast<std::size_t>(spec.local_kinds);

    // Per group, as of the start of the phase: members, online members, and the daily
    // revenue of an online member (revenue over days online, in currency units).
    std::vector<double> members(groups, 0.0), online(groups, 0.0), revenue(groups, 0.0), days(groups, 0.0);
    for (MerchantId id = 0; id < m.size(); ++id) {
        const std::size_t g = group_of(m, id);
        members[g] += 1.0;
        if (!m.online[id]) continue;
        online[g] += 1.0;
        revenue[g] += static_cast<double>(m.revenue[id]) / 100.0;
        days[g] += static_cast<double>(ctx.tick - m.online_tick[id]);
    }
    std::vector<double> probability(groups, 0.0);
    for (std::size_t g = 0; g < groups; ++g) {
        const double daily = days[g] > 0.0 ? revenue[g] / days[g] : 0.0;
        const double value = spec.margin * daily * static_cast<double>(program.payback_days);
        const double economic = program.cost <= 0.0 ? 1.0 : value / (value + program.cost);
        const double peer_share = members[g] > 0.0 ? online[g] / members[g] : 0.0;
        probability[g] = program.base + program.peer * peer_share + program.economic * economic;
    }

    std::atomic<std::uint64_t> adopted{0};
    core::for_each_block(m.size(), [&](std::size_t, std::size_t begin, std::size_t end) {
        std::uint64_t local = 0;
        for (std::size_t id = begin; id < end; ++id) {
            if (m.online[id]) continue;
            core::RandomStream rng(ctx.scenario.seed, static_cast<std::uint32_t>(ctx.tick), stream::kMiniProgram, id);
            if (rng.bernoulli(probability[group_of(m, static_cast<MerchantId>(id))])) {
                m.online[id] = 1;
                m.online_tick[id] = ctx.tick;
                ++local;
            }
        }
        adopted.fetch_add(local, std::memory_order_relaxed);
    });
    ctx.flows.merchants_adopted += adopted.load();
}

void run_local_services(TickContext& ctx) {
    World& w = ctx.world;
    Merchants& m = w.merchants;
    const auto kinds = static_cast<std::size_t>(ctx.scenario.merchants.local_kinds);
    const double need_rate = ctx.scenario.commerce.local.need_rate;
    if (need_rate <= 0.0) return;

    // Online local merchants by cell = region * kinds + kind, ascending ids within a cell,
    // and the cells that have one: a need looks its cell up by binary search.
    const auto cell_of = [&](MerchantId id) { return std::uint64_t{m.region[id]} * kinds + m.kind[id]; };
    auto& order = ctx.buffers.local_by_cell;
    if (order.empty()) {
        for (MerchantId id = 0; id < m.size(); ++id) {
            if (m.category[id] == MerchantCategory::local) order.push_back(id);
        }
        std::stable_sort(order.begin(), order.end(),
                         [&](MerchantId a, MerchantId b) { return cell_of(a) < cell_of(b); });
    }
    auto& keys = ctx.buffers.cell_keys;
    auto& start = ctx.buffers.cell_start;
    auto& members = ctx.buffers.cell_merchants;
    keys.clear();
    start.clear();
    members.clear();
    for (const MerchantId id : order) {
        if (!m.online[id]) continue;
        const std::uint64_t cell = cell_of(id);
        if (keys.empty() || keys.back() != cell) {
            keys.push_back(cell);
            start.push_back(members.size());
        }
        members.push_back(id);
    }
    start.push_back(members.size());

    std::atomic<std::uint64_t> met{0}, lost{0}, offline{0}, overflows{0};
    const double offline_rate = ctx.scenario.commerce.local.offline_rate;
    Cents revenue = 0;
    core::for_each_block(w.users.size(), [&](std::size_t, std::size_t begin, std::size_t end) {
        std::uint64_t block_met = 0, block_lost = 0, block_offline = 0, block_overflows = 0;
        Cents block_revenue = 0;
        const auto count = [&](bool fits) { block_overflows += fits ? 0 : 1; };
        for (std::size_t u = begin; u < end; ++u) {
            if (!w.users.online[u]) continue;
            core::RandomStream rng(ctx.scenario.seed, static_cast<std::uint32_t>(ctx.tick), stream::kLocalNeeds, u);
            const std::uint32_t needs = rng.count_with_mean(need_rate);
            for (std::uint32_t k = 0; k < needs; ++k) {
                const std::uint64_t cell = std::uint64_t{w.users.region[u]} * kinds + rng.below(kinds);
                const auto found = std::lower_bound(keys.begin(), keys.end(), cell);
                if (found == keys.end() || *found != cell) {
                    // No draw at offline_rate 0: the stream stays as it was before the key.
                    if (offline_rate > 0.0 && rng.bernoulli(offline_rate)) {
                        ++block_offline;
                    } else {
                        ++block_lost;
                    }
                    continue;
                }
                const auto at = static_cast<std::size_t>(found - keys.begin());
                const MerchantId id = members[start[at] + rng.below(start[at + 1] - start[at])];
                std::atomic_ref<std::uint64_t>(m.orders[id]).fetch_add(1, std::memory_order_relaxed);
                count(add_cents_atomic(m.revenue[id], m.price[id]));
                count(add_cents(block_revenue, m.price[id]));
                ++block_met;
            }
        }
        count(add_cents_atomic(revenue, block_revenue));
        met.fetch_add(block_met, std::memory_order_relaxed);
        lost.fetch_add(block_lost, std::memory_order_relaxed);
        offline.fetch_add(block_offline, std::memory_order_relaxed);
        overflows.fetch_add(block_overflows, std::memory_order_relaxed);
    });
    ctx.flows.local_orders += met.load();
    ctx.flows.local_orders_lost += lost.load();
    ctx.flows.local_orders_offline += offline.load();
    ctx.flows.money_overflows += overflows.load();
    ctx.flows.count_overflow(add_cents(ctx.flows.local_revenue, revenue));
}

}  // namespace grassroots::model
