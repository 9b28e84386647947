// Platform designs, elites vs grassroots and commerce (issue 3): each mechanism switched
// off does nothing, money is conserved, and the designs move the measures the way the
// literature and the platform stories say, by margins checked over several seeds.
#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <sstream>
#include <string>

#include <tbb/task_arena.h>

#include "catch.hpp"
#include "core/parallel.hpp"
#include "core/threads.hpp"
#include "io/run_files.hpp"
#include "support.hpp"

namespace model = grassroots::model;
namespace sc = grassroots::scenario;
namespace testing = grassroots::testing;
using testing::with;

namespace {

// A test's world: scenario text and the overrides applied to it before each run's own.
struct Setup {
    std::string yaml;
    std::vector<std::string> sets;
};

// 5,000 users, 500 creators of whom 100 elites with a large head start (300 followers
// each, better production, twice the output), 120 days.
const Setup kElites{R"(
name: elites
ticks: 120
population:
  users: 5000
  cohorts: [{name: all, share: 1, p: 0.02, q: 0.3, initially_online: 0.5, attention: 20}]
graph: {type: barabasi_albert, m: 4}
creators:
  share: 0.1
  elite_share: 0.2
  elite: {initial_followers: 300, quality_boost: 0.5, rate_multiplier: 2}
)",
                    {}};

// Everything on (tests/inputs/good/everything.yaml): elites, entry and exit, all four
// feed sources, a head cap, merchants with mini programs, local services and live
// commerce; 4,000 users, 60 days here, on world seed 1 and with a row every day as
// simulate() takes them.
Setup everything() {
    return {sc::read_scenario_file(testing::kEverythingPath), {"world_seed=1", "ticks=60", "output.every=1"}};
}

struct Outcome {
    std::vector<model::TickRow> rows;  // tick 0 .. ticks
    model::Flows totals;
    model::World world;
};

Outcome simulate(const Setup& setup, std::uint64_t seed, const std::vector<std::string>& sets = {}) {
    std::vector<std::string> overrides = with(setup.sets, sets);
    overrides.push_back("seed=" + std::to_string(seed));
    sc::Scenario s = testing::scenario_from(setup.yaml, overrides);
    auto graph = model::build_graph(s);
    model::Simulation sim(s, std::move(graph));
    Outcome out;
    out.rows.push_back(sim.take_row());
    for (std::int64_t t = 0; t < s.ticks; ++t) {
        sim.step();
        out.rows.push_back(sim.take_row());
    }
    out.totals = sim.totals();
    out.world = sim.world();
    return out;
}

// Whether two columns are equal; on a difference, says where (a failed CHECK of whole
// vectors would print tens of thousands of numbers).
template <class T>
bool same_column(const std::vector<T>& a, const std::vector<T>& b, const char* name) {
    if (a.size() != b.size()) {
        UNSCOPED_INFO(name << ": " << a.size() << " against " << b.size() << " entries");
        return false;
    }
    const auto first = std::mismatch(a.begin(), a.end(), b.begin()).first;
    if (first == a.end()) return true;
    UNSCOPED_INFO(name << " first differs at index " << (first - a.begin()));
    return false;
}

