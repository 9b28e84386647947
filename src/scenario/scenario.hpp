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

// The unit of Bass's p and q. Both are hazard rates: an offline user comes online during a
// day with probability 1 - exp(-(p + q F) * d), d = 1 per_day or 1 / 365.25 per_year, so a
// yearly rate from the literature is converted exactly, not by dividing a probability.
enum class RateUnit { per_day, per_year };

struct Calendar {
    RateUnit bass_unit = RateUnit::per_day;
};

struct Cohort {
    std::string name;
    double share = 0.0;
    double p = 0.0;                 // Bass innovation hazard, in calendar.bass_unit
    double q = 0.0;                 // Bass imitation hazard on the online share (see mixing)
    double initially_online = 0.0;  // share of the cohort online at tick 0
    std::int64_t attention = 10;    // feed slots per active day
    double spending = 1.0;          // multiplies the chance that a view of a live session buys
    // The price (currency units) the cohort regards as ordinary: a live session's purchase
    // chance is scaled by (price / budget)^-commerce.live.price_elasticity. 0, the default,
    // is the median price exp(merchants.price.mu), the same for every cohort. Assumed.
    double budget = 0.0;
    // Chance that an online user is active on a given day (fills its attention, meets local
    // needs). Real platforms' daily over monthly active users is 0.4-0.7 (stylized facts);
    // 1, the default, is every online user every day, the behaviour before this key.
    double daily_activity = 1.0;
};

// How strongly users' attributes cluster on the social graph: the share of users whose
// cohort, region or interest is laid out along the graph's neighbourhoods instead of drawn
// at random (0: random, the behaviour before these keys; 1: all of them). Assumed values;
// what they give is measured and reported (summary.csv's same_*_edges and assortativity).
struct Homophily {
    double cohort = 0.0;
    double region = 0.0;
    double interest = 0.0;
};

struct Population {
    std::int64_t users = 0;  // 0 in the file means "take it from the edge list"
    // Omitted in the file: one cohort, everyone online from the start.
    std::vector<Cohort> cohorts{Cohort{"all", 1.0, 0.0, 0.0, 1.0, 20, 1.0, 0.0, 1.0}};
    // Regions of users and merchants when the graph has none (a stochastic block graph's
    // blocks are its regions).
    std::int64_t regions = 10;
    Homophily homophily;
};

enum class GraphType { erdos_renyi, barabasi_albert, watts_strogatz, stochastic_block, complete, edgelist };

enum class AttachmentDraws { parallel, sequential };

struct GraphSpec {
    GraphType type = GraphType::barabasi_albert;
    double mean_degree = 10.0;  // erdos_renyi
    std::int64_t m = 5;         // barabasi_albert
    // barabasi_albert: parallel (each user's own random stream; the default since issue 14)
    // or sequential (one stream: the graphs of earlier versions).
    AttachmentDraws draws = AttachmentDraws::parallel;
    std::int64_t k = 10;       // watts_strogatz
    double beta = 0.1;         // watts_strogatz
    std::int64_t blocks = 10;  // stochastic_block
    double p_in = 0.01;        // stochastic_block
    double p_out = 0.0001;     // stochastic_block
    std::string path;          // edgelist; resolved to an absolute path when parsed
    bool directed = false;     // edgelist
};

enum class Mixing { network, global };

struct Adoption {
    Mixing mixing = Mixing::network;
};

struct Talent {
    double mu = 0.0;  // lognormal: log-talent ~ Normal(mu, sigma)
    double sigma = 1.0;
};

// Elites start with an audience, better production and a faster rhythm.
struct Elite {
    std::int64_t initial_followers = 0;  // follows from random users at tick 0
    double quality_boost = 0.0;          // added to every item's quality
    double rate_multiplier = 1.0;        // on publish_rate
    double talent_shift = 0.0;           // on log-talent; 0: talent independent of background
};

// Users become creators: rate + peer * (share of friends who are successful creators).
struct Entry {
    double rate = 0.0;  // per online non-creator user per day
    double peer = 0.0;
    std::int64_t success_followers = 100;  // followers that make a creator "successful"
    // Income (live-commerce commission so far, currency units) that also makes an active
    // creator "successful" in its friends' eyes: users see friends earn, not only grow an
    // audience (issue 12). 0, the default, counts followers only, the behaviour before
    // this key; the value is assumed.
    double success_income = 0.0;
};

// A creator that gains fewer than min_growth followers in a patience window churns,
// unless it earned at least min_income in that window (when min_income > 0).
struct Exit {
    std::int64_t patience = 0;  // days; 0 disables churn
    std::int64_t min_growth = 1;
    // Currency units of income over the patience window that keep a slow-growing creator:
    // a host who earns stays even if its audience stalls (issue 12). 0, the default, judges
    // growth alone, the behaviour before this key; the value is assumed.
    double min_income = 0.0;
};

