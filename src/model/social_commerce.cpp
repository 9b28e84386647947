// Phase 7, social commerce (issue 12, "errands through the circle of friends"): a young
// migrant buys popular food for the people in his WeChat Moments, later through a mini
// program of his own. Sellers (a share of users, fixed with the world) sell to their
// friends through the social graph, not through the feed: each day an active seller's
// every active follower on the graph (its audience: all friends on an undirected graph)
// buys with chance buy x the buyer's cohort spending, at a price drawn per order. The
// seller keeps margin of the price (rounded down to the cent) and passes the rest on to
// its suppliers, outside the model: social_gmv = social_seller_income + social_supply
// exactly. Nothing else reads these orders: the rest of the run is the same with or
// without them.
// Each seller draws from its own stream and only its own income changes, so sellers run
// in parallel blocks whose integer totals are summed: the result does not depend on the
// thread count.
#include <algorithm>
#include <atomic>
#include <cmath>

#include "core/parallel.hpp"
#include "model/money.hpp"
#include "model/streams.hpp"
#include "model/tick.hpp"

namespace grassroots::model {

void choose_sellers(const scenario::Scenario& s, World& w) {
    const double share = s.commerce.social.seller_share;
    if (share <= 0.0) return;  // no draws: the world is the one built without the key
    for (UserId u = 0; u < w.users.size(); ++u) {
        core::RandomStream rng(s.world_seed, 0, stream::kSellers, u);
        if (rng.bernoulli(share)) w.sellers.push_back(u);
    }
    w.seller_income.assign(w.sellers.size(), 0);
}

void run_social_commerce(TickContext& ctx) {
    const auto& spec = ctx.scenario.commerce.social;
    const auto& cohorts = ctx.scenario.population.cohorts;
    World& w = ctx.world;
    const auto tick = static_cast<std::uint32_t>(ctx.tick);
    std::atomic<std::uint64_t> orders{0}, overflows{0};
    Cents gmv = 0, kept = 0, supply = 0;  // added to once per block, atomically
    core::for_each_block(w.sellers.size(), [&](std::size_t, std::size_t begin, std::size_t end) {
        std::uint64_t block_orders = 0, block_overflows = 0;
        Cents block_gmv = 0, block_kept = 0, block_supply = 0;
        const auto count = [&](bool fits) { block_overflows += fits ? 0 : 1; };
        for (std::size_t i = begin; i < end; ++i) {
            const UserId seller = w.sellers[i];
            if (!w.users.active[seller]) continue;  // runs errands on the days it is about
            core::RandomStream rng(ctx.scenario.seed, tick, stream::kSocialOrders, seller);
            for (const UserId friend_id : w.graph.audience(seller)) {
                if (!w.users.active[friend_id]) continue;
                const double p = std::min(1.0, spec.buy * cohorts[w.users.cohort[friend_id]].spending);
                if (!rng.bernoulli(p)) continue;
                const double cents = std::min(rng.lognormal(spec.price.mu, spec.price.sigma) * 100.0,
                                              static_cast<double>(kMaxPriceCents));
                const Cents price = std::max<Cents>(1, std::llround(cents));
                const auto margin = static_cast<Cents>(std::floor(static_cast<double>(price) * spec.margin));
                count(add_cents(w.seller_income[i], margin));  // this block's seller alone
                count(add_cents(block_gmv, price));
                count(add_cents(block_kept, margin));
                count(add_cents(block_supply, price - margin));
                ++block_orders;
            }
        }
        count(add_cents_atomic(gmv, block_gmv));
        count(add_cents_atomic(kept, block_kept));
        count(add_cents_atomic(supply, block_supply));
        orders.fetch_add(block_orders, std::memory_order_relaxed);
        overflows.fetch_add(block_overflows, std::memory_order_relaxed);
    });
    Flows& f = ctx.flows;
    f.social_orders += orders.load();
    f.money_overflows += overflows.load();
    f.count_overflow(add_cents(f.social_gmv, gmv));
    f.count_overflow(add_cents(f.social_seller_income, kept));
    f.count_overflow(add_cents(f.social_supply, supply));
}

}  // namespace grassroots::model
