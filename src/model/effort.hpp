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

// Exactly 1 when the key is off, so that the publish counts (and their streams) are those
// of a run without it.
inline double effort_multiplier(const scenario::Effort& e, float recent_daily_cents) {
    if (e.income_elasticity == 0.0) return 1.0;
    const double units = std::max(0.0, static_cast<double>(recent_daily_cents)) / 100.0;
    return std::min(e.max_multiplier, 1.0 + e.income_elasticity * std::log1p(units));
}

}  // namespace grassroots::model