// Every column of two worlds, each its own CHECK so that a failure names it.
void check_same_world(const model::World& a, const model::World& b) {
    CHECK(same_column(a.users.cohort, b.users.cohort, "users.cohort"));
    CHECK(same_column(a.users.online, b.users.online, "users.online"));
    CHECK(same_column(a.users.creator_id, b.users.creator_id, "users.creator_id"));
    CHECK(same_column(a.users.topic, b.users.topic, "users.topic"));
    CHECK(same_column(a.users.region, b.users.region, "users.region"));
    CHECK(same_column(a.sharers.words(), b.sharers.words(), "sharers"));
    CHECK(same_column(a.creator_users.words(), b.creator_users.words(), "creator_users"));
    const auto& x = a.creators;
    const auto& y = b.creators;
    CHECK(same_column(x.user, y.user, "creators.user"));
    CHECK(same_column(x.talent, y.talent, "creators.talent"));
    CHECK(same_column(x.status, y.status, "creators.status"));
    CHECK(same_column(x.joined_tick, y.joined_tick, "creators.joined_tick"));
    CHECK(same_column(x.followers, y.followers, "creators.followers"));
    CHECK(same_column(x.followers_at_check, y.followers_at_check, "creators.followers_at_check"));
    CHECK(same_column(x.views, y.views, "creators.views"));
    CHECK(same_column(x.views_at_tick_start, y.views_at_tick_start, "creators.views_at_tick_start"));
    CHECK(same_column(x.likes, y.likes, "creators.likes"));
    CHECK(same_column(x.items, y.items, "creators.items"));
    CHECK(same_column(x.latest_item, y.latest_item, "creators.latest_item"));
    CHECK(same_column(x.income, y.income, "creators.income"));
    CHECK(a.items.first_id == b.items.first_id);
    CHECK(same_column(a.items.creator, b.items.creator, "items.creator"));
    CHECK(same_column(a.items.quality, b.items.quality, "items.quality"));
    CHECK(same_column(a.items.views, b.items.views, "items.views"));
    CHECK(same_column(a.items.likes, b.items.likes, "items.likes"));
    CHECK(same_column(a.items.merchant, b.items.merchant, "items.merchant"));
    CHECK(same_column(a.items.stage, b.items.stage, "items.stage"));
    CHECK(same_column(a.items.stage_views, b.items.stage_views, "items.stage_views"));
    CHECK(same_column(a.items.stage_likes, b.items.stage_likes, "items.stage_likes"));
    CHECK(same_column(a.items.tallied_views, b.items.tallied_views, "items.tallied_views"));
    CHECK(same_column(a.items.tallied_likes, b.items.tallied_likes, "items.tallied_likes"));
    CHECK(same_column(a.items.born, b.items.born, "items.born"));
    CHECK(same_column(a.items.topic, b.items.topic, "items.topic"));
    CHECK(same_column(a.follows.row_start.narrow_column(), b.follows.row_start.narrow_column(), "follows.row_start"));
    CHECK(
        same_column(a.follows.row_start.wide_column(), b.follows.row_start.wide_column(), "follows.row_start (wide)"));
    CHECK(same_column(a.follows.values, b.follows.values, "follows.values"));
    CHECK(same_column(a.shared.row_start.narrow_column(), b.shared.row_start.narrow_column(), "shared.row_start"));
    CHECK(same_column(a.shared.row_start.wide_column(), b.shared.row_start.wide_column(), "shared.row_start (wide)"));
    CHECK(same_column(a.shared.values, b.shared.values, "shared.values"));
    CHECK(a.viewed_base == b.viewed_base);
    CHECK(same_column(a.viewed.row_start.narrow_column(), b.viewed.row_start.narrow_column(), "viewed.row_start"));
    CHECK(same_column(a.viewed.row_start.wide_column(), b.viewed.row_start.wide_column(), "viewed.row_start (wide)"));
    CHECK(same_column(a.viewed.values, b.viewed.values, "viewed.values"));
    CHECK(same_column(a.merchants.price, b.merchants.price, "merchants.price"));
    CHECK(same_column(a.merchants.online, b.merchants.online, "merchants.online"));
    CHECK(same_column(a.merchants.online_tick, b.merchants.online_tick, "merchants.online_tick"));
    CHECK(same_column(a.merchants.orders, b.merchants.orders, "merchants.orders"));
    CHECK(same_column(a.merchants.revenue, b.merchants.revenue, "merchants.revenue"));
    CHECK(same_column(a.merchants.joined_via, b.merchants.joined_via, "merchants.joined_via"));
}

