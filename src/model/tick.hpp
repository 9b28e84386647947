#pragma once
// What the phases of one tick share: the scenario, the world, the tick number, the flows
// counted so far this tick, and reusable buffers (outboxes, recommendation tables) that
// keep their capacity across ticks so the tick loop does not allocate in steady state.
#include <cstdint>
#include <utility>
#include <vector>

#include <tbb/enumerable_thread_specific.h>

#include "core/alias_table.hpp"
#include "core/bitmap.hpp"
#include "model/money.hpp"
#include "model/world.hpp"
#include "scenario/scenario.hpp"

namespace grassroots::model {

// Events during a tick (or, summed, since the last output row).
struct Flows {
    std::uint64_t items = 0;
    std::uint64_t views = 0;
    // The feed source each view came from (feed.cpp): they sum to views exactly.
    std::uint64_t views_social = 0;
    std::uint64_t views_interest = 0;
    std::uint64_t views_popularity = 0;
    std::uint64_t views_explore = 0;
    // Items that left the live window (expired), and of them those with fewer than
    // output.low_views_threshold views in their life.
    std::uint64_t items_expired = 0;
    std::uint64_t items_expired_low_views = 0;
    std::uint64_t likes = 0;
    std::uint64_t shares = 0;
    std::uint64_t follows = 0;
    std::uint64_t adoptions = 0;
    std::uint64_t creators_new = 0;
    std::uint64_t creators_churned = 0;
    std::uint64_t merchants_adopted = 0;
    std::uint64_t local_orders = 0;
    std::uint64_t local_orders_lost = 0;
    std::uint64_t local_orders_offline = 0;  // needs no online merchant met, met offline
    // Tourism: needs drawn by creators' views in their regions (counted in the three above
    // too), and those of them met by an online merchant.
    std::uint64_t tourism_needs = 0;
    std::uint64_t local_orders_tourism = 0;
    Cents aggregator_fees = 0;  // paid by members to the aggregator's builder (in local_revenue)
    Cents local_revenue = 0;
    std::uint64_t live_sessions = 0;
    std::uint64_t live_orders = 0;
    Cents gmv = 0;  // live commerce: = live_merchant_revenue + commission + platform_take
    Cents live_merchant_revenue = 0;
    Cents commission = 0;
    Cents platform_take = 0;
    // Live commerce as a day's event (issue 12): views of sessions, and of them those by
    // followers the platform notified, before their feeds.
    std::uint64_t live_views = 0;
    std::uint64_t live_views_followers = 0;
    // Social commerce: orders from friends, their value, and its split (social_gmv =
    // social_seller_income + social_supply exactly).
    std::uint64_t social_orders = 0;
    Cents social_gmv = 0;
    Cents social_seller_income = 0;
    Cents social_supply = 0;  // paid on to the sellers' suppliers, outside the model
    // Sums of cents that passed 2^63 - 1 (money.hpp): any makes the tick fail. A count, not a
    // bool, so that every member stays an 8-byte integer (checkpoints save Flows as bytes).
    std::uint64_t money_overflows = 0;

    Flows& operator+=(const Flows& o) {
        items += o.items;
        views += o.views;
        views_social += o.views_social;
        views_interest += o.views_interest;
        views_popularity += o.views_popularity;
        views_explore += o.views_explore;
        items_expired += o.items_expired;
        items_expired_low_views += o.items_expired_low_views;
        likes += o.likes;
        shares += o.shares;
        follows += o.follows;
        adoptions += o.adoptions;
        creators_new += o.creators_new;
        creators_churned += o.creators_churned;
        merchants_adopted += o.merchants_adopted;
        local_orders += o.local_orders;
        local_orders_lost += o.local_orders_lost;
        local_orders_offline += o.local_orders_offline;
        tourism_needs += o.tourism_needs;
        local_orders_tourism += o.local_orders_tourism;
        live_sessions += o.live_sessions;
        live_orders += o.live_orders;
        social_orders += o.social_orders;
        money_overflows += o.money_overflows;
        live_views += o.live_views;
        live_views_followers += o.live_views_followers;
        count_overflow(add_cents(local_revenue, o.local_revenue));
        count_overflow(add_cents(gmv, o.gmv));
        count_overflow(add_cents(live_merchant_revenue, o.live_merchant_revenue));
        count_overflow(add_cents(commission, o.commission));
        count_overflow(add_cents(platform_take, o.platform_take));
        count_overflow(add_cents(social_gmv, o.social_gmv));
        count_overflow(add_cents(social_seller_income, o.social_seller_income));
        count_overflow(add_cents(social_supply, o.social_supply));
        count_overflow(add_cents(aggregator_fees, o.aggregator_fees));
        return *this;
    }

    // Records the result of an add_cents.
    void count_overflow(bool fits) { money_overflows += fits ? 0 : 1; }
};

// What each cohort did (issue 12, late adopters): views, live-commerce orders and GMV by
// the viewer's cohort.
struct CohortFlows {
    std::vector<std::uint64_t> views;
    std::vector<std::uint64_t> live_orders;
    std::vector<Cents> gmv;

