#include "model/world.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_set>

#include "core/error.hpp"
#include "graph/generators.hpp"
#include "model/homophily.hpp"
#include "model/live_market.hpp"
#include "model/money.hpp"
#include "model/streams.hpp"
#include "scenario/load.hpp"

namespace grassroots::model {
namespace {

using core::RandomStream;

// Splits `total` into counts proportional to `shares` that sum exactly to `total`
// (largest remainder), so a cohort of share 0.2 has exactly 20% of the users.
std::vector<std::uint64_t> apportion(std::uint64_t total, const std::vector<double>& shares) {
    std::vector<std::uint64_t> counts(shares.size());
    std::vector<std::pair<double, std::size_t>> remainders;
    std::uint64_t assigned = 0;
    for (std::size_t i = 0; i < shares.size(); ++i) {
        const double exact = shares[i] * static_cast<double>(total);
        counts[i] = static_cast<std::uint64_t>(std::floor(exact));
        assigned += counts[i];
        remainders.emplace_back(exact - std::floor(exact), i);
    }
    std::stable_sort(remainders.begin(), remainders.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t i = 0; assigned < total && i < remainders.size(); ++i, ++assigned) {
        ++counts[remainders[i].second];
    }
    return counts;
}

// A uniformly random permutation of 0..n-1 (Fisher-Yates on one world stream).
std::vector<UserId> shuffled_users(UserId n, std::uint64_t world_seed, core::StreamId stream) {
    std::vector<UserId> order(n);
    std::iota(order.begin(), order.end(), UserId{0});
    RandomStream rng(world_seed, 0, stream, 0);
    for (UserId i = n; i > 1; --i) std::swap(order[i - 1], order[rng.below(i)]);
    return order;
}

// Equal shares of `total` over `categories`, apportioned exactly.
std::vector<std::uint64_t> equal_counts(std::uint64_t total, std::uint64_t categories) {
    return apportion(total, std::vector<double>(categories, 1.0 / static_cast<double>(categories)));
}

// Cohorts (exact shares) and interests, each at random or, with homophily, along the
// graph; then who is online at tick 0.
void assign_cohorts(const scenario::Scenario& s, const graph::SocialGraph& g, Users& users) {
    const auto n = static_cast<UserId>(users.size());
    const auto& homophily = s.population.homophily;
    std::vector<double> shares;
    for (const auto& c : s.population.cohorts) shares.push_back(c.share);
    const auto counts = apportion(n, shares);
    if (homophily.cohort > 0.0) {
        const auto category = lay_out_along_graph(g, counts, homophily.cohort, s.world_seed, stream::kCohortLayout);
        for (UserId u = 0; u < n; ++u) users.cohort[u] = static_cast<std::uint8_t>(category[u]);
    } else {
        const auto order = shuffled_users(n, s.world_seed, stream::kCohorts);
        std::size_t next = 0;
        for (std::size_t c = 0; c < counts.size(); ++c) {
            for (std::uint64_t i = 0; i < counts[c]; ++i) users.cohort[order[next++]] = static_cast<std::uint8_t>(c);
        }
    }
    const auto topics = static_cast<std::uint64_t>(s.creators.topics);
    if (homophily.interest > 0.0) {
        const auto category =
            lay_out_along_graph(g, equal_counts(n, topics), homophily.interest, s.world_seed, stream::kInterestLayout);
        for (UserId u = 0; u < n; ++u) users.topic[u] = static_cast<std::uint16_t>(category[u]);
    }
    for (UserId u = 0; u < n; ++u) {
        RandomStream rng(s.world_seed, 0, stream::kInitiallyOnline, u);
        users.online[u] = rng.bernoulli(s.population.cohorts[users.cohort[u]].initially_online);
        if (homophily.interest > 0.0) continue;
        RandomStream interests(s.world_seed, 0, stream::kInterests, u);
        users.topic[u] = static_cast<std::uint16_t>(interests.below(topics));
    }
}

// Creators at tick 0: an exact share of users, an exact share of them elites, talents
// lognormal (elites shifted by talent_shift), and optionally one grassroots prodigy.
void choose_creators(const scenario::Scenario& s, World& w) {
    const auto n = static_cast<UserId>(w.users.size());
    const auto count = static_cast<std::size_t>(std::llround(s.creators.share * n));
    const auto order = shuffled_users(n, s.world_seed, stream::kCreatorChoice);
    std::vector<UserId> chosen(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(count));
    std::sort(chosen.begin(), chosen.end());  // creator ids ascend with user ids

    const auto elites = static_cast<std::size_t>(std::llround(s.creators.elite_share * static_cast<double>(count)));
    std::vector<std::uint8_t> is_elite(count, 0);
    {
        RandomStream rng(s.world_seed, 0, stream::kBackgrounds, 0);
        std::vector<std::uint32_t> ids(count);
        std::iota(ids.begin(), ids.end(), 0u);
        for (std::size_t i = 0; i < elites; ++i) {
            std::swap(ids[i], ids[i + rng.below(count - i)]);
            is_elite[ids[i]] = 1;
        }
    }
    for (std::size_t i = 0; i < count; ++i) {
        RandomStream rng(s.world_seed, 0, stream::kCreatorTraits, i);
        const bool elite = is_elite[i];
        const double mu = s.creators.talent.mu + (elite ? s.creators.elite.talent_shift : 0.0);
        const auto talent = static_cast<float>(rng.lognormal(mu, s.creators.talent.sigma));
        // A creator makes content on the topic its user cares about.
        w.creators.add(chosen[i], talent, w.users.topic[chosen[i]], elite ? Background::elite : Background::grassroots,
                       0);
        w.users.creator_id[chosen[i]] = static_cast<std::int32_t>(i);
        w.creator_users.set(chosen[i]);
    }
    if (s.creators.prodigy_talent > 0.0 && elites < count) {
        // The herdsman with one photo: a grassroots creator, drawn like everything else.
        RandomStream rng(s.world_seed, 0, stream::kBackgrounds, 1);
        std::size_t pick = rng.below(count - elites);
        for (std::size_t i = 0; i < count; ++i) {
            if (is_elite[i]) continue;
            if (pick-- == 0) {
                w.creators.talent[i] = static_cast<float>(s.creators.prodigy_talent);
                break;
            }
        }
    }
}

// Elites' head start: initial_followers distinct users (never the elite itself) follow
// each elite at tick 0, drawn by Floyd's sampling without replacement.
void seed_elite_followers(const scenario::Scenario& s, World& w) {
    const auto n = static_cast<std::uint64_t>(w.users.size());
    const auto k = static_cast<std::uint64_t>(s.creators.elite.initial_followers);
    std::vector<std::pair<UserId, CreatorId>> follows;
    for (CreatorId c = 0; c < w.creators.size(); ++c) {
        if (w.creators.background[c] != Background::elite || k == 0) continue;
        RandomStream rng(s.world_seed, 0, stream::kEliteFollowers, c);
        // Sample k of the n - 1 other users: ids 0..n-2, shifted past the elite's own.
        std::unordered_set<std::uint64_t> picked;
        for (std::uint64_t j = n - 1 - k; j < n - 1; ++j) {
            const std::uint64_t t = rng.below(j + 1);
            picked.insert(picked.count(t) ? j : t);
        }
        std::vector<std::uint64_t> sorted(picked.begin(), picked.end());
        std::sort(sorted.begin(), sorted.end());
        for (std::uint64_t id : sorted) {
            const auto user = static_cast<UserId>(id >= w.creators.user[c] ? id + 1 : id);
            follows.emplace_back(user, c);
            w.creators.audience_budget[c] += budget_cents(s, w.users.cohort[user]);
        }
        w.creators.followers[c] = static_cast<std::uint32_t>(k);
        w.creators.followers_at_check[c] = static_cast<std::uint32_t>(k);
    }
    std::sort(follows.begin(), follows.end());
    std::vector<std::uint32_t> row_sizes(n, 0);
    for (const auto& [u, c] : follows) ++row_sizes[u];
    w.follows.row_start.layout(n, [&](std::size_t u) { return row_sizes[u]; });
    w.follows.values.resize(follows.size());
    for (std::size_t i = 0; i < follows.size(); ++i) w.follows.values[i] = follows[i].second;
}

void assign_regions(const scenario::Scenario& s, World& w) {
    const auto n = static_cast<UserId>(w.users.size());
    const bool blocks = s.graph.type == scenario::GraphType::stochastic_block;
    w.regions = static_cast<std::uint32_t>(blocks ? s.graph.blocks : s.population.regions);
    w.users.region.resize(n);
    if (!blocks && s.population.homophily.region > 0.0) {
        const auto category = lay_out_along_graph(w.graph, equal_counts(n, w.regions), s.population.homophily.region,
                                                  s.world_seed, stream::kRegionLayout);
        std::copy(category.begin(), category.end(), w.users.region.begin());
        return;
    }
    for (UserId u = 0; u < n; ++u) {
        if (blocks) {
            w.users.region[u] = graph::block_of(u, n, w.regions);
        } else {
            RandomStream rng(s.world_seed, 0, stream::kRegions, u);
            w.users.region[u] = static_cast<std::uint32_t>(rng.below(w.regions));
        }
    }
}

void create_merchants(const scenario::Scenario& s, World& w) {
    const auto& spec = s.merchants;
    const auto count = static_cast<std::size_t>(spec.count);
    const auto goods = static_cast<std::size_t>(std::llround(spec.goods_share * static_cast<double>(count)));
    Merchants& m = w.merchants;
    m.category.resize(count);
    m.kind.resize(count);
    m.region.resize(count);
    m.price.resize(count);
    m.commission.assign(count, static_cast<float>(s.commerce.live.commission));
    m.online.resize(count);
    m.online_tick.resize(count);
    m.orders.assign(count, 0);
    m.revenue.assign(count, 0);
    for (std::size_t i = 0; i < count; ++i) {
        RandomStream rng(s.world_seed, 0, stream::kMerchants, i);
        const bool is_goods = i < goods;  // goods merchants first; ids carry no other meaning
        m.category[i] = is_goods ? MerchantCategory::goods : MerchantCategory::local;
        m.kind[i] = is_goods ? 0 : static_cast<std::uint16_t>(rng.below(static_cast<std::uint64_t>(spec.local_kinds)));
        m.region[i] = static_cast<std::uint32_t>(rng.below(w.regions));
        // At least a cent, at most kMaxPriceCents (clamped before rounding: llround of a
        // value past 2^63 is undefined).
        const double cents =
            std::min(rng.lognormal(spec.price.mu, spec.price.sigma) * 100.0, static_cast<double>(kMaxPriceCents));
        m.price[i] = std::max<Cents>(1, std::llround(cents));
        m.online[i] = rng.bernoulli(spec.initially_online);
        m.online_tick[i] = m.online[i] ? 0 : -1;
    }
    // The aggregator's builder, the lowest-id local merchant of its kind, starts online on
    // its own program (after every merchant's draws: the streams are as without it).
    m.joined_via.assign(count, -1);
    for (std::size_t i = 0; spec.aggregator.kind >= 0 && i < count; ++i) {
        if (m.category[i] == MerchantCategory::local && m.kind[i] == spec.aggregator.kind) {
            m.online[i] = 1;
            m.online_tick[i] = 0;
            m.joined_via[i] = static_cast<std::int32_t>(i);
            break;
        }
    }
    // Commission rates, uniform in commission x (1 +- spread), from a stream of their own so
    // that the draws above do not move; none at spread 0.
    const double spread = s.commerce.live.commission_spread;
    if (spread <= 0.0) return;
    for (std::size_t i = 0; i < goods; ++i) {
        RandomStream rng(s.world_seed, 0, stream::kMerchantCommission, i);
        m.commission[i] = static_cast<float>(s.commerce.live.commission * (1.0 + spread * (2.0 * rng.uniform() - 1.0)));
    }
}

}  // namespace

SeenFilterShape seen_filter_shape_for(const scenario::Scenario& s) {
    const auto& e = s.engagement;
    const bool content = s.creators.share > 0.0 || s.creators.entry.rate > 0.0 || s.creators.entry.peer > 0.0;
    if (!e.seen_filter || e.view_once || !content) return {};
    std::int64_t attention = 0;
    for (const auto& c : s.population.cohorts) attention = std::max(attention, c.attention);
    // A generation covers item_lifetime days, and no more days than the run has: a 2-day run
    // of a platform-sized world needs a filter for 2 days of views (100M users: 48 bytes a
    // user instead of 176 at attention 10 and a 14-day lifetime).
    const std::int64_t days = std::max<std::int64_t>(1, std::min(s.creators.item_lifetime, s.ticks));
    return seen_filter_shape(static_cast<double>(attention * days), e.seen_filter_fpr);
}

World build_world(const scenario::Scenario& s, graph::SocialGraph graph) {
    World w;
    w.graph = std::move(graph);
    const UserId n = w.graph.vertex_count();
    w.users.cohort.assign(n, 0);
    w.users.online.assign(n, 0);
    w.users.active.assign(n, 0);
    w.users.topic.assign(n, 0);
    w.users.creator_id.assign(n, kNotACreator);
    if (s.creators.elite.initial_followers >= static_cast<std::int64_t>(n)) {  // edge lists: known only now
        throw core::InputError(scenario::position_of(s, "creators.elite.initial_followers"),
                               "creators.elite.initial_followers", "as many as the users or more",
                               "fewer than the " + std::to_string(n) + " users");
    }
    assign_cohorts(s, w.graph, w.users);
    w.users.active = w.users.online;  // tick 0 is the initial state: no day has been drawn yet
    assign_regions(s, w);
    w.creator_users.assign(n);
    choose_creators(s, w);
    seed_elite_followers(s, w);
    create_merchants(s, w);
    choose_sellers(s, w);
    w.shared.row_start.layout_empty(n);
    if (s.engagement.view_once) w.viewed.row_start.layout_empty(n);  // else not kept
    w.seen.shape = seen_filter_shape_for(s);
    w.seen.current.assign(std::size_t{n} * w.seen.shape.words, 0);
    w.seen.previous.assign(std::size_t{n} * w.seen.shape.words, 0);
    w.sharers.assign(n);
    return w;
}

}  // namespace grassroots::model