const std::vector<std::string> kSocialFeed{"platform.feed.social=1", "platform.feed.interest=0"};
const std::vector<std::string> kAlgorithmicFeed{"platform.feed.social=0.2", "platform.feed.interest=0.5",
                                                "platform.feed.explore=0.3"};

}  // namespace

TEST_CASE("Elites start with exactly their initial followers", "[model][platform]") {
    const Outcome o = simulate(kElites, 1, {"ticks=1"});
    sc::Scenario s = testing::scenario_from(kElites.yaml, {"ticks=1"});
    model::World start = model::build_world(s, model::build_graph(s));
    std::size_t elites = 0;
    for (model::CreatorId c = 0; c < start.creators.size(); ++c) {
        const bool elite = start.creators.background[c] == model::Background::elite;
        elites += elite;
        CHECK(start.creators.followers[c] == (elite ? 300u : 0u));
    }
    CHECK(elites == 100);  // exactly 20% of 500
    CHECK(start.follows.values.size() == 100u * 300u);
    CHECK(o.rows.front().grassroots_top100_share == 0.0);  // the top 100 are all elites at tick 0
}

TEST_CASE("Feeds: grassroots overtake elites under interest + explore, not under a social feed",
          "[model][platform][statistical]") {
    // Measured (seeds 1-3): grassroots hold 0.02-0.03 of the top 100 after 120 days of a
    // purely social feed (they reach only their friends) and 0.25-0.27 under interest +
    // explore. A 0.08 margin per seed is a third of the gap.
    for (std::uint64_t seed : {1, 2, 3}) {
        const double social = simulate(kElites, seed, kSocialFeed).rows.back().grassroots_top100_share;
        const double algorithmic = simulate(kElites, seed, kAlgorithmicFeed).rows.back().grassroots_top100_share;
        INFO("seed " << seed << ": social " << social << ", algorithmic " << algorithmic);
        CHECK(algorithmic > social + 0.08);
    }
}

TEST_CASE("Feeds: popularity raises follower inequality and lowers the talent-rank correlation",
          "[model][platform][statistical]") {
    // Without elites and with less varied talent, luck has room: measured over seeds 1-3,
    // Gini 0.42 (interest only) vs 0.55 (popularity 0.8), Spearman 0.92 vs 0.69-0.72.
    // Margins of under half those gaps per seed.
    const std::vector<std::string> world{"creators.elite_share=0", "creators.talent.sigma=0.5",
                                         "platform.feed.social=0"};
    for (std::uint64_t seed : {1, 2, 3}) {
        const auto interest = with(world, {"platform.feed.interest=1"});
        const auto popularity = with(world, {"platform.feed.interest=0.2", "platform.feed.popularity=0.8"});
        const auto a = simulate(kElites, seed, interest).rows.back();
        const auto b = simulate(kElites, seed, popularity).rows.back();
        INFO("seed " << seed << ": gini " << a.follower_gini << " vs " << b.follower_gini << ", rho "
                     << a.talent_rank_corr << " vs " << b.talent_rank_corr);
        CHECK(b.follower_gini > a.follower_gini + 0.05);
        CHECK(a.talent_rank_corr > b.talent_rank_corr + 0.1);
    }
}

TEST_CASE("Mini programs: a lower cost raises merchant adoption", "[model][platform][statistical]") {
    const std::vector<std::string> base{"creators.share=0", "merchants.initially_online=0.02",
                                        "merchants.mini_program.base=0.001"};
    for (std::uint64_t seed : {1, 2, 3}) {
        const auto cheap = with(base, {"merchants.mini_program.cost=100"});
        const auto dear = with(base, {"merchants.mini_program.cost=1000000"});
        const auto a = simulate(everything(), seed, cheap).rows.back().merchants_online;
        const auto b = simulate(everything(), seed, dear).rows.back().merchants_online;
        INFO("seed " << seed << ": cheap " << a << ", dear " << b);
        // 300 merchants, 60 days: measured 299 online at a cost of 100 (a program is worth
        // thousands to a local merchant: nearly every merchant who considers one takes it)
        // against 14-23 at 10^6 (worth far less than it costs: only the 6 merchants online
        // at the start and goods merchants adopting before any goods merchant has earnings
        // to go by; issue 12 made every route to adoption weigh the value against the cost,
        // where before base and peer effects alone brought 62-115). A margin of 50 is a
        // fifth of the smallest gap.
        CHECK(a > b + 50);
    }
}

