// After engagement, traffic pools: an item that has used its stage's impressions is
// judged on its like rate over that stage. At promote_threshold or above it moves to the
// next, larger pool; otherwise, or after the last pool, it leaves the explore source
// (docs/design.md: "explore (new items through staged traffic pools)").
#include "core/parallel.hpp"
#include "model/tick.hpp"

namespace grassroots::model {

void run_traffic_pools(TickContext& ctx) {
    const auto& feed = ctx.scenario.platform.feed;
    if (feed.explore <= 0.0) return;
    Items& items = ctx.world.items;
    const auto stages = static_cast<std::uint8_t>(feed.pool_sizes.size());
    core::for_each_block(items.size(), [&](std::size_t, std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
            const std::uint8_t stage = items.stage[i];
            if (stage >= stages) continue;
            const std::uint32_t used = items.views[i] - items.stage_views[i];
            if (used < static_cast<std::uint64_t>(feed.pool_sizes[stage])) continue;
            const double rate = static_cast<double>(items.likes[i] - items.stage_likes[i]) / used;
            items.stage[i] = rate >= feed.promote_threshold ? static_cast<std::uint8_t>(stage + 1) : stages;
            items.stage_views[i] = items.views[i];
            items.stage_likes[i] = items.likes[i];
        }
    });
}

}  // namespace grassroots::model
