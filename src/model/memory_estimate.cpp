#include "model/memory_estimate.hpp"

#include <algorithm>
#include <cmath>
#include <istream>

#include <fmt/format.h>

#include "core/error.hpp"
#include "graph/adjacency_rows.hpp"
#include "graph/edge_list.hpp"
#include "graph/text_input.hpp"
#include "model/world.hpp"

namespace grassroots::model {
namespace {

using scenario::GraphType;

// Measured: a run of 100 users peaks at 8.4 MB (the binary, its libraries, TBB's threads).
constexpr double kProcess = 9e6;
// Per worker thread: its stack and small buffers, touched pages only.
constexpr double kPerThread = 512.0 * 1024;
// Per worker thread and live item: the feed's view and like counters and seen stamps.
constexpr double kScratchItemBytes = 12;
// view_once, per view of a live item: its 4-byte entry in the viewed table and in the
// successor built each tick (both alive); per view of the day: its 8-byte (user, item)
// pair in an outbox grown by doubling; per user: both tables' row starts (row_starts_bytes)
// and a row length.
constexpr double kRememberedViewBytes = 2 * 4;
constexpr double kOutboxViewBytes = 2 * 8;
constexpr double kViewedUserBytes = 4;

// Bytes per element of the world's columns (world.hpp, tick.hpp).
constexpr double kUserBytes = 12 + 8 + 0.25;     // Users; apply's per-user counts; bitmaps (the row
                                                 // tables' starts: row_starts_bytes)
constexpr double kFollowBytes = 16;              // a value in follows and follows_next, each grown by doubling
constexpr double kShareBytes = 32;               // a value in shared (grown by doubling) and in an outbox
constexpr double kCreatorBytes = 280;            // 22 columns, head-cap and publish buffers, the metrics'
                                                 // per-creator copies, a creators.csv line
constexpr double kItemBytes = 43 * 2 + 28 + 32;  // 12 columns grown by doubling, the interest table, the
                                                 // feed's 16-byte item cards (tick.hpp), grown by doubling
constexpr double kSamplerBytes = 28;             // an item in the popularity or explore alias table
// A merchant: its 11 columns (48 bytes); local services' index by cell (the merchant in
// the static order and in this tick's online list, its cell's key and start: 28 bytes,
// and its cumulative weight with a weighted choice: 8); its mini-program chance (8); its
// merchants.csv line (up to about 48 bytes, in a string grown by doubling: 96).
constexpr double kMerchantBytes = 48 + 28 + 8 + 8 + 96;
// Per region, with merchants: its online users, counted for the mini-program decision (8),
// and its creators' views today, for tourism (8).
constexpr double kMerchantRegionBytes = 16;
// Social commerce: a seller's id and its income (world.hpp), and both in a checkpoint's
// buffer at most; sellers are a share of users drawn at build time.
constexpr double kSellerBytes = 4 + 8;
// Homophily's layout of an attribute along the graph (homophily.cpp), per user, while the
// world is built: the neighbourhood rank (4), each user's place (8), the order sorted by
// place (4) and the categories (4), beside the graph and the users' columns (12).
constexpr double kLayoutUserBytes = 4 + 8 + 4 + 4 + 12;
// The summary's homophily measures (metrics/assortativity.hpp): three doubles per
// category of each attribute (cohorts, regions, topics), made at the end of the run.
constexpr double kMixingCategoryBytes = 3 * 8;
// engagement.seen_filter: per user, two generations of its Bloom filter (seen_filter.hpp).
constexpr double kSeenFilterGenerations = 2;
// Per mini-program chat group (goods, and each local kind): five doubles, made each tick.
constexpr double kChatGroupBytes = 40;
// A timeseries row: its fixed columns, then one column per cohort of at most 1 + digits(users)
// characters; the text is held twice at the end of a run (the run's and the outputs' copy).
constexpr double kTimeseriesRowBytes = 440;
// Views favour good items more than in proportion to quality (the interest source ranks
// by estimated like rate, shares pass on liked items, popularity compounds): on bench/1m
// follows per view were 0.0091, a like rate of at least 0.18 = 0.03 x 6.0, where the
// size-biased mean quality E[q^2] / E[q] is 4.5.
constexpr double kViewedQualityFactor = 1.4;

// libstdc++ grows a vector by doubling from 1: its capacity once it holds `count`.
double doubled_capacity(double count) { return count < 1 ? 0 : std::exp2(std::ceil(std::log2(count))); }

double pairs_among(double n) { return n < 2 ? 0 : n * (n - 1) / 2; }

// What generators.cpp reserves for a Bernoulli edge set: the mean plus six deviations.
double reserved_for(double pairs, double p) {
    const double mean = pairs * p;
    return mean + 6 * std::sqrt(mean) + 16;
}

// The graph's rows (graph/adjacency_rows.hpp): row starts of 4 bytes while the arcs fit in
// 32 bits (8 beyond) and 4 bytes an arc. They are built in place, with no second copy.
double csr_bytes(double n, double arcs) { return graph::AdjacencyRows::offset_bytes(arcs) * (n + 1) + 4 * arcs; }

// Row starts of a per-user table of `values` entries (model/row_table.hpp): the same rule
// as the graph's, 4 bytes while the values fit in 32 bits.
double row_starts_bytes(double n, double values) { return graph::AdjacencyRows::offset_bytes(values) * (n + 1); }

// Expected quality of a viewed item: views go to items in proportion to their quality
// (the interest source's estimated like rate), so the mean is size-biased, E[q^2] / E[q],
// over talent ~ lognormal plus the elites' boost and the item noise.
double viewed_quality(const scenario::Creators& c) {
    const auto moments = [&](double shift, double boost, double& mean, double& square) {
        const double mu = c.talent.mu + shift;
        const double s2 = c.talent.sigma * c.talent.sigma;
        const double t1 = std::exp(mu + s2 / 2);
        const double t2 = std::exp(2 * mu + 2 * s2);
        mean = t1 + boost;
        square = t2 + 2 * boost * t1 + boost * boost + c.quality_noise * c.quality_noise;
    };
    double grassroots_mean = 0, grassroots_square = 0, elite_mean = 0, elite_square = 0;
    moments(0, 0, grassroots_mean, grassroots_square);
    moments(c.elite.talent_shift, c.elite.quality_boost, elite_mean, elite_square);
    const double e = c.elite_share;
    const double mean = (1 - e) * grassroots_mean + e * elite_mean;
    const double square = (1 - e) * grassroots_square + e * elite_square;
    return mean > 0 ? square / mean : 0;
}

struct GraphSize {
    double n = 0;
    double edges = 0;        // stored edges: undirected pairs, or directed arcs
    double build_bytes = 0;  // peak while building
    double bytes = 0;        // once built
};

GraphSize graph_size(const scenario::Scenario& s, int threads, const std::optional<EdgeListShape>& shape) {
    const auto& g = s.graph;
    GraphSize size;
    double n = static_cast<double>(s.population.users);
    double e = 0;
    double generator_bytes = 0;  // the generator's own arrays, alive while the CSR is built
    switch (g.type) {
        case GraphType::barabasi_albert: {
            const double m = static_cast<double>(g.m);
            e = pairs_among(m + 1) + m * std::max(0.0, n - m - 1);
            // Parallel draws keep each non-clique edge's target (4 bytes); sequential draws
            // the edge vector (8 bytes an edge, reserved exactly) and chosen_by.
            generator_bytes =
                g.draws == scenario::AttachmentDraws::parallel ? 4 * m * std::max(0.0, n - m - 1) : 8 * e + 4 * n;
            break;
        }
        case GraphType::erdos_renyi:
            e = n * g.mean_degree / 2;
            generator_bytes = 8 * reserved_for(pairs_among(n), n > 1 ? g.mean_degree / (n - 1) : 0);
            break;
        case GraphType::watts_strogatz: {
            e = n * static_cast<double>(g.k) / 2;
            const double rewired = e * g.beta;
            const double slots = std::max(64.0, doubled_capacity(2 * (rewired + 6 * std::sqrt(rewired))));
            generator_bytes = 8 * e + 8 * slots + 4 * n;  // edges, the rewired set, degrees
            break;
        }
        case GraphType::stochastic_block: {
            const double blocks = static_cast<double>(g.blocks);
            const double block = std::floor(n / blocks);
            const double pairs_in = (blocks - 1) * pairs_among(block) + pairs_among(n - (blocks - 1) * block);
            const double pairs_out = pairs_among(n) - pairs_in;
            e = pairs_in * g.p_in + pairs_out * g.p_out;
            generator_bytes = 8 * (reserved_for(pairs_in, g.p_in) + reserved_for(pairs_out, g.p_out));
            break;
        }
        case GraphType::complete:
            e = pairs_among(n);
            generator_bytes = 8 * e;
            break;
        case GraphType::edgelist: {
            // At most one edge a line and one new node per id; dense ids bound the nodes.
            e = shape ? static_cast<double>(shape->lines) : 0;
            n = shape ? std::min(2 * e, static_cast<double>(shape->max_id) + 1) : 0;
            if (s.population.users > 0) n = std::min(n, static_cast<double>(s.population.users));
            // While the file is read: the id map (graph/id_map.hpp: 16-byte slots, at most
            // three quarters full; while it doubles, the old table and the new one, 64 bytes
            // per id), and the edge vector grown by doubling (at its last growth, the old and
            // the new block). Then, the map freed: the edges sorted through a second copy (8
            // bytes each), shrunk to fit (copied once more), and the CSR built from them.
            const double map = 64 * n;
            const double capacity = doubled_capacity(e);
            const double arcs = e;
            const double csr = g.directed ? 2 * csr_bytes(n, arcs) : csr_bytes(n, 2 * e);
            size.n = n;
            size.edges = e;
            // Blocks of text in flight (graph/edge_list.cpp: two a thread and one more) with
            // their lines' raw ids, 16 bytes an edge; a line longer than a block makes its
            // block grow by doubling (a few MB of gzip can inflate to one line of gigabytes).
            const double text = shape ? static_cast<double>(shape->bytes) : 0;
            const double edges_per_byte = text > 0 ? e / text : 0;
            const double block = std::min(text, static_cast<double>(graph::EdgeListOptions{}.block_bytes));
            const double blocks = (2.0 * threads + 1) * block * (1 + 16 * edges_per_byte);
            const double line = shape ? 2 * static_cast<double>(shape->longest_line) : 0;
            size.build_bytes = std::max({map + 12 * capacity + blocks + line, 8 * (e + capacity), 8 * e + csr});
            size.bytes = g.directed ? 2 * csr_bytes(n, arcs) : csr_bytes(n, 2 * e);
            return size;
        }
    }
    size.n = n;
    size.edges = e;
    size.build_bytes = generator_bytes + csr_bytes(n, 2 * e);
    size.bytes = csr_bytes(n, 2 * e);
    return size;
}

}  // namespace

std::optional<EdgeListShape> scan_edge_list(const std::string& path) {
    EdgeListShape shape;
    bool line_start = true, in_comment = false, counted = false;
    std::uint64_t number = 0;
    bool in_number = false;
    std::uint64_t line_length = 0;
    try {
        graph::TextInput input(path, "graph.path");  // decompresses a gzip file
        std::istream& in = input.stream();
        char buffer[1 << 16];
        // From the buffer itself: a gzip buffer returns the text before an error, short,
        // and throws on the next read, which std::istream::read would not make.
        for (;;) {
            const auto got = static_cast<std::size_t>(in.rdbuf()->sgetn(buffer, sizeof buffer));
            if (got == 0) break;
            shape.bytes += got;
            for (std::size_t i = 0; i < got; ++i) {
                const char c = buffer[i];
                ++line_length;
                if (c == '\n') {
                    shape.longest_line = std::max(shape.longest_line, line_length);
                    line_length = 0;
                    line_start = true;
                    in_comment = counted = in_number = false;
                    continue;
                }
                if (in_comment) continue;
                if (line_start && c == '#') {
                    in_comment = true;
                    continue;
                }
                const bool blank = c == ' ' || c == '\t' || c == '\r';
                if (!blank && line_start) line_start = false;
                if (!blank && !counted) {
                    ++shape.lines;
                    counted = true;
                }
                if (c >= '0' && c <= '9') {
                    // Saturates: an id past 2^64 is the loader's error to report.
                    const std::uint64_t digit = static_cast<std::uint64_t>(c - '0');
                    number = !in_number                                  ? digit
                             : number > (~std::uint64_t{0} - digit) / 10 ? ~std::uint64_t{0}
                                                                         : number * 10 + digit;
                    in_number = true;
                    shape.max_id = std::max(shape.max_id, number);
                } else {
                    in_number = false;
                }
            }
        }
        shape.longest_line = std::max(shape.longest_line, line_length);
    } catch (const core::InputError&) {
        return std::nullopt;  // the loader reports it, with the line where it can
    } catch (const std::ios_base::failure&) {
        return std::nullopt;
    }
    return shape;
}

MemoryEstimate estimate_memory(const scenario::Scenario& s, int threads,
                               const std::optional<EdgeListShape>& edge_list) {
    MemoryEstimate est;
    const GraphSize graph = graph_size(s, threads, edge_list);
    const double n = graph.n;
    const double ticks = static_cast<double>(s.ticks);
    const auto& c = s.creators;

    // Creators: the share at tick 0, plus those who enter at up to rate + peer a day.
    const double initial = std::round(c.share * n);
    const double entry = std::min(1.0, c.entry.rate + c.entry.peer);
    const double creators = initial + (n - initial) * (1 - std::pow(1 - entry, ticks));

    // Views a day: every slot of every user who can be online (a cohort with no adoption
    // keeps its initial share); none without creators.
    double views_per_tick = 0;
    if (creators > 0) {
        const double total_share = [&] {
            double t = 0;
            for (const auto& cohort : s.population.cohorts) t += cohort.share;
            return t > 0 ? t : 1;
        }();
        for (const auto& cohort : s.population.cohorts) {
            const double online = cohort.p == 0 && cohort.q == 0 ? cohort.initially_online : 1.0;
            views_per_tick += n * cohort.share / total_share * online * static_cast<double>(cohort.attention);
        }
    }
    const double like_rate = std::min(1.0, s.engagement.like * kViewedQualityFactor * viewed_quality(c));
    const double elites = std::round(c.elite_share * initial);
    const double seeded = elites * static_cast<double>(c.elite.initial_followers);
    // A follow needs a like of a creator not yet followed: a user's follows are at most its
    // follow-worthy views and at most one per creator. (In the shipped scenarios they level
    // off well below, at 6-39 per user where the views allow 70-84; but the algorithmic
    // sources show only creators a user does not follow yet, so with a high like or follow
    // chance every view can be a new follow, and a cap fitted to the shipped runs let one
    // run use 12 times its estimate.)
    const double candidates = n > 0 ? ticks * views_per_tick / n * like_rate * s.engagement.follow_given_like : 0;
    const double per_user = std::min(creators, candidates);
    const double follows = std::min(n * creators, seeded + n * per_user);
    const double shares_per_tick = views_per_tick * like_rate * s.engagement.share_given_like;

    const double per_creator_items = c.publish_rate * (1 + c.elite_share * (c.elite.rate_multiplier - 1)) +
                                     (s.merchants.count > 0 ? s.commerce.live.session_rate : 0.0);
    const double days_alive = static_cast<double>(std::min(c.item_lifetime, s.ticks) + 1);
    double items = creators * per_creator_items * days_alive;
    if (c.max_items > 0) items = std::min(items, creators * static_cast<double>(c.max_items));
    const double item_bytes = kItemBytes + (s.platform.feed.explore > 0 ? kSamplerBytes : 0);
    const double popular = s.platform.feed.popularity > 0 ? creators * kSamplerBytes : 0;
    const double merchants =
        s.merchants.count > 0
            ? static_cast<double>(s.merchants.count) * kMerchantBytes +
                  (1 + static_cast<double>(s.merchants.local_kinds)) * kChatGroupBytes +
                  static_cast<double>(std::max(s.population.regions, s.graph.blocks)) * kMerchantRegionBytes
            : 0;
    // Sellers grown by push_back (doubling).
    const double sellers = doubled_capacity(n * s.commerce.social.seller_share) * kSellerBytes;
    const double rows = ticks / static_cast<double>(std::max<std::int64_t>(1, s.output.every)) + 2;
    // Per cohort: users online and active (at most n), views and live orders over a row's
    // ticks (at most n x the largest attention x every), and GMV (those orders at a price of
    // at most e^(mu + 4 sigma) currency units, with cents).
    const auto digits = [](double x) { return 1 + std::floor(std::log10(std::max(1.0, x))) + 1; };
    std::int64_t attention = 0;
    for (const auto& cohort : s.population.cohorts) attention = std::max(attention, cohort.attention);
    const double row_views = n * static_cast<double>(attention) * static_cast<double>(s.output.every);
    const double top_price = std::exp(s.merchants.price.mu + 4 * s.merchants.price.sigma);
    const double cohort_bytes = 2 * digits(n) + 2 * digits(row_views) + digits(row_views * top_price) + 3;
    const double row_bytes = kTimeseriesRowBytes + static_cast<double>(s.population.cohorts.size()) * cohort_bytes;
    const double workers = std::max(1, threads);
    const double scratch = workers * (items * kScratchItemBytes + creators / 8);
    // Every view is of an item live that day and is remembered while the item lives; a
    // user remembers each live item at most once.
    const double remembered = std::min(views_per_tick * days_alive, n * items);
    const double view_once = s.engagement.view_once
                                 ? remembered * kRememberedViewBytes + views_per_tick * kOutboxViewBytes +
                                       n * kViewedUserBytes + 2 * row_starts_bytes(n, remembered)
                                 : 0;
    // follows and the next tick's follows; shared.
    const double row_starts = 2 * row_starts_bytes(n, follows) + row_starts_bytes(n, shares_per_tick);

    est.users = n;
    est.edges = graph.edges;
    est.follows = follows;
    est.creators = creators;
    const double fixed = kProcess + kPerThread * workers;
    est.fixed_bytes = kProcess;
    const auto& h = s.population.homophily;
    const bool layout = h.cohort > 0 || h.region > 0 || h.interest > 0;
    est.graph_bytes = std::max(fixed + graph.build_bytes, layout ? fixed + graph.bytes + n * kLayoutUserBytes : 0.0);
    est.run_bytes = fixed + graph.bytes + n * kUserBytes + row_starts + follows * kFollowBytes +
                    shares_per_tick * kShareBytes + creators * kCreatorBytes + items * item_bytes + popular +
                    merchants + sellers + rows * row_bytes + scratch + view_once +
                    kSeenFilterGenerations * 8.0 * seen_filter_shape_for(s).words * n +
                    kMixingCategoryBytes * (static_cast<double>(s.population.cohorts.size()) +
                                            static_cast<double>(std::max(s.population.regions, s.graph.blocks)) +
                                            static_cast<double>(s.creators.topics));
    return est;
}

std::string describe(const MemoryEstimate& e) {
    return fmt::format("{:.0f} users, {:.3g} edges, up to {:.3g} creators and {:.3g} follows", e.users, e.edges,
                       e.creators, e.follows);
}

}  // namespace grassroots::model
