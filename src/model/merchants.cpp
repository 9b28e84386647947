// Phase 6, commerce off the feed. Mini programs: an offline merchant goes online with
// daily probability (base + peer * s + economic) * v / (v + cost), s the online share of
// its chat group (same category and kind) and v what the program is worth to it over
// payback_days at its margin: base and peer make a merchant consider the program (on its
// own, or hearing of it from peers), economic is the pull of a program that pays, and
// every route ends in the same test, so that nobody buys a program worth far less than
// it costs and everybody considers one worth far more. For a local merchant v is the
// orders going online brings: its expected share of its cell's needs (need_rate x the
// online users of its region / kinds, split by the choice weights of the cell's online
// merchants and its own), less the orders it meets offline while its cell has nobody
// online (offline_rate, split among the cell's merchants), times price. For a goods
// merchant v is what an online goods merchant has earned per day online; before any has
// been online a day there is no estimate, and base and peer act alone (as before).
// (Visitors' needs, commerce.local.tourism_rate, are left out of the value: a merchant
// judges by its residents' demand.)
// Aggregator (merchants.aggregator): a merchant of a kind the aggregator covers joins it
// instead of building its own program, at join_share of the cost, for the value less the
// builder's fee, with peer x (its kind's share of members) added to the chance.
// Local services: each online user has needs at need_rate a day, each of a random kind;
// an online merchant of that kind in the user's region takes the order ("find a nearby
// master"), chosen in proportion to its weight (local_cells.hpp), else the need is met
// offline at offline_rate or lost.
#include <algorithm>
#include <atomic>
#include <cmath>

#include "core/parallel.hpp"
#include "model/local_cells.hpp"
#include "model/streams.hpp"
#include "model/tick.hpp"

namespace grassroots::model {
namespace {

// Chat groups: goods merchants form one group, local merchants one per kind.
std::size_t group_of(const Merchants& m, MerchantId id) {
    return m.category[id] == MerchantCategory::goods ? 0 : 1 + m.kind[id];
}

// The daily adoption chance for a program worth `value` (currency units over payback
// days) and costing `cost` to a merchant whose chat group has `peer_share` online;
// `extra` is added to the ways of hearing of it (the aggregator's members).
double adoption_chance(const scenario::MiniProgram& program, double peer_share, double value, double cost,
                       double extra = 0.0) {
    const double pays = cost <= 0.0 ? 1.0 : value / (value + cost);
    return (program.base + program.peer * peer_share + program.economic + extra) * pays;
}

// The aggregator as of the start of the mini-program phase: its builder (kNoMerchant if
// none), its members per chat group, and the kinds it covers: first_kind and the next
// covered - 1 kinds, one more every expand_members members.
struct AggregatorView {
    MerchantId builder = kNoMerchant;
    std::size_t first_kind = 0, covered = 0, kinds = 1;
    std::vector<double> members;  // per chat group

