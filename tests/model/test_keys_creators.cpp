// Every model key is pinned by a test (issue 11, part 7): population, creator and feed
// keys. Each test runs two settings of one key in two worlds (key_runs.hpp: world seeds 1
// and 2) over seeds 1-3 and checks that a measure moves the way the model says.
// Why these cannot pass by chance: a run is a function of (scenario, seed, world seed),
// so with the key's effect removed the two settings give the same runs seed for seed, the
// two means are equal, and every check (a strict inequality with a positive margin)
// fails; each was seen to fail so (the key reset to its default after parsing).
// Why they do not flake: the same build gives the same numbers on every machine and
// thread count; what can move them is a change of the model, so each margin is at most
// about half of the smallest measured gap (quoted per test as world seed 1 / world seed
// 2, means over seeds 1-3), with the expected size of the effect from the formula.
#include <algorithm>
#include <cmath>

#include "catch.hpp"
#include "key_runs.hpp"

namespace keys = grassroots::testing::keys;
namespace model = grassroots::model;
using grassroots::testing::with;
using keys::Outcome;

TEST_CASE("Key population.cohorts[].spending: more spending buys more in live sessions", "[model][keys]") {
    // A purchase's chance is (buy + trust) * spending: 3 against 0.5 in both cohorts is 6
    // times the chance. Measured: 778 / 699 orders against 4,698 / 4,181 (x6.0). A factor
    // of 2 is a third of that; totals of hundreds of orders vary by tens between seeds.
    for (const auto& world : keys::worlds()) {
        const auto spend = [&](const char* x) {
            return keys::mean_over_seeds(
                world,
                {std::string("population.cohorts.0.spending=") + x, std::string("population.cohorts.1.spending=") + x},
                keys::live_orders);
        };
        const double low = spend("0.5");
        const double high = spend("3");
        INFO("live orders: spending 0.5 " << low << ", spending 3 " << high);
        CHECK(high > 2.0 * low);
        CHECK(low > 10.0);  // not vacuous: orders happen at the low setting too
    }
}

TEST_CASE("Key population.regions: more regions leave more local needs unmet", "[model][keys]") {
    // A need is met only by an online merchant of its kind in the user's region: 5 kinds x
    // 1 region is 5 cells for ~210 local merchants (all covered), 5 x 40 is 200 cells, most
    // of them empty while only a fraction of merchants is online. Measured: 0.10 / 0.00
    // of needs lost against 0.66 / 0.68; the margin 0.3 is half the gap.
    for (const auto& world : keys::worlds()) {
        const double one = keys::mean_over_seeds(world, {"population.regions=1"}, keys::lost_share);
        const double many = keys::mean_over_seeds(world, {"population.regions=40"}, keys::lost_share);
        INFO("share of needs lost: 1 region " << one << ", 40 regions " << many);
        CHECK(many > one + 0.3);
    }
}

TEST_CASE("Key creators.topics: more topics fragment the audiences", "[model][keys]") {
    // Under an interest-only feed a slot shows an item of the user's own topic 8 times in
    // 10. With one topic the best creators are shown to every user and gather the largest
    // audiences; with 50 topics (2 creators each, on average) a creator is mostly shown to
    // the ~40 users of its topic, and the largest audience is far smaller. Measured: the
    // largest audience 1,231 / 403 against 228 / 113 (x3.6 at least), the top 1%'s share
    // 0.36 / 0.21 against 0.17 / 0.12. Margins: a factor of 1.5, and the direction.
    const std::vector<std::string> base =
        with(keys::kInterestOnly, {"creators.elite_share=0", "platform.feed.head_cap=1"});
    const auto top = [](const Outcome& o) {
        const auto& f = o.world.creators.followers;
        return static_cast<double>(*std::max_element(f.begin(), f.end()));
    };
    const auto top1 = [](const Outcome& o) { return o.last.top1_share; };
    for (const auto& world : keys::worlds()) {
        const auto one = keys::runs(world, with(base, {"creators.topics=1"}));
        const auto many = keys::runs(world, with(base, {"creators.topics=50"}));
        INFO("most followers of a creator: 1 topic " << keys::mean_of(one, top) << ", 50 topics "
                                                     << keys::mean_of(many, top));
        INFO("top 1% share of followers: 1 topic " << keys::mean_of(one, top1) << ", 50 topics "
                                                   << keys::mean_of(many, top1));
        CHECK(keys::mean_of(one, top) > 1.5 * keys::mean_of(many, top));
        CHECK(keys::mean_of(one, top1) > keys::mean_of(many, top1));
    }
}

