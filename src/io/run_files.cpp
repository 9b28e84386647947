#include "io/run_files.hpp"

#include <algorithm>
#include <iterator>

#include <fmt/format.h>

namespace grassroots::io {

std::string timeseries_header(const scenario::Scenario& s) {
    std::string header = "tick,users_online";
    for (const auto& c : s.population.cohorts) header += ",online_" + c.name;
    header += ",creators_active,items,views,likes,shares,follows,adoptions,follower_gini,top1_share\n";
    return header;
}

std::string timeseries_row(const model::TickRow& r) {
    std::string line = fmt::format("{},{}", r.tick, r.users_online);
    for (std::uint64_t count : r.online_by_cohort) fmt::format_to(std::back_inserter(line), ",{}", count);
    fmt::format_to(std::back_inserter(line), ",{},{},{},{},{},{},{},{},{}\n", r.creators_active,
                   r.flows.items, r.flows.views, r.flows.likes, r.flows.shares, r.flows.follows,
                   r.flows.adoptions, r.follower_gini, r.top1_share);
    return line;
}

std::string creators_csv(const model::World& w) {
    const model::Creators& c = w.creators;
    std::string text = "creator_id,user_id,talent,topic,followers,views,likes,items\n";
    text.reserve(text.size() + c.size() * 48);
    auto out = std::back_inserter(text);
    for (std::size_t i = 0; i < c.size(); ++i) {
        fmt::format_to(out, "{},{},{},{},{},{},{},{}\n", i, c.user[i], c.talent[i], c.topic[i],
                       c.followers[i], c.views[i], c.likes[i], c.items[i]);
    }
    return text;
}

std::string summary_csv(const model::Simulation& sim, const model::TickRow& last) {
    const model::World& w = sim.world();
    const model::Flows& t = sim.totals();
    const auto& followers = w.creators.followers;
    const std::uint32_t max_followers =
        followers.empty() ? 0 : *std::max_element(followers.begin(), followers.end());
    std::uint64_t follows = 0;
    for (std::uint32_t f : followers) follows += f;
    return fmt::format(
        "ticks,users,edges,users_online,creators,creators_active,items_total,views_total,"
        "likes_total,shares_total,follows_total,max_followers,follower_gini,top1_share\n"
        "{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n",
        sim.tick(), w.users.size(), w.graph.edge_count(), last.users_online, w.creators.size(),
        last.creators_active, t.items, t.views, t.likes, t.shares, follows, max_followers,
        last.follower_gini, last.top1_share);
}

std::string meta_json(const RunInfo& m) {
    return fmt::format(
        "{{\n  \"version\": \"{}\",\n  \"git_commit\": \"{}\",\n  \"seed\": {},\n  \"world_seed\": {},\n"
        "  \"ticks\": {},\n  \"threads\": {},\n  \"setup_seconds\": {:.3f},\n  \"wall_seconds\": {:.3f},\n"
        "  \"peak_memory_bytes\": {},\n  \"total_views\": {},\n  \"complete\": true\n}}\n",
        GRASSROOTS_VERSION, GRASSROOTS_GIT_COMMIT, m.seed, m.world_seed, m.ticks, m.threads,
        m.setup_seconds, m.wall_seconds, m.peak_memory_bytes, m.total_views);
}

}  // namespace grassroots::io
