// Phases 4 and 5, feed and engage, fused in one pass per user so that the feed is never
// stored. Every online user fills `attention` slots, each from one of four sources drawn
// by the platform's weights:
//   social      friends' shares from the previous tick and followed creators' latest items;
//   interest    items of the user's topic (sometimes any topic) by estimated quality;
//   popularity  creators' latest items in proportion to (creator views + 1)^alpha;
//   explore     items with impressions left in their traffic pool, by what is left.
// A source with nothing to offer passes the slot to the next one. Each view may become a
// like (then a share and a follow) and, for a live session, a purchase.
// Writes: the user's own outbox (follows, shares) and commutative integer counters.
#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <stdexcept>

#include "core/alias_table.hpp"
#include "core/parallel.hpp"
#include "core/prefetch.hpp"
#include "model/live_market.hpp"
#include "model/social_proof.hpp"
#include "model/streams.hpp"
#include "model/tick.hpp"

namespace grassroots::model {
namespace {

// Pseudo-views that pull a new item's like rate towards the prior: an item needs tens of
// views before its own record outweighs the platform's expectation.
constexpr double kPriorViews = 20.0;
// How often a slot may redraw after turning an item down (a followed creator's item from
// an algorithmic source, or a capped creator's item).
constexpr int kRedraws = 3;

enum Source : std::uint8_t { kSocial, kInterest, kPopularity, kExplore, kSourceCount };

// The mix users saw: each view counted under the source that filled its slot.
void count_view_source(Source source, Flows& flows) {
    switch (source) {
        case kSocial:
            ++flows.views_social;
            break;
        case kInterest:
            ++flows.views_interest;
            break;
        case kPopularity:
            ++flows.views_popularity;
            break;
        default:
            ++flows.views_explore;
            break;
    }
}

double estimated_quality(std::uint32_t views, std::uint32_t likes, double prior_rate) {
    // The floor keeps sampling uniform rather than degenerate when no item has a like.
    return std::max(1e-12, (likes + kPriorViews * prior_rate) / (views + kPriorViews));
}

// A live session is watched on its days only (commerce.live.session_days; 1: its own day):
// afterwards it stays in the pool, unviewable, until it expires with the items of its day.
bool session_over(const Items& items, std::size_t index, std::int32_t tick, std::int64_t session_days) {
    return items.merchant[index] != kNoMerchant && items.born[index] + session_days <= tick;
}

// What a creator shows its friends and followers, and the popularity source: its latest item,
// or, once that is a session that is over, its latest other item (kNoItem if none is live).
ItemId latest_shown_item(const World& w, CreatorId c, std::int32_t tick, std::int64_t session_days) {
    for (const ItemId item : {w.creators.latest_item[c], w.creators.latest_video[c]}) {
        if (item != kNoItem && w.items.live(item) &&
            !session_over(w.items, item - w.items.first_id, tick, session_days)) {
            return item;
        }
    }
    return kNoItem;
}

void build_interest_tables(const Items& items, std::size_t topics, double prior_rate, std::int32_t tick,
                           std::int64_t session_days, InterestTables& t) {
    const std::size_t n = items.size();
    t.topic_start.assign(topics + 1, 0);
    for (std::size_t i = 0; i < n; ++i) ++t.topic_start[items.topic[i] + 1];
    for (std::size_t k = 0; k < topics; ++k) t.topic_start[k + 1] += t.topic_start[k];
    t.item_index.resize(n);
    t.weight.resize(n);
    t.probability.resize(n);
    t.alias.resize(n);
    // Counting sort by topic, items in window order within a topic.
    std::vector<std::uint64_t>& cursor = t.cursor;
    cursor.assign(t.topic_start.begin(), t.topic_start.end() - 1);
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint64_t slot = cursor[items.topic[i]]++;
        t.item_index[slot] = static_cast<std::uint32_t>(i);
        t.weight[slot] = session_over(items, i, tick, session_days)
                             ? 0.0
                             : estimated_quality(items.views[i], items.likes[i], prior_rate);
    }
    for (std::size_t k = 0; k < topics; ++k) {
        const std::uint64_t begin = t.topic_start[k];
        const std::uint64_t count = t.topic_start[k + 1] - begin;
        core::build_alias(std::span<const double>(t.weight).subspan(begin, count),
                          std::span<float>(t.probability).subspan(begin, count),
                          std::span<std::uint32_t>(t.alias).subspan(begin, count), t.small, t.large);
    }
    t.slots.resize(n);
    for (std::size_t k = 0; k < topics; ++k) {
        const std::uint64_t begin = t.topic_start[k];
        const std::uint64_t count = t.topic_start[k + 1] - begin;
        core::pack_alias(std::span<const float>(t.probability).subspan(begin, count),
                         std::span<const std::uint32_t>(t.alias).subspan(begin, count),
                         std::span<const std::uint32_t>(t.item_index).subspan(begin, count),
                         std::span<core::AliasSlot>(t.slots).subspan(begin, count));
    }
}

// The cards the feed pass reads (ItemCard, tick.hpp): the like chance computed once per item
// and tick with the very expression engage used per view, so every draw compares against
// the same double.
void build_item_cards(const TickContext& ctx, std::vector<ItemCard>& cards) {
    const Items& items = ctx.world.items;
    const scenario::Engagement& e = ctx.scenario.engagement;
    const std::int64_t session_days = ctx.scenario.commerce.live.session_days;
    cards.resize(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
        cards[i].creator = items.creator[i];
        cards[i].merchant = items.merchant[i];
        cards[i].like_chance =
            session_over(items, i, ctx.tick, session_days)
                ? -1.0
                : std::min(1.0, e.like * items.quality[i] * social_proof_factor(e.social_proof, items.likes[i]));
    }
}

// Fills `sampler` with the live items for which weight_of(i) > 0.
template <class WeightOf>
void build_sampler(std::size_t items, WeightOf&& weight_of, ItemSampler& s) {
    s.item_index.clear();
    s.weight.clear();
    for (std::size_t i = 0; i < items; ++i) {
        const double weight = weight_of(i);
        if (weight <= 0.0) continue;
        s.item_index.push_back(static_cast<std::uint32_t>(i));
        s.weight.push_back(weight);
    }
    s.probability.resize(s.weight.size());
    s.alias.resize(s.weight.size());
    core::build_alias(s.weight, s.probability, s.alias, s.small, s.large);
    s.slots.resize(s.weight.size());
    core::pack_alias(s.probability, s.alias, s.item_index, s.slots);
}

// Head cap: the chance that a pick of a creator's item is kept. A creator whose views
// yesterday exceeded head_cap of all views has its chance scaled by cap * total / views,
// so that, demand being steady, its share meets the cap the next day; the turned-down
// slots go to others. Scaling yesterday's chance (rather than setting it from yesterday's
// capped views) converges instead of oscillating. Everyone is kept when the cap is 1.
void update_admission(TickContext& ctx) {
    Creators& c = ctx.world.creators;
    auto& admit = ctx.buffers.admit;
    admit.resize(c.size(), 1.0f);  // newcomers start uncapped
    const double cap = ctx.scenario.platform.feed.head_cap;
    std::uint64_t total = 0;
    for (CreatorId id = 0; id < c.size(); ++id) total += c.views[id] - c.views_at_tick_start[id];
    for (CreatorId id = 0; id < c.size(); ++id) {
        const std::uint64_t last = c.views[id] - c.views_at_tick_start[id];
        c.views_at_tick_start[id] = c.views[id];
        if (cap >= 1.0) continue;
        const double allowed = cap * static_cast<double>(total);
        // A day without views says nothing about demand (a host whose latest item is a
        // session that is over has none): the chance is kept rather than reset to 1, which
        // would let a capped creator through uncapped the next day.
        if (last == 0) continue;
        const double scaled = admit[id] * allowed / static_cast<double>(last);
        admit[id] = static_cast<float>(std::min(1.0, scaled));
    }
}

class FeedPass {
public:
    FeedPass(TickContext& ctx, FeedScratch& scratch)
        : ctx_(ctx),
          w_(ctx.world),
          scratch_(scratch),
          feed_(ctx.scenario.platform.feed),
          engagement_(ctx.scenario.engagement),
          live_(ctx.scenario.commerce.live),
          topics_(static_cast<std::uint64_t>(ctx.scenario.creators.topics)),
          seen_filter_(ctx.world.seen.enabled()),
          cards_(ctx.buffers.item_cards.data()) {
        for (std::size_t c = 0; c < ctx.scenario.population.cohorts.size(); ++c) {
            budget_.push_back(static_cast<double>(budget_cents(ctx.scenario, c)));
        }
        const std::array<double, kSourceCount> weights{feed_.social, feed_.interest, feed_.popularity, feed_.explore};
        double total = 0.0;
        for (double x : weights) total += x;
        double running = 0.0;
        for (int s = 0; s < kSourceCount; ++s) {
            running += weights[s];
            source_cdf_[s] = running / total;
            enabled_[s] = weights[s] > 0.0;
        }
    }