TEST_CASE("Key creators.prodigy_talent: a prodigy becomes the top grassroots creator", "[model][keys]") {
    // Talent 30 makes nearly every view of the prodigy's items a like (like 0.03 x quality,
    // capped at 1), and every like may become a follow: its followers outgrow every other
    // grassroots creator's, whose talent is lognormal(0, 1) (median 1, 99th percentile ~10).
    // Measured: the top grassroots creator has 288 / 197 followers without a prodigy, 936 /
    // 811 with one (x3.2 at least); a factor of 1.5 is under half of that.
    const auto top_grassroots = [](const Outcome& o) {
        const auto& c = o.world.creators;
        double top = 0.0;
        for (model::CreatorId id = 0; id < c.size(); ++id) {
            if (c.background[id] == model::Background::grassroots) top = std::max(top, double(c.followers[id]));
        }
        return top;
    };
    for (const auto& world : keys::worlds()) {
        const double none = keys::mean_over_seeds(world, {"creators.prodigy_talent=0"}, top_grassroots);
        const double prodigy = keys::mean_over_seeds(world, {"creators.prodigy_talent=30"}, top_grassroots);
        INFO("most followers of a grassroots creator: no prodigy " << none << ", prodigy " << prodigy);
        CHECK(prodigy > 1.5 * none);
    }
}

TEST_CASE("Key creators.publish_rate: a higher rate publishes more items", "[model][keys]") {
    // Items per active online creator per day: 0.6 against 0.15 is 4 times as many (live
    // sessions, also items, are turned off). Churn and entry move the creator count by tens
    // of percent at most; a factor of 2.5 leaves room for that. Measured: 524 / 539 items
    // against 2,258 / 2,306 (x4.3).
    const auto items = [](const Outcome& o) { return static_cast<double>(o.totals.items); };
    for (const auto& world : keys::worlds()) {
        const double low =
            keys::mean_over_seeds(world, {"creators.publish_rate=0.15", "commerce.live.session_rate=0"}, items);
        const double high =
            keys::mean_over_seeds(world, {"creators.publish_rate=0.6", "commerce.live.session_rate=0"}, items);
        INFO("items published: rate 0.15 " << low << ", rate 0.6 " << high);
        CHECK(high > 2.5 * low);
    }
}

TEST_CASE("Key creators.quality_noise: noise decouples item quality from talent", "[model][keys]") {
    // Quality = max(0, talent + boost + noise * N(0, 1)). Without noise, items rank
    // exactly as their creators' talent (+ the elites' boost); with sd 2 against talents of
    // median 1 they hardly do. Measured over the items live at the end (hundreds): rho
    // 0.98 / 0.97 without noise, 0.60 / 0.50 with; the margin 0.2 is half the gap.
    const auto rho = [](const Outcome& o) {
        const auto& items = o.world.items;
        std::vector<double> quality, talent;
        for (std::size_t i = 0; i < items.size(); ++i) {
            quality.push_back(items.quality[i]);
            talent.push_back(o.world.creators.talent[items.creator[i]]);
        }
        return grassroots::metrics::spearman(talent, quality);
    };
    for (const auto& world : keys::worlds()) {
        const double none = keys::mean_over_seeds(world, {"creators.quality_noise=0"}, rho);
        const double noisy = keys::mean_over_seeds(world, {"creators.quality_noise=2"}, rho);
        INFO("Spearman of item quality vs creator talent: noise 0 " << none << ", noise 2 " << noisy);
        CHECK(none > noisy + 0.2);
    }
}

TEST_CASE("Key creators.item_lifetime: items live longer, the feed pool holds more", "[model][keys]") {
    // The pool holds the last `lifetime` days of items: 10 days against 2 is 5 times as many
    // live items at the end of a 30-day run; a factor of 2.5 is half of that. Measured:
    // 111 / 121 against 541 / 575 (x4.8).
    const auto live = [](const Outcome& o) { return static_cast<double>(o.world.items.size()); };
    for (const auto& world : keys::worlds()) {
        const double short_lived = keys::mean_over_seeds(world, {"creators.item_lifetime=2"}, live);
        const double long_lived = keys::mean_over_seeds(world, {"creators.item_lifetime=10"}, live);
        INFO("live items at the end: lifetime 2 " << short_lived << ", lifetime 10 " << long_lived);
        CHECK(long_lived > 2.5 * short_lived);
    }
}

TEST_CASE("Key creators.elite.quality_boost: a boost raises the elites' share of likes", "[model][keys]") {
    // A like's chance is like x quality: a boost of 2 on talents of median 1 roughly
    // triples the elites' like rate per view (and their items are picked more by the
    // interest source, which weights by estimated quality). Measured: elites' share of
    // likes 0.47 / 0.38 against 0.65 / 0.64; the margin 0.1 is about half the smaller gap.
    const auto share = [](const Outcome& o) { return keys::elite_share_of(o, o.world.creators.likes); };
    for (const auto& world : keys::worlds()) {
        const double none = keys::mean_over_seeds(world, {"creators.elite.quality_boost=0"}, share);
        const double boosted = keys::mean_over_seeds(world, {"creators.elite.quality_boost=2"}, share);
        INFO("elites' share of likes: boost 0 " << none << ", boost 2 " << boosted);
        CHECK(boosted > none + 0.1);
    }
}

