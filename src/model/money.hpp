#pragma once
// Money is counted exactly, in integer cents (Cents, 64 bits): sums are exact and do not
// depend on the order of additions. Every addition is checked: past 2^63 - 1 cents (9.2e16
// currency units) a sum would wrap to nonsense, and a run must stop rather than report it.
// Amounts are never negative, so if the final sum fits, no partial sum overflowed; each
// adder reports whether its own addition did, and the tick fails when one did.
#include <atomic>
#include <stdexcept>

#include "model/world.hpp"

namespace grassroots::model {

// The price of one order is at most this (a billion currency units): prices are drawn from
// a lognormal whose tail the scenario's ranges allow far beyond any real order.
inline constexpr Cents kMaxPriceCents = 100'000'000'000;

// total += amount; false when the sum passed the largest Cents (total is then wrapped).
[[nodiscard]] inline bool add_cents(Cents& total, Cents amount) {
    return !__builtin_add_overflow(total, amount, &total);
}

// The same on a value other threads add to at the same time.
[[nodiscard]] inline bool add_cents_atomic(Cents& target, Cents amount) {
    const Cents before = std::atomic_ref<Cents>(target).fetch_add(amount, std::memory_order_relaxed);
    Cents after = 0;
    return !__builtin_add_overflow(before, amount, &after);
}

// Thrown at the end of a tick in which a sum of money overflowed (exit 1; nothing written).
class MoneyOverflow : public std::overflow_error {
public:
    explicit MoneyOverflow(std::int32_t tick)
        : std::overflow_error("tick " + std::to_string(tick) +
                              ": a sum of money passed 9.2e16 currency units, the most grassroots counts "
                              "exactly in cents; lower merchants.price.mu or sigma, or shorten the run") {}
};

}  // namespace grassroots::model
