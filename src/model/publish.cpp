// Phase 3, publish: items older than their lifetime leave the pool; every online creator
// publishes a number of items with mean publish_rate; quality = talent + noise (>= 0).
// Counts are drawn in parallel, ids are handed out by a prefix sum in creator order, and
// items are filled in parallel: the result does not depend on the thread count.
#include <algorithm>
#include <cmath>

#include "core/parallel.hpp"
#include "model/streams.hpp"
#include "model/tick.hpp"

namespace grassroots::model {
namespace {

void expire_items(Items& items, std::int32_t tick, std::int64_t lifetime) {
    // Items are in tick order: the expired ones are a prefix.
    const auto first_live = std::partition_point(items.born.begin(), items.born.end(),
                                                 [&](std::int32_t born) { return born + lifetime <= tick; });
    const auto expired = static_cast<std::size_t>(first_live - items.born.begin());
    if (expired == 0) return;
    auto drop = [expired](auto& column) {
        column.erase(column.begin(), column.begin() + static_cast<std::ptrdiff_t>(expired));
    };
    drop(items.creator);
    drop(items.topic);
    drop(items.quality);
    drop(items.born);
    drop(items.views);
    drop(items.likes);
    items.first_id += expired;
}

}  // namespace

void run_publish(TickContext& ctx) {
    const auto& spec = ctx.scenario.creators;
    Items& items = ctx.world.items;
    Creators& creators = ctx.world.creators;
    const auto& online = ctx.world.users.online;
    const auto tick = static_cast<std::uint32_t>(ctx.tick);
    expire_items(items, ctx.tick, spec.item_lifetime);

    const std::size_t count = creators.size();
    auto& counts = ctx.buffers.publish_counts;
    counts.assign(count, 0);
    core::for_each_block(count, [&](std::size_t, std::size_t begin, std::size_t end) {
        for (std::size_t c = begin; c < end; ++c) {
            if (!online[creators.user[c]]) continue;
            core::RandomStream rng(ctx.scenario.seed, tick, stream::kPublish, c);
            counts[c] = rng.count_with_mean(spec.publish_rate);
        }
    });

    // Exclusive prefix sum: creator c's items start at offsets[c] past the old end.
    auto& offsets = ctx.buffers.publish_offsets;
    offsets.assign(count + 1, 0);
    for (std::size_t c = 0; c < count; ++c) offsets[c + 1] = offsets[c] + counts[c];
    const std::size_t old_size = items.size();
    const std::size_t added = offsets[count];
    items.creator.resize(old_size + added);
    items.topic.resize(old_size + added);
    items.quality.resize(old_size + added);
    items.born.resize(old_size + added, ctx.tick);
    items.views.resize(old_size + added, 0);
    items.likes.resize(old_size + added, 0);

    core::for_each_block(count, [&](std::size_t, std::size_t begin, std::size_t end) {
        for (std::size_t c = begin; c < end; ++c) {
            if (counts[c] == 0) continue;
            core::RandomStream rng(ctx.scenario.seed, tick, stream::kItemQuality, c);
            for (std::uint64_t k = 0; k < counts[c]; ++k) {
                const std::size_t index = old_size + offsets[c] + k;
                items.creator[index] = static_cast<CreatorId>(c);
                items.topic[index] = creators.topic[c];
                const double quality = creators.talent[c] + spec.quality_noise * rng.normal();
                items.quality[index] = static_cast<float>(std::max(0.0, quality));
            }
            creators.items[c] += counts[c];
            creators.latest_item[c] = items.first_id + old_size + offsets[c] + counts[c] - 1;
        }
    });
    ctx.flows.items += added;
}

}  // namespace grassroots::model