TEST_CASE("Money is conserved every tick", "[model][platform]") {
    const Outcome o = simulate(everything(), 1);
    for (const auto& row : o.rows) {
        const auto& f = row.flows;
        REQUIRE(f.gmv == f.live_merchant_revenue + f.commission + f.platform_take);
    }
    const auto& c = o.world.creators;
    const auto& m = o.world.merchants;
    const auto income = std::accumulate(c.income.begin(), c.income.end(), model::Cents{0});
    const auto revenue = std::accumulate(m.revenue.begin(), m.revenue.end(), model::Cents{0});
    const auto orders = std::accumulate(m.orders.begin(), m.orders.end(), std::uint64_t{0});
    CHECK(income == o.totals.commission);
    CHECK(revenue == o.totals.local_revenue + o.totals.live_merchant_revenue);
    CHECK(orders == o.totals.local_orders + o.totals.live_orders);
    // Hosts' tallies add up to the live flows, and so do the cohorts' in every row.
    CHECK(std::accumulate(c.gmv.begin(), c.gmv.end(), model::Cents{0}) == o.totals.gmv);
    CHECK(std::accumulate(c.live_orders.begin(), c.live_orders.end(), std::uint64_t{0}) == o.totals.live_orders);
    for (const auto& row : o.rows) {
        const auto& by = row.cohort_flows;
        REQUIRE(std::accumulate(by.views.begin(), by.views.end(), std::uint64_t{0}) == row.flows.views);
        REQUIRE(std::accumulate(by.live_orders.begin(), by.live_orders.end(), std::uint64_t{0}) ==
                row.flows.live_orders);
        REQUIRE(std::accumulate(by.gmv.begin(), by.gmv.end(), model::Cents{0}) == row.flows.gmv);
    }
    // Not vacuous: every stream of money flowed.
    CHECK(o.totals.live_orders > 0);
    CHECK(o.totals.local_orders > 0);
    CHECK(o.totals.commission > 0);
    CHECK(o.totals.platform_take > 0);
}

TEST_CASE("Switched off, a mechanism does nothing", "[model][platform]") {
    SECTION("commission 0: no commission income, the merchant keeps the rest") {
        const Outcome o = simulate(everything(), 2, {"commerce.live.commission=0"});
        CHECK(o.totals.live_orders > 0);
        CHECK(o.totals.commission == 0);
        for (auto income : o.world.creators.income) CHECK(income == 0);
        CHECK(o.totals.gmv == o.totals.live_merchant_revenue + o.totals.platform_take);
    }
    SECTION("no merchant online: every local need is lost") {
        const Outcome o = simulate(everything(), 2,
                                   {"merchants.initially_online=0", "merchants.mini_program.base=0",
                                    "merchants.mini_program.peer=0", "merchants.mini_program.economic=0"});
        CHECK(o.totals.local_orders == 0);
        CHECK(o.totals.local_orders_lost > 1000);
        CHECK(o.totals.live_orders == 0);  // no goods merchant online, no sessions to sell in
        CHECK(o.rows.back().merchants_online == 0);
    }
    SECTION("head cap 1.0: the same run as with the cap left out") {
        const std::string cap = ", head_cap: 0.05";
        Setup uncapped = everything();
        const auto at = uncapped.yaml.find(cap);
        REQUIRE((at != std::string::npos && uncapped.yaml.rfind(cap) == at));  // the feed's line, only
        uncapped.yaml.erase(at, cap.size());
        const Outcome a = simulate(uncapped, 3);
        const Outcome b = simulate(everything(), 3, {"platform.feed.head_cap=1"});
        CHECK(a.world.creators.views == b.world.creators.views);
        CHECK(a.world.creators.followers == b.world.creators.followers);
        CHECK(a.world.merchants.revenue == b.world.merchants.revenue);
    }
    SECTION("no entry and no exit: the creator population is fixed") {
        const Outcome o =
            simulate(everything(), 4, {"creators.entry.rate=0", "creators.entry.peer=0", "creators.exit.patience=0"});
        CHECK(o.totals.creators_new == 0);
        CHECK(o.totals.creators_churned == 0);
        CHECK(o.world.creators.size() == 200);
        const Outcome on = simulate(everything(), 4);
        CHECK(on.totals.creators_new > 0);
        CHECK(on.totals.creators_churned > 0);
    }
}

