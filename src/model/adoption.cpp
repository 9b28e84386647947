// Phase 1, adoption: offline users come online with probability p + q * F (Bass 1969),
// F being the online share of the user's friends (network mixing) or of the whole
// population (global mixing), both read as they were at the start of the tick.
#include <atomic>

#include "core/parallel.hpp"
#include "model/streams.hpp"
#include "model/tick.hpp"

namespace grassroots::model {

void run_adoption(TickContext& ctx) {
    Users& users = ctx.world.users;
    const auto& cohorts = ctx.scenario.population.cohorts;
    const std::size_t n = users.size();
    const bool global = ctx.scenario.adoption.mixing == scenario::Mixing::global;

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
            if (rng.bernoulli(cohort.p + cohort.q * share)) {
                next[u] = 1;
                ++block_adopted;
            }
        }
        adopted.fetch_add(block_adopted, std::memory_order_relaxed);
    });
    users.online.swap(next);
    ctx.flows.adoptions += adopted.load();
}

}  // namespace grassroots::model
