// Row starts of the per-user tables: 32-bit while the values fit, 64-bit beyond, the same
// starts either way.
#include <cstdint>
#include <limits>

#include <catch2/catch.hpp>

#include "model/row_table.hpp"

using grassroots::model::RowStarts;
using grassroots::model::RowTable;

TEST_CASE("row starts are 32-bit up to 2^32 - 1 values and 64-bit beyond", "[row_table]") {
    constexpr std::uint64_t kMax32 = std::numeric_limits<std::uint32_t>::max();
    RowStarts starts;
    // Three rows that just fit: the last start is exactly 2^32 - 1.
    const std::uint64_t fit[] = {kMax32 - 10, 7, 3};
    starts.layout(3, [&](std::size_t u) { return fit[u]; });
    CHECK_FALSE(starts.wide());
    CHECK(starts.size() == 4);
    CHECK(starts[3] == kMax32);
    CHECK(starts.bytes() == 4 * 4);
    // One more value: every start is kept exact in 64 bits (no start wraps around).
    const std::uint64_t over[] = {kMax32 - 10, 8, 3};
    starts.layout(3, [&](std::size_t u) { return over[u]; });
    CHECK(starts.wide());
    CHECK(starts.narrow_column().empty());
    CHECK(starts[1] == kMax32 - 10);
    CHECK(starts[2] == kMax32 - 2);
    CHECK(starts[3] == kMax32 + 1);
    CHECK(starts.bytes() == 4 * 8);
    // And back to 32 bits when the table shrinks (the next tick's layout).
    starts.layout(2, [](std::size_t u) { return std::uint64_t{u + 1}; });
    CHECK_FALSE(starts.wide());
    CHECK(starts.wide_column().empty());
    CHECK(starts[2] == 3);
}

TEST_CASE("a row table's rows are read through either width", "[row_table]") {
    RowTable<std::uint32_t> t;
    t.values = {5, 6, 7, 8, 9};
    const std::uint64_t sizes[] = {2, 0, 3};
    t.row_start.layout(3, [&](std::size_t u) { return sizes[u]; });
    CHECK(t.row_size(0) == 2);
    CHECK(t.row_size(1) == 0);
    CHECK(t.row_size(2) == 3);
    CHECK(*t.row(2) == 7);
    RowStarts empty;
    empty.layout_empty(4);
    CHECK(empty.size() == 5);
    CHECK(empty[4] == 0);
}