    void run_block(std::size_t begin, std::size_t end, FeedOutbox& out) {
        out.follows.clear();
        out.shares.clear();
        out.views.clear();
        out.flows = {};
        out.cohorts.reset(budget_.size());
        for (std::size_t u = begin; u < end; ++u) {
            if (u + kAhead < end) prefetch_row_starts(static_cast<UserId>(u + kAhead));
            if (u + 1 < end) prefetch_rows(static_cast<UserId>(u + 1));
            if (w_.users.active[u]) run_user(static_cast<UserId>(u), out);
        }
    }

private:
    // Software prefetch, in two stages a few users ahead: a feed reads its friends' share
    // rows and creator ids at random places (a cache miss each, one after another), so
    // they are requested while earlier users are fed. Prefetches change no result.
    static constexpr std::size_t kAhead = 2;

    // Stage one: the row starts of friends who shared and the creator ids of creator friends.
    void prefetch_row_starts(UserId v) const {
        for (UserId f : w_.graph.friends(v)) {
            if (w_.sharers.test(f)) core::prefetch(w_.shared.row_start.address(f + 1));
            if (w_.creator_users.test(f)) core::prefetch(w_.users.creator_id.data() + f);
        }
    }

    // Stage two, for the next user: the share rows themselves (their starts are in cache by now).
    void prefetch_rows(UserId v) const {
        for (UserId f : w_.graph.friends(v)) {
            if (w_.sharers.test(f)) core::prefetch(w_.shared.row(f));
        }
        if (seen_filter_) w_.seen.prefetch(v);
    }