    bool covers(std::size_t kind) const {
        return builder != kNoMerchant && (kind + kinds - first_kind) % kinds < covered;
    }
};

AggregatorView aggregator_of(const scenario::Scenario& s, const Merchants& m) {
    AggregatorView a;
    a.kinds = static_cast<std::size_t>(s.merchants.local_kinds);
    a.members.assign(1 + a.kinds, 0.0);
    if (s.merchants.aggregator.kind < 0) return a;
    double members = 0.0;
    for (MerchantId id = 0; id < m.size(); ++id) {
        if (m.joined_via[id] < 0) continue;
        if (static_cast<MerchantId>(m.joined_via[id]) == id) {
            a.builder = id;
        } else {
            members += 1.0;
            a.members[group_of(m, id)] += 1.0;
        }
    }
    a.first_kind = static_cast<std::size_t>(s.merchants.aggregator.kind);
    const auto every = static_cast<double>(s.merchants.aggregator.expand_members);
    const double more = every > 0.0 ? std::floor(members / every) : 0.0;
    a.covered = static_cast<std::size_t>(std::min(static_cast<double>(a.kinds), 1.0 + more));
    return a;
}

// Fills chance[id] for every offline local merchant (see the top of the file), from the
// cells indexed by index_online_cells.
void local_chances(TickContext& ctx, const std::vector<double>& peer_share, const std::vector<double>& group_size,
                   const AggregatorView& aggregator, std::vector<double>& chance) {
    const World& w = ctx.world;
    const Merchants& m = w.merchants;
    const auto& s = ctx.scenario;
    const auto kinds = static_cast<std::size_t>(s.merchants.local_kinds);
    const Buffers& b = ctx.buffers;
    const bool weighted = weighted_choice(s);
    // Online users per region: the users whose needs the local-services phase draws.
    auto& users = ctx.buffers.region_users;
    users.assign(w.regions, 0);
    for (std::size_t u = 0; u < w.users.size(); ++u) users[w.users.region[u]] += w.users.online[u];
    const double over_payback = s.merchants.margin * static_cast<double>(s.merchants.mini_program.payback_days) / 100.0;

    const auto& order = b.local_by_cell;
    for (std::size_t first = 0; first < order.size();) {
        const std::uint64_t cell = cell_of(m, order[first], kinds);
        std::size_t last = first;
        while (last < order.size() && cell_of(m, order[last], kinds) == cell) ++last;
        const double merchants = static_cast<double>(last - first);
        const double needs = s.commerce.local.need_rate * static_cast<double>(users[m.region[order[first]]]) /
                             static_cast<double>(kinds);
        // The cell's online merchants: their count, total weight and mean price.
        const std::size_t at = find_cell(b, cell);
        double online = 0.0, total = 0.0, mean_price = 0.0;
        if (at < b.cell_keys.size()) {
            const std::size_t begin = b.cell_start[at], end = b.cell_start[at + 1];
            online = static_cast<double>(end - begin);
            total = weighted ? b.cell_weight[end - 1] : online;
            for (std::size_t i = begin; i < end; ++i) mean_price += static_cast<double>(m.price[b.cell_merchants[i]]);
            mean_price /= online;
        }
        for (std::size_t i = first; i < last; ++i) {
            const MerchantId id = order[i];
            if (m.online[id]) continue;
            const double own = weighted ? choice_weight(s, m.orders[id], m.price[id],
                                                        online > 0.0 ? mean_price : static_cast<double>(m.price[id]))
                                        : 1.0;
            const double share = own / (total + own);
            const double offline = online > 0.0 ? 0.0 : s.commerce.local.offline_rate / merchants;
            const double gained = std::max(0.0, needs * (share - offline));
            const double value = gained * static_cast<double>(m.price[id]) * over_payback;
            const std::size_t g = group_of(m, id);
            const auto& program = s.merchants.mini_program;
            if (aggregator.covers(m.kind[id])) {
                const auto& a = s.merchants.aggregator;
                chance[id] = adoption_chance(program, peer_share[g], value * (1.0 - a.fee), a.join_share * program.cost,
                                             a.peer * aggregator.members[g] / group_size[g]);
            } else {
                chance[id] = adoption_chance(program, peer_share[g], value, program.cost);
            }
        }
        first = last;
    }
}

}  // namespace

void run_mini_programs(TickContext& ctx) {
    Merchants& m = ctx.world.merchants;
    const auto& spec = ctx.scenario.merchants;
    const auto& program = spec.mini_program;
    const std::size_t groups = 1 + static_cast<std::size_t>(spec.local_kinds);

    // Per group, as of the start of the phase: members, online members, and the daily
    // revenue of an online member (revenue over days online, in currency units).
    std::vector<double> members(groups, 0.0), online(groups, 0.0), revenue(groups, 0.0), days(groups, 0.0);
    for (MerchantId id = 0; id < m.size(); ++id) {
        const std::size_t g = group_of(m, id);
        members[g] += 1.0;
        if (!m.online[id]) continue;
        online[g] += 1.0;
        revenue[g] += static_cast<double>(m.revenue[id]) / 100.0;
        days[g] += static_cast<double>(ctx.tick - m.online_tick[id]);
    }
    std::vector<double> peer_share(groups, 0.0);
    for (std::size_t g = 0; g < groups; ++g) peer_share[g] = members[g] > 0.0 ? online[g] / members[g] : 0.0;

    const AggregatorView aggregator = aggregator_of(ctx.scenario, m);
    auto& chance = ctx.buffers.adopt_chance;
    chance.assign(m.size(), 0.0);
    // Goods merchants: the group's earnings so far, when there are any to go by.
    const double goods_chance =
        days[0] > 0.0 ? adoption_chance(program, peer_share[0],
                                        spec.margin * revenue[0] / days[0] * static_cast<double>(program.payback_days),
                                        program.cost)
                      : program.base + program.peer * peer_share[0];
    for (MerchantId id = 0; id < m.size(); ++id) {
        if (m.category[id] == MerchantCategory::goods) chance[id] = goods_chance;
    }
    if (m.size() > 0 && ctx.scenario.commerce.local.need_rate > 0.0) {
        index_online_cells(ctx);
        local_chances(ctx, peer_share, members, aggregator, chance);
    }

    std::atomic<std::uint64_t> adopted{0};
    core::for_each_block(m.size(), [&](std::size_t, std::size_t begin, std::size_t end) {
        std::uint64_t local = 0;
        for (std::size_t id = begin; id < end; ++id) {
            if (m.online[id]) continue;
            core::RandomStream rng(ctx.scenario.seed, static_cast<std::uint32_t>(ctx.tick), stream::kMiniProgram, id);
            if (rng.bernoulli(chance[id])) {
                m.online[id] = 1;
                m.online_tick[id] = ctx.tick;
                if (m.category[id] == MerchantCategory::local && aggregator.covers(m.kind[id])) {
                    m.joined_via[id] = static_cast<std::int32_t>(aggregator.builder);
                }
                ++local;
            }
        }
        adopted.fetch_add(local, std::memory_order_relaxed);
    });
    ctx.flows.merchants_adopted += adopted.load();
}

namespace {

// What a block of needs came to: orders met online (and their revenue), met offline, lost.
struct NeedTally {
    std::uint64_t met = 0, lost = 0, offline = 0, overflows = 0;
    Cents revenue = 0;
    Cents fees = 0;  // of revenue, paid to the aggregator's builder
    void count(bool fits) { overflows += fits ? 0 : 1; }
};

// One need of `cell`: an online merchant of the cell takes it (orders and revenue are
// atomic: several blocks run at once), else it is met offline at offline_rate or lost.
// Returns whether a merchant took it.
bool serve_need(TickContext& ctx, bool weighted, std::uint64_t cell, core::RandomStream& rng, NeedTally& tally) {
    Merchants& m = ctx.world.merchants;
    const Buffers& cells = ctx.buffers;
    const std::size_t at = find_cell(cells, cell);
    if (at == cells.cell_keys.size()) {
        // No draw at offline_rate 0: the stream stays as it was before the key.
        const double offline_rate = ctx.scenario.commerce.local.offline_rate;
        if (offline_rate > 0.0 && rng.bernoulli(offline_rate)) {
            ++tally.offline;
        } else {
            ++tally.lost;
        }
        return false;
    }
    const MerchantId id = choose_merchant(cells, at, weighted, rng);
    std::atomic_ref<std::uint64_t>(m.orders[id]).fetch_add(1, std::memory_order_relaxed);
    const Cents price = m.price[id];
    const std::int32_t via = m.joined_via[id];
    if (via >= 0 && static_cast<MerchantId>(via) != id) {
        // A member's order: the builder's fee (rounded to the cent, at most the price) goes
        // to the builder, the rest to the member; the user pays the price either way.
        const Cents fee = std::min(price, static_cast<Cents>(std::llround(static_cast<double>(price) *
                                                                          ctx.scenario.merchants.aggregator.fee)));
        tally.count(add_cents_atomic(m.revenue[id], price - fee));
        tally.count(add_cents_atomic(m.revenue[static_cast<MerchantId>(via)], fee));
        tally.count(add_cents(tally.fees, fee));
    } else {
        tally.count(add_cents_atomic(m.revenue[id], price));
    }
    tally.count(add_cents(tally.revenue, price));
    ++tally.met;
    return true;
}

// Tourism (commerce.local.tourism_rate): views of a creator draw visitors to the region
// its user lives in. Region r gets tourism_rate x (today's views of its creators) extra
// needs (count_with_mean: the exact mean, as users' needs), of random kinds, met like
// residents' needs. Serial: a region's draws come from its own stream, in region order.
void serve_tourists(TickContext& ctx, bool weighted, NeedTally& tally) {
    const World& w = ctx.world;
    const Creators& c = w.creators;
    const auto kinds = static_cast<std::size_t>(ctx.scenario.merchants.local_kinds);
    auto& views = ctx.buffers.region_views;
    views.assign(w.regions, 0);
    // Creators' views minus those at the start of the day (set by the feed phase): today's.
    for (CreatorId id = 0; id < c.size(); ++id)
        views[w.users.region[c.user[id]]] += c.views[id] - c.views_at_tick_start[id];
    const double rate = ctx.scenario.commerce.local.tourism_rate;
    for (std::uint32_t r = 0; r < w.regions; ++r) {
        if (views[r] == 0) continue;
        core::RandomStream rng(ctx.scenario.seed, static_cast<std::uint32_t>(ctx.tick), stream::kTourism, r);
        const std::uint32_t needs = rng.count_with_mean(rate * static_cast<double>(views[r]));
        for (std::uint32_t k = 0; k < needs; ++k) {
            const std::uint64_t cell = std::uint64_t{r} * kinds + rng.below(kinds);
            ctx.flows.local_orders_tourism += serve_need(ctx, weighted, cell, rng, tally) ? 1 : 0;
        }
        ctx.flows.tourism_needs += needs;
    }
}

}  // namespace

void run_local_services(TickContext& ctx) {
    World& w = ctx.world;
    const auto kinds = static_cast<std::size_t>(ctx.scenario.merchants.local_kinds);
    const double need_rate = ctx.scenario.commerce.local.need_rate;
    const double tourism_rate = ctx.scenario.commerce.local.tourism_rate;
    if (need_rate <= 0.0 && tourism_rate <= 0.0) return;

    // Online local merchants by cell, with their weights as of the start of the phase.
    index_online_cells(ctx);
    const bool weighted = weighted_choice(ctx.scenario);

    std::atomic<std::uint64_t> met{0}, lost{0}, offline{0}, overflows{0};
    Cents revenue = 0, fees = 0;
    core::for_each_block(w.users.size(), [&](std::size_t, std::size_t begin, std::size_t end) {
        NeedTally block;
        for (std::size_t u = begin; u < end; ++u) {
            if (!w.users.online[u]) continue;
            core::RandomStream rng(ctx.scenario.seed, static_cast<std::uint32_t>(ctx.tick), stream::kLocalNeeds, u);
            const std::uint32_t needs = rng.count_with_mean(need_rate);
            for (std::uint32_t k = 0; k < needs; ++k) {
                const std::uint64_t cell = std::uint64_t{w.users.region[u]} * kinds + rng.below(kinds);
                serve_need(ctx, weighted, cell, rng, block);
            }
        }
        block.count(add_cents_atomic(revenue, block.revenue));
        block.count(add_cents_atomic(fees, block.fees));
        met.fetch_add(block.met, std::memory_order_relaxed);
        lost.fetch_add(block.lost, std::memory_order_relaxed);
        offline.fetch_add(block.offline, std::memory_order_relaxed);
        overflows.fetch_add(block.overflows, std::memory_order_relaxed);
    });
    NeedTally tourists;
    if (tourism_rate > 0.0) serve_tourists(ctx, weighted, tourists);
    ctx.flows.local_orders += met.load() + tourists.met;
    ctx.flows.local_orders_lost += lost.load() + tourists.lost;
    ctx.flows.local_orders_offline += offline.load() + tourists.offline;
    ctx.flows.money_overflows += overflows.load() + tourists.overflows;
    ctx.flows.count_overflow(add_cents(ctx.flows.local_revenue, revenue));
    ctx.flows.count_overflow(add_cents(ctx.flows.local_revenue, tourists.revenue));
    ctx.flows.count_overflow(add_cents(ctx.flows.aggregator_fees, fees));
    ctx.flows.count_overflow(add_cents(ctx.flows.aggregator_fees, tourists.fees));
}

}  // namespace grassroots::model
