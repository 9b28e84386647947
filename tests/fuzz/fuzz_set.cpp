// Fuzz target: `--set KEY=VALUE` overrides. Each input line is one override, applied to a
// fixed scenario (with lists, nested sections and scalars to walk into) and then read by
// parse_scenario exactly as `grassroots run FILE --set ...` does. An InputError is the
// expected answer; any other exception, a crash, a sanitizer report or a hang is a bug.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "scenario/load.hpp"

namespace {

// tests/inputs/good/small.yaml with a few more sections, so overrides meet every kind of
// node: mappings, lists of mappings, lists of numbers, scalars.
constexpr const char* kBase = R"(name: small
seed: 1
world_seed: 1
ticks: 40
population:
  users: 3000
  cohorts:
    - {name: young, share: 0.6, p: 0.03, q: 0.4, initially_online: 0.5, attention: 20}
    - {name: old, share: 0.4, p: 0.01, q: 0.3, initially_online: 0.1, attention: 10}
graph:
  type: barabasi_albert
  m: 3
creators:
  share: 0.05
platform:
  feed:
    pool_sizes: [100, 1000, 10000]
output:
  every: 1
)";

// At most this many overrides per input: more only makes each run slower, not deeper.
constexpr std::size_t kMaxOverrides = 32;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    std::vector<std::string> overrides;
    std::size_t start = 0;
    while (start <= input.size() && overrides.size() < kMaxOverrides) {
        const std::size_t end = std::min(input.find('\n', start), input.size());
        overrides.emplace_back(input.substr(start, end - start));
        start = end + 1;
    }
    try {
        grassroots::scenario::parse_scenario(kBase, "fuzz.yaml", "/nonexistent-grassroots-fuzz", overrides);
    } catch (const grassroots::core::InputError&) {
    }
    return 0;
}