    void run_user(UserId u, FeedOutbox& out) {
        const auto& cohort = ctx_.scenario.population.cohorts[w_.users.cohort[u]];
        if (cohort.attention == 0 || w_.items.size() == 0) return;
        core::RandomStream rng(ctx_.scenario.seed, static_cast<std::uint32_t>(ctx_.tick), stream::kFeed, u);

        // The social candidates: what friends shared yesterday and friends' own latest
        // posts (a creator's friends see its work, followers or not).
        std::vector<ItemId>& from_friends = scratch_.from_friends;
        from_friends.clear();
        for (UserId f : w_.graph.friends(u)) {
            if (w_.creator_users.test(f)) {
                const ItemId latest = latest_shown(static_cast<CreatorId>(w_.users.creator_id[f]));
                if (latest != kNoItem) from_friends.push_back(latest);
            }
            if (!w_.sharers.test(f)) continue;
            const ItemId* row = w_.shared.row(f);
            for (std::size_t i = 0; i < w_.shared.row_size(f); ++i) {
                if (viewable(row[i])) from_friends.push_back(row[i]);
            }
        }
        const std::uint32_t stamp = ++scratch_.stamp;
        first_new_follow_ = out.follows.size();
        follow_row_ = w_.follows.row(u);
        follow_count_ = w_.follows.row_size(u);
        for (std::size_t i = 0; i < follow_count_; ++i) scratch_.followed.set(follow_row_[i]);
        const std::uint32_t* viewed = nullptr;
        std::size_t viewed_count = 0;
        if (engagement_.view_once) viewed = w_.viewed.row(u), viewed_count = w_.viewed.row_size(u);
        viewer_ = {u, w_.users.cohort[u], w_.users.creator_id[u], stamp, viewed, viewed_count};

        // Followed hosts live today come first: the platform notifies their followers, and
        // each watches at follower_reach. They spend attention like any view, counted under
        // the social source.
        std::int64_t slot = 0;
        // Notices are part of the social source: a feed without it (social 0) sends none. The
        // head cap applies to them as to every pick.
        if (live_.follower_reach > 0.0 && enabled_[kSocial]) {
            for (std::size_t i = 0; i < follow_count_ && slot < cohort.attention; ++i) {
                const CreatorId host = follow_row_[i];
                if (!ctx_.buffers.hosting_today.test(host)) continue;
                core::RandomStream reach(ctx_.scenario.seed, static_cast<std::uint32_t>(ctx_.tick), stream::kLiveReach,
                                         (std::uint64_t{u} << 32) | host);
                if (!reach.bernoulli(live_.follower_reach)) continue;
                const float admit = ctx_.buffers.admit[host];
                if (admit < 1.0f && !reach.bernoulli(admit)) continue;
                if (view(w_.creators.latest_item[host], false, cohort.spending, rng, out)) {
                    ++out.flows.live_views_followers;
                    ++out.flows.views_social;
                    ++slot;
                }
            }
        }
        for (; slot < cohort.attention; ++slot) {
            // A slot that lands on the user's own item or one seen today is drawn again,
            // a few times at most: attention is spent on views, not lost to repeats.
            for (int attempt = 0; attempt <= kRedraws; ++attempt) {
                bool recommended = false;
                Source source = kSocial;
                const ItemId item = fill_slot(u, rng, recommended, source);
                if (item == kNoItem) break;
                if (!view(item, recommended, cohort.spending, rng, out)) continue;
                count_view_source(source, out.flows);
                break;
            }
        }
        for (std::size_t i = 0; i < follow_count_; ++i) scratch_.followed.reset(follow_row_[i]);
        for (std::size_t i = first_new_follow_; i < out.follows.size(); ++i) {
            scratch_.followed.reset(out.follows[i].second);
        }
    }

