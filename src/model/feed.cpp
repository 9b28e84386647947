// Phases 4 and 5, feed and engage, fused in one pass per user so that the feed is never
// stored: every online user fills `attention` slots, each from the social source
// (friends' shares from the previous tick, latest items of followed creators) or the
// interest source (items of the user's topic, or sometimes any topic, drawn in proportion
// to their estimated quality), and reacts to each view: like, then share and follow.
// Writes: the user's own outbox (follows, shares) and commutative integer counters.
#include <algorithm>
#include <atomic>

#include "core/alias_table.hpp"
#include "core/parallel.hpp"
#include "model/streams.hpp"
#include "model/tick.hpp"

namespace grassroots::model {
namespace {

// Pseudo-views that pull a new item's like rate towards the prior: an item needs tens of
// views before its own record outweighs the platform's expectation.
constexpr double kPriorViews = 20.0;

void build_interest_tables(const Items& items, std::size_t topics, double prior_rate,
                           InterestTables& t) {
    const std::size_t n = items.size();
    t.topic_start.assign(topics + 1, 0);
    for (std::size_t i = 0; i < n; ++i) ++t.topic_start[items.topic[i] + 1];
    for (std::size_t k = 0; k < topics; ++k) t.topic_start[k + 1] += t.topic_start[k];
    t.item_index.resize(n);
    t.weight.resize(n);
    t.probability.resize(n);
    t.alias.resize(n);

    // Counting sort by topic, items in window order within a topic.
    std::vector<std::uint64_t> cursor(t.topic_start.begin(), t.topic_start.end() - 1);
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint64_t slot = cursor[items.topic[i]]++;
        t.item_index[slot] = static_cast<std::uint32_t>(i);
        // The floor keeps sampling uniform rather than degenerate when no item has a like.
        t.weight[slot] = std::max(
            1e-12, (items.likes[i] + kPriorViews * prior_rate) / (items.views[i] + kPriorViews));
    }
    for (std::size_t k = 0; k < topics; ++k) {
        const std::uint64_t begin = t.topic_start[k];
        const std::uint64_t count = t.topic_start[k + 1] - begin;
        core::build_alias(std::span<const double>(t.weight).subspan(begin, count),
                          std::span<float>(t.probability).subspan(begin, count),
                          std::span<std::uint32_t>(t.alias).subspan(begin, count), t.small, t.large);
    }
}

class FeedPass {
public:
    explicit FeedPass(TickContext& ctx)
        : ctx_(ctx),
          w_(ctx.world),
          feed_(ctx.scenario.platform.feed),
          engagement_(ctx.scenario.engagement),
          social_share_(feed_.social / (feed_.social + feed_.interest)),
          topics_(static_cast<std::uint64_t>(ctx.scenario.creators.topics)) {}

