#include "io/run_files.hpp"

#include <algorithm>
#include <iterator>
#include <limits>

#include <fmt/format.h>

#include "core/build_info.hpp"
#include "core/parallel.hpp"
#include "metrics/assortativity.hpp"
#include "metrics/inequality.hpp"
#include "metrics/power_law.hpp"
#include "metrics/ranking.hpp"

namespace grassroots::io {
namespace {

// Money in cents as currency units with exactly two decimals: no rounding in the CSV.
std::string money(model::Cents cents) {
    const char* sign = cents < 0 ? "-" : "";
    const auto magnitude = static_cast<std::uint64_t>(cents < 0 ? -cents : cents);
    return fmt::format("{}{}.{:02}", sign, magnitude / 100, magnitude % 100);
}

}  // namespace

// Views, live-commerce orders and GMV by the viewer's cohort: `views<suffix>_<cohort>`...
std::string cohort_columns(const scenario::Scenario& s, const std::string& suffix) {
    std::string header;
    for (const char* what : {"views", "live_orders", "gmv"}) {
        for (const auto& c : s.population.cohorts) header += fmt::format(",{}{}_{}", what, suffix, c.name);
    }
    return header;
}

void format_cohort_flows(std::string& line, const model::CohortFlows& f) {
    auto out = std::back_inserter(line);
    for (std::uint64_t v : f.views) fmt::format_to(out, ",{}", v);
    for (std::uint64_t v : f.live_orders) fmt::format_to(out, ",{}", v);
    for (model::Cents v : f.gmv) fmt::format_to(out, ",{}", money(v));
}

std::string timeseries_header(const scenario::Scenario& s) {
    std::string header = "tick,users_online";
    for (const auto& c : s.population.cohorts) header += ",online_" + c.name;
    header +=
        ",creators,creators_active,creators_new,creators_churned,items,views,likes,shares,follows,"
        "adoptions,follower_gini,top1_share,grassroots_top100_share,talent_rank_corr,"
        "creator_income_gini,merchants_online,local_orders,local_orders_lost,local_revenue,"
        "live_sessions,live_orders,gmv,commission_income,platform_take,merchant_live_revenue,"
        "views_social,views_interest,views_popularity,views_explore,items_expired,items_expired_low_views,"
        "follower_top0p1_share,follower_top1_share,follower_top3_share,follower_top10_share,"
        "follower_gini_active,top1_share_active,grassroots_top100_share_active,creators_per_user,"
        "local_orders_offline,users_active";
    for (const auto& c : s.population.cohorts) header += ",active_" + c.name;
    header += ",live_views,live_views_followers";
    header += cohort_columns(s, "");
    header += ",creator_income_top1_share,creator_income_top10_share,social_orders,social_gmv,social_seller_income";
    header += ",tourism_needs,local_orders_tourism,aggregator_members,aggregator_fees";
    return header + "\n";
}

std::string timeseries_row(const model::TickRow& r) {
    const model::Flows& f = r.flows;
    std::string line = fmt::format("{},{}", r.tick, r.users_online);
    auto out = std::back_inserter(line);
    for (std::uint64_t count : r.online_by_cohort) fmt::format_to(out, ",{}", count);
    fmt::format_to(out, ",{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}", r.creators,
                   r.creators_active, f.creators_new, f.creators_churned, f.items, f.views, f.likes, f.shares,
                   f.follows, f.adoptions, r.follower_gini, r.top1_share, r.grassroots_top100_share, r.talent_rank_corr,
                   r.creator_income_gini, r.merchants_online, f.local_orders, f.local_orders_lost,
                   money(f.local_revenue), f.live_sessions, f.live_orders, money(f.gmv), money(f.commission),
                   money(f.platform_take), money(f.live_merchant_revenue));
    fmt::format_to(out, ",{},{},{},{},{},{}", f.views_social, f.views_interest, f.views_popularity, f.views_explore,
                   f.items_expired, f.items_expired_low_views);
    for (double share : r.follower_top_shares) fmt::format_to(out, ",{}", share);
    fmt::format_to(out, ",{},{},{},{}", r.follower_gini_active, r.top1_share_active, r.grassroots_top100_share_active,
                   r.creators_per_user);
    fmt::format_to(out, ",{}", f.local_orders_offline);
    fmt::format_to(out, ",{}", r.users_active);
    for (std::uint64_t count : r.active_by_cohort) fmt::format_to(out, ",{}", count);
    fmt::format_to(out, ",{},{}", f.live_views, f.live_views_followers);
    format_cohort_flows(line, r.cohort_flows);
    fmt::format_to(out, ",{},{}", r.creator_income_top1_share, r.creator_income_top10_share);
    fmt::format_to(out, ",{},{},{}", f.social_orders, money(f.social_gmv), money(f.social_seller_income));
    fmt::format_to(out, ",{},{},{},{}", f.tourism_needs, f.local_orders_tourism, r.aggregator_members,
                   money(f.aggregator_fees));
    line += '\n';
    return line;
}

std::string creators_csv(const model::World& w) {
    const model::Creators& c = w.creators;
    std::string text =
        "creator_id,user_id,background,talent,topic,followers,views,likes,items,income,joined_tick,status,"
        "live_sessions,live_orders,gmv\n";
    text.reserve(text.size() + c.size() * 64);
    auto out = std::back_inserter(text);
    for (std::size_t i = 0; i < c.size(); ++i) {
        fmt::format_to(out, "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", i, c.user[i],
                       c.background[i] == model::Background::elite ? "elite" : "grassroots", c.talent[i], c.topic[i],
                       c.followers[i], c.views[i], c.likes[i], c.items[i], money(c.income[i]), c.joined_tick[i],
                       c.active(static_cast<model::CreatorId>(i)) ? "active" : "churned", c.sessions[i],
                       c.live_orders[i], money(c.gmv[i]));
    }
    return text;
}

std::string merchants_csv(const model::World& w) {
    const model::Merchants& m = w.merchants;
    std::string text = "merchant_id,category,kind,region,price,online_tick,orders,revenue,commission_rate,joined_via\n";
    auto out = std::back_inserter(text);
    for (std::size_t i = 0; i < m.size(); ++i) {
        fmt::format_to(out, "{},{},{},{},{},{},{},{},{},{}\n", i,
                       m.category[i] == model::MerchantCategory::goods ? "goods" : "local", m.kind[i], m.region[i],
                       money(m.price[i]), m.online_tick[i], m.orders[i], money(m.revenue[i]), m.commission[i],
                       m.joined_via[i]);
    }
    return text;
}

namespace {

double ratio_or_nan(std::uint64_t part, std::uint64_t whole) {
    return whole == 0 ? std::numeric_limits<double>::quiet_NaN()
                      : static_cast<double>(part) / static_cast<double>(whole);
}

// The summary's measures of concentration and of the tail, after the columns it had first.
std::string summary_measures_header() {
    return ",views_social_total,views_interest_total,views_popularity_total,views_explore_total,"
           "follower_top0p1_share,follower_top1_share,follower_top3_share,follower_top10_share,"
           "views_top0p1_share,views_top1_share,views_top3_share,views_top10_share,item_views_top10_share,"
           "items_expired_total,low_views_share,low_views_share_with_live,"
           "follower_alpha,follower_xmin,follower_tail_n,follower_ks,"
           "follower_gini_active,top1_share_active,grassroots_top100_share_active,creators_per_user";
}

std::string summary_measures(const model::Simulation& sim, const model::TickRow& last) {
    const model::World& w = sim.world();
    const model::Flows& t = sim.totals();
    const model::Creators& c = w.creators;
    std::string text;
    auto out = std::back_inserter(text);
    fmt::format_to(out, ",{},{},{},{}", t.views_social, t.views_interest, t.views_popularity, t.views_explore);
    for (double share : last.follower_top_shares) fmt::format_to(out, ",{}", share);
    // Creators' views over the run, churned creators included: they were seen.
    for (double share : metrics::concentration(c.views, model::kTopFractions).top) fmt::format_to(out, ",{}", share);
    // Items: only the live window is kept (world.hpp), so the top 10 % of items is taken
    // among those live at the end, with the views they have so far.
    const double tenth[] = {0.1};
    const double item_share = w.items.size() == 0 ? std::numeric_limits<double>::quiet_NaN()
                                                  : metrics::concentration(w.items.views, tenth).top[0];
    // Items still live at the end have not finished their lives: low_views_share leaves them
    // out; low_views_share_with_live counts them with the views they have so far (an upper
    // bound on the share once they expire).
    const auto threshold = static_cast<std::uint64_t>(sim.scenario().output.low_views_threshold);
    std::uint64_t live_low = 0;
    for (std::uint32_t v : w.items.views) live_low += v < threshold;
    fmt::format_to(out, ",{},{},{},{}", item_share, t.items_expired,
                   ratio_or_nan(t.items_expired_low_views, t.items_expired),
                   ratio_or_nan(t.items_expired_low_views + live_low, t.items_expired + w.items.size()));
    // The follower tail over every creator with a follower (as follower_gini, churned
    // included); no fit below 50 such creators.
    const metrics::PowerLawFit fit = metrics::fit_discrete_power_law(c.followers, 50);
    if (fit.x_min == 0) {
        fmt::format_to(out, ",nan,nan,0,nan");
    } else {
        fmt::format_to(out, ",{},{},{},{}", fit.alpha, fit.x_min, fit.n_tail, fit.ks);
    }
    fmt::format_to(out, ",{},{},{},{}", last.follower_gini_active, last.top1_share_active,
                   last.grassroots_top100_share_active, last.creators_per_user);
    return text;
}

// Live commerce as a market: how concentrated GMV is among hosts (creators who hosted a
// session), and who bought, by cohort.
std::string live_market_header(const scenario::Scenario& s) {
    std::string header = "live_views_total,live_hosts,live_gmv_top_host_share,live_gmv_top1_share,live_gmv_top10_share";
    header += cohort_columns(s, "_total");
    return header;
}

std::string live_market_measures(const model::Simulation& sim) {
    const model::Creators& c = sim.world().creators;
    std::vector<std::uint64_t> gmv;
    std::uint64_t total = 0;
    for (std::size_t i = 0; i < c.size(); ++i) {
        if (c.sessions[i] == 0) continue;
        gmv.push_back(static_cast<std::uint64_t>(c.gmv[i]));
        total += gmv.back();
    }
    std::string text = fmt::format(",{},{}", sim.totals().live_views, gmv.size());
    // The top host is the top ceil(f * hosts) for any f <= 1 / hosts.
    const double fractions[] = {1e-12, 0.01, 0.1};
    if (total == 0) {
        text += ",nan,nan,nan";
    } else {
        for (double share : metrics::concentration(gmv, fractions).top) text += fmt::format(",{}", share);
    }
    format_cohort_flows(text, sim.cohort_totals());
    return text;
}

}  // namespace

std::string summary_csv(const model::Simulation& sim, const model::TickRow& last) {
    const model::World& w = sim.world();
    const model::Flows& t = sim.totals();
    const model::Creators& c = w.creators;
    const std::uint32_t max_followers =
        c.followers.empty() ? 0 : *std::max_element(c.followers.begin(), c.followers.end());
    std::uint64_t follows = 0;
    std::vector<double> grassroots, elite;
    for (std::size_t i = 0; i < c.size(); ++i) {
        follows += c.followers[i];
        (c.background[i] == model::Background::elite ? elite : grassroots).push_back(c.followers[i]);
    }
    std::string text =
        "ticks,users,edges,users_online,creators,creators_active,creators_new_total,"
        "creators_churned_total,items_total,views_total,likes_total,shares_total,follows_total,"
        "max_followers,follower_gini,top1_share,grassroots_top100_share,talent_rank_corr,"
        "creator_income_gini,first_grassroots_top10_tick,median_followers_grassroots,"
        "median_followers_elite,merchants,merchants_online,local_orders_total,local_orders_lost_total,"
        "live_orders_total,gmv_total,commission_income_total,platform_take_total" +
        summary_measures_header() +
        ",local_orders_offline_total,same_cohort_edges,same_cohort_edges_random,cohort_assortativity,"
        "same_region_edges,same_region_edges_random,region_assortativity,"
        "same_interest_edges,same_interest_edges_random,interest_assortativity," +
        live_market_header(sim.scenario()) +
        ",creator_income_top1_share,creator_income_top10_share,social_orders_total,social_gmv_total,"
        "social_seller_income_total,social_sellers,"
        "tourism_needs_total,local_orders_tourism_total,top_creator_region,local_orders_top_creator_region,"
        "aggregator_members,aggregator_builder_income";
    // The users the world put in each cohort, so that a cohort's online share needs no
    // other file (meta.json's cohorts say the same).
    for (const auto& cohort : sim.scenario().population.cohorts) text += ",users_" + cohort.name;
    text += '\n';
    fmt::format_to(std::back_inserter(text),
                   "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}",
                   sim.tick(), w.users.size(), w.graph.edge_count(), last.users_online, c.size(), last.creators_active,
                   t.creators_new, t.creators_churned, t.items, t.views, t.likes, t.shares, follows, max_followers,
                   last.follower_gini, last.top1_share, last.grassroots_top100_share, last.talent_rank_corr,
                   last.creator_income_gini, sim.first_grassroots_top10_tick(), metrics::median(grassroots),
                   metrics::median(elite), w.merchants.size(), last.merchants_online, t.local_orders,
                   t.local_orders_lost, t.live_orders, money(t.gmv), money(t.commission), money(t.platform_take));
    text += summary_measures(sim, last);
    fmt::format_to(std::back_inserter(text), ",{}", t.local_orders_offline);
    // Homophily as realised on the graph (the attributes never change during a run).
    const metrics::Mixing mixes[] = {
        metrics::mixing_of(w.graph, w.users.cohort, sim.scenario().population.cohorts.size()),
        metrics::mixing_of(w.graph, w.users.region, w.regions),
        metrics::mixing_of(w.graph, w.users.topic, static_cast<std::size_t>(sim.scenario().creators.topics))};
    for (const metrics::Mixing& m : mixes) {
        fmt::format_to(std::back_inserter(text), ",{},{},{}", m.same, m.same_random, m.assortativity);
    }
    text += live_market_measures(sim);
    fmt::format_to(std::back_inserter(text), ",{},{}", last.creator_income_top1_share, last.creator_income_top10_share);
    fmt::format_to(std::back_inserter(text), ",{},{},{},{}", t.social_orders, money(t.social_gmv),
                   money(t.social_seller_income), w.sellers.size());
    fmt::format_to(std::back_inserter(text), ",{},{}", t.tourism_needs, t.local_orders_tourism);
    // The region of the creator with the most views over the run (tourism's home town) and
    // every local order its merchants took (residents' and visitors'); -1 and 0 without creators.
    if (c.size() == 0) {
        text += ",-1,0";
    } else {
        const auto top = static_cast<std::size_t>(std::max_element(c.views.begin(), c.views.end()) - c.views.begin());
        const std::uint32_t region = w.users.region[c.user[top]];
        std::uint64_t orders = 0;
        const model::Merchants& m = w.merchants;
        for (std::size_t i = 0; i < m.size(); ++i) {
            if (m.category[i] == model::MerchantCategory::local && m.region[i] == region) orders += m.orders[i];
        }
        fmt::format_to(std::back_inserter(text), ",{},{}", region, orders);
    }
    fmt::format_to(std::back_inserter(text), ",{},{}", last.aggregator_members, money(t.aggregator_fees));
    for (const CohortSize& cohort : cohort_sizes(sim.scenario(), w))
        fmt::format_to(std::back_inserter(text), ",{}", cohort.users);
    text += '\n';
    return text;
}

std::vector<CohortSize> cohort_sizes(const scenario::Scenario& s, const model::World& w) {
    std::vector<CohortSize> sizes;
    for (const auto& c : s.population.cohorts) sizes.push_back({c.name, 0});
    for (const std::uint8_t c : w.users.cohort) ++sizes[c].users;
    return sizes;
}

std::string json_string(const std::string& text) {
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
        } else {
            out += c;
        }
    }
    return out + "\"";
}