    // The current user views `item` unless it is its own, seen already, or a session that is
    // over; false when it did not.
    bool view(ItemId item, bool recommended, double spending, core::RandomStream& rng, FeedOutbox& out) {
        if (!viewable(item)) return false;
        const std::size_t index = item - w_.items.first_id;
        const CreatorId creator = cards_[index].creator;
        const UserId u = viewer_.user;
        if (static_cast<std::int32_t>(creator) == viewer_.own) return false;
        ItemTally& tally = scratch_.items[index];
        if (tally.seen == viewer_.stamp) return false;
        // view_once: an item seen on an earlier day is a repeat too, so that each
        // user decides about an item once (a cascade is then a percolation).
        if (viewer_.viewed_count > 0 && std::binary_search(viewer_.viewed, viewer_.viewed + viewer_.viewed_count,
                                                           static_cast<std::uint32_t>(item - w_.viewed_base))) {
            return false;
        }
        // seen_filter: the same at bounded memory, probably (false positives skip); a view
        // is recorded as it is checked.
        if (seen_filter_ && !w_.seen.insert_if_absent(u, item)) return false;
        tally.seen = viewer_.stamp;
        if (engagement_.view_once) out.views.emplace_back(u, static_cast<std::uint32_t>(index));
        engage(u, index, creator, tally, recommended, spending, rng, out);
        return true;
    }

