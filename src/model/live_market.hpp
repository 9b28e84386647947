#pragma once
// Live commerce as a market (issue 12): what a purchase costs a viewer's budget, and how
// hosts and goods merchants choose each other for a day's sessions.
#include <cmath>
#include <cstddef>
#include <span>
#include <vector>

#include "model/tick.hpp"

namespace grassroots::model {

// A cohort's budget in cents: its `budget` key, or the median price exp(merchants.price.mu)
// when that is 0; at least a cent.
Cents budget_cents(const scenario::Scenario& s, std::size_t cohort);

// The purchase chance's price factor, (price / budget)^-elasticity: 1 at the budget, lower
// above it, higher below it (the chance is capped at 1 where it is used).
inline double price_factor(double price_cents, double budget_cents, double elasticity) {
    if (elasticity == 0.0) return 1.0;
    return std::pow(price_cents / budget_cents, -elasticity);
}

// commerce.live.matching: market. Each host with a session today (sessions[c] > 0) gets
// the goods merchant it sells today in host_merchant[c]:
//  - each online goods merchant compares `candidates` hosts drawn uniformly and offers its
//    goods to the one it expects to earn most from: the host's orders per session so far
//    (shrunk towards what its followers would buy), times the price factor at the host's
//    audience's budget, times what the merchant keeps of the price;
//  - each host compares the offers it received and `candidates` merchants drawn uniformly
//    and takes the one that pays it most per viewer: commission x price x price factor.
// Draws come from per-merchant and per-host streams and offers are gathered in merchant
// order, so the result does not depend on the thread count.
void match_hosts(TickContext& ctx, std::span<const std::uint32_t> sessions, std::span<const MerchantId> goods,
                 std::vector<MerchantId>& host_merchant);

}  // namespace grassroots::model
