// Phase 3, publish: items older than their lifetime leave the pool; every active, online
// creator publishes items with mean publish_rate (elites: times rate_multiplier), up to
// max_items over its life when that is set (MusicLab: one song each, live all run), of
// quality max(0, talent + boost + noise); creators with at least min_followers also host
// live-commerce sessions, each selling the goods of an online goods merchant (chosen by
// the day's market, live_market.cpp, or at random).
// Counts are drawn in parallel, ids handed out by a prefix sum in creator order, items
// filled in parallel: the result does not depend on the thread count.
#include <algorithm>
#include <cmath>

#include "core/parallel.hpp"
#include "model/effort.hpp"
#include "model/live_market.hpp"
#include "model/social_proof.hpp"
#include "model/streams.hpp"
#include "model/tick.hpp"

namespace grassroots::model {
namespace {

// Counts what leaves: an expired item's views are final (its last views were summed in
// after the previous tick's feed), the number studies of "items nobody saw" take.
void expire_items(Items& items, std::int32_t tick, std::int64_t lifetime, std::int64_t low_views, Flows& flows) {
    // Items are in tick order: the expired ones are a prefix.
    const auto first_live = std::partition_point(items.born.begin(), items.born.end(),
                                                 [&](std::int32_t born) { return born + lifetime <= tick; });
    const auto expired = static_cast<std::size_t>(first_live - items.born.begin());
    if (expired == 0) return;
    flows.items_expired += expired;
    for (std::size_t i = 0; i < expired; ++i)
        flows.items_expired_low_views += static_cast<std::int64_t>(items.views[i]) < low_views;
    items.for_each_column([expired](auto& column) {
        column.erase(column.begin(), column.begin() + static_cast<std::ptrdiff_t>(expired));
    });
    items.first_id += expired;
}

}  // namespace

void run_publish(TickContext& ctx) {
    const auto& spec = ctx.scenario.creators;
    const auto& live = ctx.scenario.commerce.live;
    World& w = ctx.world;
    Items& items = w.items;
    Creators& creators = w.creators;
    const auto tick = static_cast<std::uint32_t>(ctx.tick);
    expire_items(items, ctx.tick, spec.item_lifetime, ctx.scenario.output.low_views_threshold, ctx.flows);

    auto& goods = ctx.buffers.goods_online;
    goods.clear();
    for (MerchantId m = 0; m < w.merchants.size(); ++m) {
        if (w.merchants.online[m] && w.merchants.category[m] == MerchantCategory::goods) goods.push_back(m);
    }

    const std::size_t count = creators.size();
    auto& counts = ctx.buffers.publish_counts;
    auto& sessions = ctx.buffers.session_counts;
    counts.assign(count, 0);
    sessions.assign(count, 0);
    core::for_each_block(count, [&](std::size_t, std::size_t begin, std::size_t end) {
        for (std::size_t c = begin; c < end; ++c) {
            if (!creators.active(static_cast<CreatorId>(c)) || !w.users.online[creators.user[c]]) continue;
            core::RandomStream rng(ctx.scenario.seed, tick, stream::kPublish, c);
            const bool elite = creators.background[c] == Background::elite;
            counts[c] = rng.count_with_mean(spec.publish_rate * (elite ? spec.elite.rate_multiplier : 1.0) *
                                            effort_multiplier(spec.effort, creators.income_recent[c]));
            if (!goods.empty() && creators.followers[c] >= static_cast<std::uint64_t>(live.min_followers)) {
                sessions[c] =
                    rng.count_with_mean(live.session_rate * session_multiplier(spec.effort, creators.income_recent[c]));
            }
            if (spec.max_items > 0) {  // a lifetime budget: items first, then sessions
                const auto budget = static_cast<std::uint64_t>(spec.max_items);
                const std::uint64_t left = creators.items[c] >= budget ? 0 : budget - creators.items[c];
                counts[c] = static_cast<std::uint32_t>(std::min<std::uint64_t>(counts[c], left));
                sessions[c] = static_cast<std::uint32_t>(std::min<std::uint64_t>(sessions[c], left - counts[c]));
            }
        }
    });

    // The merchant behind each host's sessions today: chosen by the market, or drawn
    // uniformly per session below (random matching, the behaviour before issue 12).
    const bool market = live.matching == scenario::Matching::market;
    if (market) match_hosts(ctx, sessions, goods, ctx.buffers.host_merchant);
    auto& hosting = ctx.buffers.hosting_today;
    hosting.assign(count);
    for (std::size_t c = 0; c < count; ++c) {
        if (sessions[c] == 0) continue;
        hosting.set(c);
        creators.sessions[c] += sessions[c];
    }

    // Exclusive prefix sum: creator c's items start at offsets[c] past the old end.
    auto& offsets = ctx.buffers.publish_offsets;
    offsets.assign(count + 1, 0);
    for (std::size_t c = 0; c < count; ++c) offsets[c + 1] = offsets[c] + counts[c] + sessions[c];
    const std::size_t old_size = items.size();
    const std::size_t added = offsets[count];
    items.for_each_column([&](auto& column) { column.resize(old_size + added); });
    std::fill(items.born.begin() + static_cast<std::ptrdiff_t>(old_size), items.born.end(), ctx.tick);

    core::for_each_block(count, [&](std::size_t, std::size_t begin, std::size_t end) {
        for (std::size_t c = begin; c < end; ++c) {
            const std::uint32_t total = counts[c] + sessions[c];
            if (total == 0) continue;
            core::RandomStream rng(ctx.scenario.seed, tick, stream::kItemQuality, c);
            const double boost = creators.background[c] == Background::elite ? spec.elite.quality_boost : 0.0;
            const double seeded_share = ctx.scenario.engagement.seeded_like_share;
            for (std::uint32_t k = 0; k < total; ++k) {
                const std::size_t index = old_size + offsets[c] + k;
                items.creator[index] = static_cast<CreatorId>(c);
                items.topic[index] = creators.topic[c];
                const double quality = creators.talent[c] + boost + spec.quality_noise * rng.normal();
                items.quality[index] = static_cast<float>(std::max(0.0, quality));
                // The last sessions[c] items of the creator are its live sessions.
                items.merchant[index] = k < counts[c] ? kNoMerchant
                                        : market      ? ctx.buffers.host_merchant[c]
                                                      : goods[rng.below(goods.size())];
                // The seeded up-vote is visible (likes) but already "tallied": the creator's
                // likes count only real ones.
                if (has_seeded_like(ctx.scenario.seed, items.first_id + index, seeded_share)) {
                    items.likes[index] = 1;
                    items.tallied_likes[index] = 1;
                }
            }
            creators.items[c] += total;
            creators.latest_item[c] = items.first_id + old_size + offsets[c] + total - 1;
            if (counts[c] > 0) creators.latest_video[c] = items.first_id + old_size + offsets[c] + counts[c] - 1;
        }
    });
    std::uint64_t session_total = 0;
    for (std::uint32_t s : sessions) session_total += s;
    ctx.flows.items += added;
    ctx.flows.live_sessions += session_total;
}

}  // namespace grassroots::model