TEST_CASE("Key creators.elite.rate_multiplier: elites publish a larger share of items", "[model][keys]") {
    // Elites are 20% of the creators at tick 0; at a multiplier of 1 they publish at the
    // grassroots' rate, at 4 four times as fast: their share of items goes from ~0.2 to
    // ~0.5 (entry dilutes both alike). Sessions, also items, are turned off. Measured:
    // 0.15 / 0.14 against 0.46 / 0.43; the margin 0.15 is half the gap.
    const auto share = [](const Outcome& o) { return keys::elite_share_of(o, o.world.creators.items); };
    for (const auto& world : keys::worlds()) {
        const double same =
            keys::mean_over_seeds(world, {"creators.elite.rate_multiplier=1", "commerce.live.session_rate=0"}, share);
        const double fast =
            keys::mean_over_seeds(world, {"creators.elite.rate_multiplier=4", "commerce.live.session_rate=0"}, share);
        INFO("elites' share of items: multiplier 1 " << same << ", multiplier 4 " << fast);
        CHECK(fast > same + 0.15);
    }
}

TEST_CASE("Key creators.elite.talent_shift: more talented elites win a larger share of likes", "[model][keys]") {
    // The shift is added to the elites' log-talent: 1.5 multiplies their talent by e^1.5 =
    // 4.5, and so their items' like chance, with the quality boost turned off to leave
    // only talent. Measured: elites' share of likes 0.47 / 0.38 against 0.82 / 0.83; the
    // margin 0.1 is under a third of the gap.
    const auto share = [](const Outcome& o) { return keys::elite_share_of(o, o.world.creators.likes); };
    for (const auto& world : keys::worlds()) {
        const double none =
            keys::mean_over_seeds(world, {"creators.elite.talent_shift=0", "creators.elite.quality_boost=0"}, share);
        const double shifted =
            keys::mean_over_seeds(world, {"creators.elite.talent_shift=1.5", "creators.elite.quality_boost=0"}, share);
        INFO("elites' share of likes: shift 0 " << none << ", shift 1.5 " << shifted);
        CHECK(shifted > none + 0.1);
    }
}

TEST_CASE("Key creators.entry.peer: successful friends draw users into creating", "[model][keys]") {
    // Entry chance rate + peer x (share of friends who are successful creators). The elites
    // start with 100 followers, above success_followers (30): from day one some users have
    // successful friends. Peer 0.3 against 0 adds entries on top of the rate's. Measured:
    // 27 / 27 new creators against 155 / 226 (x5.8 at least); a factor of 1.5 is far below.
    const auto entered = [](const Outcome& o) { return static_cast<double>(o.totals.creators_new); };
    for (const auto& world : keys::worlds()) {
        const double none = keys::mean_over_seeds(world, {"creators.entry.peer=0"}, entered);
        const double peer = keys::mean_over_seeds(world, {"creators.entry.peer=0.3"}, entered);
        INFO("new creators: peer 0 " << none << ", peer 0.3 " << peer);
        CHECK(peer > 1.5 * none);
    }
}

TEST_CASE("Key creators.entry.success_followers: a lower bar makes more friends successful", "[model][keys]") {
    // With a bar of 1,000 followers no creator of a 2,000-user world is "successful" within
    // 30 days and only the base rate acts; a bar of 10 counts every elite (100 followers at
    // tick 0) and the growing grassroots. Measured: 223 / 349 new creators against 27 / 27
    // (x8); a factor of 1.5 is far below.
    const auto entered = [](const Outcome& o) { return static_cast<double>(o.totals.creators_new); };
    for (const auto& world : keys::worlds()) {
        const double low_bar =
            keys::mean_over_seeds(world, {"creators.entry.peer=0.3", "creators.entry.success_followers=10"}, entered);
        const double high_bar =
            keys::mean_over_seeds(world, {"creators.entry.peer=0.3", "creators.entry.success_followers=1000"}, entered);
        INFO("new creators: bar 10 " << low_bar << ", bar 1000 " << high_bar);
        CHECK(low_bar > 1.5 * high_bar);
    }
}

