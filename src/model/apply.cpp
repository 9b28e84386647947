// After the feed: creators' tallies are brought up to date, and the blocks' outboxes are
// applied in block order. New follows are merged into each user's sorted row and counted
// for their creators; shares become the table that friends read during the next tick.
#include <algorithm>

#include "core/parallel.hpp"
#include "model/live_market.hpp"
#include "model/tick.hpp"

namespace grassroots::model {
namespace {

// Row starts of a table whose row u gets `extra[u]` entries on top of `base`'s row (if any).
void layout_rows(const RowStarts* base, const std::vector<std::uint32_t>& extra, RowStarts& row_start) {
    row_start.layout(extra.size(), [&](std::size_t u) {
        const std::uint64_t old = base ? (*base)[u + 1] - (*base)[u] : 0;
        return old + extra[u];
    });
}

// User u's row holds its old entries in [row, old_end), ascending: appends u's entries
// from `added` (a block's outbox, in user order, read on from `a`) and merges them in.
template <class T, class Added>
void merge_added(T* row, T* old_end, const Added& added, std::size_t& a, std::size_t u) {
    T* end = old_end;
    for (; a < added.size() && added[a].first == u; ++a) *end++ = added[a].second;
    std::sort(old_end, end);
    std::inplace_merge(row, old_end, end);
}

// engagement.view_once: each user's row of viewed items keeps the ones still live, which
// are a suffix (rows ascend and items die oldest first), and gains today's views, sorted
// and merged in; entries are rebased to today's first live item. Blocks are in user
// order, so each block's outbox holds its users' views. The next table is sized exactly
// and reuses the previous tick's buffer: twice the remembered views at 4 bytes each, with
// no growth by doubling inside the tick loop. With view_once the table has a row per user
// from the start (build_world; a checkpoint without them is refused).
void remember_views(World& w, const std::vector<FeedOutbox>& outboxes, Buffers& buffers) {
    const std::size_t n = w.users.size();
    // Ids below first_id are dead: entries below `expired` (relative to the old base).
    const ItemId expired = w.items.first_id - w.viewed_base;
    const auto kept = [&](std::size_t u) -> std::pair<const std::uint32_t*, const std::uint32_t*> {
        const std::uint32_t* row = w.viewed.row(static_cast<UserId>(u));
        const std::uint32_t* end = row + w.viewed.row_size(static_cast<UserId>(u));
        return {std::lower_bound(row, end, expired), end};
    };
    std::vector<std::uint32_t>& rows = buffers.viewed_rows;
    rows.resize(n);
    core::for_each_block(n, [&](std::size_t block, std::size_t begin, std::size_t end) {
        for (std::size_t u = begin; u < end; ++u) {
            const auto [from, to] = kept(u);
            rows[u] = static_cast<std::uint32_t>(to - from);
        }
        for (const auto& [u, index] : outboxes[block].views) ++rows[u];
    });
    RowTable<std::uint32_t>& next = buffers.viewed_next;
    layout_rows(nullptr, rows, next.row_start);
    // The buffer's contents (the table of two ticks ago) are dead: dropped before it grows,
    // so that growing does not copy them and three tables are never alive at once. (Not
    // `next.values = {}`: that assigns an empty list and keeps the capacity.)
    if (next.values.capacity() < next.row_start[n]) std::vector<std::uint32_t>().swap(next.values);
    next.values.resize(next.row_start[n]);
    core::for_each_block(n, [&](std::size_t block, std::size_t begin, std::size_t end) {
        const auto& added = outboxes[block].views;
        std::size_t a = 0;
        for (std::size_t u = begin; u < end; ++u) {
            std::uint32_t* dst = next.values.data() + next.row_start[u];
            const auto [from, to] = kept(u);
            const auto rebase = [&](std::uint32_t v) { return static_cast<std::uint32_t>(v - expired); };
            merge_added(dst, std::transform(from, to, dst, rebase), added, a, u);
        }
    });
    std::swap(w.viewed, next);
    w.viewed_base = w.items.first_id;
}

}  // namespace

// Creators' views and likes, from what their items gained since the last tally: one
// pass over the live items instead of two contended atomics per view.
void tally_creators(World& w) {
    Items& items = w.items;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const CreatorId c = items.creator[i];
        w.creators.views[c] += items.views[i] - items.tallied_views[i];
        w.creators.likes[c] += items.likes[i] - items.tallied_likes[i];
        items.tallied_views[i] = items.views[i];
        items.tallied_likes[i] = items.likes[i];
    }
}

void apply_feed_outboxes(TickContext& ctx) {
    World& w = ctx.world;
    tally_creators(w);
    const std::size_t n = w.users.size();
    const auto& outboxes = ctx.buffers.outboxes;

    // Per-user counts of this tick's follows and shares; each block owns its users' range.
    std::vector<std::uint32_t>& new_follows = ctx.buffers.new_follows;
    std::vector<std::uint32_t>& new_shares = ctx.buffers.new_shares;
    new_follows.assign(n, 0);
    new_shares.assign(n, 0);
    core::for_each_block(n, [&](std::size_t block, std::size_t, std::size_t) {
        for (const auto& [u, c] : outboxes[block].follows) ++new_follows[u];
        for (const auto& [u, item] : outboxes[block].shares) ++new_shares[u];
    });
    // Followers, and their cohorts' budgets (a host's audience's spending power, live_market.cpp).
    std::vector<std::uint64_t> budget(ctx.scenario.population.cohorts.size());
    for (std::size_t c = 0; c < budget.size(); ++c)
        budget[c] = static_cast<std::uint64_t>(budget_cents(ctx.scenario, c));
    for (const FeedOutbox& out : outboxes) {
        for (const auto& [u, c] : out.follows) {
            ++w.creators.followers[c];
            w.creators.audience_budget[c] += budget[w.users.cohort[u]];
        }
    }

    // Follows: old row, then the new entries, then sorted (rows stay ascending).
    RowTable<CreatorId>& next = ctx.buffers.follows_next;
    layout_rows(&w.follows.row_start, new_follows, next.row_start);
    next.values.resize(next.row_start[n]);
    core::for_each_block(n, [&](std::size_t block, std::size_t begin, std::size_t end) {
        const auto& added = outboxes[block].follows;
        std::size_t a = 0;
        for (std::size_t u = begin; u < end; ++u) {
            CreatorId* dst = next.values.data() + next.row_start[u];
            const std::size_t old = w.follows.row_size(static_cast<UserId>(u));
            merge_added(dst, std::copy_n(w.follows.row(static_cast<UserId>(u)), old, dst), added, a, u);
        }
    });
    std::swap(w.follows, next);

    // Shares: replaced every tick; blocks are in user order, so concatenation is sorted.
    layout_rows(nullptr, new_shares, w.shared.row_start);
    w.shared.values.clear();
    w.sharers.clear();
    for (const FeedOutbox& out : outboxes) {
        for (const auto& [u, item] : out.shares) {
            w.shared.values.push_back(item);
            w.sharers.set(u);
        }
    }
    if (ctx.scenario.engagement.view_once) remember_views(w, outboxes, ctx.buffers);
}

}  // namespace grassroots::model