    void reset(std::size_t cohorts) {
        views.assign(cohorts, 0);
        live_orders.assign(cohorts, 0);
        gmv.assign(cohorts, 0);
    }
    // Adds o (of the same size); false when a sum of cents overflowed.
    [[nodiscard]] bool add(const CohortFlows& o) {
        bool fits = true;
        for (std::size_t c = 0; c < views.size(); ++c) {
            views[c] += o.views[c];
            live_orders[c] += o.live_orders[c];
            fits &= add_cents(gmv[c], o.gmv[c]);
        }
        return fits;
    }
};

// Writes one block of users makes during the feed phase, applied after it in block order.
struct FeedOutbox {
    std::vector<std::pair<UserId, CreatorId>> follows;
    std::vector<std::pair<UserId, ItemId>> shares;
    // Only with engagement.view_once: the item's index in the live window (4 bytes, not 8).
    std::vector<std::pair<UserId, std::uint32_t>> views;
    Flows flows;
    CohortFlows cohorts;
};

// Live items grouped by topic, with an alias table per topic for drawing an item in
// proportion to its estimated quality; rebuilt once per tick after publishing.
struct InterestTables {
    std::vector<std::uint64_t> topic_start;  // topics + 1
    std::vector<core::AliasSlot> slots;      // grouped by topic; values: live-window indices
    // Scratch for building, same order as slots.
    std::vector<std::uint32_t> item_index;
    std::vector<double> weight;
    std::vector<float> probability;
    std::vector<std::uint32_t> alias;
    std::vector<std::uint32_t> small, large;
    std::vector<std::uint64_t> cursor;  // per topic, for the counting sort
};

// An alias table over a subset of live items (popularity, explore).
struct ItemSampler {
    std::vector<core::AliasSlot> slots;  // values: live-window indices
    // Scratch for building, same order as slots.
    std::vector<std::uint32_t> item_index;
    std::vector<double> weight;
    std::vector<float> probability;
    std::vector<std::uint32_t> alias;
    std::vector<std::uint32_t> small, large;
};

// What a view reads of a live item, packed in 16 bytes so that it is one cache line read
// instead of one per column (creator, merchant, born, quality, likes), rebuilt before each
// feed pass (feed.cpp). None of it changes during the pass.
struct ItemCard {
    CreatorId creator;
    MerchantId merchant;  // kNoMerchant unless a live-commerce session
    // A view's like chance, min(1, like x quality x social proof), as engage computed it per
    // view; negative for a session that is over, which cannot be viewed.
    double like_chance;
};
static_assert(sizeof(ItemCard) == 16);

// A thread's counts for one live item during the feed pass, side by side for the same
// reason.
struct ItemTally {
    std::uint32_t seen = 0;  // the stamp of the last user who viewed it
    std::uint32_t views = 0;
    std::uint32_t likes = 0;
};

// What one worker thread counts and remembers during the feed pass. Views and likes are
// summed into the items after the pass: plain increments instead of atomics on the cache
// lines of popular items, which both threads would otherwise pull back and forth.
struct FeedScratch {
    std::int32_t tick = -1;            // the tick the counts below belong to
    std::vector<ItemTally> items;      // per live item
    std::uint32_t stamp = 0;           // one per user fed by this thread this tick
    std::vector<ItemId> from_friends;  // the current user's social candidates
    // The creators the current user follows, as bits over all creators: set from the
    // user's row when its feed starts and cleared when it ends, so that a check costs one
    // bit test instead of a search of the row (late in a run users follow dozens).
    core::Bitmap followed;
};

struct Buffers {
    std::vector<std::uint8_t> online_next;
    std::vector<std::uint32_t> publish_counts;
    std::vector<std::uint32_t> session_counts;
    std::vector<std::uint64_t> publish_offsets;
    std::vector<MerchantId> goods_online;
    std::vector<MerchantId> host_merchant;  // per creator: the goods its sessions sell today (market)
    core::Bitmap hosting_today;             // per creator: published a session today
    std::vector<FeedOutbox> outboxes;
    std::vector<ItemCard> item_cards;  // per live item, for the feed pass
    tbb::enumerable_thread_specific<FeedScratch> feed_scratch;
    std::vector<std::vector<UserId>> new_creators;  // per block, from the entry phase
    InterestTables interest;
    ItemSampler popular;
    ItemSampler fresh;         // items with impressions left in their traffic pool
    std::vector<float> admit;  // head cap: chance a pick of each creator is kept
    RowTable<CreatorId> follows_next;
    std::vector<std::uint32_t> new_follows;  // per user, this tick
    std::vector<std::uint32_t> new_shares;
    RowTable<std::uint32_t> viewed_next;     // engagement.view_once
    std::vector<std::uint32_t> viewed_rows;  // per user: the next viewed row's length
    // Local services, by cell = region * local_kinds + kind. Only cells that hold a merchant
    // are listed, so memory follows the merchants, not regions x kinds (up to 6.5e10).
    std::vector<MerchantId> local_by_cell;    // local merchants by (cell, id); made once, cells never change
    std::vector<std::uint64_t> cell_keys;     // cells with an online merchant this tick, ascending
    std::vector<std::uint64_t> cell_start;    // their ranges in cell_merchants (cell_keys.size() + 1)
    std::vector<MerchantId> cell_merchants;   // online local merchants by (cell, id)
    std::vector<double> cell_weight;          // with a weighted choice: cumulative weight within the cell
    std::vector<double> adopt_chance;         // mini programs: per merchant, today's chance of going online
    std::vector<std::uint64_t> region_users;  // mini programs: online users per region
    std::vector<std::uint64_t> region_views;  // tourism: today's views of the region's creators
};

struct TickContext {
    const scenario::Scenario& scenario;
    World& world;
    std::int32_t tick;
    Flows& flows;
    CohortFlows& cohort_flows;
    Buffers& buffers;
};

// The phases, in the order simulation.cpp runs them.
void run_adoption(TickContext& ctx);
void run_entry_exit(TickContext& ctx);
void run_publish(TickContext& ctx);
void run_feed(TickContext& ctx);
void apply_feed_outboxes(TickContext& ctx);
void run_traffic_pools(TickContext& ctx);
void run_mini_programs(TickContext& ctx);
void run_local_services(TickContext& ctx);
void run_social_commerce(TickContext& ctx);

}  // namespace grassroots::model