    // A live item that is not a session that is over.
    bool viewable(ItemId item) const {
        return item != kNoItem && w_.items.live(item) && cards_[item - w_.items.first_id].like_chance >= 0.0;
    }

    // latest_shown_item with the cards' liveness (the same answer, one read less).
    ItemId latest_shown(CreatorId c) const {
        for (const ItemId item : {w_.creators.latest_item[c], w_.creators.latest_video[c]}) {
            if (viewable(item)) return item;
        }
        return kNoItem;
    }

    // `recommended`: the item came from an algorithmic source, which only offers creators
    // the user does not follow; otherwise that is looked up, and only when it matters.
    void engage(UserId u, std::size_t index, CreatorId creator, ItemTally& tally, bool recommended, double spending,
                core::RandomStream& rng, FeedOutbox& out) {
        // Items only: creators' tallies are summed from their items after the pass.
        ++tally.views;
        ++out.flows.views;
        ++out.cohorts.views[viewer_.cohort];
        const auto following = [&] { return !recommended && follows(creator); };

        const ItemCard& card = cards_[index];
        const MerchantId merchant = card.merchant;
        if (merchant != kNoMerchant) {
            ++out.flows.live_views;
            const double price = static_cast<double>(w_.merchants.price[merchant]);
            const double p = std::min(1.0, (live_.buy + (following() ? live_.buy_trust : 0.0)) * spending *
                                               price_factor(price, budget_[viewer_.cohort], live_.price_elasticity));
            if (rng.bernoulli(p)) buy(creator, merchant, out);
        }

        if (!rng.bernoulli(card.like_chance)) return;
        ++tally.likes;
        ++out.flows.likes;
        if (rng.bernoulli(engagement_.share_given_like)) {
            out.shares.emplace_back(u, w_.items.first_id + index);
            ++out.flows.shares;
        }
        if (!following() && rng.bernoulli(engagement_.follow_given_like)) {
            out.follows.emplace_back(u, creator);
            scratch_.followed.set(creator);
            ++out.flows.follows;
        }
    }

    // Splits the price in cents: commission and take rounded down, the merchant keeps the
    // rest, so GMV = merchant revenue + commission + take exactly.
    void buy(CreatorId creator, MerchantId merchant, FeedOutbox& out) {
        const Cents price = w_.merchants.price[merchant];
        const auto commission =
            static_cast<Cents>(std::floor(static_cast<double>(price) * w_.merchants.commission[merchant]));
        const auto take = static_cast<Cents>(std::floor(static_cast<double>(price) * live_.platform_take));
        const Cents kept = price - commission - take;
        std::atomic_ref<std::uint64_t>(w_.merchants.orders[merchant]).fetch_add(1, std::memory_order_relaxed);
        ++out.flows.live_orders;
        Flows& f = out.flows;
        f.count_overflow(add_cents_atomic(w_.creators.income[creator], commission));
        f.count_overflow(add_cents_atomic(w_.merchants.revenue[merchant], kept));
        f.count_overflow(add_cents(f.gmv, price));
        f.count_overflow(add_cents(f.commission, commission));
        f.count_overflow(add_cents(f.platform_take, take));
        f.count_overflow(add_cents(f.live_merchant_revenue, kept));
        std::atomic_ref<std::uint64_t>(w_.creators.live_orders[creator]).fetch_add(1, std::memory_order_relaxed);
        f.count_overflow(add_cents_atomic(w_.creators.gmv[creator], price));
        ++out.cohorts.live_orders[viewer_.cohort];
        f.count_overflow(add_cents(out.cohorts.gmv[viewer_.cohort], price));
    }