TEST_CASE("Key creators.exit.min_growth: a higher bar churns more creators", "[model][keys]") {
    // Every 20 days (patience) a creator that gained fewer than min_growth followers churns.
    // 1 follower in 20 days is a low bar most creators clear; 10 is not. Measured: 26 / 27
    // churned against 77 / 81 (x3); the check asks for x1.5 + 5.
    const auto churned = [](const Outcome& o) { return static_cast<double>(o.totals.creators_churned); };
    for (const auto& world : keys::worlds()) {
        const double low = keys::mean_over_seeds(world, {"creators.exit.min_growth=1"}, churned);
        const double high = keys::mean_over_seeds(world, {"creators.exit.min_growth=10"}, churned);
        INFO("churned creators: bar 1 " << low << ", bar 10 " << high);
        CHECK(high > 1.5 * low + 5.0);
    }
}

TEST_CASE("Key platform.feed.interest_match: users follow creators of their own topic", "[model][keys]") {
    // Under an interest-only feed a slot shows the user's own topic with chance
    // interest_match, else a random one of 20. At 0 a follow lands on the user's topic
    // about 1 time in 20; at 1 nearly always. (Elites' initial followers, drawn at random,
    // are turned off so as not to dilute.) Measured: 0.049 / 0.053 against 0.97 / 0.95;
    // the margin 0.3 is a third of the gap.
    const std::vector<std::string> base = with(keys::kInterestOnly, {"creators.elite.initial_followers=0"});
    for (const auto& world : keys::worlds()) {
        const double none =
            keys::mean_over_seeds(world, with(base, {"platform.feed.interest_match=0"}), keys::same_topic_follow_share);
        const double full =
            keys::mean_over_seeds(world, with(base, {"platform.feed.interest_match=1"}), keys::same_topic_follow_share);
        INFO("follows within the user's topic: match 0 " << none << ", match 1 " << full);
        CHECK(full > none + 0.3);
    }
}

namespace {

// Share of the live items still in a traffic pool (stage below the pool count, 2 here).
double in_pools(const Outcome& o) {
    const auto& stage = o.world.items.stage;
    const auto in = std::count_if(stage.begin(), stage.end(), [](std::uint8_t st) { return st < 2; });
    return stage.empty() ? 0.0 : static_cast<double>(in) / static_cast<double>(stage.size());
}

}  // namespace

TEST_CASE("Key platform.feed.pool_sizes: larger pools keep fresh items in the explore source longer", "[model][keys]") {
    // Pools are judged once a day, after the day's views: under an explore-only feed ~29,000
    // views a day go to the items in the pools, so two pools of 5 impressions are used up
    // on an item's first and second day and it leaves the explore source; pools of 10^5
    // last every item's 7-day life. At the end, items in a pool: at most the last two
    // days' (2/7 of the live items) against nearly all. Measured: 0.05 / 0.04 against 1 / 1;
    // the margin 0.5 is half the gap.
    for (const auto& world : keys::worlds()) {
        const double small = keys::mean_over_seeds(
            world, with(keys::kExploreOnly, {"platform.feed.pool_sizes.0=5", "platform.feed.pool_sizes.1=5"}),
            in_pools);
        const double large = keys::mean_over_seeds(
            world, with(keys::kExploreOnly, {"platform.feed.pool_sizes.0=100000", "platform.feed.pool_sizes.1=100000"}),
            in_pools);
        INFO("share of live items in a pool: pools [5, 5] " << small << ", [100000, 100000] " << large);
        CHECK(large > small + 0.5);
    }
}

TEST_CASE("Key platform.feed.promote_threshold: a higher bar promotes fewer items", "[model][keys]") {
    // A first pool of 20 impressions, then a second of 10^5 that lasts an item's life: at
    // the end an item in the second pool (stage 1) has been promoted. Its like rate over its
    // first pool is about like x quality = 0.03 x quality, with quality lognormal(0, 1)
    // (elites + 0.5): a threshold of 0.01 promotes items of quality 1/3 and more (~85%),
    // 0.25 those of quality 8 and more (a few percent) and what luck lifts over the bar
    // in 20-odd views. Measured: 0.78 / 0.76 promoted against 0.017 / 0.009; the margin
    // 0.4 is about half the gap.
    const auto promoted = [](const Outcome& o) {
        const auto& stage = o.world.items.stage;
        const auto in = std::count(stage.begin(), stage.end(), std::uint8_t{1});
        return stage.empty() ? 0.0 : static_cast<double>(in) / static_cast<double>(stage.size());
    };
    const std::vector<std::string> base = with(keys::kExploreOnly, {"platform.feed.pool_sizes.1=100000"});
    for (const auto& world : keys::worlds()) {
        const double low = keys::mean_over_seeds(world, with(base, {"platform.feed.promote_threshold=0.01"}), promoted);
        const double high =
            keys::mean_over_seeds(world, with(base, {"platform.feed.promote_threshold=0.25"}), promoted);
        INFO("share of live items promoted: threshold 0.01 " << low << ", threshold 0.25 " << high);
        CHECK(low > high + 0.4);
    }
}
