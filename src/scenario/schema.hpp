#pragma once
// The one description of the scenario's keys. describe() walks every field with a visitor:
// the reader (parse.cpp) fills and validates fields from YAML, the writer (dump.cpp) emits
// the resolved scenario. Keys, defaults (in scenario.hpp), ranges and cross-field rules
// live here and nowhere else.
#include <array>
#include <cmath>
#include <limits>
#include <string>
#include <utility>

#include "scenario/scenario.hpp"

namespace grassroots::scenario {

// Allowed values of a number, and how to say so in an error.
struct Limits {
    double lo = -std::numeric_limits<double>::infinity();
    double hi = std::numeric_limits<double>::infinity();
    const char* expected = "a number";
    // What the number counts, per what ("per user per day", "days", "cents"...): written
    // as a comment beside the key in the resolved scenario (check's output, scenario.yaml).
    const char* unit = "";

    bool allows(double x) const { return x >= lo && x <= hi; }
};

inline constexpr std::array<std::pair<GraphType, const char*>, 6> kGraphTypeNames{{
    {GraphType::erdos_renyi, "erdos_renyi"},
    {GraphType::barabasi_albert, "barabasi_albert"},
    {GraphType::watts_strogatz, "watts_strogatz"},
    {GraphType::stochastic_block, "stochastic_block"},
    {GraphType::complete, "complete"},
    {GraphType::edgelist, "edgelist"},
}};
inline constexpr std::array<std::pair<AttachmentDraws, const char*>, 2> kAttachmentDrawsNames{{
    {AttachmentDraws::parallel, "parallel"},
    {AttachmentDraws::sequential, "sequential"},
}};
inline constexpr std::array<std::pair<PopularitySignal, const char*>, 2> kPopularitySignalNames{{
    {PopularitySignal::views, "views"},
    {PopularitySignal::likes, "likes"},
}};
inline constexpr std::array<std::pair<Mixing, const char*>, 2> kMixingNames{{
    {Mixing::network, "network"},
    {Mixing::global, "global"},
}};
inline constexpr std::array<std::pair<Matching, const char*>, 2> kMatchingNames{{
    {Matching::random, "random"},
    {Matching::market, "market"},
}};
inline constexpr std::array<std::pair<RateUnit, const char*>, 2> kRateUnitNames{{
    {RateUnit::per_day, "per_day"},
    {RateUnit::per_year, "per_year"},
}};

// A probability with the event it is the chance of, for the resolved scenario's comments.
constexpr Limits probability_of(const char* unit) { return Limits{0.0, 1.0, "a probability in [0, 1]", unit}; }
constexpr Limits share_of(const char* unit) { return Limits{0.0, 1.0, "a share in [0, 1]", unit}; }

// Upper bounds that keep ids in 32 bits and runs finite; a scenario past them is a typo.
inline constexpr double kMaxUsers = 2'000'000'000.0;
inline constexpr double kMaxTicks = 1'000'000.0;
// The calendar's year: Julian, 365.25 days (a rate per year is one per 365.25 ticks).
inline constexpr double kDaysPerYear = 365.25;
// The longest list of mappings (cohorts, the only one): a user's cohort is one byte
// (world.hpp). The reader refuses a longer list before reading its items.
inline constexpr std::size_t kMaxListItems = 256;

template <class Visitor>
void describe(Scenario& s, Visitor& v) {
    v.text("name", s.name);
    v.number("seed", s.seed, Limits{0.0, 18446744073709551615.0, "an integer in [0, 2^64)"});
    v.number("world_seed", s.world_seed, Limits{0.0, 18446744073709551615.0, "an integer in [0, 2^64)"});
    v.number("ticks", s.ticks, Limits{1.0, kMaxTicks, "an integer in [1, 1000000]", "days (one tick is one day)"});

    v.section("calendar", [&] { v.choice("bass_unit", s.calendar.bass_unit, kRateUnitNames); });
    // Bass's p and q are hazard rates in calendar.bass_unit: the literature's yearly values
    // (Bass 1969; p = 0.03, q = 0.38) go in as they are printed with per_year.
    const bool yearly = s.calendar.bass_unit == RateUnit::per_year;
    const Limits bass_rate = yearly ? Limits{0.0, kDaysPerYear, "a rate per year in [0, 365.25]", "per year (hazard)"}
                                    : Limits{0.0, 1.0, "a probability in [0, 1]", "per day (hazard)"};

    v.section("population", [&] {
        v.number("users", s.population.users, Limits{0.0, kMaxUsers, "an integer in [1, 2000000000]", "users"});
        v.list("cohorts", s.population.cohorts, [&](Cohort& c) {
            v.text("name", c.name);
            v.number("share", c.share, share_of("of users"));
            v.number("p", c.p, bass_rate);
            v.number("q", c.q, bass_rate);
            v.number("initially_online", c.initially_online, share_of("of the cohort, online at tick 0"));
            v.number("daily_activity", c.daily_activity,
                     probability_of("per online user per day: active that day (DAU / online users)"));
            v.number("attention", c.attention,
                     Limits{0.0, 10000.0, "an integer in [0, 10000]", "feed slots per active user per day"});
            v.number("spending", c.spending,
                     Limits{0.0, 100.0, "a multiplier in [0, 100]", "multiplier on live-commerce purchase chances"});
            v.number("budget", c.budget,
                     Limits{0.0, 1e6, "a price in [0, 1000000] (0: the median price)",
                            "currency units per order (0: exp(merchants.price.mu))"});
        });
        v.number("regions", s.population.regions,
                 Limits{1.0, 1000000.0, "an integer in [1, 1000000]", "regions (local-service markets)"});
        v.section("homophily", [&] {
            auto& h = s.population.homophily;
            v.number("cohort", h.cohort, share_of("of users whose cohort follows the graph's neighbourhoods"));
            v.number("region", h.region, share_of("of users whose region follows the graph's neighbourhoods"));
            v.number("interest", h.interest, share_of("of users whose interest follows the graph's neighbourhoods"));
        });
        double total = 0.0;
        for (const Cohort& c : s.population.cohorts) total += c.share;
        v.require(!s.population.cohorts.empty(), "cohorts", "no cohorts", "at least one cohort");
        v.require(std::abs(total - 1.0) <= 1e-9, "cohorts", "cohort shares sum to " + std::to_string(total),
                  "shares summing to 1 (+-1e-9)");
        for (std::size_t i = 0; i < s.population.cohorts.size(); ++i) {
            // summary.csv has users_<cohort> per cohort, beside users_online.
            v.require(s.population.cohorts[i].name != "online", "cohorts." + std::to_string(i) + ".name",
                      "a cohort named 'online' would repeat summary.csv's column users_online", "another cohort name");
            for (std::size_t j = 0; j < i; ++j) {
                v.require(s.population.cohorts[i].name != s.population.cohorts[j].name,
                          "cohorts." + std::to_string(i) + ".name",
                          "duplicate cohort name '" + s.population.cohorts[i].name + "'", "unique cohort names");
            }
        }
    });

    v.section("graph", [&] {
        v.choice("type", s.graph.type, kGraphTypeNames);
        switch (s.graph.type) {
            case GraphType::erdos_renyi:
                v.number("mean_degree", s.graph.mean_degree,
                         Limits{0.0, 1e6, "a mean degree in [0, 1000000]", "friends per user"});
                break;
            case GraphType::barabasi_albert:
                v.number("m", s.graph.m, Limits{1.0, 10000.0, "an integer in [1, 10000]", "edges per new user"});
                v.choice("draws", s.graph.draws, kAttachmentDrawsNames);
                break;
            case GraphType::watts_strogatz:
                v.number("k", s.graph.k,
                         Limits{2.0, 10000.0, "an even integer in [2, 10000]", "neighbours on the ring"});
                v.require(s.graph.k % 2 == 0, "k", "k is odd", "an even integer in [2, 10000]");
                v.number("beta", s.graph.beta, probability_of("per edge: rewired"));
                break;
            case GraphType::stochastic_block:
                v.number("blocks", s.graph.blocks,
                         Limits{1.0, 1000000.0, "an integer in [1, 1000000]", "blocks (they are the regions)"});
                v.number("p_in", s.graph.p_in, probability_of("per pair of users in one block: an edge"));
                v.number("p_out", s.graph.p_out, probability_of("per pair of users in two blocks: an edge"));
                break;
            case GraphType::complete:
                break;
            case GraphType::edgelist:
                v.path("path", s.graph.path);
                v.flag("directed", s.graph.directed);
                break;
        }
    });

    v.section("adoption", [&] { v.choice("mixing", s.adoption.mixing, kMixingNames); });

    v.section("creators", [&] {
        auto& c = s.creators;
        v.number("share", c.share, share_of("of users, creators at tick 0"));
        v.number("elite_share", c.elite_share, share_of("of creators at tick 0"));
        v.number("topics", c.topics, Limits{1.0, 65535.0, "an integer in [1, 65535]", "topics"});
        v.section("talent", [&] {
            v.number("mu", c.talent.mu, Limits{-10.0, 10.0, "a number in [-10, 10]", "mean of log-talent"});
            v.number("sigma", c.talent.sigma, Limits{0.0, 5.0, "a number in [0, 5]", "sd of log-talent"});
        });
        v.number("prodigy_talent", c.prodigy_talent,
                 Limits{0.0, 1e6, "a talent in [0, 1000000] (0: none)", "talent (median talent is e^mu)"});
        v.number("publish_rate", c.publish_rate,
                 Limits{0.0, 100.0, "items per day in [0, 100]", "items per active creator per day"});
        v.number("quality_noise", c.quality_noise,
                 Limits{0.0, 10.0, "a standard deviation in [0, 10]", "sd of item quality around talent"});
        v.number("item_lifetime", c.item_lifetime, Limits{1.0, 3650.0, "days in [1, 3650]", "days in the feed pool"});
        v.number("max_items", c.max_items,
                 Limits{0.0, 1e9, "an integer in [0, 1000000000] (0: no limit)", "items per creator per run"});
        v.section("elite", [&] {
            v.number("initial_followers", c.elite.initial_followers,
                     Limits{0.0, kMaxUsers, "an integer >= 0", "followers per elite at tick 0"});
            v.number("quality_boost", c.elite.quality_boost,
                     Limits{-100.0, 100.0, "a number in [-100, 100]", "added to each item's quality"});
            v.number("rate_multiplier", c.elite.rate_multiplier,
                     Limits{0.0, 100.0, "a multiplier in [0, 100]", "multiplier on publish_rate"});
            v.number("talent_shift", c.elite.talent_shift,
                     Limits{-10.0, 10.0, "a number in [-10, 10]", "added to log-talent"});
        });
        v.section("entry", [&] {
            v.number("rate", c.entry.rate, probability_of("per online non-creator per day"));
            v.number("peer", c.entry.peer, probability_of("per day, times the share of friends who succeed"));
            v.number("success_followers", c.entry.success_followers,
                     Limits{1.0, kMaxUsers, "an integer >= 1", "followers"});
            v.require(c.entry.rate + c.entry.peer <= 1.0, "peer", "rate + peer exceeds 1",
                      "rate + peer <= 1 (a daily probability)");
            v.number("success_income", c.entry.success_income,
                     Limits{0.0, 1e12, "an amount in [0, 1000000000000] (0: followers only)",
                            "currency units of income so far that also make a creator successful"});
        });
        v.section("exit", [&] {
            v.number("patience", c.exit.patience, Limits{0.0, kMaxTicks, "days >= 0 (0: no churn)", "days"});
            v.number("min_growth", c.exit.min_growth,
                     Limits{0.0, kMaxUsers, "an integer >= 0", "new followers per patience window"});
            v.number("min_income", c.exit.min_income,
                     Limits{0.0, 1e12, "an amount in [0, 1000000000000] (0: growth only)",
                            "currency units earned per patience window that keep a creator"});
        });
        v.section("effort", [&] {
            v.number("income_elasticity", c.effort.income_elasticity,
                     Limits{0.0, 100.0, "a number in [0, 100] (0: a fixed rate)",
                            "publish-rate multiplier gained per e-fold of 1 + daily income (currency units)"});
            v.number("window", c.effort.window,
                     Limits{1.0, 3650.0, "days in [1, 3650]", "days (time constant of recent income)"});
            v.number("max_multiplier", c.effort.max_multiplier,
                     Limits{1.0, 100.0, "a multiplier in [1, 100]", "largest multiplier on publish_rate"});
            v.number("session_elasticity", c.effort.session_elasticity,
                     Limits{0.0, 100.0, "a number in [0, 100] (0: a fixed rate)",
                            "live session-rate multiplier gained per e-fold of 1 + daily income (currency units)"});
        });
    });

    v.section("platform", [&] {
        v.section("feed", [&] {
            auto& f = s.platform.feed;
            const Limits weight{0.0, std::numeric_limits<double>::infinity(), "a number >= 0",
                                "relative weight of the source in feed slots"};
            v.number("social", f.social, weight);
            v.number("interest", f.interest, weight);
            v.number("popularity", f.popularity, weight);
            v.number("explore", f.explore, weight);
            v.require(f.social + f.interest + f.popularity + f.explore > 0.0, "social", "all feed source weights are 0",
                      "at least one positive weight");
            v.number("interest_match", f.interest_match, probability_of("per interest slot: the user's own topic"));
            v.number("popularity_alpha", f.popularity_alpha,
                     Limits{0.0, 5.0, "an exponent in [0, 5]", "exponent on (signal + 1)"});
            v.choice("popularity_signal", f.popularity_signal, kPopularitySignalNames);
            v.number("head_cap", f.head_cap,
                     Limits{1e-6, 1.0, "a share in (0, 1] (1: no cap)", "of a day's views, per creator"});
            v.numbers("pool_sizes", f.pool_sizes, Limits{1.0, 1e12, "impressions >= 1 per stage", "views per stage"});
            v.require(!f.pool_sizes.empty() && f.pool_sizes.size() <= 16, "pool_sizes",
                      std::to_string(f.pool_sizes.size()) + " stages", "1 to 16 pool sizes");
            v.number("promote_threshold", f.promote_threshold, share_of("likes per view over a stage"));
        });
    });

    v.section("engagement", [&] {
        v.number("like", s.engagement.like, probability_of("per view, times the item's quality"));
        v.number("share_given_like", s.engagement.share_given_like, probability_of("per like"));
        v.number("follow_given_like", s.engagement.follow_given_like,
                 probability_of("per like of an unfollowed creator"));
        v.flag("view_once", s.engagement.view_once);
        v.number(
            "social_proof", s.engagement.social_proof,
            Limits{0.0, 100.0, "a number in [0, 100]", "like-chance gain at many visible likes (half of it at one)"});
        v.number("seeded_like_share", s.engagement.seeded_like_share,
                 share_of("of new items, given one up-vote at birth (an experiment)"));
        v.flag("seen_filter", s.engagement.seen_filter);
        v.number(
            "seen_filter_fpr", s.engagement.seen_filter_fpr,
            Limits{1e-6, 0.5, "a rate in [0.000001, 0.5]", "false positives per check of an unseen item (at most)"});
    });

    v.section("merchants", [&] {
        auto& m = s.merchants;
        v.number("count", m.count, Limits{0.0, 100000000.0, "an integer in [0, 100000000]", "merchants"});
        v.number("goods_share", m.goods_share, share_of("of merchants, selling goods live"));
        v.number("local_kinds", m.local_kinds, Limits{1.0, 65535.0, "an integer in [1, 65535]", "kinds of service"});
        v.section("price", [&] {
            // A median price from e^-5 to e^12 (0.007 to 163,000 currency units); each drawn
            // price is kept within [1 cent, model::kMaxPriceCents].
            v.number("mu", m.price.mu,
                     Limits{-5.0, 12.0, "a number in [-5, 12]", "mean of log-price (currency units)"});
            v.number("sigma", m.price.sigma, Limits{0.0, 3.0, "a number in [0, 3]", "sd of log-price"});
        });
        v.number("margin", m.margin, share_of("of revenue, profit"));
        v.number("initially_online", m.initially_online, share_of("of merchants, online at tick 0"));
        v.section("mini_program", [&] {
            v.number("cost", m.mini_program.cost, Limits{0.0, 1e12, "a cost >= 0", "currency units, once"});
            v.number("base", m.mini_program.base,
                     probability_of("per offline merchant per day, times value / (value + cost)"));
            v.number("peer", m.mini_program.peer,
                     probability_of("per day, times the online share of the chat group and value / (value + cost)"));
            v.number("economic", m.mini_program.economic, probability_of("per day, times value / (value + cost)"));
            v.number("payback_days", m.mini_program.payback_days, Limits{1.0, 36500.0, "days in [1, 36500]", "days"});
            v.require(m.mini_program.base + m.mini_program.peer + m.mini_program.economic <= 1.0, "economic",
                      "base + peer + economic exceeds 1", "a sum <= 1 (a daily probability)");
        });
        v.section("aggregator", [&] {
            auto& a = m.aggregator;
            v.number("kind", a.kind,
                     Limits{-1.0, 65534.0, "a kind in [-1, 65534] (-1: no aggregator)", "the builder's kind"});
            v.require(a.kind < m.local_kinds, "kind", "kind " + std::to_string(a.kind) + " is not below local_kinds",
                      "-1 or a kind below merchants.local_kinds");
            v.number("join_share", a.join_share, share_of("of mini_program.cost, paid to join once"));
            v.number("fee", a.fee, share_of("of each order's price through the aggregator, to the builder"));
            v.number("peer", a.peer, probability_of("per day, times the share of the merchant's kind already members"));
            v.number("expand_members", a.expand_members,
                     Limits{0.0, 100000000.0, "an integer in [0, 100000000] (0: never)",
                            "members per further kind the aggregator opens to"});
            v.require(m.mini_program.base + m.mini_program.peer + m.mini_program.economic + a.peer <= 1.0, "peer",
                      "mini_program.base + peer + economic + aggregator.peer exceeds 1",
                      "a sum <= 1 (a daily probability)");
        });
    });

    v.section("commerce", [&] {
        v.section("live", [&] {
            auto& l = s.commerce.live;
            v.number("min_followers", l.min_followers, Limits{0.0, kMaxUsers, "an integer >= 0", "followers"});
            v.number("session_rate", l.session_rate,
                     Limits{0.0, 100.0, "sessions per day in [0, 100]", "sessions per eligible host per day"});
            v.number("commission", l.commission, share_of("of GMV, to the host"));
            v.number("platform_take", l.platform_take, share_of("of GMV, to the platform"));
            v.require(l.commission + l.platform_take <= 1.0, "platform_take", "commission + platform_take exceeds 1",
                      "shares of GMV summing to at most 1");
            v.number("buy", l.buy, probability_of("per view of a session, times the cohort's spending"));
            v.number("buy_trust", l.buy_trust, probability_of("added per view when the viewer follows the host"));
            v.number("session_days", l.session_days,
                     Limits{1.0, 36500.0, "days in [1, 36500]", "days a session can be watched, its own included"});
            v.number("follower_reach", l.follower_reach,
                     probability_of("per active follower per session of the day: watches before its feed"));
            v.number("price_elasticity", l.price_elasticity,
                     Limits{0.0, 10.0, "an elasticity in [0, 10]", "purchase chance x (price / budget)^-elasticity"});
            v.number("commission_spread", l.commission_spread,
                     share_of("merchants' rates uniform in commission x (1 +- spread)"));
            v.require(l.commission * (1.0 + l.commission_spread) + l.platform_take <= 1.0, "commission_spread",
                      "commission x (1 + commission_spread) + platform_take exceeds 1",
                      "the highest rate plus the platform's take at most 1");
            v.choice("matching", l.matching, kMatchingNames);
            v.number("candidates", l.candidates,
                     Limits{1.0, 1000.0, "an integer in [1, 1000]", "hosts (merchants) each merchant (host) compares"});
        });
        v.section("local", [&] {
            v.number("need_rate", s.commerce.local.need_rate,
                     Limits{0.0, 100.0, "needs per day in [0, 100]", "needs per online user per day"});
            v.number("offline_rate", s.commerce.local.offline_rate,
                     probability_of("per need no online merchant can meet: met offline instead of lost"));
            v.number("reputation", s.commerce.local.reputation,
                     Limits{0.0, 5.0, "an exponent in [0, 5] (0: no effect)", "exponent on (a merchant's orders + 1)"});
            v.number("price_elasticity", s.commerce.local.price_elasticity,
                     Limits{0.0, 10.0, "an exponent in [0, 10] (0: no effect)",
                            "exponent on price / the cell's mean price, negated"});
            v.number("tourism_rate", s.commerce.local.tourism_rate,
                     Limits{0.0, 1.0, "needs per view in [0, 1]",
                            "local needs in a creator's region per view of its items"});
        });
        v.section("social", [&] {
            auto& so = s.commerce.social;
            v.number("seller_share", so.seller_share, share_of("of users, selling to their friends (0: off)"));
            v.number("buy", so.buy,
                     probability_of("per active friend of an active seller per day, times the cohort's spending"));
            v.number("margin", so.margin, share_of("of each social order's price, kept by the seller"));
            v.section("price", [&] {
                // As merchants.price: each drawn price is kept within [1 cent, model::kMaxPriceCents].
                v.number("mu", so.price.mu,
                         Limits{-5.0, 12.0, "a number in [-5, 12]", "mean of log-price (currency units)"});
                v.number("sigma", so.price.sigma, Limits{0.0, 3.0, "a number in [0, 3]", "sd of log-price"});
            });
        });
    });

    v.section("output", [&] {
        v.number("every", s.output.every, Limits{1.0, kMaxTicks, "an integer in [1, 1000000]", "ticks between rows"});
        // An item's views are a 32-bit count (world.hpp): a higher threshold would count every item.
        v.number(
            "low_views_threshold", s.output.low_views_threshold,
            Limits{1.0, 4294967295.0, "a number of views, an integer in [1, 4294967295]", "views over an item's life"});
    });

    const bool from_edge_list = s.graph.type == GraphType::edgelist;
    v.require(from_edge_list || s.population.users >= 1, "population.users", "missing or 0",
              "an integer in [1, 2000000000] (only an edge list may omit it)");
}

}  // namespace grassroots::scenario
