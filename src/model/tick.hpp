#pragma once
// What the phases of one tick share: the scenario, the world, the tick number, the flows
// counted so far this tick, and reusable buffers (outboxes, recommendation tables) that
// keep their capacity across ticks so the tick loop does not allocate in steady state.
#include <cstdint>
#include <utility>
#include <vector>

#include "model/world.hpp"
#include "scenario/scenario.hpp"

namespace grassroots::model {

// Events during a tick (or, summed, since the last output row).
struct Flows {
    std::uint64_t items = 0;
    std::uint64_t views = 0;
    std::uint64_t likes = 0;
    std::uint64_t shares = 0;
    std::uint64_t follows = 0;
    std::uint64_t adoptions = 0;

    Flows& operator+=(const Flows& o) {
        items += o.items;
        views += o.views;
        likes += o.likes;
        shares += o.shares;
        follows += o.follows;
        adoptions += o.adoptions;
        return *this;
    }
};

// Writes one block of users makes during the feed phase, applied after it in block order.
struct FeedOutbox {
    std::vector<std::pair<UserId, CreatorId>> follows;
    std::vector<std::pair<UserId, ItemId>> shares;
    Flows flows;
};

// Live items grouped by topic, with an alias table per topic for drawing an item in
// proportion to its estimated quality; rebuilt once per tick after publishing.
struct InterestTables {
    std::vector<std::uint64_t> topic_start;  // topics + 1
    std::vector<std::uint32_t> item_index;   // indices into the live window, grouped by topic
    std::vector<double> weight;              // estimated quality, same order
    std::vector<float> probability;          // alias table, slots relative to the topic start
    std::vector<std::uint32_t> alias;
    std::vector<std::uint32_t> small, large;  // scratch for building
};

struct Buffers {
    std::vector<std::uint8_t> online_next;
    std::vector<std::uint32_t> publish_counts;
    std::vector<std::uint64_t> publish_offsets;
    std::vector<FeedOutbox> outboxes;
    InterestTables interest;
    RowTable<CreatorId> follows_next;
};

struct TickContext {
    const scenario::Scenario& scenario;
    World& world;
    std::int32_t tick;
    Flows& flows;
    Buffers& buffers;
};

// The phases, in the order simulation.cpp runs them.
void run_adoption(TickContext& ctx);
void run_publish(TickContext& ctx);
void run_feed(TickContext& ctx);
void apply_feed_outboxes(TickContext& ctx);

}  // namespace grassroots::model
