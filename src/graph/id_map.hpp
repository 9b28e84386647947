#pragma once
// Sparse node ids (any 64-bit number) to dense ones (0, 1, 2, ... in order of first
// appearance): an open-addressing table with linear probing, 16 bytes a slot, at most
// three quarters full. It replaces a std::unordered_map (a 32-byte node per id plus its
// bucket), whose every lookup chased a pointer into memory the size of the map: an edge
// list of tens of millions of ids spends most of its loading time here.
#include <cstddef>
#include <cstdint>

#include "graph/social_graph.hpp"

namespace grassroots::graph::detail {

class IdMap {
public:
    // At most `max_ids` distinct ids (find_or_add reports the one too many).
    explicit IdMap(std::uint64_t max_ids);
    ~IdMap();
    IdMap(const IdMap&) = delete;
    IdMap& operator=(const IdMap&) = delete;

    // The dense id of `id` (a new one if it was not seen before). False, and nothing added,
    // when `id` is new and the map already holds max_ids ids.
    bool find_or_add(std::uint64_t id, VertexId& dense) {
        std::size_t i = home(id);
        for (;;) {
            Slot& slot = slots_[i];
            if (slot.dense_plus_one == 0) break;
            if (slot.id == id) {
                dense = slot.dense_plus_one - 1;
                return true;
            }
            i = (i + 1) & mask_;
        }
        if (size_ == max_ids_) return false;
        if (4 * (size_ + 1) > 3 * (mask_ + 1)) {
            grow();
            return find_or_add(id, dense);
        }
        dense = static_cast<VertexId>(size_);
        ++size_;
        slots_[i] = Slot{id, dense + 1};
        return true;
    }

    // A hint that `id` is looked up soon: its slot is fetched into the cache meanwhile, so
    // that lookups of a batch of ids overlap their waits for memory.
    void prefetch(std::uint64_t id) const { __builtin_prefetch(&slots_[home(id)]); }

    std::uint64_t size() const { return size_; }

private:
    struct Slot {
        std::uint64_t id;
        VertexId dense_plus_one;  // 0: empty, so that zeroed memory is an empty table
    };

    // Fibonacci hashing (Knuth, TAOCP vol. 3, 6.4): the top bits of id times 2^64 / phi,
    // after folding the high half in so that ids differing only there still spread.
    std::size_t home(std::uint64_t id) const {
        return static_cast<std::size_t>(((id ^ (id >> 32)) * 0x9e3779b97f4a7c15ULL) >> shift_);
    }

    void grow();
    static Slot* allocate(std::size_t slots);

    Slot* slots_ = nullptr;
    std::size_t mask_ = 0;  // slots - 1 (a power of two)
    int shift_ = 0;         // 64 - log2(slots)
    std::uint64_t size_ = 0;
    std::uint64_t max_ids_ = 0;
};

}  // namespace grassroots::graph::detail
