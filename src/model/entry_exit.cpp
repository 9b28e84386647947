// Phase 2, entry and exit. Exit: a creator that gained fewer than min_growth followers
// over a patience window churns (stops publishing and hosting; keeps its followers),
// unless it earned at least min_income in the window.
// Entry: an online user who is not a creator becomes one with probability
// rate + peer * (share of its friends who are successful creators: enough followers, or
// enough income when success_income is set).
// First, the recent income that posting effort responds to (creators.effort) is updated.
#include <atomic>
#include <cmath>

#include "core/parallel.hpp"
#include "model/streams.hpp"
#include "model/tick.hpp"

namespace grassroots::model {
namespace {

// An amount of currency units from a key, in cents.
Cents cents_of(double units) { return static_cast<Cents>(std::llround(units * 100.0)); }

// Folds the income earned since the last tick (the previous feed's commission) into each
// creator's moving average of daily income: y += (earned - y) / window.
void track_income(TickContext& ctx) {
    const auto& spec = ctx.scenario.creators.effort;
    if (spec.income_elasticity == 0.0 && spec.session_elasticity == 0.0) return;
    Creators& c = ctx.world.creators;
    const double keep = 1.0 / static_cast<double>(spec.window);
    core::for_each_block(c.size(), [&](std::size_t, std::size_t begin, std::size_t end) {
        for (std::size_t id = begin; id < end; ++id) {
            const auto earned = static_cast<double>(c.income[id] - c.income_folded[id]);
            const double recent = c.income_recent[id];
            c.income_recent[id] = static_cast<float>(recent + (earned - recent) * keep);
            c.income_folded[id] = c.income[id];
        }
    });
}

void churn(TickContext& ctx) {
    const auto& spec = ctx.scenario.creators.exit;
    if (spec.patience == 0) return;
    Creators& c = ctx.world.creators;
    const Cents min_income = cents_of(spec.min_income);
    for (CreatorId id = 0; id < c.size(); ++id) {
        const std::int64_t age = ctx.tick - c.joined_tick[id];
        if (!c.active(id) || age == 0 || age % spec.patience != 0) continue;
        const bool grew = static_cast<std::int64_t>(c.followers[id] - c.followers_at_check[id]) >= spec.min_growth;
        const bool earned = min_income > 0 && c.income[id] - c.income_at_check[id] >= min_income;
        if (!grew && !earned) {
            c.status[id] = CreatorStatus::churned;
            ++ctx.flows.creators_churned;
        } else {
            c.followers_at_check[id] = c.followers[id];
            c.income_at_check[id] = c.income[id];
        }
    }
}

void enter(TickContext& ctx) {
    const auto& spec = ctx.scenario.creators.entry;
    if (spec.rate == 0.0 && spec.peer == 0.0) return;
    World& w = ctx.world;
    const std::size_t n = w.users.size();
    const auto tick = static_cast<std::uint32_t>(ctx.tick);
    const Cents success_income = cents_of(spec.success_income);  // 0: followers only
    auto& outboxes = ctx.buffers.new_creators;
    outboxes.resize(core::block_count(n));
    core::for_each_block(n, [&](std::size_t block, std::size_t begin, std::size_t end) {
        auto& out = outboxes[block];
        out.clear();
        for (std::size_t u = begin; u < end; ++u) {
            if (!w.users.online[u] || w.users.creator_id[u] != kNotACreator) continue;
            const auto friends = w.graph.friends(static_cast<UserId>(u));
            std::size_t successful = 0;
            for (UserId f : friends) {
                const std::int32_t c = w.users.creator_id[f];
                if (c == kNotACreator || !w.creators.active(static_cast<CreatorId>(c))) continue;
                const auto id = static_cast<CreatorId>(c);
                successful += w.creators.followers[id] >= static_cast<std::uint64_t>(spec.success_followers) ||
                              (success_income > 0 && w.creators.income[id] >= success_income);
            }
            const double share =
                friends.empty() ? 0.0 : static_cast<double>(successful) / static_cast<double>(friends.size());
            core::RandomStream rng(ctx.scenario.seed, tick, stream::kEntry, u);
            if (rng.bernoulli(spec.rate + spec.peer * share)) out.push_back(static_cast<UserId>(u));
        }
    });
    // Newcomers are grassroots by definition: no audience, no production team.
    const auto& talent = ctx.scenario.creators.talent;
    for (const auto& out : outboxes) {
        for (UserId u : out) {
            core::RandomStream rng(ctx.scenario.seed, tick, stream::kNewCreator, u);
            const auto id = static_cast<CreatorId>(w.creators.size());
            w.creators.add(u, static_cast<float>(rng.lognormal(talent.mu, talent.sigma)), w.users.topic[u],
                           Background::grassroots, ctx.tick);
            w.users.creator_id[u] = static_cast<std::int32_t>(id);
            w.creator_users.set(u);
            ++ctx.flows.creators_new;
        }
    }
}

}  // namespace

void run_entry_exit(TickContext& ctx) {
    track_income(ctx);
    churn(ctx);
    enter(ctx);
}

}  // namespace grassroots::model
