#include "model/world.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "model/streams.hpp"

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

void assign_cohorts(const scenario::Scenario& s, Users& users) {
    const auto n = static_cast<UserId>(users.size());
    std::vector<double> shares;
    for (const auto& c : s.population.cohorts) shares.push_back(c.share);
    const auto counts = apportion(n, shares);
    const auto order = shuffled_users(n, s.world_seed, stream::kCohorts);
    std::size_t next = 0;
    for (std::size_t c = 0; c < counts.size(); ++c) {
        for (std::uint64_t i = 0; i < counts[c]; ++i) users.cohort[order[next++]] = static_cast<std::uint8_t>(c);
    }
    for (UserId u = 0; u < n; ++u) {
        RandomStream rng(s.world_seed, 0, stream::kInitiallyOnline, u);
        users.online[u] = rng.bernoulli(s.population.cohorts[users.cohort[u]].initially_online);
        RandomStream interests(s.world_seed, 0, stream::kInterests, u);
        users.topic[u] = static_cast<std::uint16_t>(interests.below(static_cast<std::uint64_t>(s.creators.topics)));
    }
}

void choose_creators(const scenario::Scenario& s, World& w) {
    const auto n = static_cast<UserId>(w.users.size());
    const auto count = static_cast<std::size_t>(std::llround(s.creators.share * n));
    const auto order = shuffled_users(n, s.world_seed, stream::kCreatorChoice);
    std::vector<UserId> chosen(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(count));
    std::sort(chosen.begin(), chosen.end());  // creator ids ascend with user ids

    Creators& c = w.creators;
    c.user = chosen;
    c.talent.resize(count);
    c.topic.resize(count);
    c.followers.assign(count, 0);
    c.views.assign(count, 0);
    c.likes.assign(count, 0);
    c.items.assign(count, 0);
    c.latest_item.assign(count, kNoItem);
    for (std::size_t i = 0; i < count; ++i) {
        RandomStream rng(s.world_seed, 0, stream::kCreatorTraits, i);
        c.talent[i] = static_cast<float>(rng.lognormal(s.creators.talent.mu, s.creators.talent.sigma));
        // A creator makes content on the topic its user cares about.
        c.topic[i] = w.users.topic[chosen[i]];
        w.users.creator_id[chosen[i]] = static_cast<std::int32_t>(i);
    }
}

}  // namespace

World build_world(const scenario::Scenario& s, graph::SocialGraph graph) {
    World w;
    w.graph = std::move(graph);
    const UserId n = w.graph.vertex_count();
    w.users.cohort.assign(n, 0);
    w.users.online.assign(n, 0);
    w.users.topic.assign(n, 0);
    w.users.creator_id.assign(n, kNotACreator);
    assign_cohorts(s, w.users);
    choose_creators(s, w);
    w.follows.row_start.assign(std::size_t{n} + 1, 0);
    w.shared.row_start.assign(std::size_t{n} + 1, 0);
    return w;
}

}  // namespace grassroots::model