TEST_CASE("Head cap: a small cap limits the largest creator's share of views", "[model][platform]") {
    // Under a strong popularity feed the top creator took 3.9% of all views over 60 days
    // (seed 5). With a 0.5% cap, enforced from each day's views onwards, it took 0.57%:
    // the cap plus day one, which has no history to cap from.
    const std::vector<std::string> runaway{"platform.feed.social=0", "platform.feed.interest=0.1",
                                           "platform.feed.explore=0", "platform.feed.popularity=0.9",
                                           "platform.feed.popularity_alpha=1.5"};
    auto share_of_top = [&](const std::string& cap) {
        const Outcome o = simulate(everything(), 5, with(runaway, {"platform.feed.head_cap=" + cap}));
        const auto& views = o.world.creators.views;
        const auto top = *std::max_element(views.begin(), views.end());
        return static_cast<double>(top) / static_cast<double>(o.totals.views);
    };
    const double uncapped = share_of_top("1");
    const double capped = share_of_top("0.005");
    INFO("top creator's share of all views: uncapped " << uncapped << ", capped " << capped);
    CHECK(uncapped > 0.03);
    CHECK(capped < 0.008);
}

TEST_CASE("Determinism with every mechanism on, split across threads: 1, 2 and 4 threads agree",
          "[model][platform][determinism]") {
    // tests/inputs/good/many_blocks.yaml: everything on, 30 days, a world whose every
    // parallel loop has more blocks than the 4 threads (a one-block loop runs on one thread
    // and could hide any race).
    const Setup many_blocks{sc::read_scenario_file(GRASSROOTS_SOURCE_DIR "/tests/inputs/good/many_blocks.yaml"),
                            {"output.every=1"}};
    auto run = [&](int threads) {
        return grassroots::core::run_with_threads(threads, [&] {
            CHECK(tbb::this_task_arena::max_concurrency() == threads);
            return simulate(many_blocks, 3);
        });
    };
    const Outcome a = run(1);
    for (const std::size_t count :
         {a.world.users.size(), a.world.creators.size(), a.world.items.size(), a.world.merchants.size()}) {
        CHECK(grassroots::core::block_count(count) > 4);
    }
    for (const int threads : {2, 4}) {
        INFO(threads << " threads against 1");
        const Outcome b = run(threads);
        check_same_world(a.world, b.world);
        CHECK(a.totals.gmv == b.totals.gmv);
        CHECK(a.totals.local_orders_lost == b.totals.local_orders_lost);
        REQUIRE(a.rows.size() == b.rows.size());
        for (std::size_t i = 0; i < a.rows.size(); ++i) {
            CHECK(a.rows[i].follower_gini == b.rows[i].follower_gini);
            CHECK(a.rows[i].talent_rank_corr == b.rows[i].talent_rank_corr);
            CHECK(a.rows[i].flows.views == b.rows[i].flows.views);
            CHECK(a.rows[i].flows.shares == b.rows[i].flows.shares);
        }
    }
}

