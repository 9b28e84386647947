#pragma once
// The state of a run as struct-of-arrays with dense ids: users (id = graph vertex),
// creators, live items, follows and last tick's shares. Phases read and write these
// columns; nothing here allocates per agent.
#include <cstdint>
#include <vector>

#include "core/bitmap.hpp"
#include "graph/social_graph.hpp"
#include "model/row_table.hpp"
#include "model/seen_filter.hpp"
#include "scenario/scenario.hpp"

namespace grassroots::model {

using UserId = std::uint32_t;
using CreatorId = std::uint32_t;
using ItemId = std::uint64_t;  // global, never reused; index in the live window = id - first_id

using MerchantId = std::uint32_t;
using Cents = std::int64_t;  // money in integer cents: sums are exact and order-free

inline constexpr std::int32_t kNotACreator = -1;
inline constexpr ItemId kNoItem = ~ItemId{0};
inline constexpr MerchantId kNoMerchant = ~MerchantId{0};

enum class Background : std::uint8_t { grassroots = 0, elite = 1 };
enum class CreatorStatus : std::uint8_t { active = 0, churned = 1 };

struct Users {
    std::vector<std::uint8_t> cohort;
    std::vector<std::uint8_t> online;      // 0/1
    std::vector<std::uint8_t> active;      // 0/1: online and active today (cohort.daily_activity)
    std::vector<std::uint16_t> topic;      // the user's main interest
    std::vector<std::int32_t> creator_id;  // kNotACreator for plain users
    std::vector<std::uint32_t> region;     // for local services
    std::size_t size() const { return cohort.size(); }
};

struct Creators {
    std::vector<UserId> user;
    std::vector<float> talent;
    std::vector<std::uint16_t> topic;
    std::vector<Background> background;
    std::vector<CreatorStatus> status;
    std::vector<std::int32_t> joined_tick;
    std::vector<std::uint32_t> followers;
    std::vector<std::uint32_t> followers_at_check;  // for churn: followers when last judged
    std::vector<std::uint64_t> views;
    std::vector<std::uint64_t> views_at_tick_start;  // for the head cap
    std::vector<std::uint64_t> likes;
    std::vector<std::uint64_t> items;  // items published so far
    std::vector<ItemId> latest_item;   // kNoItem before the first
    // The latest item that is not a live session (kNoItem before the first): what followers
    // and the popularity source show once the day's session is over.
    std::vector<ItemId> latest_video;
    std::vector<Cents> income;  // live-commerce commission
    // Live commerce as a host: sessions hosted, their orders and GMV, and the sum of its
    // followers' cohort budgets in cents (the audience's spending power, live_market.cpp).
    std::vector<std::uint64_t> sessions;
    std::vector<std::uint64_t> live_orders;
    std::vector<Cents> gmv;
    std::vector<std::uint64_t> audience_budget;
    std::vector<Cents> income_at_check;  // for churn: income when last judged
    // For posting effort (creators.effort): recent daily income in cents, an exponential
    // moving average, and the income already folded into it.
    std::vector<float> income_recent;
    std::vector<Cents> income_folded;
    std::size_t size() const { return user.size(); }
    bool active(CreatorId c) const { return status[c] == CreatorStatus::active; }

    // Room for n creators in every column, so that appending up to n moves nothing (the
    // Python module hands out views of these columns).
    void reserve(std::size_t n) {
        for (auto* column : {&user, &followers, &followers_at_check}) column->reserve(n);
        for (auto* column : {&views, &views_at_tick_start, &likes, &items, &sessions, &live_orders, &audience_budget})
            column->reserve(n);
        for (auto* column : {&talent, &income_recent}) column->reserve(n);
        for (auto* column : {&latest_item, &latest_video}) column->reserve(n);
        for (auto* column : {&income, &gmv, &income_at_check, &income_folded}) column->reserve(n);
        topic.reserve(n);
        background.reserve(n);
        status.reserve(n);
        joined_tick.reserve(n);
    }