    void run_block(std::size_t begin, std::size_t end, FeedOutbox& out) {
        out.follows.clear();
        out.shares.clear();
        out.flows = {};
        for (std::size_t u = begin; u < end; ++u) {
            if (w_.users.online[u]) run_user(static_cast<UserId>(u), out);
        }
    }

private:
    void run_user(UserId u, FeedOutbox& out) {
        const std::int64_t slots = ctx_.scenario.population.cohorts[w_.users.cohort[u]].attention;
        if (slots == 0 || w_.items.size() == 0) return;
        core::RandomStream rng(ctx_.scenario.seed, static_cast<std::uint32_t>(ctx_.tick), stream::kFeed, u);

        shared_by_friends_.clear();
        for (UserId f : w_.graph.friends(u)) {
            const ItemId* row = w_.shared.row(f);
            for (std::size_t i = 0; i < w_.shared.row_size(f); ++i) {
                if (w_.items.live(row[i])) shared_by_friends_.push_back(row[i]);
            }
        }
        viewed_.clear();
        const std::size_t first_new_follow = out.follows.size();
        const std::int32_t own = w_.users.creator_id[u];

        for (std::int64_t slot = 0; slot < slots; ++slot) {
            ItemId item = rng.bernoulli(social_share_) ? pick_social(u, rng) : kNoItem;
            if (item == kNoItem) item = pick_interest(u, rng);
            const std::size_t index = item - w_.items.first_id;
            const CreatorId creator = w_.items.creator[index];
            if (static_cast<std::int32_t>(creator) == own) continue;
            if (std::find(viewed_.begin(), viewed_.end(), item) != viewed_.end()) continue;
            viewed_.push_back(item);

            std::atomic_ref<std::uint32_t>(w_.items.views[index]).fetch_add(1, std::memory_order_relaxed);
            std::atomic_ref<std::uint64_t>(w_.creators.views[creator]).fetch_add(1, std::memory_order_relaxed);
            ++out.flows.views;

            const double like_probability = std::min(1.0, engagement_.like * w_.items.quality[index]);
            if (!rng.bernoulli(like_probability)) continue;
            std::atomic_ref<std::uint32_t>(w_.items.likes[index]).fetch_add(1, std::memory_order_relaxed);
            std::atomic_ref<std::uint64_t>(w_.creators.likes[creator]).fetch_add(1, std::memory_order_relaxed);
            ++out.flows.likes;
            if (rng.bernoulli(engagement_.share_given_like)) {
                out.shares.emplace_back(u, item);
                ++out.flows.shares;
            }
            if (!follows(u, creator, out, first_new_follow) && rng.bernoulli(engagement_.follow_given_like)) {
                out.follows.emplace_back(u, creator);
                ++out.flows.follows;
            }
        }
    }

    bool follows(UserId u, CreatorId c, const FeedOutbox& out, std::size_t first_new) const {
        const CreatorId* row = w_.follows.row(u);
        if (std::binary_search(row, row + w_.follows.row_size(u), c)) return true;
        for (std::size_t i = first_new; i < out.follows.size(); ++i) {
            if (out.follows[i].second == c) return true;
        }
        return false;
    }

    // A friend's share or a followed creator's latest item, uniformly over both;
    // kNoItem when the user has neither (the slot then goes to the interest source).
    ItemId pick_social(UserId u, core::RandomStream& rng) const {
        const std::size_t followed = w_.follows.row_size(u);
        const std::size_t total = shared_by_friends_.size() + followed;
        if (total == 0) return kNoItem;
        const std::size_t r = rng.below(total);
        if (r < shared_by_friends_.size()) return shared_by_friends_[r];
        const ItemId latest = w_.creators.latest_item[w_.follows.row(u)[r - shared_by_friends_.size()]];
        return latest != kNoItem && w_.items.live(latest) ? latest : kNoItem;
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
        const std::uint32_t slot =
            core::sample_alias(std::span<const float>(t.probability).subspan(begin, count),
                               std::span<const std::uint32_t>(t.alias).subspan(begin, count), rng);
        return w_.items.first_id + t.item_index[begin + slot];
    }

    TickContext& ctx_;
    World& w_;
    const scenario::Feed& feed_;
    const scenario::Engagement& engagement_;
    double social_share_;
    std::uint64_t topics_;
    std::vector<ItemId> shared_by_friends_;
    std::vector<ItemId> viewed_;
};

}  // namespace

void run_feed(TickContext& ctx) {
    const std::size_t n = ctx.world.users.size();
    build_interest_tables(ctx.world.items, static_cast<std::size_t>(ctx.scenario.creators.topics),
                          ctx.scenario.engagement.like, ctx.buffers.interest);
    auto& outboxes = ctx.buffers.outboxes;
    outboxes.resize(core::block_count(n));
    core::for_each_block(n, [&](std::size_t block, std::size_t begin, std::size_t end) {
        FeedPass pass(ctx);  // per block: its scratch vectors are not shared between threads
        pass.run_block(begin, end, outboxes[block]);
    });
    for (const FeedOutbox& out : outboxes) ctx.flows += out.flows;
}

}  // namespace grassroots::model