// Posting effort responds to income: the publish rate is multiplied by
// min(max_multiplier, 1 + income_elasticity * ln(1 + y)), y the creator's recent daily
// income in currency units (an exponential moving average over `window` days). The log:
// income is heavy-tailed and effort has diminishing returns. 0, the default, keeps the
// fixed rate, the behaviour before this key; every value here is assumed (issue 12).
struct Effort {
    double income_elasticity = 0.0;  // multiplier gained per e-fold of 1 + daily income
    std::int64_t window = 7;         // days: time constant of the recent-income average
    double max_multiplier = 3.0;     // the most income can multiply the publish rate
    // The same response for hosting: the live session rate's multiplier gained per e-fold
    // of 1 + daily income (a host whose sessions pay goes live more often). 0: a fixed
    // session rate. Assumed, as income_elasticity.
    double session_elasticity = 0.0;
};

struct Creators {
    double share = 0.02;       // of users at tick 0; 0 (with no entry) disables content and feeds
    double elite_share = 0.0;  // of creators at tick 0
    std::int64_t topics = 20;  // topics of creators and of users' interests
    Talent talent;
    double prodigy_talent = 0.0;     // > 0: one grassroots creator, drawn by world_seed, has this talent
    double publish_rate = 0.3;       // items per active creator per day
    double quality_noise = 0.2;      // sd of item quality around the creator's talent
    std::int64_t item_lifetime = 7;  // days an item stays in the feed pool
    std::int64_t max_items = 0;      // most items one creator publishes over the run; 0: no limit
    Elite elite;
    Entry entry;
    Exit exit;
    Effort effort;
};

// What the popularity source counts: a creator's views, or its likes (MusicLab showed
// download counts, which depend on quality as well as on exposure).
enum class PopularitySignal { views, likes };

struct Feed {
    double social = 0.5;          // followed creators' recent items and friends' shares
    double interest = 0.5;        // topic match weighted by estimated quality
    double popularity = 0.0;      // trending: items in proportion to (views + 1)^alpha
    double explore = 0.0;         // fresh items through staged traffic pools
    double interest_match = 0.8;  // chance an interest slot uses the user's own topic
    double popularity_alpha = 1.0;
    PopularitySignal popularity_signal = PopularitySignal::views;
    double head_cap = 1.0;  // largest share of a tick's views one creator may take
    // Traffic pools: impressions of each stage; an item whose like rate over a stage
    // reaches promote_threshold moves to the next, larger pool.
    std::vector<std::int64_t> pool_sizes{100, 1000, 10000};
    double promote_threshold = 0.08;
};

struct Platform {
    Feed feed;
};

struct Engagement {
    double like = 0.03;               // like probability per view, times item quality
    double share_given_like = 0.1;    // a like becomes a share to friends' feeds
    double follow_given_like = 0.05;  // a like of a creator not yet followed becomes a follow
    bool view_once = false;           // a user views an item at most once in its life (exact)
    // Feeds do not show a user an item it viewed on an earlier day (a Bloom filter per user,
    // seen_filter.hpp), so a user likes an item at most once. False positives skip an
    // unseen item at most at this rate. Off with view_once, whose exact table does the same.
    bool seen_filter = true;
    double seen_filter_fpr = 0.01;
    // Like chance x (1 + social_proof x L / (1 + L)), L the item's likes so far; 0: off.
    // Muchnik, Aral & Taylor (2013): 0.64 (model/social_proof.hpp).
    double social_proof = 0.0;
    double seeded_like_share = 0.0;  // new items given one up-vote nobody gave (their experiment)
};

// A merchant goes online by adopting a mini program, with daily probability
// (base + peer * (online share of its chat group) + economic) * value / (value + cost):
// base and peer bring the program to a merchant's attention, economic is the pull of one
// that pays, and all weigh its value against its cost (issue 12; before, cost only scaled
// the economic term). value = margin * payback_days * the daily revenue going online
// brings: for a local merchant its expected share of its cell's needs less what it meets
// offline (model/merchants.cpp), for a goods merchant an online goods merchant's daily
// revenue so far (none yet: base and peer act alone). Values assumed.
struct MiniProgram {
    double cost = 1000.0;
    double base = 0.001;
    double peer = 0.05;
    double economic = 0.05;
    std::int64_t payback_days = 90;
};

struct Price {
    double mu = 4.0;  // lognormal price per order: log-price ~ Normal(mu, sigma)
    double sigma = 0.5;
};

// An aggregator (the locksmith whose mini program became a platform for locksmiths): the
// lowest-id local merchant of `kind` starts online with a mini program that others of its
// kind join for join_share of the cost of building their own, paying the builder `fee` of
// the price of every order they take through it. An offline merchant of a covered kind
// joins instead of building its own, with the daily chance of the mini-program rule plus
// peer x (the share of its kind already members), on the value less the fee against
// join_share x cost. Every expand_members members the aggregator opens to the next kind
// (kind + 1, + 2, ... modulo local_kinds; 0: never). kind -1, the default: none. Assumed.
struct Aggregator {
    std::int64_t kind = -1;
    double join_share = 0.1;
    double fee = 0.05;
    double peer = 0.05;
    std::int64_t expand_members = 0;
};

