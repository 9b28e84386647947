#pragma once
// The state of a run as struct-of-arrays with dense ids: users (id = graph vertex),
// creators, live items, follows and last tick's shares. Phases read and write these
// columns; nothing here allocates per agent.
#include <cstdint>
#include <vector>

#include "graph/social_graph.hpp"
#include "scenario/scenario.hpp"

namespace grassroots::model {

using UserId = std::uint32_t;
using CreatorId = std::uint32_t;
using ItemId = std::uint64_t;  // global, never reused; index in the live window = id - first_id

inline constexpr std::int32_t kNotACreator = -1;
inline constexpr ItemId kNoItem = ~ItemId{0};

struct Users {
    std::vector<std::uint8_t> cohort;
    std::vector<std::uint8_t> online;      // 0/1
    std::vector<std::uint16_t> topic;      // the user's main interest
    std::vector<std::int32_t> creator_id;  // kNotACreator for plain users
    std::size_t size() const { return cohort.size(); }
};

struct Creators {
    std::vector<UserId> user;
    std::vector<float> talent;
    std::vector<std::uint16_t> topic;
    std::vector<std::uint32_t> followers;
    std::vector<std::uint64_t> views;
    std::vector<std::uint64_t> likes;
    std::vector<std::uint64_t> items;   // items published so far
    std::vector<ItemId> latest_item;    // kNoItem before the first
    std::size_t size() const { return user.size(); }
};

// Items still in the feed pool, oldest first (they are appended in tick order).
struct Items {
    ItemId first_id = 0;
    std::vector<CreatorId> creator;
    std::vector<std::uint16_t> topic;
    std::vector<float> quality;
    std::vector<std::int32_t> born;
    std::vector<std::uint32_t> views;
    std::vector<std::uint32_t> likes;
    std::size_t size() const { return creator.size(); }
    bool live(ItemId id) const { return id >= first_id && id - first_id < size(); }
};

// Per-user rows in compressed sparse row form: row u is [row_start[u], row_start[u+1]).
template <class T>
struct RowTable {
    std::vector<std::uint64_t> row_start;  // users + 1 entries
    std::vector<T> values;
    std::size_t row_size(UserId u) const { return row_start[u + 1] - row_start[u]; }
    const T* row(UserId u) const { return values.data() + row_start[u]; }
};

struct World {
    graph::SocialGraph graph;
    Users users;
    Creators creators;
    Items items;
    RowTable<CreatorId> follows;  // creators each user follows, ascending
    RowTable<ItemId> shared;      // items each user shared during the previous tick
};

// Builds the initial world from `world_seed`: cohorts (exact shares), online at tick 0,
// interests, creators with talents and topics. The graph is built by the caller.
World build_world(const scenario::Scenario& s, graph::SocialGraph graph);

}  // namespace grassroots::model