namespace {

// A CSV text's header and first data row as name -> field.
std::map<std::string, std::string> csv_row(const std::string& text, std::size_t row = 1) {
    std::vector<std::vector<std::string>> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        std::vector<std::string> fields;
        std::istringstream l(line);
        for (std::string f; std::getline(l, f, ',');) fields.push_back(f);
        lines.push_back(fields);
    }
    std::map<std::string, std::string> out;
    REQUIRE(lines.size() > row);
    REQUIRE(lines[0].size() == lines[row].size());
    for (std::size_t i = 0; i < lines[0].size(); ++i) out[lines[0][i]] = lines[row][i];
    return out;
}

bool same_nan(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

double number(const std::map<std::string, std::string>& row, const std::string& name) {
    const auto it = row.find(name);
    if (it == row.end()) FAIL("no column " << name);
    return std::stod(it->second);
}

struct Measured {
    std::vector<model::TickRow> rows;
    std::string header;  // timeseries.csv's
    std::string timeseries;
    std::string summary;
};

Measured measure(std::uint64_t seed, const std::vector<std::string>& sets = {}) {
    const Setup setup = everything();
    std::vector<std::string> overrides = with(setup.sets, sets);
    overrides.push_back("seed=" + std::to_string(seed));
    overrides.push_back("ticks=40");
    sc::Scenario s = testing::scenario_from(setup.yaml, overrides);
    auto graph = model::build_graph(s);
    model::Simulation sim(s, std::move(graph));
    Measured m;
    m.header = grassroots::io::timeseries_header(s);
    m.timeseries = m.header;
    m.rows.push_back(sim.take_row());
    m.timeseries += grassroots::io::timeseries_row(m.rows.back());
    while (sim.tick() < s.ticks) {
        sim.step();
        m.rows.push_back(sim.take_row());
        m.timeseries += grassroots::io::timeseries_row(m.rows.back());
    }
    m.summary = grassroots::io::summary_csv(sim, m.rows.back());
    return m;
}

}  // namespace