std::string meta_json(const RunInfo& m) {
    std::string cohorts;
    for (const CohortSize& c : m.cohorts) {
        if (!cohorts.empty()) cohorts += ", ";
        cohorts += fmt::format("{{\"name\": {}, \"users\": {}}}", json_string(c.name), c.users);
    }
    return fmt::format(
        "{{\n  \"version\": \"{}\",\n  \"git_commit\": \"{}\",\n  \"seed\": {},\n  \"world_seed\": {},\n"
        "  \"ticks\": {},\n  \"threads\": {},\n  \"concurrent_runs\": {},\n"
        "  \"setup_seconds\": {:.3f},\n  \"graph_seconds\": {:.3f},\n  \"wall_seconds\": {:.3f},\n"
        "  \"rows_seconds\": {:.3f},\n  \"final_outputs_seconds\": {:.3f},\n"
        "  \"peak_memory_bytes\": {},\n  \"total_views\": {},\n  \"resumed_from_tick\": {},\n"
        "  \"block_size\": {},\n  \"parallel_blocks\": {{\"users\": {}, \"creators\": {}, \"live_items\": {}, "
        "\"merchants\": {}}},\n"
        "  \"cohorts\": [{}],\n"
        "  \"complete\": true\n}}\n",
        core::build_version(), core::build_commit(), m.seed, m.world_seed, m.ticks, m.threads, m.concurrent_runs,
        m.setup_seconds, m.graph_seconds, m.wall_seconds, m.rows_seconds, m.final_outputs_seconds, m.peak_memory_bytes,
        m.total_views, m.resumed_from_tick, core::kBlockSize, m.user_blocks, m.creator_blocks, m.live_item_blocks,
        m.merchant_blocks, cohorts);
}

}  // namespace grassroots::io