    // Appends a creator with zero tallies.
    void add(UserId u, float talent_value, std::uint16_t topic_value, Background b, std::int32_t tick) {
        user.push_back(u);
        talent.push_back(talent_value);
        topic.push_back(topic_value);
        background.push_back(b);
        status.push_back(CreatorStatus::active);
        joined_tick.push_back(tick);
        followers.push_back(0);
        followers_at_check.push_back(0);
        views.push_back(0);
        views_at_tick_start.push_back(0);
        likes.push_back(0);
        items.push_back(0);
        latest_item.push_back(kNoItem);
        latest_video.push_back(kNoItem);
        income.push_back(0);
        sessions.push_back(0);
        live_orders.push_back(0);
        gmv.push_back(0);
        audience_budget.push_back(0);
        income_at_check.push_back(0);
        income_recent.push_back(0);
        income_folded.push_back(0);
    }
};

// Items still in the feed pool, oldest first (they are appended in tick order).
struct Items {
    ItemId first_id = 0;
    std::vector<CreatorId> creator;
    std::vector<std::uint16_t> topic;
    std::vector<float> quality;
    std::vector<std::int32_t> born;
    std::vector<std::uint32_t> views;
    std::vector<std::uint32_t> likes;
    std::vector<MerchantId> merchant;  // the goods a live-commerce session sells, or kNoMerchant
    // Traffic pools: the item's stage (== pool count once it has left the pools) and its
    // views and likes when that stage began.
    std::vector<std::uint8_t> stage;
    std::vector<std::uint32_t> stage_views;
    std::vector<std::uint32_t> stage_likes;
    // Views and likes already added to the creator's tallies (see apply.cpp).
    std::vector<std::uint32_t> tallied_views;
    std::vector<std::uint32_t> tallied_likes;

    std::size_t size() const { return creator.size(); }
    bool live(ItemId id) const { return id >= first_id && id - first_id < size(); }

    // Applies fn to every column, so that growing and trimming cannot miss one.
    template <class Fn>
    void for_each_column(Fn&& fn) {
        fn(creator), fn(topic), fn(quality), fn(born), fn(views), fn(likes), fn(merchant), fn(stage), fn(stage_views),
            fn(stage_likes), fn(tallied_views), fn(tallied_likes);
    }
};

enum class MerchantCategory : std::uint8_t { local = 0, goods = 1 };

struct Merchants {
    std::vector<MerchantCategory> category;
    std::vector<std::uint16_t> kind;  // local-service kind (0 for goods)
    std::vector<std::uint32_t> region;
    std::vector<Cents> price;
    std::vector<float> commission;          // goods: share of a sale's price paid to the host
    std::vector<std::uint8_t> online;       // has a mini program
    std::vector<std::int32_t> online_tick;  // -1 if never
    std::vector<std::uint64_t> orders;
    std::vector<Cents> revenue;  // what the merchant keeps
    // The aggregator (merchants.aggregator) whose mini program the merchant is on: its
    // builder's id (the builder's own), or -1.
    std::vector<std::int32_t> joined_via;
    std::size_t size() const { return category.size(); }
};

struct World {
    graph::SocialGraph graph;
    Users users;
    Creators creators;
    Items items;
    RowTable<CreatorId> follows;  // creators each user follows, ascending
    RowTable<ItemId> shared;      // items each user shared during the previous tick
    // With engagement.view_once: the live items each user has viewed, ascending (otherwise
    // empty, row_start included: no memory per user), as id - viewed_base, where the base
    // is the first live id when the table was made: 4 bytes a view instead of 8 (the live
    // window never holds 2^32 items: the memory estimate refuses such a run long before).
    RowTable<std::uint32_t> viewed;
    ItemId viewed_base = 0;
    // With engagement.seen_filter (and not view_once): the items each user viewed, in a
    // Bloom filter per user (otherwise empty).
    SeenFilters seen;
    // Per user: did it share anything during the previous tick; is it a creator? Most did
    // not and are not, and these bitmaps (n/8 bytes, cache-resident) save a memory miss per
    // friend per feed.
    core::Bitmap sharers;
    core::Bitmap creator_users;
    Merchants merchants;
    std::uint32_t regions = 1;  // users' and merchants' regions: 0 .. regions-1
    // Social commerce (commerce.social): the users who sell to their friends, ascending, and
    // what each has kept of its sales (empty when it is off: no memory per user).
    std::vector<UserId> sellers;
    std::vector<Cents> seller_income;
};

// Builds the initial world from `world_seed`: cohorts (exact shares), online at tick 0,
// interests, creators with talents and topics. The graph is built by the caller.
World build_world(const scenario::Scenario& s, graph::SocialGraph graph);

// Draws the sellers of social commerce (each user with chance commerce.social.seller_share,
// by world_seed; none when it is 0), social_commerce.cpp.
void choose_sellers(const scenario::Scenario& s, World& w);

// The seen filter's size for a scenario: sized for the most views a user can make in one
// generation (the largest attention times item_lifetime days, or the run's ticks if fewer);
// none when it is off, when
// view_once keeps the exact table instead, or when there is no content.
SeenFilterShape seen_filter_shape_for(const scenario::Scenario& s);

}  // namespace grassroots::model