    // Sets `recommended` when the item comes from an algorithmic source, and `from` to the
    // source that gave it (the drawn one, or the one a slot passed to).
    ItemId fill_slot(UserId u, core::RandomStream& rng, bool& recommended, Source& from) {
        // The first source whose cumulative weight exceeds r (one turned off adds no weight,
        // so it is never first), counted without branches: the draw is unpredictable.
        const double r = rng.uniform();
        int first = 0;
        for (int s = 0; s < kSourceCount - 1; ++s) first += r >= source_cdf_[s];
        // The drawn source first, then the others in order, skipping those turned off.
        for (int k = 0; k < kSourceCount; ++k) {
            const int source = (first + k) % kSourceCount;
            if (!enabled_[source]) continue;
            for (int attempt = 0; attempt <= kRedraws; ++attempt) {
                const ItemId item = pick(static_cast<Source>(source), u, rng);
                if (item == kNoItem) break;
                if (!viewable(item)) continue;
                const CreatorId creator = cards_[item - w_.items.first_id].creator;
                // Algorithmic sources recommend creators the user does not follow yet: the
                // social source already brings those.
                if (source != kSocial && follows(creator)) continue;
                const float admit = ctx_.buffers.admit[creator];
                if (admit >= 1.0f || rng.bernoulli(admit)) {
                    recommended = source != kSocial;
                    from = static_cast<Source>(source);
                    return item;
                }
            }
        }
        return kNoItem;
    }

    ItemId pick(Source source, UserId u, core::RandomStream& rng) const {
        switch (source) {
            case kSocial:
                return pick_social(rng);
            case kInterest:
                return pick_interest(u, rng);
            case kPopularity:
                return pick_from(ctx_.buffers.popular, rng);
            case kExplore:
                return pick_from(ctx_.buffers.fresh, rng);
            default:
                return kNoItem;
        }
    }

    bool follows(CreatorId c) const { return scratch_.followed.test(c); }

    // A friend's share or post, or a followed creator's latest item, uniformly over all.
    ItemId pick_social(core::RandomStream& rng) const {
        const std::size_t followed = follow_count_;
        const std::size_t total = scratch_.from_friends.size() + followed;
        if (total == 0) return kNoItem;
        const std::size_t r = rng.below(total);
        if (r < scratch_.from_friends.size()) return scratch_.from_friends[r];
        return latest_shown(follow_row_[r - scratch_.from_friends.size()]);
    }

    // An item of the user's topic (or, with probability 1 - interest_match, of a random
    // topic) in proportion to estimated quality; a uniformly random live item when that
    // topic has none.
    ItemId pick_interest(UserId u, core::RandomStream& rng) const {
        const InterestTables& t = ctx_.buffers.interest;
        const bool own_topic = rng.bernoulli(feed_.interest_match);
        const std::uint64_t topic = own_topic ? w_.users.topic[u] : rng.below(topics_);
        const std::uint64_t begin = t.topic_start[topic];
        const std::uint64_t count = t.topic_start[topic + 1] - begin;
        if (count == 0) return w_.items.first_id + rng.below(w_.items.size());
        return w_.items.first_id + core::draw_alias(std::span(t.slots).subspan(begin, count), rng);
    }

    ItemId pick_from(const ItemSampler& s, core::RandomStream& rng) const {
        if (s.slots.empty()) return kNoItem;
        return w_.items.first_id + core::draw_alias(s.slots, rng);
    }

    TickContext& ctx_;
    World& w_;
    FeedScratch& scratch_;
    const scenario::Feed& feed_;
    const scenario::Engagement& engagement_;
    const scenario::LiveCommerce& live_;
    std::uint64_t topics_;
    bool seen_filter_;
    const ItemCard* cards_;       // per live item
    std::vector<double> budget_;  // per cohort, cents
    // The user being fed: its cohort, own creator id, this feed's stamp and view_once row.
    struct Viewer {
        UserId user = 0;
        std::uint8_t cohort = 0;
        std::int32_t own = kNotACreator;
        std::uint32_t stamp = 0;
        const std::uint32_t* viewed = nullptr;
        std::size_t viewed_count = 0;
    } viewer_;
    std::array<double, kSourceCount> source_cdf_{};
    std::array<bool, kSourceCount> enabled_{};
    std::size_t first_new_follow_ = 0;
    const CreatorId* follow_row_ = nullptr;  // the current user's follows
    std::size_t follow_count_ = 0;
};

}  // namespace

