#pragma once
// The scenario as typed data: every field with its default. Parsing, validation, the
// resolved dump and --set overrides all walk one description of these fields
// (scenario/schema.hpp), so a key is named in exactly one place.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace grassroots::scenario {

struct Cohort {
    std::string name;
    double share = 0.0;
    double p = 0.0;                 // Bass innovation: daily chance of coming online alone
    double q = 0.0;                 // Bass imitation: weight on the online share (see mixing)
    double initially_online = 0.0;  // share of the cohort online at tick 0
    std::int64_t attention = 10;    // feed slots per online day
};

struct Population {
    std::int64_t users = 0;  // 0 in the file means "take it from the edge list"
    // Omitted in the file: one cohort, everyone online from the start.
    std::vector<Cohort> cohorts{Cohort{"all", 1.0, 0.0, 0.0, 1.0, 20}};
};

enum class GraphType { erdos_renyi, barabasi_albert, watts_strogatz, stochastic_block, complete,
                       edgelist };

struct GraphSpec {
    GraphType type = GraphType::barabasi_albert;
    double mean_degree = 10.0;  // erdos_renyi
    std::int64_t m = 5;         // barabasi_albert
    std::int64_t k = 10;        // watts_strogatz
    double beta = 0.1;          // watts_strogatz
    std::int64_t blocks = 10;   // stochastic_block
    double p_in = 0.01;         // stochastic_block
    double p_out = 0.0001;      // stochastic_block
    std::string path;           // edgelist; resolved to an absolute path when parsed
    bool directed = false;      // edgelist
};

enum class Mixing { network, global };

struct Adoption {
    Mixing mixing = Mixing::network;
};

struct Talent {
    double mu = 0.0;     // lognormal: log-talent ~ Normal(mu, sigma)
    double sigma = 1.0;
};

struct Creators {
    double share = 0.02;          // of users; 0 disables creators, content and feeds
    std::int64_t topics = 20;     // topics of creators and of users' interests
    Talent talent;
    double publish_rate = 0.3;    // items per active creator per day
    double quality_noise = 0.2;   // sd of item quality around the creator's talent
    std::int64_t item_lifetime = 7;  // days an item stays in the feed pool
};

struct Feed {
    double social = 0.5;          // followed creators' recent items and friends' shares
    double interest = 0.5;        // topic match weighted by estimated quality
    double interest_match = 0.8;  // chance an interest slot uses the user's own topic
};

struct Platform {
    Feed feed;
};

struct Engagement {
    double like = 0.03;              // like probability per view, times item quality
    double share_given_like = 0.1;   // a like becomes a share to friends' feeds
    double follow_given_like = 0.05; // a like of a creator not yet followed becomes a follow
};

struct Merchants {
    std::int64_t count = 0;  // 0 disables merchants and commerce
};

struct Output {
    std::int64_t every = 1;  // timeseries row every N ticks; the last tick always
};

struct Scenario {
    std::string name = "scenario";
    std::uint64_t seed = 1;
    std::uint64_t world_seed = 1;
    std::int64_t ticks = 365;
    Population population;
    GraphSpec graph;
    Adoption adoption;
    Creators creators;
    Platform platform;
    Engagement engagement;
    Merchants merchants;
    Output output;

    // Not keys of the file: where it was read from, and where each key stood in it.
    std::string source_file;
    std::map<std::string, core::SourcePosition> positions;
};

}  // namespace grassroots::scenario
