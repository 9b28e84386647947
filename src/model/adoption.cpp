// Phase 1, adoption and daily activity. Offline users come online with the Bass (1969)
// hazard p + q F, F being the online share of the user's friends (network mixing) or of
// the whole population (global mixing), both read as they were at the start of the tick:
// the chance during one day is 1 - exp(-(p + q F) d), d the day in calendar.bass_unit
// (1 per_day, 1/365.25 per_year), exact for a hazard held constant over the day. Then each
// online user is active today with its cohort's daily_activity chance.
#include <atomic>
#include <cmath>

#include "core/parallel.hpp"
#include "model/streams.hpp"
#include "model/tick.hpp"
#include "scenario/schema.hpp"

namespace grassroots::model {
namespace {

void draw_adoptions(TickContext& ctx) {
    Users& users = ctx.world.users;
    const auto& cohorts = ctx.scenario.population.cohorts;
    const std::size_t n = users.size();
    const bool global = ctx.scenario.adoption.mixing == scenario::Mixing::global;
    const double day =
        ctx.scenario.calendar.bass_unit == scenario::RateUnit::per_year ? 1.0 / scenario::kDaysPerYear : 1.0;

    std::uint64_t online_now = 0;
    for (std::uint8_t o : users.online) online_now += o;
    const double global_share = n ? static_cast<double>(online_now) / static_cast<double>(n) : 0.0;

    auto& next = ctx.buffers.online_next;
    next = users.online;
    std::atomic<std::uint64_t> adopted{0};
    core::for_each_block(n, [&](std::size_t, std::size_t begin, std::size_t end) {
        std::uint64_t block_adopted = 0;
        for (std::size_t u = begin; u < end; ++u) {
            if (users.online[u]) continue;
            const auto& cohort = cohorts[users.cohort[u]];
            double share = global_share;
            if (!global) {
                const auto friends = ctx.world.graph.friends(static_cast<UserId>(u));
                std::uint64_t online_friends = 0;
                for (UserId f : friends) online_friends += users.online[f];
                share =
                    friends.empty() ? 0.0 : static_cast<double>(online_friends) / static_cast<double>(friends.size());
            }
            core::RandomStream rng(ctx.scenario.seed, static_cast<std::uint32_t>(ctx.tick), stream::kAdoption, u);
            if (rng.bernoulli(-std::expm1(-(cohort.p + cohort.q * share) * day))) {
                next[u] = 1;
                ++block_adopted;
            }
        }
        adopted.fetch_add(block_adopted, std::memory_order_relaxed);
    });
    users.online.swap(next);
    ctx.flows.adoptions += adopted.load();
}

void draw_activity(TickContext& ctx) {
    Users& users = ctx.world.users;
    const auto& cohorts = ctx.scenario.population.cohorts;
    bool everyone = true;
    for (const auto& c : cohorts) everyone = everyone && c.daily_activity >= 1.0;
    if (everyone) {  // no draws: the same streams as before daily activity existed
        users.active = users.online;
        return;
    }
    core::for_each_block(users.size(), [&](std::size_t, std::size_t begin, std::size_t end) {
        for (std::size_t u = begin; u < end; ++u) {
            if (!users.online[u]) {
                users.active[u] = 0;
                continue;
            }
            core::RandomStream rng(ctx.scenario.seed, static_cast<std::uint32_t>(ctx.tick), stream::kActivity, u);
            users.active[u] = rng.bernoulli(cohorts[users.cohort[u]].daily_activity) ? 1 : 0;
        }
    });
}

}  // namespace

void run_adoption(TickContext& ctx) {
    draw_adoptions(ctx);
    draw_activity(ctx);
}

}  // namespace grassroots::model