struct Merchants {
    std::int64_t count = 0;        // 0 disables merchants and commerce
    double goods_share = 0.3;      // sell goods through live commerce; the rest are local services
    std::int64_t local_kinds = 5;  // kinds of local service (locksmith, housekeeping, ...)
    Price price;
    double margin = 0.3;  // profit share of revenue
    double initially_online = 0.0;
    MiniProgram mini_program;
    Aggregator aggregator;
};

// How hosts and goods merchants find each other for a day's sessions: `random`, a merchant
// drawn uniformly among the online goods merchants (the behaviour before issue 12);
// `market`, both sides choose (model/live_market.cpp).
enum class Matching { random, market };

struct LiveCommerce {
    std::int64_t min_followers = 1000;  // hosts need this audience
    double session_rate = 0.5;          // sessions per eligible creator per day
    double commission = 0.2;            // share of GMV paid to the host (merchants' mean rate)
    double platform_take = 0.05;        // share of GMV kept by the platform
    double buy = 0.002;                 // purchase chance per view of a session
    double buy_trust = 0.02;            // extra chance when the viewer follows the host
    // Days a session can be watched, its own day included. A live broadcast is watched while
    // it is on: 1 (the default since issue 12); creators.item_lifetime gives the old week.
    std::int64_t session_days = 1;
    // Chance that an active follower watches a followed host's session of the day before its
    // feed (the platform notifies followers when a host goes live). Part of the social source:
    // none when platform.feed.social is 0. Assumed.
    double follower_reach = 0.5;
    // Purchase chance x (price / the viewer's cohort budget)^-price_elasticity: 0 ignores the
    // price (before issue 12); 1, unit elasticity, makes expected spending per view the same
    // at every price. Assumed (measured online demand elasticities vary by product and site
    // over an order of magnitude; unit elasticity is the neutral middle).
    double price_elasticity = 1.0;
    // Merchants' commission rates vary: uniform in commission x (1 +- spread). 0: all equal.
    double commission_spread = 0.0;
    Matching matching = Matching::market;
    // Market matching: hosts each merchant compares, and merchants each host compares
    // besides the offers it received. Assumed.
    std::int64_t candidates = 8;
};

struct LocalServices {
    double need_rate = 0.02;  // needs per online user per day, kinds uniform
    // Chance that a need no online merchant of its kind in the user's region can meet is
    // met offline (a phone call, a shop front) instead of lost. 0, the default, loses them
    // all, the behaviour before this key; the value is assumed (issue 12 calibrates it).
    double offline_rate = 0.0;
    // How a need picks among the online merchants of its kind in its region: in proportion
    // to (orders so far + 1)^reputation x (price / the cell's mean price)^-price_elasticity.
    // reputation: past orders draw more (word of mouth, ratings: a Polya urn at 1);
    // price_elasticity: the demand elasticity a price above the cell's mean loses share
    // by (at 1 a merchant twice as dear gets half the chance). Both 0, the defaults: a
    // uniform draw, the behaviour before these keys. Values assumed (issue 12).
    double reputation = 0.0;
    double price_elasticity = 0.0;
    // Tourism: extra local needs in a region per view, today, of the items of creators who
    // live there (the herdsman whose photo raised his prefecture's hotel bookings 89 %),
    // of random kinds, met by that region's merchants like residents' needs. 0, the
    // default: none (no draws). Assumed; scenarios/hometown.yaml measures what it does.
    double tourism_rate = 0.0;
};

// Social commerce (issue 12, "errands through the circle of friends"): some users sell to
// their friends through the social graph (a WeChat Moments post, a mini program of their
// own), not through the feed. Each day each active user who pays attention to an active
// seller buys from it with chance buy x its cohort's spending, at a price drawn from
// price; the seller keeps margin of it and passes the rest to its suppliers (the shops
// it buys from, outside the model). seller_share 0, the default, turns it off; every
// value is assumed (the story gives no rates).
struct SocialCommerce {
    double seller_share = 0.0;  // of users, drawn by world_seed
    double buy = 0.005;         // per active friend of an active seller per day
    double margin = 0.2;        // of each price, kept by the seller
    Price price{3.0, 0.5};      // lognormal per order; a takeaway meal more than goods
};

struct Commerce {
    LiveCommerce live;
    LocalServices local;
    SocialCommerce social;
};

struct Output {
    std::int64_t every = 1;  // timeseries row every N ticks; the last tick always
    // Views: an item that ends its life with fewer is counted as a low-views item
    // (items_expired_low_views, low_views_share).
    std::int64_t low_views_threshold = 100;
};

struct Scenario {
    std::string name = "scenario";
    std::uint64_t seed = 1;
    std::uint64_t world_seed = 1;
    std::int64_t ticks = 365;  // days
    Calendar calendar;
    Population population;
    GraphSpec graph;
    Adoption adoption;
    Creators creators;
    Platform platform;
    Engagement engagement;
    Merchants merchants;
    Commerce commerce;
    Output output;

    // Not keys of the file: where it was read from, and where each key stood in it.
    std::string source_file;
    std::map<std::string, core::SourcePosition> positions;
};

}  // namespace grassroots::scenario