TEST_CASE("Measures: views by source add up, top shares are ordered, low views follow the threshold",
          "[model][platform][measures]") {
    for (const std::uint64_t seed : {1, 2, 3}) {
        CAPTURE(seed);
        const Measured m = measure(seed);
        REQUIRE(m.header.back() == '\n');
        std::string header = m.header;  // ",name,...,name,": every column between commas
        header.back() = ',';
        header.insert(header.begin(), ',');
        for (const char* column :
             {"views_social", "views_interest", "views_popularity", "views_explore", "items_expired",
              "items_expired_low_views", "follower_top0p1_share", "follower_top1_share", "follower_top3_share",
              "follower_top10_share", "follower_gini_active", "top1_share_active", "grassroots_top100_share_active",
              "creators_per_user"}) {
            CHECK(header.find(std::string(",") + column + ",") != std::string::npos);
        }
        std::uint64_t by_source[4] = {};
        for (const model::TickRow& r : m.rows) {
            const model::Flows& f = r.flows;
            CHECK(f.views_social + f.views_interest + f.views_popularity + f.views_explore == f.views);
            by_source[0] += f.views_social, by_source[1] += f.views_interest;
            by_source[2] += f.views_popularity, by_source[3] += f.views_explore;
            CHECK(f.items_expired_low_views <= f.items_expired);
            const auto& top = r.follower_top_shares;
            CHECK(top[0] <= top[1]);
            CHECK(top[1] <= top[2]);
            CHECK(top[2] <= top[3]);
            CHECK(top[3] <= 1.0);
            CHECK(top[1] == r.top1_share);
            CHECK(r.creators_per_user == Approx(double(r.creators_active) / double(r.users_online)));
        }
        // All four sources are on in this world: each brought views.
        for (std::uint64_t views : by_source) CHECK(views > 0);
        // The timeseries text says the same: its views columns add up on every row.
        for (std::size_t row = 1; row <= m.rows.size(); ++row) {
            const auto r = csv_row(m.timeseries, row);
            CHECK(number(r, "views_social") + number(r, "views_interest") + number(r, "views_popularity") +
                      number(r, "views_explore") ==
                  number(r, "views"));
        }
        const auto s = csv_row(m.summary);
        CHECK(number(s, "views_social_total") + number(s, "views_interest_total") +
                  number(s, "views_popularity_total") + number(s, "views_explore_total") ==
              number(s, "views_total"));
        for (const char* what : {"follower", "views"}) {
            CAPTURE(what);
            const std::string w = what;
            const double t01 = number(s, w + "_top0p1_share"), t1 = number(s, w + "_top1_share");
            const double t3 = number(s, w + "_top3_share"), t10 = number(s, w + "_top10_share");
            CHECK(0.0 < t01);
            CHECK(t01 <= t1);
            CHECK(t1 <= t3);
            CHECK(t3 <= t10);
            CHECK(t10 <= 1.0);
        }
        CHECK(number(s, "item_views_top10_share") > 0.1);  // views are unequal, not uniform
        CHECK(number(s, "item_views_top10_share") <= 1.0);
        CHECK(number(s, "follower_top1_share") == number(s, "top1_share"));
        // 200+ creators with followers: the tail is fitted.
        CHECK(number(s, "follower_alpha") > 1.0);
        CHECK(number(s, "follower_xmin") >= 1.0);
        CHECK(number(s, "follower_tail_n") >= 50.0);

        // The threshold only counts: the same run, and a share that cannot fall as it rises.
        double previous = -1.0;
        for (const int threshold : {1, 10, 100, 1000, 1000000}) {
            CAPTURE(threshold);
            const auto t = csv_row(measure(seed, {"output.low_views_threshold=" + std::to_string(threshold)}).summary);
            CHECK(number(t, "views_total") == number(s, "views_total"));
            CHECK(number(t, "items_expired_total") > 0.0);
            const double share = number(t, "low_views_share");
            CHECK(share >= previous);
            CHECK(number(t, "low_views_share_with_live") >= 0.0);
            if (threshold == 1) CHECK(share < 0.5);  // most items are seen at least once
            if (threshold == 1000000) CHECK(share == 1.0);
            previous = share;
        }
    }
}

TEST_CASE("Measures: one feed source on, every view is counted under it", "[model][platform][measures]") {
    const std::vector<std::string> off{"platform.feed.social=0", "platform.feed.interest=0",
                                       "platform.feed.popularity=0", "platform.feed.explore=0"};
    const char* names[] = {"social", "interest", "popularity", "explore"};
    for (int on = 0; on < 4; ++on) {
        CAPTURE(names[on]);
        std::vector<std::string> sets = off;
        sets[static_cast<std::size_t>(on)] = std::string("platform.feed.") + names[on] + "=1";
        const auto s = csv_row(measure(5, sets).summary);
        CHECK(number(s, "views_total") > 0.0);
        CHECK(number(s, std::string("views_") + names[on] + "_total") == number(s, "views_total"));
    }
}

TEST_CASE("Measures: without churn the active variants equal the all-creator ones", "[model][platform][measures]") {
    const Measured fixed = measure(4, {"creators.entry.rate=0", "creators.entry.peer=0", "creators.exit.patience=0"});
    for (const model::TickRow& r : fixed.rows) {
        CHECK(r.follower_gini_active == r.follower_gini);
        CHECK(r.top1_share_active == r.top1_share);
        CHECK(same_nan(r.grassroots_top100_share_active, r.grassroots_top100_share));
    }
    // With churn, churned creators keep followers that the active measures leave out.
    const Measured churn = measure(4);
    std::uint64_t churned = 0;
    for (const model::TickRow& r : churn.rows) churned += r.flows.creators_churned;
    REQUIRE(churned > 0);
    bool differs = false;
    for (const model::TickRow& r : churn.rows) differs |= r.follower_gini_active != r.follower_gini;
    CHECK(differs);
}
