#pragma once
// Posting effort that responds to income (creators.effort, issue 12): a creator who earns
// publishes more. The multiplier on the publish rate is
// min(max_multiplier, 1 + income_elasticity * ln(1 + y)), y its recent daily income in
// currency units; the log because income is heavy-tailed and effort has diminishing
// returns (a host earning 1,000 a day does not post 100 times as much as one earning 10).
#include <algorithm>
#include <cmath>

#include "scenario/scenario.hpp"

namespace grassroots::model {

// Exactly 1 when the elasticity is 0, so that the counts (and their streams) are those of a
// run without it.
inline double income_multiplier(double elasticity, double max_multiplier, float recent_daily_cents) {
    if (elasticity == 0.0) return 1.0;
    const double units = std::max(0.0, static_cast<double>(recent_daily_cents)) / 100.0;
    return std::min(max_multiplier, 1.0 + elasticity * std::log1p(units));
}

// Posts: creators.effort.income_elasticity.
inline double effort_multiplier(const scenario::Effort& e, float recent_daily_cents) {
    return income_multiplier(e.income_elasticity, e.max_multiplier, recent_daily_cents);
}

// Live sessions: creators.effort.session_elasticity, with the same window and cap.
inline double session_multiplier(const scenario::Effort& e, float recent_daily_cents) {
    return income_multiplier(e.session_elasticity, e.max_multiplier, recent_daily_cents);
}

}  // namespace grassroots::model
