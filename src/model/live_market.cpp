// Part of phase 3 (publish): the day's matching of hosts and goods merchants. See
// live_market.hpp for the rules; the numbers below are the model's assumptions.
#include "model/live_market.hpp"

#include <algorithm>

#include "core/parallel.hpp"
#include "model/streams.hpp"

namespace grassroots::model {

Cents budget_cents(const scenario::Scenario& s, std::size_t cohort) {
    const double budget = s.population.cohorts[cohort].budget;
    const double units = budget > 0.0 ? budget : std::exp(s.merchants.price.mu);
    return std::max<Cents>(1, std::llround(std::min(units * 100.0, static_cast<double>(kMaxPriceCents))));
}

namespace {

// What a host offers a merchant, and what it looks for, as of the start of the day.
struct Host {
    CreatorId id;
    double orders_per_session;  // expected, at the audience's budget
    double budget;              // the audience's mean budget, cents
};

std::vector<Host> describe_hosts(const TickContext& ctx, std::span<const std::uint32_t> sessions) {
    const Creators& c = ctx.world.creators;
    const auto& live = ctx.scenario.commerce.live;
    // A host nobody follows yet is judged by the population's budget (cohort 0's when they differ).
    const auto fallback_budget = static_cast<double>(budget_cents(ctx.scenario, 0));
    std::vector<Host> hosts;
    for (CreatorId id = 0; id < sessions.size(); ++id) {
        if (sessions[id] == 0) continue;
        const double followers = c.followers[id];
        // Before any session, a host's followers are the evidence: those the platform
        // notifies, times the chance that a follower buys. Each session hosted weighs as
        // much as that prior (one pseudo-session): an assumption.
        const double prior = followers * live.follower_reach * (live.buy + live.buy_trust);
        const double per_session =
            (static_cast<double>(c.live_orders[id]) + prior) / (static_cast<double>(c.sessions[id]) + 1.0);
        const double budget = followers > 0 ? static_cast<double>(c.audience_budget[id]) / followers : fallback_budget;
        hosts.push_back({id, per_session, budget});
    }
    return hosts;
}

}  // namespace

void match_hosts(TickContext& ctx, std::span<const std::uint32_t> sessions, std::span<const MerchantId> goods,
                 std::vector<MerchantId>& host_merchant) {
    host_merchant.assign(sessions.size(), kNoMerchant);
    const std::vector<Host> hosts = describe_hosts(ctx, sessions);
    if (hosts.empty() || goods.empty()) return;
    const Merchants& m = ctx.world.merchants;
    const auto& live = ctx.scenario.commerce.live;
    const double elasticity = live.price_elasticity;
    const auto candidates = static_cast<int>(live.candidates);
    const auto tick = static_cast<std::uint32_t>(ctx.tick);
    const auto price = [&](MerchantId id) { return static_cast<double>(m.price[id]); };

    // Merchants' offers: the index of the host each online goods merchant chose.
    std::vector<std::uint32_t> offer(goods.size());
    core::for_each_block(goods.size(), [&](std::size_t, std::size_t begin, std::size_t end) {
        for (std::size_t j = begin; j < end; ++j) {
            const MerchantId id = goods[j];
            core::RandomStream rng(ctx.scenario.seed, tick, stream::kMarketMerchant, id);
            const double kept = price(id) * (1.0 - m.commission[id] - live.platform_take);
            double best = -1.0;
            for (int k = 0; k < candidates; ++k) {
                const auto h = static_cast<std::uint32_t>(rng.below(hosts.size()));
                const double value =
                    hosts[h].orders_per_session * price_factor(price(id), hosts[h].budget, elasticity) * kept;
                if (value > best) best = value, offer[j] = h;
            }
        }
    });
    // Offers by host, in merchant order.
    std::vector<std::uint64_t> start(hosts.size() + 1, 0);
    for (std::uint32_t h : offer) ++start[h + 1];
    for (std::size_t h = 0; h < hosts.size(); ++h) start[h + 1] += start[h];
    std::vector<MerchantId> offers(goods.size());
    std::vector<std::uint64_t> cursor(start.begin(), start.end() - 1);
    for (std::size_t j = 0; j < goods.size(); ++j) offers[cursor[offer[j]]++] = goods[j];

    // Hosts' choices: the best pay per viewer among offers and a few merchants of their own
    // finding; ties (equal rates and prices, or unit elasticity) broken uniformly.
    core::for_each_block(hosts.size(), [&](std::size_t, std::size_t begin, std::size_t end) {
        for (std::size_t h = begin; h < end; ++h) {
            core::RandomStream rng(ctx.scenario.seed, tick, stream::kMarketHost, hosts[h].id);
            MerchantId chosen = kNoMerchant;
            double best = -1.0;
            std::uint64_t ties = 0;
            const auto consider = [&](MerchantId id) {
                const double pay = m.commission[id] * price(id) * price_factor(price(id), hosts[h].budget, elasticity);
                if (pay > best * (1.0 + 1e-12)) {
                    best = pay, chosen = id, ties = 1;
                } else if (pay >= best * (1.0 - 1e-12) && rng.below(++ties) == 0) {
                    chosen = id;
                }
            };
            for (std::uint64_t i = start[h]; i < start[h + 1]; ++i) consider(offers[i]);
            for (int k = 0; k < candidates; ++k) consider(goods[rng.below(goods.size())]);
            host_merchant[hosts[h].id] = chosen;
        }
    });
}

}  // namespace grassroots::model
