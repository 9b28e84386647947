#include "graph/id_map.hpp"

#include <cstdlib>
#include <new>

namespace grassroots::graph::detail {

namespace {
constexpr int kInitialBits = 10;
}  // namespace

IdMap::IdMap(std::uint64_t max_ids)
    : slots_(allocate(std::size_t{1} << kInitialBits)),
      mask_((std::size_t{1} << kInitialBits) - 1),
      shift_(64 - kInitialBits),
      max_ids_(max_ids) {}

IdMap::~IdMap() { std::free(slots_); }

// calloc: a large table comes zeroed from the kernel, so only the pages that slots land on
// are ever touched. (Asking for 2 MiB pages made no difference measurable on a 1 GB edge
// list on a shared machine.)
IdMap::Slot* IdMap::allocate(std::size_t slots) {
    void* memory = std::calloc(slots, sizeof(Slot));
    if (memory == nullptr) throw std::bad_alloc();
    return static_cast<Slot*>(memory);
}

// Doubles the table. The home slot is the hash's top bits, so a slot's entries move to
// twice its index or one more: walking the old table in order writes the new one almost
// in order too, which keeps the rehash of a table far larger than the cache cheap.
void IdMap::grow() {
    const std::size_t old_slots = mask_ + 1;
    Slot* const old = slots_;
    slots_ = allocate(2 * old_slots);
    mask_ = 2 * old_slots - 1;
    --shift_;
    for (std::size_t k = 0; k < old_slots; ++k) {
        if (old[k].dense_plus_one == 0) continue;
        std::size_t i = home(old[k].id);
        while (slots_[i].dense_plus_one != 0) i = (i + 1) & mask_;
        slots_[i] = old[k];
    }
    std::free(old);
}

}  // namespace grassroots::graph::detail