void run_feed(TickContext& ctx) {
    const auto& feed = ctx.scenario.platform.feed;
    const Items& items = ctx.world.items;
    const std::size_t n = ctx.world.users.size();
    const std::int64_t session_days = ctx.scenario.commerce.live.session_days;
    ctx.world.seen.rotate_if_due(ctx.tick, ctx.scenario.creators.item_lifetime);
    update_admission(ctx);
    if (feed.interest > 0.0) {
        build_interest_tables(items, static_cast<std::size_t>(ctx.scenario.creators.topics),
                              ctx.scenario.engagement.like, ctx.tick, session_days, ctx.buffers.interest);
    }
    if (feed.popularity > 0.0) {
        // Cumulative advantage at the creator level (Price 1976): an item's weight is its
        // creator's views (or likes, with popularity_signal: likes) so far, + 1, to the
        // power alpha, and only the creator's latest item carries it. Weighting items by
        // their own views instead spreads attention over a creator's short-lived items and
        // washes the advantage out.
        const Creators& creators = ctx.world.creators;
        const auto& signal =
            feed.popularity_signal == scenario::PopularitySignal::likes ? creators.likes : creators.views;
        build_sampler(
            items.size(),
            [&](std::size_t i) {
                const CreatorId c = items.creator[i];
                if (latest_shown_item(ctx.world, c, ctx.tick, session_days) != items.first_id + i) return 0.0;
                return std::pow(static_cast<double>(signal[c]) + 1.0, feed.popularity_alpha);
            },
            ctx.buffers.popular);
    }
    if (feed.explore > 0.0) {
        const auto stages = feed.pool_sizes.size();
        build_sampler(
            items.size(),
            [&](std::size_t i) {
                if (items.stage[i] >= stages || session_over(items, i, ctx.tick, session_days)) return 0.0;
                const double used = items.views[i] - items.stage_views[i];
                return std::max(0.0, static_cast<double>(feed.pool_sizes[items.stage[i]]) - used);
            },
            ctx.buffers.fresh);
    }
    build_item_cards(ctx, ctx.buffers.item_cards);
    auto& outboxes = ctx.buffers.outboxes;
    outboxes.resize(core::block_count(n));
    auto& scratches = ctx.buffers.feed_scratch;
    core::for_each_block(n, [&](std::size_t block, std::size_t begin, std::size_t end) {
        FeedScratch& scratch = scratches.local();
        if (scratch.tick != ctx.tick) {
            scratch.tick = ctx.tick;
            scratch.items.assign(items.size(), ItemTally{});
            scratch.stamp = 0;
            scratch.followed.assign(ctx.world.creators.size());
        }
        FeedPass pass(ctx, scratch);
        pass.run_block(begin, end, outboxes[block]);
    });
    for (const FeedOutbox& out : outboxes) {
        ctx.flows += out.flows;
        ctx.flows.count_overflow(ctx.cohort_flows.add(out.cohorts));
    }
    // Integer sums: the same whichever thread counted what. An item's counts are 32-bit
    // (a user views an item at most once a day, so only worlds of hundreds of millions of
    // users with long-lived items come near 2^32): a count that would wrap stops the run.
    Items& live = ctx.world.items;
    bool wrapped = false;
    for (const FeedScratch& scratch : scratches) {
        if (scratch.tick != ctx.tick) continue;
        for (std::size_t i = 0; i < live.size(); ++i) {
            wrapped |= __builtin_add_overflow(live.views[i], scratch.items[i].views, &live.views[i]);
            wrapped |= __builtin_add_overflow(live.likes[i], scratch.items[i].likes, &live.likes[i]);
        }
    }
    if (wrapped) {
        throw std::overflow_error("tick " + std::to_string(ctx.tick) +
                                  ": an item passed 2^32 - 1 views or likes, the most its 32-bit counters hold; "
                                  "shorten creators.item_lifetime");
    }
}

}  // namespace grassroots::model
